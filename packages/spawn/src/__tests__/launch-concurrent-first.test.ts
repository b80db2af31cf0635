import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import {
  documentedExitCodes,
  duplicateSharedResources,
  instanceProblems,
  LAUNCH_ARGS,
  STACK,
  sharedProblems,
} from './_fault-harness.ts';
import { deleteDefaultVpc } from './_inventory.ts';
import { runSpawn, tempHome } from './_launch-test-io.ts';

/**
 * Issue 12, races: five first launches at once in a fresh account (no spawnd role, no key pair,
 * and without a default VPC no spawn network either), sharing one HOME (one ~/.ssh key, one key
 * pair name) or each with its own. All must succeed, and every instance that printed ✔ must have
 * a usable role (profile holding the role, with its policy) and a route out. In-process runs
 * (one Node process, five launch contexts) keep it fast; SPAWN_CONCURRENT_REPS sets the
 * repetitions (the suite runs 2; the acceptance asks for 10).
 */
const moto = useMoto();
const REPS = Number(process.env.SPAWN_CONCURRENT_REPS ?? 2);
const LAUNCHES = 5;

interface Figures {
  config: string;
  launches: number;
  succeeded: number;
  failed: string[];
  unusable: string[];
  /** Spare shared resources a race left (not a failure of the acceptance; reported). */
  duplicates: string[];
}
const results: Figures[] = [];

const CONFIGS = [
  { defaultVpc: true, sharedHome: false },
  { defaultVpc: true, sharedHome: true },
  { defaultVpc: false, sharedHome: false },
  { defaultVpc: false, sharedHome: true },
];

describe('five concurrent first launches (moto)', () => {
  for (const { defaultVpc, sharedHome } of CONFIGS) {
    const config = `${defaultVpc ? 'default VPC' : 'no default VPC'}, ${sharedHome ? 'shared' : 'separate'} HOME`;
    it(`${config}: all succeed, each ✔ instance has a usable role and route (${REPS} reps)`, async () => {
      const figures: Figures = {
        config,
        launches: 0,
        succeeded: 0,
        failed: [],
        unusable: [],
        duplicates: [],
      };
      results.push(figures);
      for (let rep = 0; rep < REPS; rep++) {
        await moto.reset();
        if (!defaultVpc) await deleteDefaultVpc();
        const home = tempHome();
        const runs = await Promise.all(
          Array.from({ length: LAUNCHES }, (_, i) =>
            // moto answers five concurrent DescribeInstanceTypes slowly on a loaded machine: a long
            // request timeout keeps that from passing for a race.
            runSpawn(
              [
                ...LAUNCH_ARGS,
                '--wait',
                'running',
                '--timeout',
                '120',
                '--name',
                `race-${rep}-${i}`,
                '-o',
                'ndjson',
              ],
              {
                home: sharedHome ? home : undefined,
              },
            ),
          ),
        );
        figures.launches += runs.length;
        for (const run of runs) {
          expect(run.stderr).not.toMatch(STACK);
          expect(documentedExitCodes().has(run.code)).toBe(true);
          const id = run.records.find((r) => r.type === 'launched')?.instanceId;
          if (run.code !== 0 || typeof id !== 'string') {
            figures.failed.push(
              `rep ${rep}: exit ${run.code} ${run.stderr.match(/^Error: .*$/m)?.[0] ?? ''}`,
            );
            continue;
          }
          figures.succeeded++;
          expect(run.stderr).toContain(`✔ Launched ${id}`);
          const problems = await instanceProblems(id);
          figures.unusable.push(...problems.map((p) => `rep ${rep}: ${p}`));
        }
        figures.unusable.push(...(await sharedProblems()).map((p) => `rep ${rep} shared: ${p}`));
        figures.duplicates.push(...(await duplicateSharedResources()).map((p) => `rep ${rep}: ${p}`));
      }
      writeFigures();
      expect(figures.failed).toEqual([]);
      expect(figures.unusable).toEqual([]);
    }, 600_000);
  }
});

function writeFigures(): void {
  const dir = join(tmpdir(), 'spawn-fault-matrix');
  mkdirSync(dir, { recursive: true });
  const lines = [
    `### Five concurrent first launches, ${REPS} repetitions per configuration`,
    '',
    '| configuration | launches | succeeded | failed | ✔ without a usable role/route | spare shared resources left |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (f) =>
        `| ${f.config} | ${f.launches} | ${f.succeeded} | ${f.failed.length} | ${f.unusable.length} | ${f.duplicates.length} |`,
    ),
    '',
    ...results.flatMap((f) =>
      [...f.failed, ...f.unusable, ...f.duplicates].map((x) => `- ${f.config}: ${x}`),
    ),
  ];
  writeFileSync(join(dir, 'concurrent.md'), `${lines.join('\n')}\n`);
}
