/** The one list of test projects. vitest 5 no longer reads workspace files; vitest.config.ts imports this. */
export const projects = ['packages/core', 'packages/truffle', 'packages/spawn', 'packages/spawnd', 'scripts'];
