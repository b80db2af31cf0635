import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Fault, faults } from '@truffle-spawn/test-utils/fault-proxy';
import type { MotoContext } from '@truffle-spawn/test-utils/moto';
import {
  type CallSite,
  figures,
  judge,
  LAUNCH_ARGS,
  ROLLBACK_DELETES,
  recordCallSites,
  ruleFor,
  siteName,
  type Verdict,
  withProxy,
} from './_fault-harness.ts';
import { runSpawn } from './_launch-test-io.ts';

/** The fault kinds; a 403 is spelled the way each service spells it. */
export const FAULT_KINDS: Record<string, (site: CallSite) => Fault> = {
  'HTTP 500': () => faults.serverError(),
  'HTTP 403': (site) => (site.service === 'ec2' ? faults.unauthorized() : faults.accessDenied()),
  throttled: () => faults.throttling(),
  'connection closed': () => faults.close(),
  hang: () => faults.hang(),
};

/**
 * `SPAWN_FAULT_MATRIX=full`: every kind at every call site, alone and with failing rollback
 * deletes. Default (the suite, a few minutes): every call site once, the kinds taking turns, and
 * every other site from the first create on also with failing rollback deletes.
 */
export const FULL_MATRIX = process.env.SPAWN_FAULT_MATRIX === 'full';

const CREATES = /^(Create|Import|Run|Put|Add|Attach|Associate|Authorize|Modify)/;

/** Runs the matrix for one account shape (`prepare` makes it, after each moto reset). */
export async function runFaultMatrix(
  moto: MotoContext,
  prepare: () => Promise<unknown>,
  label: string,
): Promise<{ verdict: Verdict; deletesFail: boolean }[]> {
  await moto.reset();
  await prepare();
  const sites = await recordCallSites(moto, [...LAUNCH_ARGS, '--wait', 'running']);
  const firstCreate = sites.findIndex((s) => CREATES.test(s.action));
  const runInstancesAt = sites.findIndex((s) => s.action === 'RunInstances');
  const kinds = Object.keys(FAULT_KINDS);
  const cases: { site: CallSite; kind: string; failDelete: boolean }[] = [];
  sites.forEach((site, i) => {
    const mine = FULL_MATRIX ? kinds : [kinds[i % kinds.length] ?? 'HTTP 500'];
    for (const kind of mine) {
      cases.push({ site, kind, failDelete: false });
      // The suite combines every other create-phase site with failing deletes (full: all of them).
      if (firstCreate >= 0 && i >= firstCreate && (FULL_MATRIX || (i - firstCreate) % 2 === 0))
        cases.push({ site, kind, failDelete: true });
    }
  });
  const rows: { verdict: Verdict; deletesFail: boolean }[] = [];
  for (const c of cases) {
    await moto.reset();
    await prepare();
    const rules = [ruleFor(c.site, FAULT_KINDS[c.kind]?.(c.site) ?? faults.serverError())];
    if (c.failDelete) {
      for (const action of ROLLBACK_DELETES) rules.push({ match: { action }, fault: faults.serverError() });
    }
    let sentRunInstances = false;
    const run = await withProxy(moto, rules, async (proxy) => {
      const result = await runSpawn([...LAUNCH_ARGS, '--wait', 'running', '-o', 'ndjson']);
      sentRunInstances = proxy.requests.some((r) => r.action === 'RunInstances');
      return result;
    });
    const verdict = await judge(
      run,
      siteName(c.site),
      `${c.kind}${c.failDelete ? ' + failing rollback deletes' : ''}`,
    );
    // Item 2: a failure before RunInstances (a lookup or a preparation step) means it is never sent.
    verdict.runInstancesAfterFailure =
      run.code !== 0 && sites.indexOf(c.site) < runInstancesAt && sentRunInstances;
    rows.push({ verdict, deletesFail: c.failDelete });
  }
  const dir = join(tmpdir(), 'spawn-fault-matrix');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${label}.md`), figures(`${label}: ${sites.length} call sites`, rows));
  writeFileSync(join(dir, `${label}.json`), JSON.stringify(rows, null, 1));
  return rows;
}
