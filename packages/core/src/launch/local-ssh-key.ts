import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
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
  /** The private key was readable by others: set to 0600 (or, in a dry run, would be). */
  modeFixed?: boolean;
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
  const sshDir = join(o.homedir, '.ssh');
  if (!o.keyPath) await checkSshDir(sshDir);
  const candidates = o.keyPath ? [o.keyPath] : ['id_ed25519', 'id_rsa'].map((n) => join(sshDir, n));
  for (const path of candidates) {
    const found = await readKey(path, o);
    if (found) return { ...found, created: false };
  }
  if (o.keyPath) {
    throw new UserError('INVALID_INPUT', `No usable SSH key at ${o.keyPath}.`, {
      hint: 'Pass the private key whose .pub sits next to it, or omit --key to let spawn create one.',
    });
  }
  const privatePath = join(sshDir, 'id_ed25519');
  const { privateKey } = generateKeyPairSync('ed25519');
  const { publicKey, seed } = ed25519Raw(privateKey);
  const publicLine = ed25519PublicLine(publicKey, 'spawn');
  const fingerprint = sshFingerprint(publicLine);
  if (o.dryRun) return { privatePath, publicLine, fingerprint, created: true };
  await mkdir(sshDir, { recursive: true, mode: 0o700 });
  const wrote = await writeFile(privatePath, ed25519PrivatePem(publicKey, seed, 'spawn'), {
    mode: 0o600,
    flag: 'wx',
  }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      // A concurrent launch sharing this HOME made the key first: use theirs.
      if (error.code === 'EEXIST') return false;
      throw error;
    },
  );
  if (!wrote) {
    const theirs = await waitForKey(privatePath, o);
    return { ...theirs, created: false };
  }
  await chmod(privatePath, 0o600);
  // Written whole then renamed: a concurrent launch never reads half a .pub.
  const tmp = `${privatePath}.pub.${randomUUID()}`;
  await writeFile(tmp, `${publicLine}\n`, { mode: 0o644 });
  await rename(tmp, `${privatePath}.pub`);
  if (o.platform === 'win32') await restrictWindowsAcl(privatePath, o);
  return { privatePath, publicLine, fingerprint, created: true };
}

/** `~/.ssh` must be a directory (or not exist yet): a file or a dangling symlink is the user's to fix. */
async function checkSshDir(dir: string): Promise<void> {
  const link = await lstat(dir).catch(() => undefined);
  if (!link) return;
  const target = await stat(dir).catch(() => undefined);
  if (target?.isDirectory()) return;
  throw new UserError(
    'INVALID_INPUT',
    target ? `${dir} is not a directory.` : `${dir} is a symbolic link to something that does not exist.`,
    { hint: `Make ${dir} a directory (mode 700) holding your SSH keys, or pass --key PATH.` },
  );
}

/** The other launch wrote the private key and is about to write the .pub: read both once they are there. */
async function waitForKey(path: string, o: LocalSshKeyOptions): Promise<Omit<LocalSshKey, 'created'>> {
  for (let i = 0; i < 50; i++) {
    const found = await readKey(path, o).catch(() => undefined);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const found = await readKey(path, o);
  if (found) return found;
  throw new UserError('INVALID_INPUT', `The SSH key ${path} appeared but cannot be read.`, {
    hint: 'Another spawn may be writing it; try again, or pass --key PATH.',
  });
}

const PUBLIC_LINE = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-\S+) [A-Za-z0-9+/]+={0,3}( .*)?$/;

/**
 * A usable key at `path`: the private key exists (0600, fixed if looser), and its public line comes
 * from `path.pub` (which must match the private key when the private key tells) or from the
 * private key itself. Missing entirely = undefined (try the next candidate); anything half-usable is a
 * UserError naming the file, before anything is created.
 */
async function readKey(
  path: string,
  o: LocalSshKeyOptions,
): Promise<Omit<LocalSshKey, 'created'> | undefined> {
  const [pub, priv] = await Promise.all([readText(`${path}.pub`), readText(path)]);
  if (pub === undefined && priv === undefined) return undefined;
  const bad = (what: string, hint: string) =>
    new UserError('INVALID_INPUT', `SSH key ${path}: ${what}.`, { hint });
  if (priv === undefined) {
    throw bad(
      'the .pub file exists but the private key is missing',
      'Restore the private key, pass another one with --key, or move the .pub away to let spawn create a key.',
    );
  }
  const fromPrivate = safe(() => publicLineFromOpensshPrivate(priv));
  const encryptedOrPem = /^-----BEGIN (RSA |EC |ENCRYPTED |OPENSSH )?PRIVATE KEY-----/m.test(priv);
  if (!fromPrivate && !encryptedOrPem)
    throw bad(
      'the private key is not a key spawn can read',
      'Pass a valid OpenSSH or PEM private key with --key.',
    );
  const line = pub?.trim() || fromPrivate;
  if (!line) {
    throw bad(
      'no .pub file next to it and the public key cannot be derived from the private key',
      `Write it with \`ssh-keygen -y -f ${path} > ${path}.pub\`.`,
    );
  }
  if (!PUBLIC_LINE.test(line))
    throw bad(
      'the .pub file is not an OpenSSH public key',
      `Regenerate it with \`ssh-keygen -y -f ${path} > ${path}.pub\`.`,
    );
  if (fromPrivate && keyBlob(fromPrivate) !== keyBlob(line)) {
    throw bad(
      'the .pub file does not match the private key',
      `Regenerate it with \`ssh-keygen -y -f ${path} > ${path}.pub\` (logging in would fail otherwise).`,
    );
  }
  const modeFixed = await fixMode(path, o);
  return { privatePath: path, publicLine: line, fingerprint: sshFingerprint(line), modeFixed };
}

/** ssh refuses a private key others can read: tighten it to 0600 (a dry run only reports it). */
async function fixMode(path: string, o: LocalSshKeyOptions): Promise<boolean> {
  if (o.platform === 'win32') return false;
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) === 0) return false;
  if (!o.dryRun) {
    await chmod(path, 0o600).catch((error: unknown) => {
      throw new UserError(
        'INVALID_INPUT',
        `SSH key ${path} is readable by others (mode ${mode.toString(8)}) and cannot be fixed.`,
        {
          hint: `Run \`chmod 600 ${path}\`; ssh refuses such keys.`,
          cause: error,
        },
      );
    });
  }
  return true;
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw new UserError('INVALID_INPUT', `Cannot read ${path}: ${error.code ?? error.message}.`, {
      hint: 'Check the file and its permissions, or pass another key with --key.',
    });
  });
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

const keyBlob = (line: string) => line.trim().split(/\s+/).slice(0, 2).join(' ');

async function restrictWindowsAcl(path: string, o: LocalSshKeyOptions): Promise<void> {
  const user = o.env?.USERNAME;
  if (!o.runCommand || !user) return;
  // OpenSSH for Windows refuses keys other accounts can read: drop inherited ACEs, grant the user only.
  await o.runCommand('icacls', [path, '/inheritance:r', '/grant:r', `${user}:F`]);
}
