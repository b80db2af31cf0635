import { UserError } from '@truffle-spawn/core';
import { loadCatalog, offeredRegions, unspecifiedType } from '@truffle-spawn/core/catalog';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { suggest } from '@truffle-spawn/core/search';
import type { OfferData } from './offer-data.ts';

/** The stderr message for an empty answer (exit 0, no records), with "did you mean" suggestions. */
export function reportEmpty(ctx: CommandContext, data: OfferData, query: string, why?: string): void {
  const where = data.regions.length === 0 ? 'any answered region' : data.regions.join(', ');
  const what = query.trim() === '' ? 'No instance type' : `No instance type matches "${query}"`;
  ctx.output.warn(`${what} in ${where}${why ? ` ${why}` : ''}.`);
  const ideas = query.trim() === '' ? [] : suggest(data.allTypes, query);
  if (ideas.length > 0) ctx.output.info(`Did you mean: ${ideas.join(', ')}?`);
}

/** Why an exact instance-type name gave no offer; each case is a not-found error (exit 8). */
export type ExactMiss =
  | { kind: 'unknown' }
  | { kind: 'filtered'; filters: string }
  | { kind: 'not-offered' }
  | { kind: 'price'; maxPrice: number };

/**
 * Why an exact name gave no offer: the search found it (so no asked region offers it), or it is
 * known but `filters` removed it, or it is unknown.
 */
export function classifyExactMiss(
  data: OfferData,
  name: string,
  found: boolean,
  filters: string | undefined,
): ExactMiss {
  if (found) return { kind: 'not-offered' };
  const known = [data.allTypes, data.types].some((list) => list.some((t) => t.instanceType === name));
  return known && filters ? { kind: 'filtered', filters } : { kind: 'unknown' };
}

/**
 * The error for an exact name that produced no offer: it does not exist (with "did you mean"), it
 * exists but not in the asked regions (and where it is offered, where the data knows), or filters
 * or --max-price removed it. Never a look-alike in its place.
 */
export async function exactMissError(data: OfferData, name: string, miss: ExactMiss): Promise<UserError> {
  const regions = data.regions.length === 0 ? 'any answered region' : data.regions.join(', ');
  const details = { instanceType: name, regions: data.regions };
  if (miss.kind === 'filtered') {
    return new UserError('INSTANCE_TYPE_NOT_FOUND', `${name} exists but does not pass ${miss.filters}.`, {
      hint: 'Drop the filters to see it.',
      details,
    });
  }
  if (miss.kind === 'price') {
    return new UserError(
      'INSTANCE_TYPE_NOT_FOUND',
      `${name} has no known on-demand price at or below $${miss.maxPrice}/hour in ${regions}.`,
      { hint: 'Raise --max-price or drop it.', details },
    );
  }
  const catalog = await loadCatalog();
  if (miss.kind === 'not-offered') {
    const elsewhere = offeredRegions(catalog, name).filter((r) => !data.regions.includes(r));
    const tail = elsewhere.length > 0 ? `; offered in: ${elsewhere.join(', ')}` : '';
    return new UserError('INSTANCE_TYPE_NOT_OFFERED', `${name} is not offered in ${regions}${tail}.`, {
      hint:
        elsewhere.length > 0
          ? `Pass --region ${elsewhere[0]} (or --region all). Regions are from the offline catalog of ${catalog.asOf}.`
          : 'Pass --region all to look everywhere.',
      details: { ...details, offeredIn: elsewhere },
    });
  }
  const priced = unspecifiedType(catalog, name);
  if (priced) {
    const where =
      priced.pricedRegions.length > 0 ? ` (AWS prices it in ${priced.pricedRegions.join(', ')})` : '';
    return new UserError(
      'INSTANCE_TYPE_NOT_FOUND',
      `${name} exists${where} but the offline catalog has no specs for it.`,
      { hint: 'Run with AWS credentials (without --offline) to ask AWS for it.', details },
    );
  }
  const ideas = suggest(data.allTypes, name);
  return new UserError('INSTANCE_TYPE_NOT_FOUND', `No instance type is named "${name}".`, {
    hint:
      ideas.length > 0
        ? `Did you mean: ${ideas.join(', ')}? (truffle never launches a look-alike for an exact name.)`
        : `Check the name, or search by family: truffle search '${name.split('.')[0]}'.`,
    details: { ...details, suggestions: ideas },
  });
}
