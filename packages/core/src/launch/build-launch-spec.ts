import { parseDuration } from '../duration.ts';
import { UserError } from '../errors/user-error.ts';
import type { EndAction } from '../tags.ts';
import { validateLoginUser } from '../validate/login-user.ts';
import { parseMaxStopped, validateDiskGiB } from './backstop-limits.ts';
import type { LaunchSpec } from './types.ts';

/** The launch flags as commander parses them (every mode may set them). */
export interface LaunchFlags {
  az?: string;
  spot?: boolean;
  maxPrice?: number;
  /** A duration, or false with --no-ttl. */
  ttl?: string | false;
  idleTimeout?: string;
  onIdle?: EndAction;
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

/** Combines a target with the flags into a validated spec (pure: durations, CIDR, defaults). */
export function buildLaunchSpec(
  target: LaunchTarget,
  flags: LaunchFlags,
  o: { name: string; sshCidr: string },
): LaunchSpec {
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
  const reservation =
    target.reservationId ?? (flags.useReservation === true ? 'open' : flags.useReservation || undefined);
  return {
    region: target.region,
    availabilityZone: flags.az ?? target.availabilityZone,
    instanceType: target.instanceType,
    market,
    maxPrice: flags.maxPrice ?? (market === 'spot' ? target.pricePerHour : undefined),
    ttlMs: flags.ttl === false ? undefined : parseDuration(flags.ttl ?? DEFAULT_TTL, 'TTL'),
    idleTimeoutMs: parseDuration(flags.idleTimeout ?? DEFAULT_IDLE_TIMEOUT, 'idle timeout'),
    onIdle,
    onExpire: 'terminate',
    hibernate,
    reservation,
    name: validateName(flags.name ?? o.name),
    keyPath: flags.key,
    ami: flags.ami,
    user: validateLoginUser(flags.user ?? 'ec2-user'),
    diskGiB: validateDiskGiB(flags.disk),
    cloudBackstop: flags.cloudBackstop !== false,
    maxStoppedMs: parseMaxStopped(flags.maxStopped),
    sshCidr: validateSshCidr(o.sshCidr),
    pricePerHour: target.pricePerHour,
    onDemandPricePerHour: target.onDemandPricePerHour,
  };
}

/** An IPv4 CIDR like 203.0.113.7/32; anything else is a usage error. */
export function validateSshCidr(text: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) {
    throw new UserError('INVALID_INPUT', `Invalid --ssh-cidr "${text}".`, {
      hint: 'Give an IPv4 CIDR such as 203.0.113.7/32 (your address) or 203.0.113.0/24.',
    });
  }
  return text.trim();
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
