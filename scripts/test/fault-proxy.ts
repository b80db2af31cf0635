// Moved to @truffle-spawn/test-utils; packages/core/src/launch/** still imports it from here.
export * from '../../packages/test-utils/src/fault-proxy.ts';
