import { posix, win32 } from 'node:path';
import { UserError } from '../errors/user-error.ts';
import { TAG } from '../tags.ts';
import { isLoginUser } from '../validate/login-user.ts';
import { isSshHost } from '../validate/ssh-host.ts';
import type { ManagedInstance } from './managed-instance.ts';
import { splitSshArgs } from './split-ssh-args.ts';

/** The program and arguments `spawn connect` runs. */
export interface SshInvocation {
  kind: 'ssh';
  command: string;
  args: string[];
  keyPath: string;
  /** False when no candidate key file exists (ssh then falls back to the agent / defaults). */
  keyFound: boolean;
}

/** No public address: the Session Manager command to use instead (printed, not run). */
export interface SsmSuggestion {
  kind: 'ssm';
  command: string;
}

export interface SshInvocationInput {
  instance: ManagedInstance;
  platform: NodeJS.Platform;
  homedir: string;
  exists: (path: string) => boolean;
  /** `--key`: wins over everything. */
  keyPath?: string;
  /** What follows `--` on the command line: ssh options first, then the remote command. */
  extraArgs?: string[];
  /** `--port`: local ports forwarded to the instance's localhost (`-L`). */
  portForwards?: readonly PortForward[];
}

/** A `--port` value: traffic to localhost:local reaches the instance's localhost:remote. */
export interface PortForward {
  local: number;
  remote: number;
}

/**
 * Builds the ssh command line: the system ssh (ssh.exe on Windows), the key launch uses
 * (`~/.ssh/id_ed25519`, else `id_rsa`; a `spawn:key-name` tag naming an absolute path or an rsa
 * key is preferred), the user recorded at launch (ec2-user on AL2023) and the public address.
 * The user tag and the address are validated first (UNTRUSTED_TAG, exit 2, when they fail).
 */
export function buildSshInvocation(o: SshInvocationInput): SshInvocation | SsmSuggestion {
  const i = o.instance;
  if (i.state === 'stopped' || i.state === 'stopping') {
    throw new UserError('INVALID_STATE', `${i.name} is ${i.state}, so there is nothing to connect to.`, {
      hint: `Start it with \`spawn start ${i.name}\`, then connect again.`,
    });
  }
  if (i.state !== 'running') {
    throw new UserError('INVALID_STATE', `${i.name} is ${i.state}; connect needs a running instance.`, {
      hint: i.state === 'pending' ? 'It is booting; try again in a few seconds.' : undefined,
    });
  }
  const host = [i.publicDns, i.publicIp].find((h) => h && isSshHost(h));
  if (!host && (i.publicDns || i.publicIp)) {
    throw new UserError(
      'UNTRUSTED_TAG',
      `${i.name} reports an address ssh must not be given: ${quoted(i.publicDns || i.publicIp)}.`,
      {
        details: { instanceId: i.instanceId },
      },
    );
  }
  if (!host)
    return { kind: 'ssm', command: `aws ssm start-session --target ${i.instanceId} --region ${i.region}` };
  const user = loginUser(i);
  const path = o.platform === 'win32' ? win32 : posix;
  const sshDir = path.join(o.homedir, '.ssh');
  const hint = i.tags[TAG.keyName] ?? '';
  // A tag naming a path is only a preference among existing files, and never a control character.
  const hintPath = path.isAbsolute(hint) && !hasControlCharacter(hint) ? [hint] : [];
  const candidates = [
    ...hintPath,
    ...(/rsa/i.test(hint) ? ['id_rsa', 'id_ed25519'] : ['id_ed25519', 'id_rsa']).map((f) =>
      path.join(sshDir, f),
    ),
  ];
  const keyPath = o.keyPath ?? candidates.find((p) => o.exists(p)) ?? (candidates[0] as string);
  const { options, command } = splitSshArgs(o.extraArgs ?? []);
  return {
    kind: 'ssh',
    command: o.platform === 'win32' ? 'ssh.exe' : 'ssh',
    // accept-new: a fresh instance has an unknown host key; a changed one is still refused.
    // `--` ends ssh's options: the destination and the remote command can never be read as one.
    args: [
      '-i',
      keyPath,
      '-o',
      'StrictHostKeyChecking=accept-new',
      ...(o.portForwards ?? []).flatMap((f) => ['-L', `${f.local}:localhost:${f.remote}`]),
      ...options,
      '--',
      `${user}@${host}`,
      ...command,
    ],
    keyPath,
    keyFound: o.keyPath !== undefined || o.exists(keyPath),
  };
}

/**
 * The login user recorded at launch. The instance's own role can write spawn:* tags on itself,
 * so the tag is untrusted input: anything but a POSIX user name is refused (exit 2).
 */
function loginUser(i: ManagedInstance): string {
  const tag = i.tags[TAG.user];
  if (tag === undefined || tag === '') return 'ec2-user';
  if (isLoginUser(tag)) return tag;
  throw new UserError(
    'UNTRUSTED_TAG',
    `Refusing to connect to ${i.name}: its ${TAG.user} tag ${quoted(tag)} is not a login user name.`,
    {
      hint: `Tags can be changed from the instance itself; check ${i.instanceId} before trusting it, then reset the tag (e.g. aws ec2 create-tags --resources ${i.instanceId} --tags Key=${TAG.user},Value=ec2-user --region ${i.region}).`,
      details: { instanceId: i.instanceId, tag: TAG.user },
    },
  );
}

/** A tag value for a message: JSON-quoted (no terminal control characters) and cut to 80 characters. */
function quoted(value: string | undefined): string {
  const v = value ?? '';
  return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\u007f');
}
