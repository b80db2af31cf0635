import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasConfiguredCredentials } from './has-configured-credentials.ts';

const root = mkdtempSync(join(tmpdir(), 'has-creds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A home directory whose ~/.aws holds the given files. */
function home(name: string, files: Record<string, string> = {}): string {
  const dir = join(root, name);
  mkdirSync(join(dir, '.aws'), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, '.aws', file), text);
  return dir;
}

describe('hasConfiguredCredentials', () => {
  const empty = home('empty');

  it.each([
    ['AWS_ACCESS_KEY_ID', { AWS_ACCESS_KEY_ID: 'AKIA' }, true],
    ['AWS_PROFILE', { AWS_PROFILE: 'dev' }, true],
    ['web identity', { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' }, true],
    ['ECS relative URI', { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' }, true],
    [
      'container full URI',
      { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials' },
      true,
    ],
    ['blank values', { AWS_ACCESS_KEY_ID: '', AWS_PROFILE: '  ' }, false],
    ['only a region', { AWS_REGION: 'us-east-1' }, false],
    ['nothing', {}, false],
  ])('env: %s', (_name, env, expected) => {
    expect(hasConfiguredCredentials(env, empty)).toBe(expected);
  });

  it.each([
    ['credentials [default]', { credentials: '[default]\naws_access_key_id = A\n' }, true],
    ['credentials named profile', { credentials: '[work]\naws_access_key_id = A\n' }, true],
    ['config [default]', { config: '[default]\nregion = us-east-1\n' }, true],
    ['config [profile sso]', { config: '[profile sso]\nsso_session = corp\n' }, true],
    ['config with only sso-session', { config: '[sso-session corp]\nsso_start_url = https://x\n' }, false],
    ['empty files', { credentials: '', config: '# nothing\n' }, false],
  ])('files: %s', (name, files, expected) => {
    expect(hasConfiguredCredentials({}, home(name.replaceAll(/\W/g, '-'), files))).toBe(expected);
  });

  it('follows AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE instead of ~/.aws', () => {
    const elsewhere = home('elsewhere', { custom: '[ci]\naws_access_key_id = A\n' });
    const withDefaults = home('with-defaults', { credentials: '[default]\naws_access_key_id = A\n' });
    const custom = join(elsewhere, '.aws', 'custom');
    expect(hasConfiguredCredentials({ AWS_SHARED_CREDENTIALS_FILE: custom }, empty)).toBe(true);
    expect(hasConfiguredCredentials({ AWS_CONFIG_FILE: join(elsewhere, 'nope') }, empty)).toBe(false);
    // An explicit path replaces the default one, as the SDK does.
    expect(hasConfiguredCredentials({ AWS_SHARED_CREDENTIALS_FILE: join(root, 'nope') }, withDefaults)).toBe(
      false,
    );
    const tilde = home('tilde', { alt: '[default]\nregion = us-east-1\n' });
    expect(hasConfiguredCredentials({ AWS_CONFIG_FILE: '~/.aws/alt' }, tilde)).toBe(true);
  });

  it('treats an unreadable path as no credentials', () => {
    const dir = home('dir-as-file');
    mkdirSync(join(dir, '.aws', 'credentials'));
    expect(hasConfiguredCredentials({}, dir)).toBe(false);
  });
});
