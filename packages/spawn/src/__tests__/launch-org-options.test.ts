import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeTagsCommand,
  DescribeVolumesCommand,
  ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { createAwsContext } from '@truffle-spawn/core/aws';
import { ec2TrustPolicy } from '@truffle-spawn/core/launch';
import { startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { deleteDefaultVpc, inventory, tagMap } from './_inventory.ts';
import { runSpawn, tempHome } from './_launch-test-io.ts';
import { queryTags, recordRequests, tagSpecifications } from './_query-bodies.ts';

// Issue 15, "Options real accounts need": --tag, --subnet, --security-group, --key-pair,
// --iam-instance-profile and --user-data, end to end through the SDK against moto.
const moto = useMoto();
const BASE = [
  '--instance-type',
  't3.micro',
  '--ttl',
  '1h',
  '--yes',
  '--wait',
  'running',
  '--name',
  'org-box',
];
const SSH = ['--ssh-cidr', '203.0.113.7/32'];

const clients = async () => {
  const aws = await createAwsContext({ env: process.env });
  return { ec2: aws.ec2('us-east-1'), iam: aws.iam() };
};

/** What a company account already has: its VPC and subnet, a group in it, a key pair, a profile with a role. */
async function orgAccount(home: string) {
  const { ec2, iam } = await clients();
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
  const vpcId = vpc.Vpc?.VpcId ?? '';
  const subnet = await ec2.send(
    new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.1.0/24', AvailabilityZone: 'us-east-1c' }),
  );
  const subnetId = subnet.Subnet?.SubnetId ?? '';
  await ec2.send(
    new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }),
  );
  const group = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'corp-ssh', Description: 'corp bastion', VpcId: vpcId }),
  );
  const groupId = group.GroupId ?? '';
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
    }),
  );
  const key = await ec2.send(new CreateKeyPairCommand({ KeyName: 'corp-key' }));
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const keyPath = join(home, '.ssh', 'corp-key.pem');
  writeFileSync(keyPath, key.KeyMaterial ?? '', { mode: 0o600 });
  await iam.send(
    new CreateRoleCommand({ RoleName: 'corp-role', AssumeRolePolicyDocument: ec2TrustPolicy() }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'corp-profile' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'corp-profile', RoleName: 'corp-role' }),
  );
  return { vpcId, subnetId, groupId, keyPath };
}

const rolePolicies = async () =>
  (await (await clients()).iam.send(new ListRolePoliciesCommand({ RoleName: 'corp-role' }))).PolicyNames ??
  [];

/** A private key that is not corp-key's (a PEM RSA key, as EC2 hands out). */
function otherKey(home: string): string {
  const path = join(home, 'other.pem');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(path, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
  return path;
}

/** The user's file: a script that leaves a mark, so its part in the MIME is recognisable. */
function script(home: string, text = '#!/bin/bash\necho corp-setup > /var/tmp/corp-mark\n'): string {
  const path = join(home, 'setup.sh');
  writeFileSync(path, text);
  return path;
}

/**
 * The parts of the user data as cloud-init reads them: Python's `email` parser (what cloud-init
 * uses), each leaf part's content type, file name and decoded body.
 */
function mimeParts(text: string): { type: string; filename: string; body: string }[] {
  expect(text).toMatch(/^Content-Type: multipart\/mixed; boundary="/);
  const read = [
    'import email, json, sys',
    'm = email.message_from_string(sys.stdin.read())',
    'assert m.is_multipart()',
    'print(json.dumps([dict(type=p.get_content_type(), filename=p.get_filename(), body=p.get_payload(decode=True).decode()) for p in m.walk() if not p.is_multipart()]))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', read], { input: text, encoding: 'utf8' }));
}

// Each test launches through moto (and the first loads the SDK): minutes on a loaded machine.
describe('options real accounts need (in-process, moto)', { timeout: 120_000 }, () => {
  it('uses the subnet, groups, key pair and profile given, creates none of them, and tags what it creates', async () => {
    const home = tempHome();
    const org = await orgAccount(home);
    const userData = script(home);
    const before = await inventory();
    const run = await recordRequests(moto.endpoint, async (sent) => ({
      ...(await runSpawn(
        [
          ...BASE,
          '--subnet',
          org.subnetId,
          '--security-group',
          org.groupId,
          '--key-pair',
          'corp-key',
          '--key',
          org.keyPath,
          '--iam-instance-profile',
          'corp-profile',
          '--tag',
          'team=ml',
          '--tag',
          'cost-center=42',
          '--user-data',
          userData,
        ],
        { home },
      )),
      sent,
    }));
    expect(run.code, run.stderr).toBe(0);
    // The plan says what is the user's and what spawn adds to it, before the confirmation.
    expect(run.stderr).toContain(
      `Subnet     ${org.subnetId} of VPC ${org.vpcId} (--subnet, nothing created)`,
    );
    expect(run.stderr).toContain(`Groups     ${org.groupId} (--security-group); no SSH group made by spawn`);
    expect(run.stderr).toContain(`Key pair   corp-key (yours), private key ${org.keyPath}`);
    expect(run.stderr).toMatch(
      /Role {7}Instance profile corp-profile .*ADD to your role corp-role as inline policy spawnd-own-instance/,
    );
    expect(run.stderr).toContain('Tags       team=ml, cost-center=42 (on everything created)');
    expect(run.stderr).toMatch(/User data {2}.*setup\.sh \(script, \d+ bytes\)/);

    const runs = run.sent.filter((r) => r.action === 'RunInstances');
    expect(runs).toHaveLength(1);
    const p = runs[0]?.params ?? new URLSearchParams();
    expect(p.get('SubnetId')).toBe(org.subnetId);
    expect(p.get('SecurityGroupId.1')).toBe(org.groupId);
    expect(p.has('SecurityGroupId.2')).toBe(false);
    expect(p.get('KeyName')).toBe('corp-key');
    expect(p.get('IamInstanceProfile.Name')).toBe('corp-profile');
    const specs = tagSpecifications(p);
    for (const type of ['instance', 'volume']) {
      expect(specs[type]).toMatchObject({ team: 'ml', 'cost-center': '42', 'spawn:managed': 'true' });
    }
    const parts = mimeParts(Buffer.from(p.get('UserData') ?? '', 'base64').toString('utf8'));
    expect(parts.map((x) => [x.type, x.filename])).toEqual([
      ['text/x-shellscript', '00-spawnd-install.sh'],
      ['text/x-shellscript', '10-user-data'],
    ]);
    expect(parts[0]?.body).toMatch(/^#!\/bin\/sh\n# Installs spawnd/);
    expect(parts[0]?.body).toContain('systemctl enable --now spawnd');
    expect(parts[1]?.body).toBe('#!/bin/bash\necho corp-setup > /var/tmp/corp-mark\n');

    // Nothing of the user's was made again: no VPC, group, key pair or spawnd role was created;
    // the one thing created besides the instance is the cloud backstop's role, tagged too.
    const created = run.sent.filter(
      (r) => /^(Create|Import)/.test(r.action ?? '') && r.action !== 'CreateTags',
    );
    expect(created.map((r) => `${r.action} ${r.params.get('RoleName')}`)).toEqual([
      'CreateRole spawn-scheduler',
    ]);
    expect(queryTags(created[0]?.params ?? new URLSearchParams(), 'Tags.member')).toMatchObject({
      team: 'ml',
      'spawn:managed': 'true',
    });
    const after = await inventory();
    expect(after.vpcs).toEqual(before.vpcs);
    expect(after.subnets).toEqual(before.subnets);
    expect(after.securityGroups.map((g) => g.GroupId)).toEqual([org.groupId]);
    expect(after.keyPairs).toEqual(['corp-key']);
    expect(after.roles).not.toContain('spawnd-agent');
    const [instance] = after.instances;
    expect(instance?.SubnetId).toBe(org.subnetId);
    expect(instance?.KeyName).toBe('corp-key');
    expect(tagMap(instance?.Tags)).toMatchObject({
      team: 'ml',
      'cost-center': '42',
      'spawn:key-name': 'corp-key',
    });
    const volumes = await (await clients()).ec2.send(
      new DescribeVolumesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [instance?.InstanceId ?? ''] }],
      }),
    );
    expect(volumes.Volumes?.map((v) => tagMap(v.Tags).team)).toEqual(['ml']);
    // spawnd's policy is on the user's role, scoped to instances launched with the user's profile.
    expect(await rolePolicies()).toEqual(['spawnd-own-instance']);
    const doc = await (await clients()).iam.send(
      new GetRolePolicyCommand({ RoleName: 'corp-role', PolicyName: 'spawnd-own-instance' }),
    );
    expect(decodeURIComponent(doc.PolicyDocument ?? '')).toContain(':instance-profile/corp-profile"');
    expect(decodeURIComponent(doc.PolicyDocument ?? '')).not.toContain('spawnd-agent');
  });

  it('--tag lands on every resource the launch creates: SG, key pair, and the spawn VPC with its parts', async () => {
    await deleteDefaultVpc();
    const run = await recordRequests(moto.endpoint, async (sent) => ({
      ...(await runSpawn([...BASE, ...SSH, '--tag', 'team=ml', '--tag', 'empty='])),
      sent,
    }));
    expect(run.code, run.stderr).toBe(0);
    const creates = run.sent.filter((r) =>
      [
        'RunInstances',
        'CreateSecurityGroup',
        'ImportKeyPair',
        'CreateVpc',
        'CreateSubnet',
        'CreateInternetGateway',
        'CreateRouteTable',
      ].includes(r.action ?? ''),
    );
    expect(creates.map((r) => r.action).sort()).toEqual([
      'CreateInternetGateway',
      'CreateRouteTable',
      'CreateSecurityGroup',
      'CreateSubnet',
      'CreateVpc',
      'ImportKeyPair',
      'RunInstances',
    ]);
    for (const r of creates) {
      for (const [type, tags] of Object.entries(tagSpecifications(r.params))) {
        expect({ action: r.action, type, tags }).toMatchObject({ tags: { team: 'ml', empty: '' } });
        expect(tags['spawn:managed']).toBe('true');
      }
    }
    const inv = await inventory();
    const { ec2 } = await clients();
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: inv.securityGroups.map((g) => g.GroupId ?? '') }),
    );
    expect(groups.SecurityGroups?.map((g) => tagMap(g.Tags).team)).toEqual(['ml']);
    const keys = await ec2.send(new DescribeKeyPairsCommand({}));
    expect(keys.KeyPairs?.map((k) => tagMap(k.Tags).team)).toEqual(['ml']);
    expect(tagMap(inv.instances[0]?.Tags)).toMatchObject({ team: 'ml', empty: '' });
    // What the bad-value tests rely on: a launch's own resources are found by spawn:parent.
    const parented = await ec2.send(
      new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['spawn:parent'] }] }),
    );
    expect(parented.Tags?.map((t) => t.ResourceType).sort()).toEqual(['key-pair', 'security-group']);
  });

  it('--security-group with --ssh-cidr: the given group and spawn own SSH group', async () => {
    const home = tempHome();
    const org = await orgAccount(home);
    const run = await recordRequests(moto.endpoint, async (sent) => ({
      ...(await runSpawn([...BASE, ...SSH, '--subnet', org.subnetId, '--security-group', org.groupId], {
        home,
      })),
      sent,
    }));
    expect(run.code, run.stderr).toBe(0);
    const p = run.sent.find((r) => r.action === 'RunInstances')?.params;
    const own = (await inventory()).securityGroups.find((g) => g.GroupId !== org.groupId);
    expect(own?.VpcId).toBe(org.vpcId);
    expect([p?.get('SecurityGroupId.1'), p?.get('SecurityGroupId.2')]).toEqual([org.groupId, own?.GroupId]);
  });

  it('a #cloud-config file is its own text/cloud-config part', async () => {
    const home = tempHome();
    const path = script(home, '#cloud-config\npackages: [htop]\n');
    const run = await recordRequests(moto.endpoint, async (sent) => ({
      ...(await runSpawn([...BASE, ...SSH, '--user-data', path], { home })),
      sent,
    }));
    expect(run.code, run.stderr).toBe(0);
    const p = run.sent.find((r) => r.action === 'RunInstances')?.params;
    const parts = mimeParts(Buffer.from(p?.get('UserData') ?? '', 'base64').toString('utf8'));
    expect(parts.map((x) => x.type)).toEqual(['text/x-shellscript', 'text/cloud-config']);
    expect(parts[1]?.body).toBe('#cloud-config\npackages: [htop]\n');
  });

  it('--dry-run with them all: checks RunInstances with the given ids, changes no role, creates nothing', async () => {
    const home = tempHome();
    const org = await orgAccount(home);
    const before = await inventory();
    const run = await recordRequests(moto.endpoint, async (sent) => ({
      ...(await runSpawn(
        [
          ...BASE.filter((a) => a !== '--yes'),
          '--dry-run',
          '--subnet',
          org.subnetId,
          '--security-group',
          org.groupId,
          '--key-pair',
          'corp-key',
          '--iam-instance-profile',
          'corp-profile',
          '--tag',
          'team=ml',
          '--user-data',
          script(home),
        ],
        { home },
      )),
      sent,
    }));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('would add inline policy spawnd-own-instance on role corp-role');
    expect(run.stderr).toContain('Dry run complete: nothing was created.');
    const p = run.sent.find((r) => r.action === 'RunInstances')?.params;
    expect(p?.get('DryRun')).toBe('true');
    expect([p?.get('SubnetId'), p?.get('SecurityGroupId.1'), p?.get('KeyName')]).toEqual([
      org.subnetId,
      org.groupId,
      'corp-key',
    ]);
    expect(run.sent.map((r) => r.action)).not.toContain('PutRolePolicy');
    expect(await inventory()).toEqual(before);
    expect(await rolePolicies()).toEqual([]);
  });

  it('a failed launch removes the inline policy it added, never the role or profile', async () => {
    const home = tempHome();
    const org = await orgAccount(home);
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        {
          match: { action: 'RunInstances' },
          fault: { kind: 'error', status: 500, code: 'InsufficientInstanceCapacity', message: 'no room' },
        },
      ],
    });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    const run = await runSpawn(
      [
        ...BASE,
        '--subnet',
        org.subnetId,
        '--security-group',
        org.groupId,
        '--iam-instance-profile',
        'corp-profile',
        '--key-pair',
        'corp-key',
      ],
      { home },
    ).finally(() => {
      process.env.AWS_ENDPOINT_URL = moto.endpoint;
    });
    expect(run.code, run.stderr).toBe(5);
    expect(proxy.requests.map((r) => r.action)).toContain('PutRolePolicy');
    expect(run.stderr).toContain('deleted inline policy corp-role/spawnd-own-instance');
    expect(await rolePolicies()).toEqual([]);
    const inv = await inventory();
    expect(inv.roles).toContain('corp-role');
    expect(inv.instanceProfiles).toContain('corp-profile');
    expect(inv.keyPairs).toEqual(['corp-key']);
    expect(inv.securityGroups.map((g) => g.GroupId)).toEqual([org.groupId]);
  });

  it("a policy already there is not the launch's: a failed launch leaves it", async () => {
    const home = tempHome();
    const org = await orgAccount(home);
    // The same document an earlier launch put there.
    const first = await runSpawn(
      [...BASE, '--subnet', org.subnetId, ...SSH, '--iam-instance-profile', 'corp-profile'],
      { home },
    );
    expect(first.code, first.stderr).toBe(0);
    const { iam } = await clients();
    const kept = (
      await iam.send(new GetRolePolicyCommand({ RoleName: 'corp-role', PolicyName: 'spawnd-own-instance' }))
    ).PolicyDocument;
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        {
          match: { action: 'RunInstances' },
          fault: { kind: 'error', status: 500, code: 'InsufficientInstanceCapacity' },
        },
      ],
    });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    const run = await runSpawn(
      [...BASE, '--subnet', org.subnetId, ...SSH, '--iam-instance-profile', 'corp-profile'],
      // A later clock: spawn's SSH group name is made from it.
      { home, now: new Date('2026-08-01T12:05:00Z') },
    ).finally(() => {
      process.env.AWS_ENDPOINT_URL = moto.endpoint;
    });
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toMatch(/spawnd's inline policy spawnd-own-instance already on role corp-role/);
    expect(proxy.requests.map((r) => r.action)).not.toContain('PutRolePolicy');
    expect(proxy.requests.map((r) => r.action)).not.toContain('DeleteRolePolicy');
    const now = await iam.send(
      new GetRolePolicyCommand({ RoleName: 'corp-role', PolicyName: 'spawnd-own-instance' }),
    );
    expect(now.PolicyDocument).toBe(kept);
  });

  it('an older policy of that name is updated, and put back by a failed launch', async () => {
    const home = tempHome();
    const org = await orgAccount(home);
    const { iam } = await clients();
    const old = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ec2:DescribeTags'], Resource: '*' }],
    });
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'corp-role',
        PolicyName: 'spawnd-own-instance',
        PolicyDocument: old,
      }),
    );
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        {
          match: { action: 'RunInstances' },
          fault: { kind: 'error', status: 500, code: 'InsufficientInstanceCapacity' },
        },
      ],
    });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    const run = await runSpawn(
      [...BASE, '--subnet', org.subnetId, ...SSH, '--iam-instance-profile', 'corp-profile'],
      { home },
    ).finally(() => {
      process.env.AWS_ENDPOINT_URL = moto.endpoint;
    });
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toMatch(/to UPDATE \(put back if the launch fails\)/);
    const now = await iam.send(
      new GetRolePolicyCommand({ RoleName: 'corp-role', PolicyName: 'spawnd-own-instance' }),
    );
    expect(JSON.parse(decodeURIComponent(now.PolicyDocument ?? ''))).toEqual(JSON.parse(old));
  });
});

describe('bad values for those options: a clear error, and nothing created', { timeout: 120_000 }, () => {
  const big = (home: string, bytes: number) => script(home, `#!/bin/sh\n${'#'.repeat(bytes - 11)}\n`);
  it.each<
    [string, (o: { home: string; subnetId: string; groupId: string }) => string[], number, RegExp, RegExp]
  >([
    [
      '--tag spawn:x=1',
      () => ['--tag', 'spawn:x=1'],
      2,
      /--tag spawn:x: spawn: keys .* cannot be set/,
      /outside the spawn: prefix/,
    ],
    ['--tag aws:x=1', () => ['--tag', 'aws:x=1'], 2, /aws: prefix is reserved/, /without the aws: prefix/],
    ['--tag novalue', () => ['--tag', 'novalue'], 2, /--tag "novalue" has no value/, /KEY=VALUE/],
    [
      '--tag with a 129-char key',
      () => ['--tag', `${'k'.repeat(129)}=v`],
      2,
      /is 129 characters; EC2 allows 128/,
      /Shorten/,
    ],
    [
      '--tag with a 257-char value',
      () => ['--tag', `k=${'v'.repeat(257)}`],
      2,
      /257 characters; EC2 allows 256/,
      /Shorten/,
    ],
    [
      '37 --tag values',
      () => Array.from({ length: 37 }, (_, i) => ['--tag', `k${i}=v`]).flat(),
      2,
      /exceeds EC2's 50 tags/,
      /at most 36/,
    ],
    [
      '--subnet subnet-missing',
      () => ['--subnet', 'subnet-missing'],
      2,
      /Invalid --subnet "subnet-missing"/,
      /subnet-0123/,
    ],
    [
      '--subnet that does not exist',
      () => ['--subnet', 'subnet-0123456789abcdef0'],
      8,
      /Subnet subnet-0123456789abcdef0 does not exist in us-east-1/,
      /describe-subnets/,
    ],
    [
      '--subnet with another --az',
      (o) => ['--subnet', o.subnetId, '--az', 'us-east-1a'],
      2,
      /is in us-east-1c, but the launch asks for us-east-1a/,
      /drop --az/,
    ],
    [
      '--security-group sg-missing',
      () => ['--security-group', 'sg-missing'],
      2,
      /Invalid --security-group "sg-missing"/,
      /sg-0123/,
    ],
    [
      '--security-group that does not exist',
      () => ['--security-group', 'sg-0123456789abcdef0'],
      8,
      /Security group sg-0123456789abcdef0 does not exist/,
      /describe-security-groups/,
    ],
    [
      '--security-group of another VPC',
      (o) => ['--security-group', o.groupId],
      2,
      /is not in the VPC the instance launches in: the default VPC/,
      /--subnet with a subnet of that VPC/,
    ],
    [
      '--key-pair missing',
      () => ['--key-pair', 'missing'],
      8,
      /Key pair "missing" does not exist in us-east-1/,
      /describe-key-pairs/,
    ],
    [
      '--key-pair without its private key',
      () => ['--key-pair', 'corp-key', '--key', '/nonexistent/k.pem'],
      2,
      /No private key at \/nonexistent\/k\.pem/,
      /--key PATH/,
    ],
    [
      '--key-pair with another private key',
      (o) => ['--key-pair', 'corp-key', '--key', otherKey(o.home)],
      2,
      /The private key .*other\.pem is not the key of key pair "corp-key"/,
      /--key PATH/,
    ],
    [
      '--iam-instance-profile missing',
      () => ['--iam-instance-profile', 'missing'],
      8,
      /Instance profile "missing" does not exist/,
      /list-instance-profiles/,
    ],
    [
      'a 20 KB --user-data file',
      (o) => ['--user-data', big(o.home, 20_480)],
      2,
      /is 20480 bytes; EC2 allows 16384 bytes/,
      /download the rest/,
    ],
    [
      'a 15 KB --user-data file (too large with the installer)',
      (o) => ['--user-data', big(o.home, 15_000)],
      2,
      /15000 bytes, and with spawnd's installer \(\d+ bytes\) the user data is \d+ bytes; EC2 allows 16384/,
      /under about \d+ bytes/,
    ],
    [
      'a missing --user-data file',
      (o) => ['--user-data', join(o.home, 'nope.sh')],
      2,
      /Cannot read --user-data .*nope\.sh: ENOENT/,
      /script/,
    ],
    [
      'a --user-data file that is neither script nor cloud-config',
      (o) => ['--user-data', script(o.home, 'echo hi\n')],
      2,
      /neither a script nor cloud-config/,
      /#!/,
    ],
  ])('%s', async (_, flags, code, message, hint) => {
    const home = tempHome();
    const org = await orgAccount(home);
    const before = await inventory();
    await using proxy = await startFaultProxy({ target: moto.endpoint });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    const run = await runSpawn([...BASE, ...SSH, ...flags({ home, ...org })], { home }).finally(() => {
      process.env.AWS_ENDPOINT_URL = moto.endpoint;
    });
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(hint);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(
      proxy.requests.filter((r) => /^(Create|Run|Import|Put|Add|Authorize)/.test(r.action ?? '')),
    ).toEqual([]);
    const after = await inventory();
    expect(after).toEqual(before);
    expect(after.instances).toEqual([]);
    expect(await rolePolicies()).toEqual([]);
    const { ec2 } = await clients();
    const owned = await ec2.send(
      new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['spawn:parent', 'spawn:launch-id'] }] }),
    );
    expect(owned.Tags ?? []).toEqual([]);
  });
});
