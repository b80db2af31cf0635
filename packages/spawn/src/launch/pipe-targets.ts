import { UserError } from '@truffle-spawn/core';
import type { LaunchTarget } from '@truffle-spawn/core/launch';
import { type Message, readAllMessages } from '@truffle-spawn/core/protocol';
import type { LaunchOptions } from './launch-options.ts';

/** A record spawn can launch, with the input line it came from. */
export interface Candidate {
  lineNumber: number;
  target: LaunchTarget;
  /** How the record was chosen upstream, for the plan's "why" line (`exact match from truffle`). */
  why?: string;
  /** The `match` of a truffle offer record; `fuzzy` is a guess spawn only launches with --pick. */
  match?: string;
}

/**
 * Reads truffle's NDJSON (every line validated before anything is created) and returns the
 * candidates to try: the first usable record, the `--pick`ed one, or all of them with --try-all.
 */
export async function readPipeCandidates(
  stdin: AsyncIterable<Buffer | string>,
  opts: LaunchOptions,
): Promise<Candidate[]> {
  const messages = await readAllMessages(stdin);
  const usable = messages.flatMap(({ lineNumber, message }): Candidate[] => {
    const target = toTarget(message);
    if (!target) return [];
    const match = message.type === 'offer' ? message.match : undefined;
    return [{ lineNumber, target, ...(match ? { match, why: `${match} match from truffle` } : {}) }];
  });
  const upstream = messages.find(({ message }) => message.type === 'error')?.message;
  if (usable.length === 0 && upstream?.type === 'error') {
    throw new UserError(
      'INVALID_INPUT',
      `Nothing to launch: the command before spawn failed: ${upstream.message}`,
      {
        hint: upstream.hint ?? 'Fix the command on the left of the pipe first.',
      },
    );
  }
  if (usable.length === 0) {
    throw new UserError(
      'INVALID_INPUT',
      'No launchable record on standard input (need an `offer` or an ODCR `capacity`).',
      {
        hint: 'Pipe `truffle search ...` or `truffle capacity ...` into spawn.',
      },
    );
  }
  if (opts.pick !== undefined) {
    const picked = usable[opts.pick - 1];
    if (!picked) {
      throw new UserError(
        'USAGE',
        `--pick ${opts.pick}, but only ${usable.length} usable record(s) came in.`,
        {
          hint: `Use --pick 1 to ${usable.length}.`,
        },
      );
    }
    const why = `${picked.why ? `${picked.why}, ` : ''}picked with --pick ${opts.pick}`;
    return [{ ...picked, why }];
  }
  const chosen = opts.tryAll ? usable : usable.slice(0, 1);
  const guess = chosen.find((c) => c.match === 'fuzzy');
  if (guess) {
    throw new UserError(
      'USAGE',
      `Line ${guess.lineNumber} is a fuzzy match (${guess.target.instanceType}): truffle guessed it from a query that matched no type exactly, so spawn will not launch it on its own.`,
      {
        hint: `Check the records, then pick one with --pick N (e.g. --pick ${usable.indexOf(guess) + 1}), or search for an exact name.`,
      },
    );
  }
  return chosen;
}

function toTarget(message: Message): LaunchTarget | undefined {
  if (message.type === 'offer') {
    return {
      instanceType: message.instanceType,
      region: message.region,
      availabilityZone: message.market === 'spot' ? message.availabilityZone : undefined,
      market: message.market,
      pricePerHour: message.pricePerHour,
      onDemandPricePerHour:
        message.onDemandPricePerHour ?? (message.market === 'on-demand' ? message.pricePerHour : undefined),
    };
  }
  if (message.type === 'capacity' && message.kind === 'odcr' && message.reservationId) {
    return {
      instanceType: message.instanceType,
      region: message.region,
      availabilityZone: message.availabilityZone,
      market: 'on-demand',
      reservationId: message.reservationId,
    };
  }
  return undefined;
}
