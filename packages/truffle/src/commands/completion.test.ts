import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTruffle, tempHome } from '../__tests__/_run-truffle.ts';

/** What `truffle completion bash` makes bash offer for `line`, the cursor at its end. */
async function complete(line: string): Promise<string[]> {
  const home = tempHome();
  const r = await runTruffle(['completion', 'bash'], { home });
  expect(r.code, r.stderr).toBe(0);
  const file = join(home, 'truffle.bash');
  writeFileSync(file, r.stdout);
  const words = line.split(' ');
  const program = `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_truffle_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('truffle completion', () => {
  it('bash: commands, choices, catalog regions and instance types, from the table and the catalog', async () => {
    expect(await complete('truffle se')).toEqual(['search']);
    expect(await complete('truffle search --sort ')).toEqual([
      'price',
      'vcpus',
      'memory',
      'name',
      'interruption',
    ]);
    expect(await complete('truffle quotas --family ')).toContain('trn');
    expect(await complete('truffle search m7i.l')).toContain('m7i.large');
    expect(await complete('truffle --region eu-central-1 spot g6e.x')).toContain('g6e.xlarge');
    expect(await complete('truffle search --region ap-southeast-')).toContain('ap-southeast-2');
    expect(await complete('truffle capacity --instance-types p5.48xlarge,p4d')).toContain(
      'p5.48xlarge,p4d.24xlarge',
    );
    expect(await complete('truffle co')).toEqual(['completion']);
  });

  it('an unknown shell is a usage error naming the shells', async () => {
    const r = await runTruffle(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bash, zsh, fish, powershell');
  });
});
