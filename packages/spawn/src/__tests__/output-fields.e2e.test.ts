import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createInstance, runSpawnBin, tempHome } from './_lifecycle-fixtures.ts';

// Issue 17, "Output for scripts": spawn list against moto in yaml, text and with --fields.
const moto = useMoto();

describe('spawn list --output yaml|text and --fields, end to end (moto)', { timeout: 120_000 }, () => {
  it('yaml, text and --fields show the same instances', async () => {
    await using home = await tempHome();
    const a = await createInstance({ name: 'alpha' });
    const b = await createInstance({ name: 'beta' });
    const list = (args: string[]) => runSpawnBin(moto, home.dir, ['list', ...args]);

    const yaml = await list(['-o', 'yaml']);
    expect(yaml.code, yaml.stderr).toBe(0);
    const fromYaml = parse(yaml.stdout) as { type: string; name: string; instanceId: string }[];
    expect(fromYaml.map((r) => [r.type, r.name, r.instanceId]).sort()).toEqual([
      ['instance', 'alpha', a],
      ['instance', 'beta', b],
    ]);

    const text = await list(['-o', 'text', '--fields', 'name,instanceId,state']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.trimEnd().split('\n').sort()).toEqual([`alpha\t${a}\trunning`, `beta\t${b}\trunning`]);

    const table = await list(['-o', 'table', '--fields', 'instanceId,name']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^instanceId\s+name$/);
    expect(table.stdout).toMatch(new RegExp(`${a}\\s+alpha\\n`));

    const csv = await list(['-o', 'csv', '--fields', 'name,region']);
    expect(csv.stdout.trimEnd().split('\n').sort()).toEqual([
      'alpha,us-east-1',
      'beta,us-east-1',
      'name,region',
    ]);
  });

  it('a field of another record type is refused, naming the fields of instance records', async () => {
    await using home = await tempHome();
    await createInstance({ name: 'gamma' });
    const r = await runSpawnBin(moto, home.dir, ['list', '-o', 'text', '--fields', 'name,vcpus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown field "vcpus"');
    expect(r.stderr).toContain('Valid fields of instance records: v, type, name, instanceId');
  });
});
