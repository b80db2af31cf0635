import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRegion } from './resolve-region.ts';

let home: string;
let configPath: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'resolve-region-'));
  configPath = join(home, 'custom-config');
  await writeFile(join(home, 'credentials'), '[keys-only]\naws_access_key_id = A\nregion = ca-central-1\n');
  await writeFile(
    configPath,
    [
      '[default]',
      'region = us-west-2',
      '[profile dev]',
      'region = eu-central-1',
      '[profile nore]',
      'output = json',
      '[keys-only]',
      '# a bare [name] in the config file is not a profile section',
      'region = sa-east-1',
    ].join('\n'),
  );
});
afterAll(() => rm(home, { recursive: true, force: true }));

const files = () => ({ AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') });

describe('resolveRegion', () => {
  it.each([
    [
      'flag beats everything',
      { region: 'ap-south-1' },
      { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-2' },
      'ap-south-1',
      'flag',
    ],
    [
      'AWS_REGION beats AWS_DEFAULT_REGION',
      {},
      { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-2' },
      'us-east-1',
      'AWS_REGION',
    ],
    [
      'AWS_DEFAULT_REGION beats the profile',
      {},
      { AWS_DEFAULT_REGION: 'us-east-2' },
      'us-east-2',
      'AWS_DEFAULT_REGION',
    ],
    ['blank env values are skipped', {}, { AWS_REGION: ' ', AWS_DEFAULT_REGION: '' }, 'us-west-2', 'profile'],
    ['[default] without a profile', {}, {}, 'us-west-2', 'profile'],
    ['[profile dev] via AWS_PROFILE', {}, { AWS_PROFILE: 'dev' }, 'eu-central-1', 'profile'],
    [
      'explicit profile beats AWS_PROFILE',
      { profile: 'dev' },
      { AWS_PROFILE: 'default' },
      'eu-central-1',
      'profile',
    ],
    ['credentials-file region as a fallback', { profile: 'keys-only' }, {}, 'ca-central-1', 'profile'],
  ] as const)('%s', async (_name, flags, env, region, source) => {
    await expect(resolveRegion({ ...flags, env: { ...files(), ...env }, homedir: home })).resolves.toEqual({
      region,
      source,
    });
  });

  it('finds ~/.aws/config under the given home directory', async () => {
    const fakeHome = await mkdtemp(join(tmpdir(), 'resolve-home-'));
    await mkdir(join(fakeHome, '.aws'));
    await writeFile(join(fakeHome, '.aws', 'config'), '[default]\nregion = eu-north-1\n');
    await expect(resolveRegion({ env: {}, homedir: fakeHome })).resolves.toEqual({
      region: 'eu-north-1',
      source: 'profile',
    });
    await rm(fakeHome, { recursive: true, force: true });
  });

  it('lists every source it tried when no region is found', async () => {
    const error = await resolveRegion({ profile: 'nore', env: files(), homedir: home }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'REGION_MISSING', exitCode: 3 });
    expect((error as Error).message).toBe(
      `No AWS region is configured. Tried: --region (not given), AWS_REGION (unset), AWS_DEFAULT_REGION (unset), profile "nore" in ${configPath} (no region set).`,
    );
    expect((error as { hint: string }).hint).toContain('--region us-east-1');
    expect((error as { hint: string }).hint).toContain('`aws configure --profile nore`');
  });

  it('says when the profile does not exist at all', async () => {
    const env = {
      AWS_CONFIG_FILE: join(home, 'missing'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'missing'),
    };
    await expect(resolveRegion({ env, homedir: home })).rejects.toMatchObject({
      code: 'REGION_MISSING',
      message: expect.stringContaining(`profile "default" in ${join(home, 'missing')} (not found)`),
      hint: expect.stringContaining('`aws configure`'),
    });
  });

  it.each([
    [{ region: 'us-east' }, {}, '--region'],
    [{}, { AWS_REGION: 'US_EAST_1' }, 'AWS_REGION'],
    [{}, { AWS_DEFAULT_REGION: 'useast1' }, 'AWS_DEFAULT_REGION'],
  ])('rejects a malformed region from %o %o naming %s', async (flags, env, source) => {
    await expect(
      resolveRegion({ ...flags, env: { ...files(), ...env }, homedir: home }),
    ).rejects.toMatchObject({
      code: 'INVALID_REGION',
      message: expect.stringContaining(`(from ${source})`),
    });
  });
});
