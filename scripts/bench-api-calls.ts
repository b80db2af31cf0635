import { servePriceList } from '../packages/core/src/pricing/fixtures/serve-price-list.ts';
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
  /** Cases naming the same home share its cache (a warm run after a cold one). */
  homeName?: string;
}[] = [
  {
    name: 'truffle search m7i.large --regions all (cold)',
    bin: TRUFFLE_BIN,
    args: ['search', 'm7i.large', '--regions', 'all'],
    homeName: 'search',
    min: {
      // Issue 11 target: at most 41 calls.
      calls: {
        'ec2.DescribeRegions': 1,
        'ec2.DescribeInstanceTypes': 1,
        'ec2.DescribeInstanceTypeOfferings': ALL_REGIONS,
        'pricing.GetProducts': 1,
      },
      // Prices are asked once per type for every region, and only for types offered somewhere
      // asked, so they follow the offerings.
      rounds: 3,
      why: 'regions | specs (instance-type filter) + offerings per region, all at once | one GetProducts for all regions',
    },
  },
  {
    name: 'truffle search m7i.large --regions all (warm repeat)',
    bin: TRUFFLE_BIN,
    args: ['search', 'm7i.large', '--regions', 'all'],
    homeName: 'search',
    min: { calls: {}, rounds: 0, why: 'everything cached: regions, specs, offerings, prices per type' },
  },
  {
    name: "truffle search 'c7g.*' --regions all (cold)",
    bin: TRUFFLE_BIN,
    args: ['search', 'c7g.*', '--regions', 'all'],
    homeName: 'glob',
    min: {
      // Issue 11 target: at most 45 calls. 9 types: three ANY_OF batches of 3, one page each.
      calls: {
        'ec2.DescribeRegions': 1,
        'ec2.DescribeInstanceTypes': 1,
        'ec2.DescribeInstanceTypeOfferings': ALL_REGIONS,
        'pricing.GetProducts': 3,
      },
      // Offerings of a glob are asked by the names its specs list, then prices: one round more.
      rounds: 4,
      why: 'regions | specs (instance-type filter c7g.*) | offerings per region by name | prices, 3 batches at once',
    },
  },
  {
    name: "truffle search 'c7g.*' --regions all (warm repeat)",
    bin: TRUFFLE_BIN,
    args: ['search', 'c7g.*', '--regions', 'all'],
    homeName: 'glob',
    min: { calls: {}, rounds: 0, why: 'everything cached' },
  },
  {
    name: 'truffle search c7g.large --regions all (warm, overlaps c7g.*)',
    bin: TRUFFLE_BIN,
    args: ['search', 'c7g.large', '--regions', 'all'],
    homeName: 'glob',
    min: {
      calls: {},
      rounds: 0,
      why: 'specs and offerings of c7g.* cover c7g.large; prices are cached per type',
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
        // No local key yet: nothing to look up in EC2, it is created and imported after the plan.
        ...withoutKeyLookup(launchLookups()),
        'ec2.ImportKeyPair': 1,
        // spawnd's role and instance profile (shared): role and profile at once, then its policy
        // with the attachment.
        'iam.CreateRole': 2,
        'iam.PutRolePolicy': 2,
        'iam.CreateInstanceProfile': 1,
        'iam.AddRoleToInstanceProfile': 1,
        // The backstop's scheduler role (the 2nd CreateRole / PutRolePolicy) and schedule group.
        'scheduler.CreateScheduleGroup': 1,
      },
      // Nothing is created before the plan (with its cost) is shown, so the create chains start
      // after the lookups; every chain that does not need the instance runs before it, together.
      // The deepest lookup chain is type and AMI parameters (at once) -> image; VPC -> subnets.
      rounds: 6,
      why: 'lookups (2: type + AMI parameters -> image, VPC -> subnets, the rest alongside) | key import, SG, both CreateRoles, CreateInstanceProfile, CreateScheduleGroup | ingress, both PutRolePolicy, AddRoleToInstanceProfile | RunInstances | spawn:parent tags + schedules + waiter',
    },
  },
  {
    name: 'spawn launch, again (role and key exist)',
    bin: SPAWN_BIN,
    args: [...LAUNCH_ARGS],
    runs: LAUNCH_RUNS,
    min: {
      calls: launchLookups(),
      // The dependency chain is 6 deep: the image waits for the parameters and the type, the
      // subnets for the VPC; the spawn:parent tags go out with the schedules and the waiter.
      // Measured (calls overlapping in time) it is 5: the image and subnets end while the first
      // round's slowest call (IAM, Pricing) is still out.
      rounds: 6,
      why: 'lookups (type + AMI parameters -> image, inside the slowest first-round call) | SG | ingress | RunInstances | spawn:parent tags + schedules + waiter',
    },
  },
  {
    name: 'spawn list',
    bin: SPAWN_BIN,
    args: ['list', '--output', 'ndjson'],
    min: {
      // Issue 15: every enabled region (an instance launched elsewhere must not be invisible), and
      // the backstop column from one ListSchedules in each region that has spawn instances (here
      // us-east-1, where the launches above went).
      calls: {
        'ec2.DescribeRegions': 1,
        'ec2.DescribeInstances': ALL_REGIONS,
        'scheduler.ListSchedules': 1,
      },
      // A region's ListSchedules is sent as soon as its DescribeInstances found instances, so it
      // overlaps the other regions' DescribeInstances.
      rounds: 2,
      why: 'enabled regions | DescribeInstances per region, all at once, each followed by ListSchedules where it found instances',
    },
  },
];

/** What every launch looks up and sends whatever the account already has (the steady state). */
function launchLookups(): Record<string, number> {
  return {
    'sts.GetCallerIdentity': 1,
    'ec2.DescribeInstanceTypes': 1,
    // Every image parameter any type may need, in one call alongside DescribeInstanceTypes.
    'ssm.GetParameters': 1,
    'ec2.DescribeImages': 1,
    'ec2.DescribeKeyPairs': 1,
    'ec2.DescribeInstanceTypeOfferings': 1,
    'ec2.DescribeVpcs': 1,
    'ec2.DescribeSubnets': 1,
    // spawnd's instance profile (its copy of the role carries the trust policy) and the role's
    // inline policy, at once: a role made by an older spawn gets today's policy, without GetRole.
    'iam.GetInstanceProfile': 1,
    // The scheduler role's trust (GetRole) and policy, and the schedule group: read once, in the
    // lookups' round, and handed to the create steps (which then read nothing again).
    'iam.GetRole': 1,
    'iam.GetRolePolicy': 2,
    'scheduler.GetScheduleGroup': 1,
    // Design steps: live prices for the cost plan, the instance's and gp3 disk's (two products, no
    // single Price List filter matches both), at once. The spawnd checksums are pinned in the
    // package (spawnd-pins.json), so no S3 read.
    'pricing.GetProducts': 2,
    // The instance's own security group: created, then its one SSH rule.
    'ec2.CreateSecurityGroup': 1,
    'ec2.AuthorizeSecurityGroupIngress': 1,
    'ec2.RunInstances': 1,
    // spawn:parent on the security group (and a key pair imported by this launch), one call.
    'ec2.CreateTags': 1,
    // The cloud backstop (issue 13): the default on-idle stop keeps the disk, so one schedule stops
    // it at deadline + grace and one terminates it max-stopped later (a terminate at the deadline
    // would destroy an idle-stopped disk); both at once, alongside the waiter.
    'scheduler.CreateSchedule': 2,
    // The waiter's answer already carries the addresses.
    'ec2.DescribeInstances': 1,
  };
}

function withoutKeyLookup(calls: Record<string, number>): Record<string, number> {
  const { 'ec2.DescribeKeyPairs': _, ...rest } = calls;
  return rest;
}

requireBuilt();
const moto = await useBenchMoto();
// moto has no Pricing API: a local GetProducts server answers from the recorded multi-region price
// list (core/src/pricing/fixtures), so prices are really fetched, cached, and warm runs stay at 0.
const priceList = await servePriceList();
await moto.reset();
let home = await tempHome();
const namedHomes = new Map<string, Awaited<ReturnType<typeof tempHome>>>();
// BENCH_API_CASES=search runs only the cases whose name contains it. BENCH_CI=1 (`pnpm bench:ci`):
// counts decide, rounds (timing-inferred) are shown only, and each case runs once.
const only = process.env.BENCH_API_CASES;
const ci = process.env.BENCH_CI === '1';
for (const c of cases.filter((x) => !only || x.name.includes(only))) {
  await part(`api-calls ${c.name}`, async () => {
    const runs: { calls: AwsCall[]; rounds: number }[] = [];
    for (let i = 0; i < (ci ? 1 : (c.runs ?? 1)); i++) {
      if (c.fresh && i > 0) {
        // The account's first launch again: no role, no key pair, no local key.
        await moto.reset();
        await home.dispose();
        home = await tempHome();
      }
      const own = c.ownHome ? await tempHome() : undefined;
      let named = c.homeName ? namedHomes.get(c.homeName) : undefined;
      if (c.homeName && !named) {
        named = await tempHome();
        namedHomes.set(c.homeName, named);
      }
      const env = {
        ...moto.env,
        AWS_ENDPOINT_URL_PRICING: priceList.endpoint,
        ...(own ?? named ?? home).env,
      };
      // A loaded machine can make moto answer slower than the 20 s default: a timed-out call is not
      // cached, so it would be counted again by the warm run. Searches get more time.
      const slack = c.args[0] === 'search' ? ['--timeout', '120'] : [];
      const r = await runOk('node', [c.bin, ...c.args, ...slack, '--debug'], { env }).finally(() =>
        own?.dispose(),
      );
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
    const ok = excess.length === 0 && (ci || rounds <= c.min.rounds);
    valueLine(
      'api-calls',
      c.name,
      `${calls.length} calls in ${rounds} rounds${runs.length > 1 ? ` (median of ${runs.length})` : ''} (minimum ${minTotal} in ${c.min.rounds})`,
      { text: 'minimum', ok },
    );
    note(`calls: ${formatCounts(counts)}`);
    // A failed call (a timeout on a loaded machine) is not cached: the next run repeats it.
    const failed = calls.filter((x) => x.error);
    if (failed.length) note(`failed: ${failed.map((x) => `${x.op} ${x.region} ${x.error}`).join(', ')}`);
    if (excess.length) note(`excess: ${excess.join(', ')}`);
    if (rounds > c.min.rounds)
      note(`${rounds - c.min.rounds} more sequential rounds than needed (${c.min.why})`);
  });
}
await home.dispose();
for (const h of namedHomes.values()) await h.dispose();
await priceList.close();
moto.stop();
