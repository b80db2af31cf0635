import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { DescribeInstanceAttributeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { launchTestInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, describe, expect, it } from 'vitest';
import { inventory, tagMap } from './_inventory.ts';
import { runSpawn, tempHome } from './_launch-test-io.ts';

// --sync, --env, a script, and `spawn logs`, in process against moto. No sshd can be started
// here, so `ssh` is a FAKE on PATH: it records its argv and runs the remote command locally
// (sh -c), with the instance's /var/lib/spawn-job mapped to a temp dir and ~ to the temp HOME.
// SPAWN_SSH_PROBE points the launch's SSH wait at a local listener (moto has no host).
useMoto();
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function sshProbe(): Promise<string> {
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.end('SSH-2.0-stand-in\r\n');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function fakeSsh(home: string) {
  const bin = join(home, 'fake-bin');
  const jobDir = join(home, 'instance-var-lib-spawn-job');
  const log = join(home, 'ssh-argv.log');
  await mkdir(bin, { recursive: true });
  await mkdir(jobDir, { recursive: true });
  await writeFile(
    join(bin, 'ssh'),
    `#!/bin/sh
printf '%s\\n' "ssh $*" >> "${log}"
for a; do cmd="$a"; done
cmd=$(printf '%s' "$cmd" | sed "s#/var/lib/spawn-job#${jobDir}#g")
exec sh -c "$cmd"
`,
  );
  await chmod(join(bin, 'ssh'), 0o755);
  const argv = async () => (existsSync(log) ? (await readFile(log, 'utf8')).trim().split('\n') : []);
  // HOME too: the remote ~/work must be the temp home's, never the real one.
  return { env: { PATH: `${bin}:${process.env.PATH}`, HOME: home }, jobDir, argv };
}

const base = ['--instance-type', 't3.micro', '--ttl', '1h', '--yes', '--ssh-cidr', '203.0.113.7/32'];

describe('spawn run --sync / --env / a script (fake ssh)', () => {
  it('uploads the directory (minus excludes), the script (executable) and the env, then marks ready', {
    timeout: 60_000,
  }, async () => {
    const home = tempHome();
    const ssh = await fakeSsh(home);
    // user-data's part, done by hand: the job is installed (what the uploads wait for).
    await writeFile(join(ssh.jobDir, 'command'), "exec './job.sh'\n");
    await mkdir(join(home, 'project/sub/.git'), { recursive: true });
    await writeFile(join(home, 'project/a.txt'), 'A');
    await writeFile(join(home, 'project/sub/b.txt'), 'B'.repeat(5000));
    await writeFile(join(home, 'project/sub/.git/config'), 'secret remote');
    await writeFile(join(home, 'job.sh'), '#!/bin/sh\necho hi\n');
    const secret = "s3cr'et $(reboot) `id`";
    const run = await runSpawn(
      [
        'run',
        ...base,
        '--name',
        'sync-box',
        '--sync',
        './project',
        '--exclude',
        '.git',
        '--env',
        'MY_TOKEN',
        '--',
        './job.sh',
        'arg 1',
      ],
      {
        home,
        env: { ...ssh.env, MY_TOKEN: secret, SPAWN_SSH_PROBE: await sshProbe(), SPAWN_SSH_TIMEOUT: '20s' },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const work = join(home, 'work');
    expect(await readFile(join(work, 'a.txt'), 'utf8')).toBe('A');
    expect(await readFile(join(work, 'sub/b.txt'), 'utf8')).toBe('B'.repeat(5000));
    expect(existsSync(join(work, 'sub/.git'))).toBe(false);
    expect(statSync(join(work, 'job.sh')).mode & 0o111).not.toBe(0);
    expect(await readFile(join(ssh.jobDir, 'env.sh'), 'utf8')).toBe(
      `MY_TOKEN='s3cr'\\''et $(reboot) \`id\`'\n`,
    );
    expect(statSync(join(ssh.jobDir, 'env.sh')).mode & 0o077).toBe(0);
    expect(existsSync(join(ssh.jobDir, 'ready'))).toBe(true);
    expect(run.stderr).toMatch(/Uploaded: {2}\d+\.\d KiB to ~\/work in \d+\.\d s/);
    expect(run.stderr).toContain('Env:       MY_TOKEN sent over SSH');
    // Three ssh sessions, env first and ready last, each with the launch key and the instance.
    const calls = await ssh.argv();
    expect(calls).toHaveLength(3);
    for (const c of calls)
      expect(c).toMatch(
        /^ssh -i \S+ -o StrictHostKeyChecking=accept-new -o BatchMode=yes -- ec2-user@\d+\.\d+\.\d+\.\d+ /,
      );
    expect(calls[0]).toContain('env.sh');
    expect(calls[2]).toContain('/ready');
    // The secret is nowhere in EC2: not in user-data, not in a tag. The job waits for the upload.
    const [instance] = (await inventory()).instances;
    const attr = await new EC2Client({ region: 'us-east-1' }).send(
      new DescribeInstanceAttributeCommand({ InstanceId: instance?.InstanceId, Attribute: 'userData' }),
    );
    const userData = Buffer.from(attr.UserData?.Value ?? '', 'base64').toString('utf8');
    expect(userData).not.toContain('s3cr');
    expect(userData).toContain("exec './job.sh' 'arg 1'\n");
    expect(userData).toContain('SPAWN_JOB_AWAIT_UPLOAD=1');
    for (const v of Object.values(tagMap(instance?.Tags))) expect(v).not.toContain('s3cr');
  });

  it.each([
    ['--env KEY=VALUE', ['--env', 'MY_TOKEN=hunter2', '--', 'true'], /give only the name/],
    [
      '--env of an unset variable',
      ['--env', 'NOT_SET_ANYWHERE', '--', 'true'],
      /not set in your environment/,
    ],
    [
      '--sync of a missing directory',
      ['--sync', './nope', '--', 'true'],
      /--sync \.\/nope: no such directory/,
    ],
    ['a missing script file', ['--', './missing.sh'], /The script \.\/missing\.sh does not exist/],
    ['--exclude without --sync', ['--exclude', '.git', '--', 'true'], /--exclude filters --sync/],
    ['--sync with --wait none', ['--sync', '.', '--wait', 'none', '--', 'true'], /--wait none skips/],
  ])('%s: a clean usage error, nothing created', async (_, extra, message) => {
    const run = await runSpawn(['run', ...base, ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('hunter2');
    expect((await inventory()).instances).toEqual([]);
  });
});

describe('spawn logs (fake ssh serving the log from a temp dir)', () => {
  const logsBox = async (home: string, job = 'running') => {
    const ssh = await fakeSsh(home);
    await writeFile(join(ssh.jobDir, 'output.log'), 'epoch 1\nepoch 2\n');
    await launchTestInstance(new EC2Client({ region: 'us-east-1' }), {
      Name: 'log-box',
      'spawn:managed': 'true',
      'spawn:job': job,
      'spawn:user': 'ec2-user',
    });
    return ssh;
  };

  it('prints the log on stdout', async () => {
    const home = tempHome();
    const ssh = await logsBox(home);
    const run = await runSpawn(['logs', 'log-box'], { home, env: ssh.env, rawStdout: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('epoch 1\nepoch 2\n');
    const [call] = await ssh.argv();
    expect(call).toMatch(/-o BatchMode=yes -- ec2-user@\S+ cat \/var\/lib\/spawn-job\/output\.log$/);
  });

  it('-f follows from the start and ends when the job ends; --json adds the job record', {
    timeout: 30_000,
  }, async () => {
    const home = tempHome();
    const ssh = await logsBox(home);
    const running = runSpawn(['logs', 'log-box', '-f', '--output', 'ndjson'], { home, env: ssh.env });
    await new Promise((r) => setTimeout(r, 1500));
    await writeFile(join(ssh.jobDir, 'output.log'), 'epoch 1\nepoch 2\nepoch 3\n');
    await writeFile(join(ssh.jobDir, 'exit'), '0\n');
    const run = await running;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('epoch 3');
    expect(run.records).toEqual([
      expect.objectContaining({ type: 'job', name: 'log-box', state: 'running' }),
    ]);
  });

  it('an instance without a job: a clear error, no ssh', async () => {
    const home = tempHome();
    const ssh = await fakeSsh(home);
    await launchTestInstance(new EC2Client({ region: 'us-east-1' }), {
      Name: 'plain',
      'spawn:managed': 'true',
    });
    const run = await runSpawn(['logs', 'plain'], { home, env: ssh.env });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('has no job');
    expect(await ssh.argv()).toEqual([]);
  });
});
