import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';

async function script(shell: string): Promise<{ code: number; text: string }> {
  const home = mkdtempSync(join(tmpdir(), 'spawn-completion-'));
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await main(['completion', shell], {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    env: { HOME: home, NO_COLOR: '1' },
    platform: 'linux',
    homedir: home,
    cwd: home,
    now: () => new Date(),
  });
  return { code, text: Buffer.concat(chunks).toString('utf8') };
}

async function complete(line: string): Promise<string[]> {
  const { code, text } = await script('bash');
  expect(code).toBe(0);
  const file = join(mkdtempSync(join(tmpdir(), 'spawn-completion-')), 'spawn.bash');
  writeFileSync(file, text);
  const words = line.split(' ');
  const program = `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_spawn_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('spawn completion', () => {
  it('bash: commands and aliases, the default command’s options, enum values, catalog types', async () => {
    expect(await complete('spawn con')).toEqual(['connect']);
    expect(await complete('spawn s')).toEqual(expect.arrayContaining(['ssh', 'status', 'stop', 'start']));
    expect(await complete('spawn --instance-type m7i.l')).toEqual(['m7i.large']);
    expect(await complete('spawn --on-idle ')).toEqual(['stop', 'hibernate', 'terminate']);
    expect(await complete('spawn --wait n')).toEqual(['none']);
    expect(await complete('spawn list --region us-ea')).toEqual(
      expect.arrayContaining(['us-east-1', 'us-east-2']),
    );
    expect(await complete('spawn stop --no-w')).toEqual(['--no-wait']);
  });

  it('every shell gets a script', async () => {
    for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
      const { code, text } = await script(shell);
      expect(code).toBe(0);
      expect(text).toContain('spawn');
    }
  });
});
