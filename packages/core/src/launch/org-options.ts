import { UserError } from '../errors/user-error.ts';
import { MAX_SPAWN_INSTANCE_TAGS } from './build-tags.ts';
import type { UserTag } from './types.ts';

/** EC2's limits on a resource's tags (user-defined keys and values, and tags per resource). */
export const EC2_TAG_KEY_MAX = 128;
export const EC2_TAG_VALUE_MAX = 256;
export const EC2_TAGS_PER_RESOURCE = 50;

/** What the options real accounts need take from the command line, before any AWS call. */
export interface OrgFlags {
  /** `--tag KEY=VALUE`, as typed, in order. */
  tag?: readonly string[];
  subnet?: string;
  securityGroup?: readonly string[];
  keyPair?: string;
  iamInstanceProfile?: string;
}

/** The checked form of {@link OrgFlags} (ids shaped as EC2/IAM names them). */
export interface OrgOptions {
  userTags?: readonly UserTag[];
  subnetId?: string;
  securityGroupIds?: readonly string[];
  keyPairName?: string;
  instanceProfileName?: string;
}

const IMDS_TAG_KEY = /^[A-Za-z0-9+\-=._:@]+$/;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const usage = (message: string, hint: string) => new UserError('USAGE', message, { hint });

/**
 * Checks the flags that need no AWS call (pure): tags within EC2's limits and never `spawn:` (our
 * state) or `aws:` (reserved), ids shaped like EC2's. Anything wrong is a usage error (exit 2)
 * before anything is looked up or created.
 */
export function parseOrgFlags(flags: OrgFlags): OrgOptions {
  const userTags = parseUserTags(flags.tag ?? []);
  const subnetId = checkId(flags.subnet, /^subnet-[0-9a-f]+$/, '--subnet', 'subnet-0123456789abcdef0');
  const securityGroupIds = [...new Set(flags.securityGroup ?? [])].flatMap(
    (id) => checkId(id, /^sg-[0-9a-f]+$/, '--security-group', 'sg-0123456789abcdef0') ?? [],
  );
  const keyPairName = checkName(flags.keyPair, /^[\x20-\x7e]{1,255}$/, '--key-pair');
  const instanceProfileName = checkName(
    flags.iamInstanceProfile,
    /^[\w+=,.@-]{1,128}$/,
    '--iam-instance-profile',
  );
  return {
    ...(userTags.length > 0 ? { userTags } : {}),
    ...(subnetId ? { subnetId } : {}),
    ...(securityGroupIds.length > 0 ? { securityGroupIds } : {}),
    ...(keyPairName ? { keyPairName } : {}),
    ...(instanceProfileName ? { instanceProfileName } : {}),
  };
}

/** `KEY=VALUE` texts as EC2 tags (the first `=` splits; the value may be empty). */
export function parseUserTags(texts: readonly string[]): UserTag[] {
  const tags: UserTag[] = [];
  for (const text of texts) {
    const eq = text.indexOf('=');
    if (eq < 0) {
      throw usage(
        `--tag "${text}" has no value.`,
        'Write --tag KEY=VALUE, e.g. --tag team=ml (KEY= for an empty value).',
      );
    }
    const Key = text.slice(0, eq).trim();
    const Value = text.slice(eq + 1);
    if (Key === '') throw usage(`--tag "${text}" has no key.`, 'Write --tag KEY=VALUE, e.g. --tag team=ml.');
    if (/^spawn:/i.test(Key) || Key === 'Name') {
      throw usage(
        `--tag ${Key}: spawn: keys (and Name) are spawn's own state and cannot be set.`,
        Key === 'Name'
          ? 'Use --name to set the Name tag.'
          : 'Use a key outside the spawn: prefix, e.g. --tag team=ml.',
      );
    }
    if (/^aws:/i.test(Key))
      throw usage(`--tag ${Key}: the aws: prefix is reserved by AWS.`, 'Use a key without the aws: prefix.');
    if (Key.length > EC2_TAG_KEY_MAX)
      throw usage(
        `--tag key "${Key.slice(0, 20)}…" is ${Key.length} characters; EC2 allows ${EC2_TAG_KEY_MAX}.`,
        'Shorten the key.',
      );
    if (Value.length > EC2_TAG_VALUE_MAX)
      throw usage(
        `--tag ${Key}: its value is ${Value.length} characters; EC2 allows ${EC2_TAG_VALUE_MAX}.`,
        'Shorten the value.',
      );
    // spawn turns on instance tags in IMDS (spawnd reads them there), where keys are restricted;
    // the same tags go on IAM roles, whose values are.
    if (!IMDS_TAG_KEY.test(Key) || ['.', '..', '_index'].includes(Key)) {
      throw usage(
        `--tag ${Key}: the key has a character EC2 refuses in instance-metadata tags.`,
        'Use letters, digits and + - = . _ : @ in keys (no spaces or /).',
      );
    }
    if (!TAG_VALUE.test(Value)) {
      throw usage(
        `--tag ${Key}: the value has a character AWS tags do not all accept.`,
        'Use letters, digits, spaces and _ . : / = + - @ in values.',
      );
    }
    if (tags.some((t) => t.Key === Key)) throw usage(`--tag ${Key} is given twice.`, 'Give each key once.');
    tags.push({ Key, Value });
  }
  const room = EC2_TAGS_PER_RESOURCE - MAX_SPAWN_INSTANCE_TAGS;
  if (tags.length > room) {
    throw usage(
      `${tags.length} --tag values: with spawn's own ${MAX_SPAWN_INSTANCE_TAGS} tags that exceeds EC2's ${EC2_TAGS_PER_RESOURCE} tags per resource.`,
      `Give at most ${room} --tag values.`,
    );
  }
  return tags;
}

function checkId(id: string | undefined, shape: RegExp, flag: string, example: string): string | undefined {
  if (id === undefined) return undefined;
  const trimmed = id.trim();
  if (!shape.test(trimmed)) throw usage(`Invalid ${flag} "${id}".`, `Give an id such as ${example}.`);
  return trimmed;
}

function checkName(name: string | undefined, shape: RegExp, flag: string): string | undefined {
  if (name === undefined) return undefined;
  if (!shape.test(name))
    throw usage(`Invalid ${flag} "${name}".`, `Give the name as the AWS console shows it.`);
  return name;
}
