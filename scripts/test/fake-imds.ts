// Moved to @truffle-spawn/test-utils; scripts/bench/_spawnd-target.ts still imports it from here.
export * from '../../packages/test-utils/src/fake-imds.ts';
