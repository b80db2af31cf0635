import type { SpotAdvisorInput } from './assemble-catalog.ts';

/** The public AWS Spot Advisor feed (`spot-advisor-data.json`), the parts we read. */
export interface SpotAdvisorFeed {
  ranges: { index: number; label: string }[];
  spot_advisor: Record<string, Record<string, Record<string, { s: number; r: number }>>>;
}

/** Linux savings/interruption figures per region from the feed. */
export function parseSpotAdvisorFeed(
  feed: SpotAdvisorFeed,
  o: { asOf: string; source: string },
): SpotAdvisorInput {
  const ranges: string[] = [];
  for (const r of feed.ranges) ranges[r.index] = r.label;
  const regions: SpotAdvisorInput['regions'] = {};
  for (const [region, byOs] of Object.entries(feed.spot_advisor)) {
    const out: SpotAdvisorInput['regions'][string] = {};
    for (const [type, e] of Object.entries(byOs.Linux ?? {})) out[type] = { savingsPercent: e.s, range: e.r };
    regions[region] = out;
  }
  return { asOf: o.asOf, source: o.source, ranges, regions };
}
