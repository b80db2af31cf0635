import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { suggest } from '@truffle-spawn/core/search';
import type { OfferData } from './offer-data.ts';

/** The stderr message for an empty answer (exit 0, no records), with "did you mean" suggestions. */
export function reportEmpty(ctx: CommandContext, data: OfferData, query: string, why?: string): void {
  const where = data.regions.length === 0 ? 'any answered region' : data.regions.join(', ');
  ctx.output.warn(`No instance type matches "${query}" in ${where}${why ? ` ${why}` : ''}.`);
  const ideas = suggest(data.allTypes, query);
  if (ideas.length > 0) ctx.output.info(`Did you mean: ${ideas.join(', ')}?`);
}
