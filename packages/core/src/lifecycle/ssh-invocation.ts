import { posix, win32 } from 'node:path';
import { UserError } from '../errors/user-error.ts';
import { TAG } from '../tags.ts';
import type { ManagedInstance } from './managed-instance.ts';

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
  extraArgs?: string[];
}

/**
 * Builds the ssh command line: the system ssh (ssh.exe on Windows), the key launch uses
 * (`~/.ssh/id_ed25519`, else `id_rsa`; a `spawn:key-name` tag naming an absolute path or an rsa
 * key is preferred), the user recorded at launch (ec2-user on AL2023) and the public address.
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
  const host = i.publicDns || i.publicIp;
  if (!host)
    return { kind: 'ssm', command: `aws ssm start-session --target ${i.instanceId} --region ${i.region}` };
  const path = o.platform === 'win32' ? win32 : posix;
  const sshDir = path.join(o.homedir, '.ssh');
  const hint = i.tags[TAG.keyName] ?? '';
  const candidates = [
    ...(path.isAbsolute(hint) ? [hint] : []),
    ...(/rsa/i.test(hint) ? ['id_rsa', 'id_ed25519'] : ['id_ed25519', 'id_rsa']).map((f) =>
      path.join(sshDir, f),
    ),
  ];
  const keyPath = o.keyPath ?? candidates.find((p) => o.exists(p)) ?? (candidates[0] as string);
  const user = i.tags[TAG.user] || 'ec2-user';
  return {
    kind: 'ssh',
    command: o.platform === 'win32' ? 'ssh.exe' : 'ssh',
    // accept-new: a fresh instance has an unknown host key; a changed one is still refused.
    args: [
      '-i',
      keyPath,
      '-o',
      'StrictHostKeyChecking=accept-new',
      ...(o.extraArgs ?? []),
      `${user}@${host}`,
    ],
    keyPath,
    keyFound: o.keyPath !== undefined || o.exists(keyPath),
  };
}
