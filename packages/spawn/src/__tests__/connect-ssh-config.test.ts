import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOrCreateSshKey } from '@truffle-spawn/core/launch';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { inventory, tagMap } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';
import { describeInstance, runSpawnBin } from './_lifecycle-fixtures.ts';
import { sshCidrsOf } from './_ssh-groups.ts';
import { sshStandIn } from './_ssh-stand-in.ts';

const moto = useMoto();

/** A real key pair at HOME/k/myrsa (made elsewhere, so ~/.ssh has no default key to fall back on). */
async function keyOutsideSsh(home: string): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'spawn-keygen-'));
  await findOrCreateSshKey({ homedir: scratch, platform: 'linux' });
  await mkdir(join(home, 'k'), { recursive: true });
  const path = join(home, 'k', 'myrsa');
  await rename(join(scratch, '.ssh', 'id_ed25519'), path);
  await rename(join(scratch, '.ssh', 'id_ed25519.pub'), `${path}.pub`);
  await rm(scratch, { recursive: true, force: true });
  return path;
}

/** A local stand-in for checkip.amazonaws.com answering `ip`. */
async function serveCheckIp(ip: string): Promise<{ url: string; [Symbol.asyncDispose](): Promise<void> }> {
  const server = createServer((_req, res) => res.end(`${ip}\n`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    [Symbol.asyncDispose]: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const launchArgs = (name: string, extra: string[] = []) => [
  '--instance-type',
  't3.micro',
  '--ttl',
  '1h',
  '--yes',
  '--ssh-cidr',
  '203.0.113.7/32',
  '--wait',
  'running',
  '--name',
  name,
  ...extra,
];

describe('launch → ssh NAME and connect with the launch key (moto)', { timeout: 180_000 }, () => {
  it('launch --key ~/k/myrsa: config.d/spawn entry, Include + backup, key index; connect uses that key; start refreshes; terminate removes', async () => {
    const home = await mkdtemp(join(tmpdir(), 'spawn-sshcfg-'));
    const env = { XDG_CACHE_HOME: join(home, '.cache') };
    const key = await keyOutsideSsh(home);
    await mkdir(join(home, '.ssh'), { recursive: true });
    const userConfig = 'Host github.com\n  User git\n';
    await writeFile(join(home, '.ssh', 'config'), userConfig);

    const launched = await runSpawn(launchArgs('cfg-box', ['--key', key]), { home, env });
    expect(launched.code, launched.stderr).toBe(0);
    const instance = (await inventory()).instances.find((i) => tagMap(i.Tags).Name === 'cfg-box');
    const id = instance?.InstanceId as string;
    const ip = instance?.PublicIpAddress as string;
    expect(launched.stderr).toContain('`ssh cfg-box` works too');
    expect(launched.stderr).toContain(
      '  ssh        `ssh cfg-box` via ~/.ssh/config.d/spawn (--no-ssh-config',
    );

    const config = await readFile(join(home, '.ssh', 'config'), 'utf8');
    expect(config.split('\n').filter((l) => !l.startsWith('#'))[0]).toBe('Include config.d/spawn');
    expect(await readFile(join(home, '.ssh', 'config.spawn-backup'), 'utf8')).toBe(userConfig);
    const spawnFile = join(home, '.ssh', 'config.d', 'spawn');
    expect(await readFile(spawnFile, 'utf8')).toContain(
      `# ${id} us-east-1\nHost cfg-box\n  HostName ${ip}\n  User ec2-user\n  IdentityFile "${key}"\n`,
    );
    const index = JSON.parse(await readFile(join(home, '.cache', 'truffle-spawn', 'ssh-keys.json'), 'utf8'));
    expect(index.keys[instance?.KeyName as string]).toMatchObject({ privatePath: key });

    // connect through the built binary and a fake ssh: the launch key, not a default one.
    // The caller moved since launch (a local stand-in answers as checkip.amazonaws.com would).
    await using checkip = await serveCheckIp('198.51.100.99');
    const ssh = await sshStandIn(home);
    const connect = await runSpawnBin(moto, home, ['connect', 'cfg-box', '--', 'nvidia-smi'], {
      PATH: ssh.path,
      SPAWN_CHECKIP_URL: checkip.url,
    });
    expect(connect.code, connect.stderr).toBe(0);
    expect(connect.stderr).toContain(
      "Your public address is now 198.51.100.99/32, but cfg-box's SSH rule admits only 203.0.113.7/32",
    );
    expect(connect.stderr).toContain('spawn allow-ip cfg-box --region us-east-1');
    expect(await ssh.args()).toEqual([
      '-i',
      key,
      '-o',
      'StrictHostKeyChecking=accept-new',
      '--',
      `ec2-user@${(await describeInstance(id)).PublicDnsName}`,
      'nvidia-smi',
    ]);

    const groupId = instance?.SecurityGroups?.[0]?.GroupId as string;
    const allowed = await runSpawnBin(moto, home, ['allow-ip', 'cfg-box'], {
      SPAWN_CHECKIP_URL: checkip.url,
    });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(await sshCidrsOf(groupId)).toEqual(['198.51.100.99/32']);

    // The key file is gone: connect names the key it needs and runs nothing.
    await rename(key, `${key}.moved`);
    await rm(ssh.argsFile, { force: true });
    const missing = await runSpawnBin(moto, home, ['connect', 'cfg-box'], { PATH: ssh.path });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`key pair ${instance?.KeyName} (fingerprint SHA256:`);
    expect(missing.stderr).toContain(`its private key was ${key}, which no longer exists`);
    expect(missing.stderr).toContain('spawn connect cfg-box --key PATH');
    await expect(ssh.args()).rejects.toThrow();
    await rename(`${key}.moved`, key);

    // start: the entry follows the new address (made stale here: moto may reuse the IP).
    await writeFile(spawnFile, (await readFile(spawnFile, 'utf8')).replace(ip, '192.0.2.1'));
    expect((await runSpawn(['stop', 'cfg-box'], { home, env })).code).toBe(0);
    const started = await runSpawn(['start', 'cfg-box'], { home, env });
    expect(started.code, started.stderr).toBe(0);
    const newIp = (await describeInstance(id)).PublicIpAddress as string;
    expect(await readFile(spawnFile, 'utf8')).toContain(`Host cfg-box\n  HostName ${newIp}\n`);
    expect(started.stderr).toContain(`\`ssh cfg-box\` now points at ${newIp}`);

    const ended = await runSpawn(['terminate', 'cfg-box', '--yes'], { home, env });
    expect(ended.code, ended.stderr).toBe(0);
    expect(await readFile(spawnFile, 'utf8')).not.toContain('cfg-box');
    expect(ended.stderr).toContain('Removed `ssh cfg-box`');
    // The user's own config keeps the Include (other entries may come) and its content.
    expect(await readFile(join(home, '.ssh', 'config'), 'utf8')).toContain(userConfig);
    await rm(home, { recursive: true, force: true });
  });

  it('--no-ssh-config leaves ~/.ssh/config and config.d alone (the key index is still written)', async () => {
    const home = await mkdtemp(join(tmpdir(), 'spawn-sshcfg-'));
    const env = { XDG_CACHE_HOME: join(home, '.cache') };
    const run = await runSpawn(launchArgs('quiet-box', ['--no-ssh-config']), { home, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('.ssh/config.d');
    await expect(readFile(join(home, '.ssh', 'config'), 'utf8')).rejects.toThrow();
    await expect(readFile(join(home, '.ssh', 'config.d', 'spawn'), 'utf8')).rejects.toThrow();
    expect(await readFile(join(home, '.cache', 'truffle-spawn', 'ssh-keys.json'), 'utf8')).toContain(
      join(home, '.ssh', 'id_ed25519'),
    );
    await rm(home, { recursive: true, force: true });
  });
});
