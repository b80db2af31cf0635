import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors/user-error.ts';
import {
  ed25519PrivatePem,
  ed25519PublicLine,
  ed25519Raw,
  publicLineFromOpensshPrivate,
  sshFingerprint,
} from './openssh-key.ts';

/** Runs a program (only `icacls` on Windows); injectable so tests never shell out. */
export type CommandRunner = (command: string, args: string[]) => Promise<void>;

export interface LocalSshKey {
  privatePath: string;
  publicLine: string;
  fingerprint: string;
  /** True when this run wrote the key files. */
  created: boolean;
}

export interface LocalSshKeyOptions {
  homedir: string;
  platform: NodeJS.Platform;
  /** `--key PATH`: must exist. */
  keyPath?: string;
  /** Dry run: report the path that would be created, write nothing. */
  dryRun?: boolean;
  env?: Record<string, string | undefined>;
  runCommand?: CommandRunner;
}

/**
 * `--key`, else `~/.ssh/id_ed25519` or `id_rsa`, else a new ed25519 key that only the user can
 * read (0600; on Windows the ACL is restricted to the user with icacls).
 */
export async function findOrCreateSshKey(o: LocalSshKeyOptions): Promise<LocalSshKey> {
  const candidates = o.keyPath
    ? [o.keyPath]
    : ['id_ed25519', 'id_rsa'].map((n) => join(o.homedir, '.ssh', n));
  for (const path of candidates) {
    const found = await readKey(path);
    if (found) return { ...found, created: false };
  }
  if (o.keyPath) {
    throw new UserError('INVALID_INPUT', `No usable SSH key at ${o.keyPath}.`, {
      hint: 'Pass the private key whose .pub sits next to it, or omit --key to let spawn create one.',
    });
  }
  const privatePath = join(o.homedir, '.ssh', 'id_ed25519');
  const { privateKey } = generateKeyPairSync('ed25519');
  const { publicKey, seed } = ed25519Raw(privateKey);
  const publicLine = ed25519PublicLine(publicKey, 'spawn');
  const fingerprint = sshFingerprint(publicLine);
  if (o.dryRun) return { privatePath, publicLine, fingerprint, created: true };
  await mkdir(join(o.homedir, '.ssh'), { recursive: true, mode: 0o700 });
  await writeFile(privatePath, ed25519PrivatePem(publicKey, seed, 'spawn'), { mode: 0o600, flag: 'wx' });
  await chmod(privatePath, 0o600);
  await writeFile(`${privatePath}.pub`, `${publicLine}\n`, { mode: 0o644 });
  if (o.platform === 'win32') await restrictWindowsAcl(privatePath, o);
  return { privatePath, publicLine, fingerprint, created: true };
}

async function readKey(path: string): Promise<Omit<LocalSshKey, 'created'> | undefined> {
  const pub = await readFile(`${path}.pub`, 'utf8').catch(() => undefined);
  const priv = pub ? undefined : await readFile(path, 'utf8').catch(() => undefined);
  const line = pub?.trim() || (priv ? publicLineFromOpensshPrivate(priv) : undefined);
  if (!line) return undefined;
  return { privatePath: path, publicLine: line, fingerprint: sshFingerprint(line) };
}

async function restrictWindowsAcl(path: string, o: LocalSshKeyOptions): Promise<void> {
  const user = o.env?.USERNAME;
  if (!o.runCommand || !user) return;
  // OpenSSH for Windows refuses keys other accounts can read: drop inherited ACEs, grant the user only.
  await o.runCommand('icacls', [path, '/inheritance:r', '/grant:r', `${user}:F`]);
}
