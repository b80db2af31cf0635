import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { type CliIo, createCommandContext } from '@truffle-spawn/core/cli-kit';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { runTruffle, tempHome } from './_run-truffle.ts';

const moto = useMoto();

/** A temp HOME with an AWS config file holding `lines`, and the env pointing at it. */
function homeWithProfile(lines: string[]): { home: string; env: Record<string, string> } {
  const home = tempHome();
  writeFileSync(join(home, 'aws-config'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(home, 'aws-credentials'),
    '[base]\naws_access_key_id = testing\naws_secret_access_key = testing\n',
  );
  return {
    home,
    env: {
      ...moto.env,
      AWS_CONFIG_FILE: join(home, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
    },
  };
}

describe('truffle and the AWS configuration (in-process, moto)', () => {
  it('like the AWS CLI, a role profile with mfa_serial and no terminal fails with exit 3 and says why', async () => {
    const { home, env } = homeWithProfile([
      '[profile admin]',
      'role_arn = arn:aws:iam::123456789012:role/admin',
      'source_profile = base',
      'mfa_serial = arn:aws:iam::123456789012:mfa/me',
    ]);
    const run = await runTruffle(['regions', '--profile', 'admin', '--no-cache'], { env, home });
    expect(run.code).toBe(3);
    expect(run.records).toEqual([
      expect.objectContaining({ type: 'error', code: 'MFA_CODE_NEEDS_TERMINAL' }),
    ]);
    expect(run.stderr).toContain('standard input is not a terminal to ask for the code');
  });

  it('--debug starts with the profile, region, credentials and endpoint, each with its source', async () => {
    const { home, env } = homeWithProfile(['[profile dev]', 'region = eu-west-3']);
    const run = await runTruffle(['regions', '--debug', '--no-cache'], {
      env: { ...env, AWS_PROFILE: 'dev', AWS_REGION: '' },
      home,
    });
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '[aws] profile dev (from AWS_PROFILE)',
      '[aws] region eu-west-3 (from profile)',
      '[aws] credentials: environment keys (AWS_ACCESS_KEY_ID, which win over AWS_PROFILE=dev as in the AWS CLI)',
      `[aws] endpoint ec2, ssm, s3, sts, iam, service-quotas, pricing, scheduler: ${moto.endpoint} (from AWS_ENDPOINT_URL)`,
    ]);
    expect(run.stderr).toContain('[aws] proxy: none');
    expect(run.stderr).toContain('[config] no config file');
    // The header comes before the first API call line.
    expect(run.stderr.indexOf('[config]')).toBeLessThan(run.stderr.indexOf('[aws] ec2.DescribeRegions'));
  });

  it('takes the region from the config file, below AWS_REGION and --region', async () => {
    const { home, env } = homeWithProfile(['[default]', 'region = us-west-1']);
    mkdirSync(join(home, 'xdg', 'truffle-spawn'), { recursive: true });
    writeFileSync(join(home, 'xdg', 'truffle-spawn', 'config.toml'), 'region = "eu-central-1"\n');
    const base = { ...env, XDG_CONFIG_HOME: join(home, 'xdg'), AWS_REGION: '' };
    const fromConfig = await runTruffle(['regions', '--debug', '--no-cache'], { env: base, home });
    expect(fromConfig.stderr).toContain(
      `[aws] region eu-central-1 (from region in ${join(home, 'xdg', 'truffle-spawn', 'config.toml')})`,
    );
    const fromEnv = await runTruffle(['regions', '--debug', '--no-cache'], {
      env: { ...base, AWS_REGION: 'ap-south-1' },
      home,
    });
    expect(fromEnv.stderr).toContain('[aws] region ap-south-1 (from AWS_REGION)');
    const fromFlag = await runTruffle(['regions', '--debug', '--no-cache', '--region', 'sa-east-1'], {
      env: base,
      home,
    });
    expect(fromFlag.stderr).toContain('[aws] region sa-east-1 (from --region)');
  });

  it('names the file and the key of a bad config value (exit 2)', async () => {
    const { home, env } = homeWithProfile([]);
    mkdirSync(join(home, 'xdg', 'truffle-spawn'), { recursive: true });
    const file = join(home, 'xdg', 'truffle-spawn', 'config.json');
    writeFileSync(file, JSON.stringify({ region: 'mars-north-1' }));
    const run = await runTruffle(['regions', '--no-cache'], {
      env: { ...env, XDG_CONFIG_HOME: join(home, 'xdg') },
      home,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Invalid value in ${file}: region:`);
  });
});

describe('the MFA prompt (command context, a terminal on stdin)', () => {
  it('asks for the code on stderr, then a second command without a terminal reuses the cached session', async () => {
    const { home, env } = homeWithProfile([
      '[profile admin]',
      'role_arn = arn:aws:iam::123456789012:role/admin',
      'source_profile = base',
      'mfa_serial = arn:aws:iam::123456789012:mfa/me',
      'region = us-east-1',
    ]);
    const io = (tty: boolean) => {
      const stdin = Object.assign(new PassThrough(), { isTTY: tty, setRawMode: () => stdin });
      const stderr = Object.assign(new PassThrough(), { isTTY: tty });
      let text = '';
      let typed = false;
      stderr.on('data', (c: Buffer) => {
        text += c.toString('utf8');
        // Type the code once the question is on screen (and the prompt listens), as a person would.
        if (text.includes('MFA code for') && !typed) {
          typed = true;
          setTimeout(() => stdin.write('123456\r'), 50);
        }
      });
      const cliIo: CliIo = {
        stdin,
        stdout: new PassThrough(),
        stderr,
        env: { ...env, XDG_CACHE_HOME: join(home, 'cache') },
        platform: 'linux',
        homedir: home,
        cwd: home,
        now: () => new Date(),
      };
      return { cliIo, text: () => text };
    };
    const first = io(true);
    const ctx = createCommandContext(first.cliIo, { profile: 'admin' }, new AbortController().signal);
    const aws = await ctx.aws(['ec2']);
    await aws.ec2().send(new DescribeRegionsCommand({}));
    expect(first.text()).toContain('MFA code for arn:aws:iam::123456789012:mfa/me');

    const second = io(false);
    const again = createCommandContext(second.cliIo, { profile: 'admin' }, new AbortController().signal);
    await (await again.aws(['ec2'])).ec2().send(new DescribeRegionsCommand({}));
    expect(second.text()).not.toContain('MFA code');
    expect(readdirSync(join(home, 'cache', 'truffle-spawn', 'aws-sessions'))).toHaveLength(1);
  });
});
