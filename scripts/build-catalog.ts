import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { assembleCatalog } from '../packages/core/src/catalog/assemble-catalog.ts';
import { encodeCatalog } from '../packages/core/src/catalog/encode-catalog.ts';
import { fromInstanceTypeInfo } from '../packages/core/src/catalog/from-instance-type-info.ts';
import {
  parseSpotAdvisorFeed,
  type SpotAdvisorFeed,
} from '../packages/core/src/catalog/spot-advisor-feed.ts';
import type { Catalog, CatalogInstanceType } from '../packages/core/src/catalog/types.ts';

/** The committed offline catalog. */
export const catalogPath = fileURLToPath(new URL('../packages/core/data/catalog.json.gz', import.meta.url));
const sharedData = fileURLToPath(new URL('../../shared/data/', import.meta.url));

// The moto wheel's files carry its build date; its EC2 snapshots are from then at the latest.
const MOTO_SNAPSHOT_DATE = '2026-05-20';
const SPOT_ADVISOR_DATE = '2025-06-28';

type InstanceTypeInfo = Parameters<typeof fromInstanceTypeInfo>[0];

function motoDir(): string {
  const code = 'import moto, os; print(os.path.dirname(moto.__file__))';
  return execFileSync('python3', ['-c', code], { encoding: 'utf8' }).trim();
}

function readJson<T>(path: string): T {
  const raw = readFileSync(path);
  return JSON.parse((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as T;
}

function motoOfferings(dir: string): Record<string, Record<string, string[]>> {
  const base = join(dir, 'ec2', 'resources', 'instance_type_offerings', 'availability-zone');
  const out: Record<string, Record<string, string[]>> = {};
  for (const file of readdirSync(base).sort()) {
    const region = file.replace(/\.json(\.gz)?$/, '');
    const byType: Record<string, string[]> = {};
    for (const o of readJson<{ InstanceType: string; Location: string }[]>(join(base, file))) {
      byType[o.InstanceType] = [...(byType[o.InstanceType] ?? []), o.Location];
    }
    out[region] = byType;
  }
  return out;
}

/** Builds the catalog from moto's real AWS snapshots and the reference data in ../shared/data. */
export function buildCatalogFromReferenceData(now = new Date()): Catalog {
  const dir = motoDir();
  const infos = readJson<Record<string, InstanceTypeInfo>>(
    join(dir, 'ec2', 'resources', 'instance_types.json.gz'),
  );
  const types = Object.values(infos)
    .map(fromInstanceTypeInfo)
    .filter((t): t is CatalogInstanceType => t !== undefined);
  const onDemand = readJson<{ generatedAt: string; prices: Record<string, Record<string, number>> }>(
    join(sharedData, 'ondemand-us-east-1.json'),
  );
  const priceDate = onDemand.generatedAt.slice(0, 10);
  const priceSource = 'AWS Price List API via aws/karpenter-provider-aws zz_generated.pricing_aws.go';
  const prices: Catalog['prices'] = {};
  for (const [region, byType] of Object.entries(onDemand.prices)) {
    prices[region] = { source: priceSource, asOf: priceDate, usdPerHour: byType };
  }
  // Priced types moto's snapshot lacks (p3, g3, c9g...): AWS still sells them, we have no specs.
  const described = new Set(types.map((t) => t.instanceType));
  const unspecified = [
    ...new Set(Object.values(onDemand.prices).flatMap((byType) => Object.keys(byType))),
  ].filter((name) => !described.has(name));
  const spotSource = 'AWS Spot Instance Advisor feed via alexei-led/spotinfo';
  const spotAdvisor = parseSpotAdvisorFeed(
    readJson<SpotAdvisorFeed>(join(sharedData, 'spot-advisor-data.json')),
    {
      asOf: SPOT_ADVISOR_DATE,
      source: spotSource,
    },
  );
  return assembleCatalog({
    generatedAt: now.toISOString(),
    sources: [
      {
        name: 'EC2 DescribeInstanceTypes and DescribeInstanceTypeOfferings snapshots in moto 5.2.1',
        asOf: MOTO_SNAPSHOT_DATE,
        license: 'Apache-2.0',
        url: 'https://github.com/getmoto/moto/tree/master/moto/ec2/resources',
      },
      {
        name: `${priceSource} (on-demand Linux, shared tenancy; ${Object.keys(prices).join(', ')} only)`,
        asOf: priceDate,
        license: 'Apache-2.0',
        url: 'https://github.com/aws/karpenter-provider-aws/blob/main/pkg/providers/pricing/zz_generated.pricing_aws.go',
      },
      {
        name: `${spotSource} (Linux)`,
        asOf: SPOT_ADVISOR_DATE,
        license: 'Apache-2.0',
        url: 'https://github.com/alexei-led/spotinfo/tree/main/internal/spot/data',
      },
    ],
    types,
    offerings: motoOfferings(dir),
    prices,
    unspecified,
    spotAdvisor,
  });
}

// Node 20 has no import.meta.main: compare this module with the entry script (run via `npx tsx`).
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(realpathSync(entry)).href === import.meta.url;
}

if (isEntryPoint()) {
  const bytes = encodeCatalog(buildCatalogFromReferenceData());
  await mkdir(dirname(catalogPath), { recursive: true });
  await writeFile(catalogPath, bytes);
  process.stderr.write(`wrote ${catalogPath} (${(bytes.length / 1024).toFixed(0)} KiB)\n`);
}
