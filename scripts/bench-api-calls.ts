import {
  type AwsCall,
  countByOperation,
  formatCounts,
  parseAwsCalls,
  sequentialRounds,
} from './bench/_aws-calls.ts';
import { LAUNCH_ARGS } from './bench/_launch-setup.ts';
import { useBenchMoto } from './bench/_moto.ts';
import { requireBuilt, SPAWN_BIN, TRUFFLE_BIN, tempHome } from './bench/_paths.ts';
import { note, part, valueLine } from './bench/_report.ts';
import { runOk } from './bench/_run.ts';
import { median } from './bench/_stats.ts';

// AWS calls per command from `--debug`, against the minimum the design needs. "Rounds" are groups
// of calls that overlap in time: a chain of N dependent-looking rounds shows lookups that could
// have run in parallel. Counts are exact; rounds are inferred from when each line arrived, which
// can split or merge a round by a few ms, so launches (concurrent steps) report the median of
// LAUNCH_RUNS runs (a first launch each time on a freshly reset moto and HOME).
type Minimum = { calls: Record<string, number>; rounds: number; why: string };

const ALL_REGIONS = 38;
const LAUNCH_RUNS = 3;
const cases: {
  name: string;
  bin: string;
  args: string[];
  min: Minimum;
  fresh?: boolean;
  runs?: number;
  ownHome?: boolean;
}[] = [
  {
    name: 'truffle search m7i.large --regions all (cold)',
    bin: TRUFFLE_BIN,
    args: ['search', 'm7i.large', '--regions', 'all'],
    min: {
      calls: {
        'ec2.DescribeRegions': 1,
        'ec2.DescribeInstanceTypes': 1,
        'ec2.DescribeInstanceTypeOfferings': ALL_REGIONS,
        'pricing.GetProducts': ALL_REGIONS,
      },
      // Prices are asked only for regions where a match is offered ("only the calls it needs": a
      // p5 query asks 38 regions for offerings but prices only where p5 exists), so they follow
      // the offerings: one round more than asking for every region's prices blindly.
      rounds: 3,
      why: 'regions | specs once + offerings per region, all at once | prices where offered, all at once',
    },
  },
  {
    name: 'truffle spot m7i.large (cold)',
    bin: TRUFFLE_BIN,
    args: ['spot', 'm7i.large'],
    // Its own empty cache: the search before it has cached the on-demand prices it would reuse.
    ownHome: true,
    min: {
      calls: { 'ec2.DescribeSpotPriceHistory': 1, 'pricing.GetProducts': 1 },
      rounds: 1,
      why: 'spot history and on-demand price (for savings) in parallel; the cache key needs no STS',
    },
  },
  {
    name: 'spawn launch, first in the account',
    bin: SPAWN_BIN,
    args: [...LAUNCH_ARGS],
    fresh: true,
    runs: LAUNCH_RUNS,
    min: {
      calls: {
        ...launchLookups(),
        // spawn:parent on the new key pair as well as the security group.
        'ec2.CreateTags': 2,
        'ec2.ImportKeyPair': 1,
        'iam.CreateRole': 1,
        'iam.PutRolePolicy': 1,
        'iam.CreateInstanceProfile': 1,
        'iam.AddRoleToInstanceProfile': 1,
      },
      // Nothing is created before the plan (with its cost) is shown, so the create chains start
      // after the lookups: 2 rounds of lookups (type -> AMI parameter -> image overlaps the rest),
      // the role chain's 4 IAM calls (the key import and the SG chain alongside), run, tag + wait.
      rounds: 8,
      why: 'lookups (2) | key, SG chain and role chain (4) concurrently | RunInstances | tags + waiter',
    },
  },
  {
    name: 'spawn launch, again (role and key exist)',
    bin: SPAWN_BIN,
    args: [...LAUNCH_ARGS],
    runs: LAUNCH_RUNS,
    min: {
      calls: launchLookups(),
      rounds: 6,
      why: 'lookups (2: SSM then image, VPC then subnets) | SG | ingress | RunInstances | tags + waiter',
    },
  },
  {
    name: 'spawn list',
    bin: SPAWN_BIN,
    args: ['list', '--output', 'ndjson'],
    min: {
      calls: { 'ec2.DescribeInstances': 1 },
      rounds: 1,
      why: 'one tag-filtered DescribeInstances per region',
    },
  },
];

function launchLookups(): Record<string, number> {
  return {
    'sts.GetCallerIdentity': 1,
    'ec2.DescribeInstanceTypes': 1,
    'ssm.GetParameter': 1,
    'ec2.DescribeImages': 1,
    'ec2.DescribeKeyPairs': 1,
    'ec2.DescribeInstanceTypeOfferings': 1,
    'ec2.DescribeVpcs': 1,
    'ec2.DescribeSubnets': 1,
    'ec2.CreateSecurityGroup': 1,
    'ec2.AuthorizeSecurityGroupIngress': 1,
    'iam.GetInstanceProfile': 1,
    // Design steps: live on-demand price for the cost plan, spawnd checksums (x64, arm64) to pin.
    'pricing.GetProducts': 1,
    's3.GetObject': 2,
    'ec2.RunInstances': 1,
    // spawn:parent on the security group, known only once the instance exists.
    'ec2.CreateTags': 1,
    // The waiter's answer already carries the addresses.
    'ec2.DescribeInstances': 1,
  };
}

requireBuilt();
const moto = await useBenchMoto();
await moto.reset();
let home = await tempHome();
for (const c of cases) {
  await part(`api-calls ${c.name}`, async () => {
    const runs: { calls: AwsCall[]; rounds: number }[] = [];
    for (let i = 0; i < (c.runs ?? 1); i++) {
      if (c.fresh && i > 0) {
        // The account's first launch again: no role, no key pair, no local key.
        await moto.reset();
        await home.dispose();
        home = await tempHome();
      }
      const own = c.ownHome ? await tempHome() : undefined;
      const env = { ...moto.env, ...(own ?? home).env };
      const r = await runOk('node', [c.bin, ...c.args, '--debug'], { env }).finally(() => own?.dispose());
      const calls = parseAwsCalls(r);
      runs.push({ calls, rounds: sequentialRounds(calls).length });
    }
    const rounds = median(runs.map((x) => x.rounds));
    const calls = runs[0]?.calls ?? [];
    const counts = countByOperation(calls);
    if (runs.some((x) => x.calls.length !== calls.length)) {
      throw new Error(`call counts differ between runs: ${runs.map((x) => x.calls.length).join(', ')}`);
    }
    const minTotal = Object.values(c.min.calls).reduce((a, b) => a + b, 0);
    const excess = [...counts].flatMap(([op, n]) => {
      const extra = n - (c.min.calls[op] ?? 0);
      return extra > 0 ? [`${op} +${extra}`] : [];
    });
    const ok = excess.length === 0 && rounds <= c.min.rounds;
    valueLine(
      'api-calls',
      c.name,
      `${calls.length} calls in ${rounds} rounds${runs.length > 1 ? ` (median of ${runs.length})` : ''} (minimum ${minTotal} in ${c.min.rounds})`,
      { text: 'minimum', ok },
    );
    note(`calls: ${formatCounts(counts)}`);
    if (excess.length) note(`excess: ${excess.join(', ')}`);
    if (rounds > c.min.rounds)
      note(`${rounds - c.min.rounds} more sequential rounds than needed (${c.min.why})`);
  });
}
await home.dispose();
moto.stop();
