import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SPAWND_SYSTEMD_UNIT } from './systemd-unit.ts';
import { buildUserData } from './user-data.ts';

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

describe('buildUserData', () => {
  const script = buildUserData({
    bucketPrefix: 'spawnd-releases',
    homeRegion: 'us-east-1',
    version: '0.1.0',
    expiresAt: '2026-11-27T06:00:00.000Z',
  });

  it('is a POSIX sh script that verifies before installing and starts the unit', () => {
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain('https://spawnd-releases-{region}.s3.{region}.amazonaws.com');
    expect(script.indexOf('sha256sum')).toBeLessThan(script.indexOf('install -m 0755'));
    expect(script).toContain('systemctl enable --now spawnd');
    expect(script).toContain(SPAWND_SYSTEMD_UNIT);
  });

  it('embeds checksums when given', () => {
    const x64 = 'a'.repeat(64);
    const arm64 = 'b'.repeat(64);
    const s = buildUserData({
      bucketPrefix: 'p1',
      homeRegion: 'eu-west-1',
      version: '1.2.3',
      sha256: { x64, arm64 },
    });
    expect(s).toContain(`SHA256_X64='${x64}'`);
    expect(s).toContain(`SHA256_ARM64='${arm64}'`);
  });

  it.each([
    { bucketPrefix: "x'; rm -rf /", homeRegion: 'us-east-1', version: '1' },
    { bucketPrefix: 'ok', homeRegion: '$(reboot)', version: '1' },
    { bucketPrefix: 'ok', homeRegion: 'us-east-1', version: "1'" },
  ])('refuses values that could break out of the script: %j', (o) => {
    expect(() => buildUserData(o)).toThrow(/Invalid/);
  });

  // CI installs shellcheck (apt-get install -y shellcheck); there it must run, not skip.
  it('is shellcheck-clean', () => {
    if (!hasShellcheck && process.env.CI)
      throw new Error('shellcheck is required in CI (apt-get install -y shellcheck)');
    if (!hasShellcheck) {
      expect(script).toMatch(/^set -eu$/m);
      return;
    }
    const result = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: script, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the unit file shipped in packages/spawnd is the one user-data installs', () => {
    const file = fileURLToPath(new URL('../../../spawnd/systemd/spawnd.service', import.meta.url));
    expect(readFileSync(file, 'utf8')).toBe(SPAWND_SYSTEMD_UNIT);
  });
});
