import { formatDuration, parseDuration } from '../duration.ts';
import { UserError } from '../errors/user-error.ts';
import type { EndAction } from '../tags.ts';
import { validateLoginUser } from '../validate/login-user.ts';
import { parseMaxStopped, validateDiskGiB } from './backstop-limits.ts';
import { type OrgFlags, parseOrgFlags } from './org-options.ts';
import { type SpotCap, toSpotCap } from './spot-cap.ts';
import type { JobSpec, LaunchSpec, UserDataFile } from './types.ts';

/** The launch flags as commander parses them (every mode may set them). */
export interface LaunchFlags extends OrgFlags {
  az?: string;
  spot?: boolean;
  /** Spot cap: a number, or `--max-price` as parsed (its text is what RunInstances gets). */
  maxPrice?: number | SpotCap;
  /** Spot: launch on-demand when no AZ tried has Spot capacity. */
  fallbackOnDemand?: boolean;
  /** A duration, or false with --no-ttl. */
  ttl?: string | false;
  idleTimeout?: string;
  onIdle?: EndAction;
  /** What ends the instance at its TTL (default terminate). */
  onExpire?: EndAction;
  hibernate?: boolean;
  hibernateOnIdle?: boolean;
  /** An id, or true for "any open matching reservation". */
  useReservation?: string | true;
  name?: string;
  key?: string;
  ami?: string;
  user?: string;
  disk?: number;
  /** false with --no-cloud-backstop. */
  cloudBackstop?: boolean;
  /** A duration (default 7d): the longest a stopped instance is kept. */
  maxStopped?: string;
  sshCidr?: string;
  /** `spawn run`: the job (validated against the market and hibernation here). */
  job?: JobSpec;
}

/** What to launch, from flags, a piped offer/capacity record or the wizard. */
export interface LaunchTarget {
  instanceType: string;
  region: string;
  availabilityZone?: string;
  market: 'on-demand' | 'spot';
  pricePerHour?: number;
  onDemandPricePerHour?: number;
  reservationId?: string;
}

export const DEFAULT_TTL = '8h';
export const DEFAULT_IDLE_TIMEOUT = '1h';
/** The longest TTL (365 days) and idle timeout (30 days) a launch accepts; `--no-ttl` for none. */
export const MAX_TTL_MS = 365 * 86_400_000;
export const MAX_IDLE_TIMEOUT_MS = 30 * 86_400_000;
/** A price per hour above this (USD) is not an EC2 price (the largest instances cost a few hundred). */
export const MAX_PRICE_PER_HOUR = 1000;

/** Combines a target with the flags into a validated spec (pure: durations, CIDR, defaults). */
export function buildLaunchSpec(
  target: LaunchTarget,
  flags: LaunchFlags,
  o: { name: string; sshCidr: string | undefined; userData?: UserDataFile },
): LaunchSpec {
  const org = parseOrgFlags(flags);
  const hibernate = Boolean(flags.hibernate || flags.hibernateOnIdle);
  const market = flags.spot ? 'spot' : target.market;
  const onIdle: EndAction = flags.hibernateOnIdle
    ? 'hibernate'
    : (flags.onIdle ?? (market === 'spot' ? 'terminate' : 'stop'));
  if (market === 'spot' && onIdle !== 'terminate') {
    throw new UserError(
      'INVALID_INPUT',
      `A one-time Spot instance cannot ${onIdle}; it can only terminate.`,
      {
        hint: 'Use --on-idle terminate with --spot, or launch on-demand.',
      },
    );
  }
  const onExpire: EndAction = flags.onExpire ?? 'terminate';
  if (market === 'spot' && onExpire !== 'terminate') {
    throw new UserError(
      'INVALID_INPUT',
      `A one-time Spot instance cannot ${onExpire} at the end of its TTL; it can only terminate.`,
      { hint: 'Use --on-expire terminate with --spot, or launch on-demand.' },
    );
  }
  // Hibernation is set up at launch (RunInstances HibernationOptions): promising it later is a lie.
  const onComplete = flags.job?.onComplete;
  if (market === 'spot' && (onComplete === 'stop' || onComplete === 'hibernate')) {
    throw new UserError(
      'INVALID_INPUT',
      `A one-time Spot instance cannot ${onComplete} when its job ends; it can only terminate.`,
      { hint: 'Use --on-complete terminate (or keep) with --spot, or launch on-demand.' },
    );
  }
  const hibernatingOn =
    onIdle === 'hibernate'
      ? '--on-idle'
      : onExpire === 'hibernate'
        ? '--on-expire'
        : onComplete === 'hibernate'
          ? '--on-complete'
          : undefined;
  if (hibernatingOn && !hibernate) {
    throw new UserError('USAGE', `${hibernatingOn} hibernate needs hibernation, which is set up at launch.`, {
      hint: 'Add --hibernate (RAM is saved to the encrypted root volume), or use stop instead of hibernate.',
    });
  }
  const cap = toSpotCap(flags.maxPrice);
  if (market !== 'spot' && cap !== undefined) {
    throw new UserError('USAGE', '--max-price is a Spot cap, but this launch is on-demand.', {
      hint: 'Add --spot to launch on Spot with that cap, or drop --max-price.',
    });
  }
  const reservation =
    target.reservationId ?? (flags.useReservation === true ? 'open' : flags.useReservation || undefined);
  return {
    region: target.region,
    availabilityZone: flags.az ?? target.availabilityZone,
    instanceType: target.instanceType,
    market,
    // No cap by default: AWS then caps at the on-demand price, so a rise in the spot price does not interrupt.
    maxPrice: validatePrice(cap?.usd, '--max-price'),
    maxPriceText: cap?.text,
    fallbackOnDemand: market === 'spot' && Boolean(flags.fallbackOnDemand),
    ttlMs:
      flags.ttl === false ? undefined : boundedDuration(flags.ttl ?? DEFAULT_TTL, 'TTL', '--ttl', MAX_TTL_MS),
    idleTimeoutMs: boundedDuration(
      flags.idleTimeout ?? DEFAULT_IDLE_TIMEOUT,
      'idle timeout',
      '--idle-timeout',
      MAX_IDLE_TIMEOUT_MS,
    ),
    onIdle,
    onExpire,
    hibernate,
    reservation,
    name: validateName(flags.name ?? o.name),
    keyPath: flags.key,
    ami: flags.ami,
    user: validateLoginUser(flags.user ?? 'ec2-user'),
    diskGiB: validateDiskGiB(flags.disk),
    cloudBackstop: flags.cloudBackstop !== false,
    maxStoppedMs: parseMaxStopped(flags.maxStopped),
    ...(o.sshCidr === undefined ? {} : { sshCidr: validateSshCidr(o.sshCidr) }),
    ...org,
    ...(o.userData ? { userData: o.userData } : {}),
    pricePerHour: validatePrice(target.pricePerHour, 'the price per hour'),
    onDemandPricePerHour: validatePrice(target.onDemandPricePerHour, 'the on-demand price per hour'),
    ...(flags.job ? { job: flags.job } : {}),
  };
}

function boundedDuration(text: string, what: string, flag: string, maxMs: number): number {
  const ms = parseDuration(text, what);
  if (ms > maxMs) {
    throw new UserError('INVALID_DURATION', `Invalid ${what} "${text}": at most ${formatDuration(maxMs)}.`, {
      hint: flag === '--ttl' ? 'Use a shorter --ttl (or --no-ttl, on purpose).' : `Use a shorter ${flag}.`,
    });
  }
  return ms;
}

/** A USD/hour price (a flag or a piped record's): a finite number above zero and within reason. */
export function validatePrice(price: number | undefined, what: string): number | undefined {
  if (price === undefined) return undefined;
  if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0 || price > MAX_PRICE_PER_HOUR) {
    throw new UserError('INVALID_INPUT', `Invalid ${what}: ${price} USD/hour.`, {
      hint: `A price is a number above 0 and at most ${MAX_PRICE_PER_HOUR} USD/hour (check the piped record or --max-price).`,
    });
  }
  return price;
}

/**
 * An IPv4 CIDR in canonical form like 203.0.113.7/32 or 203.0.113.0/24: no leading zeros (which
 * some tools read as octal), no host bits set below the prefix; anything else is a usage error.
 */
export function validateSshCidr(text: string): string {
  const trimmed = text.trim();
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(trimmed);
  const parts = m ? m.slice(1, 6) : [];
  const invalid = (
    why: string,
    hint = 'Give an IPv4 CIDR such as 203.0.113.7/32 (your address) or 203.0.113.0/24.',
  ) => new UserError('INVALID_INPUT', `Invalid --ssh-cidr "${text}"${why}.`, { hint });
  if (!m || parts.some((p) => p.length > 1 && p.startsWith('0'))) throw invalid('');
  const octets = parts.slice(0, 4).map(Number);
  const prefix = Number(parts[4]);
  if (octets.some((o) => o > 255) || prefix > 32) throw invalid('');
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const block = 2 ** (32 - prefix);
  const network = address - (address % block);
  if (network !== address) {
    const canonical = `${[24, 16, 8, 0].map((b) => Math.floor(network / 2 ** b) % 256).join('.')}/${prefix}`;
    throw invalid(
      ': host bits are set below the prefix',
      `Did you mean ${canonical}? (or /32 for one address)`,
    );
  }
  return trimmed;
}

function validateName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name)) {
    throw new UserError('INVALID_INPUT', `Invalid --name "${name}".`, {
      hint: 'Use up to 63 letters, digits, dots, dashes or underscores.',
    });
  }
  return name;
}

const WORDS = [
  'amber',
  'brisk',
  'cedar',
  'dune',
  'ember',
  'fjord',
  'grove',
  'harbor',
  'iris',
  'juniper',
  'kestrel',
  'lumen',
];

/** A short readable default name, e.g. `spawn-cedar-4f2a`. */
export function generateName(random: () => number = Math.random): string {
  const word = WORDS[Math.floor(random() * WORDS.length)] ?? 'box';
  const suffix = Math.floor(random() * 0xffff)
    .toString(16)
    .padStart(4, '0');
  return `spawn-${word}-${suffix}`;
}
