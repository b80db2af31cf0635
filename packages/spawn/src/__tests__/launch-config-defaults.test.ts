import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { runSpawn, tempHome } from './_launch-test-io.ts';

useMoto();

const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test';

/** A temp HOME whose XDG config dir holds `config.toml` with `toml`. */
function homeWithConfig(toml: string): { home: string; file: string; env: Record<string, string> } {
  const home = tempHome();
  const dir = join(home, 'xdg', 'truffle-spawn');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'config.toml');
  writeFileSync(file, toml);
  // The key the config names (`~/.ssh/work`): a PEM private key and its .pub line are enough.
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(home, '.ssh', 'work'), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  writeFileSync(join(home, '.ssh', 'work.pub'), `${PUBLIC_KEY}\n`);
  return { home, file, env: { XDG_CONFIG_HOME: join(home, 'xdg') } };
}

const CONFIG = [
  'ttl = "3h"',
  'idle-timeout = "20m"',
  'ssh-cidr = "198.51.100.0/24"',
  'key = "~/.ssh/work"',
  '',
  '[tags]',
  'team = "ml"',
  '',
].join('\n');

describe('spawn launch defaults from the config file (in-process, moto, dry run)', () => {
  it('fills ttl, idle-timeout and ssh-cidr the flags did not give, and --debug says from where', async () => {
    const { home, file, env } = homeWithConfig(CONFIG);
    const run = await runSpawn(['--instance-type', 't3.micro', '--dry-run', '--debug'], { home, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('terminates after 3h');
    expect(run.stderr).toContain('stop after 20m idle');
    expect(run.stderr).toContain(`[config] ttl: 3h from ${file}`);
    expect(run.stderr).toContain(`[config] ssh-cidr: 198.51.100.0/24 from ${file}`);
    expect(run.stderr).toContain(`[config] tags {"team":"ml"} from ${file}`);
    // The file's ~/ is the home directory (no shell expands it): a key left unexpanded fails the run.
    expect(run.stderr).toContain(`[config] key: ${join(home, '.ssh', 'work')} from ${file}`);
  });

  it('lets a flag win over the file', async () => {
    const { home, file, env } = homeWithConfig(CONFIG);
    const run = await runSpawn(['--instance-type', 't3.micro', '--dry-run', '--debug', '--ttl', '1h'], {
      home,
      env,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('terminates after 1h');
    expect(run.stderr).toContain(`[config] ttl: --ttl wins over ${file}`);
  });

  it("puts the file's tags in the plan with the flags' tags, and a flag's key wins", async () => {
    const { home, env } = homeWithConfig(`${CONFIG}project = "alpha"\n`);
    const run = await runSpawn(
      ['--instance-type', 't3.micro', '--dry-run', '--tag', 'team=cv', '--tag', 'cost=42'],
      { home, env },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Tags       project=alpha, team=cv, cost=42 (on everything created)');
  });

  it("checks the file's tags by the --tag rules (a spawn: key is refused)", async () => {
    const { home, env } = homeWithConfig('ssh-cidr = "198.51.100.7/32"\n[tags]\n"spawn:x" = "1"\n');
    const run = await runSpawn(['--instance-type', 't3.micro', '--dry-run'], { home, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('spawn:x');
  });

  it('ttl = "off" in the file means no TTL, as --no-ttl does', async () => {
    const { home, env } = homeWithConfig('ttl = "off"\nssh-cidr = "198.51.100.7/32"\n');
    const run = await runSpawn(['--instance-type', 't3.micro', '--dry-run'], { home, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('NO TTL');
  });

  it('a bad value stops the launch before any AWS call, naming the file and key', async () => {
    const { home, file, env } = homeWithConfig('idle-timeout = "soon"\n');
    const run = await runSpawn(['--instance-type', 't3.micro', '--dry-run', '--debug'], { home, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Invalid value in ${file}: idle-timeout: Invalid idle-timeout "soon".`);
    expect(run.stderr).not.toContain('[aws] ec2.');
  });
});
