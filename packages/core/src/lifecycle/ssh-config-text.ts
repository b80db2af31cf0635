import { isLoginUser } from '../validate/login-user.ts';
import { isSshHost } from '../validate/ssh-host.ts';

/** One `Host` entry spawn writes into `~/.ssh/config.d/spawn`. */
export interface SshHostEntry {
  /** The Name tag: what the user types after `ssh`. */
  name: string;
  instanceId: string;
  region: string;
  /** The public IPv4 (or DNS name). */
  hostName: string;
  user: string;
  identityFile: string;
}

/** The line spawn adds at the top of `~/.ssh/config` (relative paths are read from `~/.ssh`). */
export const SSH_INCLUDE_LINE = 'Include config.d/spawn';

const HEADER = [
  '# Written by spawn (truffle-spawn): one Host per running instance, removed on `spawn terminate`.',
  '# Edits here are overwritten; opt out with `spawn launch --no-ssh-config`.',
];

// A Host pattern without ssh's pattern characters (* ? ! ,) or whitespace: nothing it could inject.
const HOST_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,62}$/;

/** True when `name` can be an ssh `Host` alias as it stands: letters, digits, `.`, `_`, `-`. */
export function isSshAlias(name: string): boolean {
  return HOST_NAME.test(name);
}

/**
 * Why `entry` must not be written (a hostile Name or tag could otherwise add ssh directives such
 * as `ProxyCommand`), or undefined when every field is safe.
 */
export function unsafeEntryReason(entry: SshHostEntry): string | undefined {
  if (!isSshAlias(entry.name))
    return `its name ${JSON.stringify(entry.name)} is not a plain host alias (letters, digits, . _ -)`;
  if (!/^i-[0-9a-f]{8,17}$/.test(entry.instanceId)) return 'its instance id is not an EC2 id';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(entry.region)) return 'its region is not an AWS region';
  if (!isSshHost(entry.hostName)) return `its address ${JSON.stringify(entry.hostName)} is not a host`;
  if (!isLoginUser(entry.user)) return `its login user ${JSON.stringify(entry.user)} is not a user name`;
  if (/["\p{Cc}]/u.test(entry.identityFile) || entry.identityFile === '')
    return 'its key path holds a quote or a control character';
  return undefined;
}

/** One Host block. `%` in the key path is doubled: ssh expands `%x` tokens in IdentityFile. */
export function renderHostEntry(e: SshHostEntry): string[] {
  return [
    `# ${e.instanceId} ${e.region}`,
    `Host ${e.name}`,
    `  HostName ${e.hostName}`,
    `  User ${e.user}`,
    `  IdentityFile "${e.identityFile.replaceAll('%', '%%')}"`,
    '  IdentitiesOnly yes',
    // accept-new: a fresh instance has an unknown host key; a changed one is still refused. The
    // alias keys known_hosts by instance id, so a recycled IP or a reused name never clashes.
    '  StrictHostKeyChecking accept-new',
    `  HostKeyAlias ${e.instanceId}`,
  ];
}

interface Block {
  instanceId: string;
  name: string;
  lines: string[];
}

/** Splits spawn's file into its blocks (anything not shaped like one of ours is dropped). */
function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of text.split(/\r?\n/)) {
    const head = /^# (i-[0-9a-f]+) \S+$/.exec(line);
    if (head) {
      current = { instanceId: head[1] as string, name: '', lines: [line] };
      blocks.push(current);
      continue;
    }
    if (!current || line.trim() === '') {
      current = undefined;
      continue;
    }
    const host = /^Host (\S+)$/.exec(line);
    if (host) current.name = host[1] as string;
    current.lines.push(line);
  }
  return blocks.filter((b) => b.name !== '');
}

function render(blocks: Block[]): string {
  return `${[HEADER.join('\n'), ...blocks.map((b) => b.lines.join('\n'))].join('\n\n')}\n`;
}

/** spawn's file with `entry` in it, replacing any block for the same instance or the same name. */
export function upsertHostEntry(text: string, entry: SshHostEntry): string {
  const kept = parseBlocks(text).filter((b) => b.instanceId !== entry.instanceId && b.name !== entry.name);
  return render([...kept, { instanceId: entry.instanceId, name: entry.name, lines: renderHostEntry(entry) }]);
}

/** spawn's file without the block of `instanceId`; `changed` false when there was none. */
export function removeHostEntry(text: string, instanceId: string): { text: string; changed: boolean } {
  const blocks = parseBlocks(text);
  const kept = blocks.filter((b) => b.instanceId !== instanceId);
  return { text: render(kept), changed: kept.length !== blocks.length };
}

/** The names spawn's file holds, by instance id. */
export function listHostEntries(text: string): { instanceId: string; name: string }[] {
  return parseBlocks(text).map(({ instanceId, name }) => ({ instanceId, name }));
}

/**
 * True when the user's config already reads spawn's file before its first Host/Match block
 * (our line, the `~/.ssh/...` form, or a `config.d/*` glob).
 */
export function hasSpawnInclude(config: string): boolean {
  for (const raw of config.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (/^(host|match)\s/i.test(line)) return false;
    const m = /^include\s+(.*)$/i.exec(line);
    if (!m) continue;
    const paths = (m[1] as string).split(/\s+/).map((p) => p.replace(/^"|"$/g, '').replace(/\\/g, '/'));
    if (paths.some((p) => /^(~\/\.ssh\/)?config\.d\/(spawn|\*)$/.test(p))) return true;
  }
  return false;
}

/**
 * The user's config with the Include line first (ssh reads an Include inside a Host block only
 * for that host, so it must precede them). A UTF-8 BOM stays first and CRLF files stay CRLF.
 */
export function addSpawnInclude(config: string): string {
  const bom = config.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = config.slice(bom.length);
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const comment = '# Added by spawn: `ssh NAME` for spawn instances (backup: config.spawn-backup)';
  return `${bom}${comment}${eol}${SSH_INCLUDE_LINE}${eol}${body === '' ? '' : eol}${body}`;
}

/** spawn's file with the HostName of `instanceId`'s block set to `hostName` (a started instance has a new IP). */
export function setHostName(
  text: string,
  instanceId: string,
  hostName: string,
): { text: string; changed: boolean } {
  const blocks = parseBlocks(text);
  const block = blocks.find((b) => b.instanceId === instanceId);
  if (!block || !isSshHost(hostName)) return { text, changed: false };
  const next = block.lines.map((l) => (/^\s+HostName\s/.test(l) ? `  HostName ${hostName}` : l));
  const changed = next.join('\n') !== block.lines.join('\n');
  block.lines = next;
  return { text: render(blocks), changed };
}
