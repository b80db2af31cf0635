import { UserError } from '@truffle-spawn/core';
import type { LaunchTarget } from '@truffle-spawn/core/launch';
import { type Message, readAllMessages } from '@truffle-spawn/core/protocol';
import type { LaunchOptions } from './launch-options.ts';

/** A record spawn can launch, with the input line it came from. */
export interface Candidate {
  lineNumber: number;
  target: LaunchTarget;
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
  const usable = messages.flatMap(({ lineNumber, message }) => {
    const target = toTarget(message);
    return target ? [{ lineNumber, target }] : [];
  });
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
    return [picked];
  }
  return opts.tryAll ? usable : usable.slice(0, 1);
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
