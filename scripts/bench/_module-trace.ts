import { run } from './_run.ts';

// An ESM load hook (off-thread, so it reports through the raw debug channel) plus NODE_DEBUG=module
// for CommonJS files, which the ESM hook never sees once a CJS package requires its own files.
const HOOK = `export async function load(u,c,n){process._rawDebug("ESMLOAD "+u);return n(u,c)}`;
const REGISTER = `import{register}from"node:module";register(${JSON.stringify(`data:text/javascript,${HOOK}`)})`;

/** Packages that must not load before a command needs them (issue 7: "nothing heavy"). */
export const HEAVY = /^(@aws-sdk\/|@smithy\/|zod$|@inquirer\/|listr2$|ora$|fuse\.js$)/;

/** Files a command loads, by npm package (`ours` for the workspace's dist files). */
export async function loadedPackages(
  bin: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<Map<string, number>> {
  const r = await run('node', ['--import', `data:text/javascript,${REGISTER}`, bin, ...args], {
    env: { ...env, NODE_DEBUG: 'module' },
  });
  const files = new Set<string>();
  for (const { line } of r.stderrLines) {
    const esm = /^ESMLOAD file:\/\/(\S+)/.exec(line);
    const cjs = /^MODULE \d+: load "([^"]+)"/.exec(line);
    const file = esm?.[1] ?? cjs?.[1];
    if (file) files.add(file);
  }
  const byPackage = new Map<string, number>();
  for (const file of files) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file)?.[1] ?? 'ours';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1);
  }
  return byPackage;
}
