import { DescribeInstanceAttributeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { inventory, tagMap } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

// `spawn run` in process against moto: the tags and the user-data EC2 received (read back with
// DescribeInstanceAttribute and base64-decoded, as the instance would get it).
useMoto();
const base = ['--instance-type', 't3.micro', '--ttl', '1h', '--yes', '--ssh-cidr', '203.0.113.7/32'];
const ec2 = () => new EC2Client({ region: 'us-east-1' });

async function userDataOf(instanceId: string): Promise<string> {
  const out = await ec2().send(
    new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }),
  );
  return Buffer.from(out.UserData?.Value ?? '', 'base64').toString('utf8');
}

describe('spawn run (in-process, moto)', () => {
  it('launches like spawn, the command only in user-data (quoted), the job state and policy in tags', async () => {
    const command = ['python', 'train.py', '--epochs', '3; rm -rf /', "it's", '$(reboot)'];
    const run = await runSpawn([
      'run',
      ...base,
      '--wait',
      'running',
      '--name',
      'job-box',
      '--on-complete',
      'stop',
      '--complete-delay',
      '2m',
      '--',
      ...command,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [instance] = (await inventory()).instances;
    const tags = tagMap(instance?.Tags);
    expect(tags).toMatchObject({
      Name: 'job-box',
      'spawn:job': 'queued',
      'spawn:on-complete': 'stop',
      'spawn:complete-delay': '2m',
      'spawn:on-expire': 'terminate',
    });
    // Never the command in a tag.
    for (const value of Object.values(tags)) expect(value).not.toMatch(/train\.py|reboot/);
    const userData = await userDataOf(instance?.InstanceId ?? '');
    expect(userData).toContain(`exec 'python' 'train.py' '--epochs' '3; rm -rf /' 'it'\\''s' '$(reboot)'\n`);
    expect(userData).toContain('User=ec2-user\n');
    expect(userData).toContain('systemctl start --no-block spawn-job');
    // The job is installed before spawnd (whose installer can fail and exit).
    expect(userData.indexOf('install_job()')).toBeLessThan(userData.indexOf('VERSION='));
    expect(run.records).toEqual([
      expect.objectContaining({
        type: 'launched',
        name: 'job-box',
        job: { state: 'queued', command, onComplete: 'stop', completeDelay: '2m' },
      }),
    ]);
    expect(run.stderr).toContain('Job:       queued; when it ends spawnd stops it (after 2m)');
  });

  it('defaults: --on-complete terminate after 1m', async () => {
    const run = await runSpawn(['run', ...base, '--wait', 'none', '--name', 'defaults', '--', 'true']);
    expect(run.code, run.stderr).toBe(0);
    const [instance] = (await inventory()).instances;
    expect(tagMap(instance?.Tags)).toMatchObject({
      'spawn:on-complete': 'terminate',
      'spawn:complete-delay': '1m',
    });
    expect(run.records[0]).toMatchObject({ job: { onComplete: 'terminate', completeDelay: '1m' } });
  });

  it.each([
    ['no command', ['run', ...base], /spawn run needs a command/, 2],
    ['--on-complete explode', ['run', ...base, '--on-complete', 'explode', '--', 'true'], /explode/, 2],
    ['--complete-delay 2d', ['run', ...base, '--complete-delay', '2d', '--', 'true'], /at most 1d/, 2],
    [
      '--complete-delay soon',
      ['run', ...base, '--complete-delay', 'soon', '--', 'true'],
      /Invalid --complete-delay/,
      2,
    ],
    [
      'a Spot instance that should stop',
      ['run', ...base, '--spot', '--on-idle', 'terminate', '--on-complete', 'stop', '--', 'true'],
      /cannot stop when its job ends/,
      2,
    ],
    [
      '--on-complete hibernate without --hibernate',
      ['run', ...base, '--on-complete', 'hibernate', '--', 'true'],
      /--on-complete hibernate needs hibernation/,
      2,
    ],
  ])('%s: a clean error, nothing created', async (_, argv, message, code) => {
    const run = await runSpawn(argv);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    const inv = await inventory();
    expect(inv.instances).toEqual([]);
    expect(inv.keyPairs).toEqual([]);
  });
});
