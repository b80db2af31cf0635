import { readFileSync } from 'node:fs';
import {
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import {
  GetInstanceProfileCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { createAwsContext } from '@truffle-spawn/core/aws';
import { type FaultProxy, type FaultRule, startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import type { MotoContext } from '@truffle-spawn/test-utils/moto';
import { inventory } from './_inventory.ts';
import { runSpawn, type SpawnRun } from './_launch-test-io.ts';

/**
 * The acceptance harness for issue 12 ("a launch is a transaction"): run a launch through the
 * fault proxy in front of moto, then judge what it left. Reusable by any launch test.
 */

/** One AWS call of a launch: the nth call of `service:action` (s3 has no action: its path). */
export interface CallSite {
  service: string;
  action: string;
  /** 1-based occurrence among calls with the same service and action. */
  nth: number;
}

export const siteName = (s: CallSite) => `${s.service}:${s.action}#${s.nth}`;

/** The calls whose failure a rollback must survive: its deletes. */
export const ROLLBACK_DELETES = ['TerminateInstances', 'DeleteSecurityGroup', 'DeleteKeyPair'];

/** Exit codes the README documents (its table), so a test can say "a documented exit code". */
export function documentedExitCodes(): Set<number> {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('## Exit codes'));
  return new Set([...table.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1])));
}

/** A stack trace or the "this is a bug" banner: a user must never see either. */
export const STACK = /Internal error|\n\s+at .+:\d+:\d+/;

/** The standard flags launch (a cheap type, no prompt, no public-IP lookup). */
export const LAUNCH_ARGS = ['--instance-type', 't3.micro', '--yes', '--ssh-cidr', '203.0.113.7/32'];

/**
 * Runs `fn` with the SDK pointed at a fresh fault proxy in front of moto (the SDK reads
 * AWS_ENDPOINT_URL from process.env), and moto again afterwards for the checks.
 */
export async function withProxy<T>(
  moto: MotoContext,
  rules: FaultRule[],
  fn: (proxy: FaultProxy) => Promise<T>,
  o: { maxHangMs?: number } = {},
): Promise<T> {
  await using proxy = await startFaultProxy({ target: moto.endpoint, rules, maxHangMs: o.maxHangMs ?? 400 });
  process.env.AWS_ENDPOINT_URL = proxy.endpoint;
  try {
    return await fn(proxy);
  } finally {
    process.env.AWS_ENDPOINT_URL = moto.endpoint;
  }
}

/** Runs a launch in-process through a recording proxy and returns every call it made. */
export async function recordCallSites(moto: MotoContext, argv = [...LAUNCH_ARGS, '--wait', 'running']) {
  return withProxy(moto, [], async (proxy) => {
    const run = await runSpawn(argv);
    if (run.code !== 0) throw new Error(`the recording launch failed:\n${run.stderr}`);
    const seen = new Map<string, number>();
    const sites: CallSite[] = proxy.requests.map((r) => {
      const service = r.service ?? '?';
      const action = r.action ?? `path:${r.path.split('?')[0]}`;
      const nth = (seen.get(`${service}:${action}`) ?? 0) + 1;
      seen.set(`${service}:${action}`, nth);
      return { service, action, nth };
    });
    return sites;
  });
}

/** A rule that answers exactly this call site with `fault`. */
export function ruleFor(site: CallSite, fault: FaultRule['fault']): FaultRule {
  if (site.action.startsWith('path:')) {
    const path = site.action.slice('path:'.length);
    return {
      match: (r) => r.service === site.service && r.path.split('?')[0] === path,
      calls: [site.nth],
      fault,
    };
  }
  return { match: { service: site.service, action: site.action }, calls: [site.nth], fault };
}

/** What a launch left that belongs to it alone (a fresh moto, a fresh HOME: all of it is the launch's). */
export async function ownLeftovers(): Promise<string[]> {
  const inv = await inventory();
  return [
    ...inv.instances.map((i) => `instance ${i.InstanceId}`),
    ...inv.securityGroups.map((g) => `security group ${g.GroupId}`),
    ...inv.keyPairs.map((k) => `key pair ${k}`),
  ];
}

/**
 * What is wrong with the shared, account-level resources (empty = intact and usable): a spawnd
 * role must have its profile and inline policy; a spawn VPC must have an attached gateway and a
 * default route to it from its subnets' route table.
 */
export async function sharedProblems(): Promise<string[]> {
  const aws = await createAwsContext({ env: process.env });
  const iam = aws.iam();
  const ec2 = aws.ec2('us-east-1');
  const inv = await inventory();
  const problems: string[] = [];
  for (const role of inv.roles.filter((r) => r.startsWith('spawnd'))) {
    const profile = await iam
      .send(new GetInstanceProfileCommand({ InstanceProfileName: role }))
      .catch(() => undefined);
    if (!profile?.InstanceProfile?.Roles?.some((r) => r.RoleName === role))
      problems.push(`role ${role} has no instance profile holding it`);
    const policies = await iam.send(new ListRolePoliciesCommand({ RoleName: role }));
    if ((policies.PolicyNames ?? []).length === 0) problems.push(`role ${role} has no inline policy`);
  }
  for (const profile of inv.instanceProfiles.filter((p) => p.startsWith('spawnd'))) {
    if (!inv.roles.includes(profile)) problems.push(`instance profile ${profile} has no role`);
  }
  for (const vpcId of inv.vpcs) problems.push(...(await routeProblems(ec2, vpcId)));
  return problems;
}

async function routeProblems(
  ec2: ReturnType<Awaited<ReturnType<typeof createAwsContext>>['ec2']>,
  vpcId: string,
): Promise<string[]> {
  const subnets = await ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
  );
  // An empty VPC (a lost create race's spare) is clutter, not broken: see duplicateVpcs.
  if ((subnets.Subnets ?? []).length === 0) return [];
  const igws = await ec2.send(
    new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
  );
  const attached = new Set((igws.InternetGateways ?? []).map((g) => g.InternetGatewayId));
  if (attached.size === 0) return [`${vpcId} has no internet gateway attached`];
  const tables = await ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
  );
  const problems: string[] = [];
  for (const subnet of subnets.Subnets ?? []) {
    const table =
      tables.RouteTables?.find((t) => t.Associations?.some((a) => a.SubnetId === subnet.SubnetId)) ??
      tables.RouteTables?.find((t) => t.Associations?.some((a) => a.Main));
    const route = table?.Routes?.some(
      (r) => r.DestinationCidrBlock === '0.0.0.0/0' && attached.has(r.GatewayId),
    );
    if (!route)
      problems.push(`subnet ${subnet.SubnetId} of ${vpcId} has no default route to an attached gateway`);
  }
  return problems;
}

/** Spawn VPCs beyond the first (a create race that made spares), and gateways beyond one per VPC. */
export async function duplicateSharedResources(): Promise<string[]> {
  const aws = await createAwsContext({ env: process.env });
  const ec2 = aws.ec2('us-east-1');
  const inv = await inventory();
  const extra = inv.vpcs.slice(1).map((v) => `spare VPC ${v}`);
  const igws = await ec2.send(new DescribeInternetGatewaysCommand({}));
  for (const vpcId of inv.vpcs) {
    const n = (igws.InternetGateways ?? []).filter((g) =>
      g.Attachments?.some((a) => a.VpcId === vpcId),
    ).length;
    if (n > 1) extra.push(`${n} internet gateways attached to ${vpcId} (real AWS allows one)`);
  }
  return extra;
}

/** For an instance that printed ✔: its profile holds the spawnd role with a policy, and its subnet routes out. */
export async function instanceProblems(instanceId: string): Promise<string[]> {
  const aws = await createAwsContext({ env: process.env });
  const ec2 = aws.ec2('us-east-1');
  const iam = aws.iam();
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const instance = out.Reservations?.[0]?.Instances?.[0];
  if (!instance) return [`${instanceId} does not exist`];
  const problems: string[] = [];
  const profileName = instance.IamInstanceProfile?.Arn?.split('/').pop();
  if (!profileName) problems.push(`${instanceId} has no instance profile`);
  else {
    const profile = await iam
      .send(new GetInstanceProfileCommand({ InstanceProfileName: profileName }))
      .catch(() => undefined);
    const role = profile?.InstanceProfile?.Roles?.[0]?.RoleName;
    if (!role) problems.push(`${instanceId}: profile ${profileName} is gone or holds no role`);
    else {
      const names = await iam.send(new ListRolePoliciesCommand({ RoleName: role })).catch(() => undefined);
      const name = names?.PolicyNames?.[0];
      const doc = name
        ? await iam
            .send(new GetRolePolicyCommand({ RoleName: role, PolicyName: name }))
            .catch(() => undefined)
        : undefined;
      if (!doc?.PolicyDocument) problems.push(`${instanceId}: role ${role} has no policy`);
    }
  }
  // Only spawn's own VPC: moto's default VPC has no internet gateway (real AWS gives it one).
  const vpcs = (await inventory()).vpcs;
  if (instance.VpcId && vpcs.includes(instance.VpcId)) {
    const routes = await routeProblems(ec2, instance.VpcId);
    problems.push(
      ...routes.filter((p) => p.includes(instance.SubnetId ?? '-') || p.includes('no internet gateway')),
    );
  }
  return problems;
}

/** The verdict on one faulted launch, as the closing note counts it. */
export interface Verdict {
  site: string;
  fault: string;
  code: number;
  documented: boolean;
  stackTrace: boolean;
  /** Own resources left by a failed launch (a failing rollback delete may leave some, by design named). */
  left: string[];
  /** Of those, the ones stderr does not name by id: orphans nobody was told about. */
  silent: string[];
  /** Shared resources that a follow-up launch could not use (a half-made role it repairs is fine). */
  shared: string[];
  /** Launched (exit 0): problems of the instance it reported. */
  instance: string[];
  /** A call before RunInstances failed the launch, yet RunInstances was sent (issue 12 item 2). */
  runInstancesAfterFailure?: boolean;
}

/**
 * Clean: a documented exit code, no stack, shared resources usable, and either nothing of its
 * own left, or (only when a rollback delete was made to fail) everything left named on stderr.
 */
export const isClean = (v: Verdict, o: { deletesFail: boolean }) =>
  v.documented &&
  !v.stackTrace &&
  v.shared.length === 0 &&
  v.instance.length === 0 &&
  !v.runInstancesAfterFailure &&
  (o.deletesFail ? v.silent.length === 0 : v.left.length === 0);

/**
 * Judges one run: exit code, stack, own leftovers, and whether the shared resources are usable:
 * when they look incomplete, a follow-up launch without faults must repair or adopt them and
 * give a usable instance (the issue's "a half-made role is repaired").
 */
export async function judge(run: SpawnRun, site: string, fault: string): Promise<Verdict> {
  const launched = run.records.find((r) => r.type === 'launched');
  const instanceId = typeof launched?.instanceId === 'string' ? launched.instanceId : undefined;
  // A launch that succeeded owns its instance, group and key on purpose.
  const left = run.code === 0 ? [] : await ownLeftovers();
  const silent = left.filter((r) => !run.stderr.includes(r.split(' ').pop() ?? '-'));
  const instance = instanceId ? await instanceProblems(instanceId) : [];
  let shared = await sharedProblems();
  if (shared.length > 0) {
    const next = await runSpawn([...LAUNCH_ARGS, '--wait', 'none', '-o', 'ndjson']);
    const id = next.records.find((r) => r.type === 'launched')?.instanceId;
    shared =
      next.code === 0 && typeof id === 'string'
        ? await instanceProblems(id)
        : [
            `the next launch failed (exit ${next.code}): ${next.stderr
              .split('\n')
              .filter((l) => l.startsWith('Error'))
              .join(' ')}`,
            ...shared,
          ];
  }
  return {
    site,
    fault,
    code: run.code,
    documented: documentedExitCodes().has(run.code),
    stackTrace: STACK.test(run.stderr),
    left,
    silent,
    shared,
    instance,
  };
}

/** A markdown table of verdicts for the closing note: faults / clean / orphans. */
export function figures(title: string, rows: { verdict: Verdict; deletesFail: boolean }[]): string {
  const count = (f: (r: { verdict: Verdict; deletesFail: boolean }) => boolean) => rows.filter(f).length;
  const lines = [
    `### ${title}`,
    '',
    '| faults | clean | left own resources (named) | silent orphans | undocumented exit | stack trace | shared unusable | RunInstances after a failure |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${rows.length} | ${count((r) => isClean(r.verdict, r))} | ${count((r) => r.verdict.left.length > 0 && r.verdict.silent.length === 0)} | ${count((r) => r.verdict.silent.length > 0)} | ${count((r) => !r.verdict.documented)} | ${count((r) => r.verdict.stackTrace)} | ${count((r) => r.verdict.shared.length > 0)} | ${count((r) => r.verdict.runInstancesAfterFailure === true)} |`,
    '',
  ];
  const bad = rows.filter((r) => !isClean(r.verdict, r));
  if (bad.length > 0) {
    lines.push('Not clean:', '');
    for (const { verdict: v } of bad) {
      lines.push(
        `- ${v.site} ${v.fault}: exit ${v.code}${v.stackTrace ? ', STACK' : ''}${v.left.length ? `, left ${v.left.join(', ')}` : ''}${v.silent.length ? ` (not named: ${v.silent.join(', ')})` : ''}${v.shared.length ? `, shared: ${v.shared.join('; ')}` : ''}${v.instance.length ? `, instance: ${v.instance.join('; ')}` : ''}${v.runInstancesAfterFailure ? ', RunInstances sent after the failure' : ''}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
