import { posix, win32 } from 'node:path';
import { DescribeKeyPairsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { UserError } from '../errors/user-error.ts';
import { TAG } from '../tags.ts';
import { type KeyIndexLocation, lookupKey } from './key-index.ts';
import type { ManagedInstance } from './managed-instance.ts';

/** The key `spawn connect` passes to ssh, and how it was found. */
export type ConnectKey =
  | { kind: 'path'; path: string; source: 'flag' | 'index' | 'fingerprint' }
  /** Nothing known about the launch key (no key pair, or one spawn did not import): ssh's defaults. */
  | { kind: 'default' };

export interface ConnectKeyInput {
  instance: ManagedInstance;
  location: KeyIndexLocation;
  /** `--key`: wins over everything. */
  keyPath?: string;
  exists: (path: string) => boolean;
  /** The SHA256 fingerprint of the public key of a private key file, undefined when unreadable. */
  fingerprintOf?: (path: string) => Promise<string | undefined>;
  /** The fingerprint AWS holds for the key pair (its spawn:fingerprint tag), for the message. */
  keyPairFingerprint?: (keyPairName: string) => Promise<string | undefined>;
}

const SPAWN_KEY_PAIR = /^spawn-[0-9a-f]{16}$/;

/**
 * The private key of the key pair the instance was launched with: `--key`, else the file the key
 * index recorded at launch, else `~/.ssh/id_ed25519` / `id_rsa` when its fingerprint names the
 * instance's spawn key pair. When the launch key is known but no file holds it, a NOT_FOUND error
 * says which key (key pair and fingerprint) and how to pass it, rather than letting ssh fail.
 */
export async function resolveConnectKey(o: ConnectKeyInput): Promise<ConnectKey> {
  if (o.keyPath) return { kind: 'path', path: o.keyPath, source: 'flag' };
  const name = o.instance.keyName;
  if (!name) return { kind: 'default' };
  const entry = await lookupKey(o.location, name).catch(() => undefined);
  if (entry && o.exists(entry.privatePath)) return { kind: 'path', path: entry.privatePath, source: 'index' };
  const isSpawnKey = SPAWN_KEY_PAIR.test(name);
  if (isSpawnKey) {
    // Loaded here only: the lifecycle barrel (list, status, spawnd) stays free of the launch steps.
    const { keyPairName } = await import('../launch/steps/key-pair.ts');
    const path = o.location.platform === 'win32' ? win32 : posix;
    const fingerprintOf = o.fingerprintOf ?? defaultFingerprintOf(o.location);
    for (const file of ['id_ed25519', 'id_rsa']) {
      const candidate = path.join(o.location.homedir, '.ssh', file);
      if (!o.exists(candidate)) continue;
      const fingerprint = await fingerprintOf(candidate);
      if (fingerprint && keyPairName(fingerprint) === name)
        return { kind: 'path', path: candidate, source: 'fingerprint' };
    }
  }
  if (!entry && !isSpawnKey) return { kind: 'default' };
  const fingerprint =
    entry?.fingerprint ?? (await o.keyPairFingerprint?.(name).catch(() => undefined)) ?? 'unknown';
  const i = o.instance;
  throw new UserError(
    'NOT_FOUND',
    `${i.name} was launched with key pair ${name} (fingerprint ${fingerprint}); ${
      entry
        ? `its private key was ${entry.privatePath}, which no longer exists`
        : 'no local key file matches it'
    }.`,
    {
      hint: `Pass that private key: spawn connect ${i.name} --key PATH (\`ssh-keygen -lf PATH\` prints ${fingerprint} for the right one).`,
      details: { instanceId: i.instanceId, keyPairName: name, fingerprint },
    },
  );
}

function defaultFingerprintOf(l: KeyIndexLocation): (path: string) => Promise<string | undefined> {
  return async (keyPath) => {
    const { findOrCreateSshKey } = await import('../launch/local-ssh-key.ts');
    return findOrCreateSshKey({ homedir: l.homedir, platform: l.platform, keyPath, dryRun: true }).then(
      (k) => k.fingerprint,
      () => undefined,
    );
  };
}

/** The fingerprint spawn tagged on the key pair at import (`spawn:fingerprint`), else EC2's own. */
export async function describeKeyPairFingerprint(
  ec2: EC2Client,
  keyName: string,
): Promise<string | undefined> {
  const out = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: [keyName] }));
  const pair = out.KeyPairs?.[0];
  return pair?.Tags?.find((t) => t.Key === TAG.fingerprint)?.Value || pair?.KeyFingerprint || undefined;
}
