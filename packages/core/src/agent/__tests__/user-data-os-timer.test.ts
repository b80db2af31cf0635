import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OS_TIMER_GRACE_MS } from '../os-timer.ts';
import { buildUserData } from '../user-data.ts';

// The generated user-data run for real by sh, in a sandbox: curl, uname, systemctl, systemd-run and
// shutdown are fakes on PATH that append their argv to one log, so the order of calls is visible.
const BINARY = 'fake spawnd x64\n';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'user-data-timer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Download = 'ok' | 'fail' | 'tampered' | 'not-gzip';

async function fakeTools(o: { download: Download; systemdRun: boolean }) {
  const bin = join(dir, 'bin');
  const log = join(dir, 'calls.log');
  await mkdir(bin, { recursive: true });
  const tools: Record<string, string> = {
    uname: 'echo x86_64',
    systemctl: `echo "systemctl $*" >> "${log}"`,
    shutdown: `echo "shutdown $*" >> "${log}"`,
    curl: `echo "curl $*" >> "${log}"
out=''; url=''
while [ $# -gt 0 ]; do
  case "$1" in -o) out="$2"; shift 2 ;; *) url="$1"; shift ;; esac
done
case "$url" in
  */latest/api/token) echo token ;;
  */placement/region) echo eu-west-1 ;;
  *.sha256) printf '%s  f\\n' "$(printf '${BINARY.replace(/\n/g, '\\n')}' | sha256sum | cut -d ' ' -f 1)" > "$out" ;;
  *) case "${o.download}" in
       fail) exit 22 ;;
       tampered) echo evil | gzip -9 > "$out" ;;
       not-gzip) printf '${BINARY.replace(/\n/g, '\\n')}' > "$out" ;;
       *) printf '${BINARY.replace(/\n/g, '\\n')}' | gzip -9 > "$out" ;;
     esac ;;
esac`,
  };
  if (o.systemdRun) tools['systemd-run'] = `echo "systemd-run $*" >> "${log}"`;
  for (const [name, body] of Object.entries(tools)) {
    await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  }
  return { bin, log };
}

function runUserData(
  script: string,
  o: { bin: string },
): { status: number | null; stderr: string; root: string } {
  const root = join(dir, 'root');
  // Only the fakes and the basic utilities: no real systemd-run or shutdown can be reached.
  const utils = join(dir, 'utils');
  spawnSync('mkdir', ['-p', utils]);
  for (const tool of [
    'sh',
    'date',
    'sed',
    'cut',
    'grep',
    'sha256sum',
    'gzip',
    'wc',
    'mktemp',
    'rm',
    'mkdir',
    'install',
    'cat',
    'printf',
  ])
    spawnSync('ln', [
      '-sf',
      spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(),
      join(utils, tool),
    ]);
  const r = spawnSync('sh', ['-c', script], {
    encoding: 'utf8',
    env: {
      PATH: `${o.bin}:${utils}`,
      SPAWND_INSTALL_ROOT: root,
      AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://imds.test',
    },
  });
  return { status: r.status, stderr: r.stderr, root };
}

const deadline = () => new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000).toISOString();
const pinned = { x64: sha(BINARY), arm64: 'b'.repeat(64) };
const script = (expiresAt: string | undefined, sha256 = pinned) =>
  buildUserData({
    bucketPrefix: 'spawnd-releases',
    homeRegion: 'us-east-1',
    version: '0.1.0',
    sha256,
    expiresAt,
  });

describe('user-data arms the OS timer before anything else', () => {
  it.each<[Download, number]>([
    ['fail', 1],
    ['tampered', 1],
    ['not-gzip', 1],
    ['ok', 0],
  ])(
    'download %s: timer armed for deadline + grace, first of all calls (exit %d)',
    async (download, code) => {
      const tools = await fakeTools({ download, systemdRun: true });
      const expiresAt = deadline();
      const before = Date.now();
      const r = runUserData(script(expiresAt), tools);
      expect(r.status, r.stderr).toBe(code);
      const calls = (await readFile(tools.log, 'utf8')).trim().split('\n');
      const armed =
        /^systemd-run --unit=spawn-deadline --description=spawn: end this instance at its deadline --timer-property=AccuracySec=1s --on-active=(\d+)s shutdown -h now$/.exec(
          calls[0] ?? '',
        );
      // Fires at deadline + grace, counted from when the script ran (whole seconds).
      const fireAt = before + Number(armed?.[1]) * 1000;
      expect(Math.abs(fireAt - (Date.parse(expiresAt) + OS_TIMER_GRACE_MS))).toBeLessThan(3000);
      expect(calls.filter((c) => c.startsWith('systemd-run'))).toHaveLength(1);
      const installed = existsSync(join(r.root, 'usr/local/bin/spawnd'));
      expect(installed).toBe(download === 'ok');
      if (download === 'ok') expect(calls).toContain('systemctl enable --now spawnd');
      else expect(calls.some((c) => c.startsWith('systemctl'))).toBe(false);
      if (download === 'tampered') expect(r.stderr).toContain('checksum mismatch');
      if (download === 'not-gzip') expect(r.stderr).toContain('is not a valid gzip file; nothing installed');
      if (download === 'ok')
        expect(calls.filter((c) => c.startsWith('curl'))).toContainEqual(
          expect.stringMatching(/spawnd-0\.1\.0-linux-x64\.gz$/),
        );
    },
  );

  it('without systemd-run: falls back to shutdown -h +minutes before any download', async () => {
    const tools = await fakeTools({ download: 'fail', systemdRun: false });
    const r = runUserData(script(deadline()), tools);
    expect(r.status).toBe(1);
    const calls = (await readFile(tools.log, 'utf8')).trim().split('\n');
    // 1 h + 2 min grace, rounded up to whole minutes (the clock may tick between build and run).
    expect(calls[0]).toMatch(/^shutdown -h \+6[23]$/);
  });

  it('an overdue deadline powers off one minute after boot', async () => {
    const tools = await fakeTools({ download: 'ok', systemdRun: true });
    const r = runUserData(script(new Date(Date.now() - 3_600_000).toISOString()), tools);
    expect(r.status, r.stderr).toBe(0);
    expect((await readFile(tools.log, 'utf8')).split('\n')[0]).toContain('--on-active=60s shutdown -h now');
  });

  it('no TTL: no timer, spawnd still installed', async () => {
    const tools = await fakeTools({ download: 'ok', systemdRun: true });
    const r = runUserData(script(undefined), tools);
    expect(r.status, r.stderr).toBe(0);
    expect(await readFile(tools.log, 'utf8')).not.toMatch(/systemd-run|shutdown/);
    expect(r.stderr).toContain('no TTL: no OS timer armed');
  });

  it('unpinned version: trusts only the home bucket checksum, never the regional one', async () => {
    const tools = await fakeTools({ download: 'ok', systemdRun: true });
    const unpinned = buildUserData({
      bucketPrefix: 'spawnd-releases',
      homeRegion: 'us-east-1',
      version: '0.1.0',
      expiresAt: deadline(),
    });
    const r = runUserData(unpinned, tools);
    expect(r.status, r.stderr).toBe(0);
    const sums = (await readFile(tools.log, 'utf8')).split('\n').filter((c) => c.includes('.sha256'));
    expect(sums).toHaveLength(1);
    expect(sums[0]).toContain(
      'https://spawnd-releases-us-east-1.s3.us-east-1.amazonaws.com/spawnd/0.1.0/spawnd-0.1.0-linux-x64.sha256',
    );
    expect(r.stderr).toContain('checksum not pinned');
  });

  it('refuses a deadline that is not ISO-8601 with a zone', () => {
    expect(() => script('1')).toThrow(/Invalid deadline/);
    expect(() => script('2026-11-27T06:00:00')).toThrow(/Invalid deadline/);
  });
});
