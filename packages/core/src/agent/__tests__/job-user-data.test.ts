import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFakeImds } from '@truffle-spawn/test-utils/fake-imds';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { type JobUnitOptions, jobUnitScript } from '../job-unit.ts';
import { buildUserData } from '../user-data.ts';

// The generated user-data run for real by sh as root would, in a sandbox (SPAWND_INSTALL_ROOT):
// curl, uname, systemctl, chown and systemd-run are fakes on PATH appending their argv to one log
// (the spawnd download fails, so the log shows the job was installed before spawnd). Then the
// runner it installed is run for real, as systemd would start it, with the unit's environment.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'job-user-data-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fakeTools(o: { chownFails?: boolean; imds?: string } = {}) {
  const bin = join(dir, 'bin');
  const log = join(dir, 'calls.log');
  await mkdir(bin, { recursive: true });
  const tools: Record<string, string> = {
    uname: 'echo x86_64',
    systemctl: `echo "systemctl $*" >> "${log}"`,
    'systemd-run': `echo "systemd-run $*" >> "${log}"`,
    chown: `echo "chown $*" >> "${log}"; ${o.chownFails ? 'exit 1' : 'exit 0'}`,
    curl: `echo "curl $*" >> "${log}"
case "$*" in
  ${o.imds ? `*${o.imds}/*) exec /usr/bin/curl "$@" ;;` : ''}
  */latest/api/token*) echo token ;;
  */ami-launch-index*) echo 2 ;;
  */placement/region*) echo eu-west-1 ;;
  *) exit 22 ;;
esac`,
  };
  for (const [name, body] of Object.entries(tools)) {
    await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  }
  const calls = async () => (existsSync(log) ? (await readFile(log, 'utf8')).trim().split('\n') : []);
  return { bin, calls };
}

const job = (o: Partial<JobUnitOptions> = {}): JobUnitOptions => ({
  command: ['sh', '-c', 'echo "index $SPAWN_INDEX of $SPAWN_COUNT in $(pwd)"; echo oops >&2; exit 3'],
  user: 'ec2-user',
  count: 1,
  indexOffset: 0,
  awaitUpload: false,
  ...o,
});

function runUserData(script: string, bin: string) {
  const root = join(dir, 'root');
  const home = join(dir, 'home');
  const r = spawnSync('sh', ['-c', script], {
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      SPAWND_INSTALL_ROOT: root,
      SPAWN_JOB_HOME: home,
      AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://imds.test',
    },
  });
  return { ...r, root, home, jobDir: join(root, 'var/lib/spawn-job') };
}

/** The runner started as systemd would: the unit's Environment= line and the user's HOME. */
async function startUnit(root: string, home: string, extra: Record<string, string> = {}) {
  const unit = await readFile(join(root, 'etc/systemd/system/spawn-job.service'), 'utf8');
  const envLine = /^Environment=(.*)$/m.exec(unit)?.[1] ?? '';
  const env = Object.fromEntries(envLine.split(' ').map((kv) => kv.split('=') as [string, string]));
  env.SPAWN_JOB_DIR = join(root, 'var/lib/spawn-job');
  return spawnSync(join(root, 'usr/local/lib/spawn-job/run'), {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home, ...env, ...extra },
  });
}

const userData = (j: JobUnitOptions) =>
  buildUserData({ bucketPrefix: 'spawnd-releases', homeRegion: 'us-east-1', version: '0.1.0', job: j });

describe('user-data installs spawn-job.service', () => {
  it('before spawnd (whose download fails here), as the login user, and starts it', async () => {
    const { bin, calls } = await fakeTools();
    const r = runUserData(userData(job()), bin);
    expect(r.status).toBe(1); // spawnd's download failed...
    const log = await calls();
    const start = log.indexOf('systemctl start --no-block spawn-job');
    expect(start).toBeGreaterThanOrEqual(0); // ...the job was installed and started before it
    expect(start).toBeLessThan(log.findIndex((l) => l.includes('spawnd-')));
    expect(log.some((l) => l.includes('ami-launch-index'))).toBe(false); // count 1: index 0
    const unit = await readFile(join(r.root, 'etc/systemd/system/spawn-job.service'), 'utf8');
    expect(unit).toContain('User=ec2-user\n');
    expect(unit).toContain(
      'Environment=SPAWN_INDEX=0 SPAWN_COUNT=1 SPAWN_JOB_DIR=/var/lib/spawn-job SPAWN_JOB_AWAIT_UPLOAD=0\n',
    );
    expect(unit).toContain('ExecStart=/usr/local/lib/spawn-job/run\n');
    expect(unit).not.toContain('[Install]'); // never re-run at a later boot
    expect(log).toContain(`chown ec2-user: ${r.jobDir} ${r.jobDir}/output.log ${r.home}/work`);
  });

  it('the installed runner: ~/work, SPAWN_INDEX/COUNT, output in the log, exit code and times recorded; never twice', async () => {
    const { bin } = await fakeTools();
    const r = runUserData(userData(job({ count: 4, indexOffset: 1 })), bin);
    const first = await startUnit(r.root, r.home);
    expect(first.status).toBe(3);
    // tee's stdout is the journal
    expect(first.stdout).toContain(`index 3 of 4 in ${r.home}/work`);
    const output = await readFile(join(r.jobDir, 'output.log'), 'utf8');
    expect(output).toContain(`index 3 of 4 in ${r.home}/work\n`);
    expect(output).toContain('oops\n');
    expect(await readFile(join(r.jobDir, 'exit'), 'utf8')).toBe('3\n');
    for (const f of ['started-at', 'ended-at'])
      expect(await readFile(join(r.jobDir, f), 'utf8')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
    const again = await startUnit(r.root, r.home);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('already ran (exit 3)');
    expect(await readFile(join(r.jobDir, 'output.log'), 'utf8')).toBe(output);
  });

  it('every argument arrives verbatim: quotes, $(), backticks, newlines, the heredoc delimiter', async () => {
    const { bin } = await fakeTools();
    const args = [
      "it's",
      '$(touch PWNED)',
      '`touch PWNED2`',
      'a\nSPAWN_JOB_COMMAND\nb',
      '"; touch PWNED3 #',
      '\\',
      '',
    ];
    const r = runUserData(userData(job({ command: ['printf', '[%s]', ...args] })), bin);
    const run = await startUnit(r.root, r.home);
    expect(run.status).toBe(0);
    expect(await readFile(join(r.jobDir, 'output.log'), 'utf8')).toBe(args.map((a) => `[${a}]`).join(''));
    for (const where of [dir, r.home, join(r.home, 'work'), process.cwd()])
      for (const f of ['PWNED', 'PWNED2', 'PWNED3']) expect(existsSync(join(where, f))).toBe(false);
  });

  it('awaiting an upload: queued until spawn writes ready (and env.sh, sourced), else 125', async () => {
    const { bin } = await fakeTools();
    const r = runUserData(
      userData(job({ awaitUpload: true, command: ['sh', '-c', 'echo "token=$API_TOKEN"'] })),
      bin,
    );
    const unit = await readFile(join(r.root, 'etc/systemd/system/spawn-job.service'), 'utf8');
    expect(unit).toContain('SPAWN_JOB_AWAIT_UPLOAD=1');
    // Never arrives: gives up (timeout shortened for the test), recorded so spawnd ends the instance.
    const late = await startUnit(r.root, r.home, { SPAWN_JOB_UPLOAD_TIMEOUT: '1' });
    expect(late.status).toBe(125);
    expect(existsSync(join(r.jobDir, 'started-at'))).toBe(false);
    expect(await readFile(join(r.jobDir, 'output.log'), 'utf8')).toContain('never arrived');
    await rm(join(r.jobDir, 'exit'));
    await writeFile(join(r.jobDir, 'env.sh'), "API_TOKEN='s3cr'\\''et'\n", { mode: 0o600 });
    await writeFile(join(r.jobDir, 'ready'), '');
    const run = await startUnit(r.root, r.home, { SPAWN_JOB_UPLOAD_TIMEOUT: '1' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("token=s3cr'et\n");
  });

  it('an install that fails is recorded as a failed job (126), so spawnd still ends the instance', async () => {
    const { bin, calls } = await fakeTools({ chownFails: true });
    const r = runUserData(userData(job()), bin);
    expect(r.stderr).toContain('job: installing spawn-job.service failed');
    expect(await readFile(join(r.jobDir, 'exit'), 'utf8')).toBe('126\n');
    expect((await calls()).some((l) => l.startsWith('systemctl start'))).toBe(false);
  });

  it.each([
    ['a user that is not a user name', { user: 'root; reboot' }, /Invalid login user/],
    ['no command', { command: [] }, /No command/],
    ['a NUL byte', { command: ['a\0b'] }, /NUL/],
    ['a 9000-byte command', { command: ['x'.repeat(9000)] }, /longer than 8192 bytes/],
    ['count 0', { count: 0 }, /Invalid job count/],
    ['a negative index offset', { indexOffset: -1 }, /Invalid job index offset/],
  ])('refuses %s', (_, o, message) => {
    expect(() => jobUnitScript(job(o as Partial<JobUnitOptions>))).toThrow(message);
  });

  it('is shellcheck-clean with a job', () => {
    const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
    if (!hasShellcheck && process.env.CI) throw new Error('shellcheck is required in CI');
    if (!hasShellcheck) return;
    const r = spawnSync('shellcheck', ['-s', 'sh', '-'], {
      input: userData(job({ count: 3 })),
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toBe('');
  });
});

describe("--count: SPAWN_INDEX = the call's offset + the instance's ami-launch-index", () => {
  it.each([
    [0, 0, 0],
    [2, 1, 3],
    [5, 3, 8],
  ])(
    'offset %i, ami-launch-index %i: SPAWN_INDEX %i (real curl, IMDSv2 token, fake IMDS)',
    async (offset, launchIndex, want) => {
      const imds = await startFakeImds({ amiLaunchIndex: launchIndex });
      onTestFinished(() => imds.close());
      const { bin } = await fakeTools({ imds: imds.endpoint });
      const root = join(dir, 'root');
      const home = join(dir, 'home');
      // Asynchronous: the fake IMDS answers from this process's event loop.
      await promisify(execFile)('sh', ['-c', userData(job({ count: 9, indexOffset: offset }))], {
        env: {
          PATH: `${bin}:${process.env.PATH}`,
          SPAWND_INSTALL_ROOT: root,
          SPAWN_JOB_HOME: home,
          AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
        },
      }).catch(() => undefined); // spawnd's download fails here, after the job is installed
      expect(imds.requests).toContain('GET /latest/meta-data/ami-launch-index');
      const run = await startUnit(root, home);
      expect(run.stdout).toContain(`index ${want} of 9 in ${home}/work`);
    },
  );
});
