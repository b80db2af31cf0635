import { createHash, type KeyObject, randomBytes } from 'node:crypto';

/** SSH wire encoding: uint32 length + bytes. */
function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** The raw 32-byte ed25519 public and seed values of a node:crypto key pair. */
export function ed25519Raw(privateKey: KeyObject): { publicKey: Buffer; seed: Buffer } {
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.x || !jwk.d) throw new Error('not an ed25519 private key');
  return { publicKey: Buffer.from(jwk.x, 'base64url'), seed: Buffer.from(jwk.d, 'base64url') };
}

function ed25519Blob(publicKey: Buffer): Buffer {
  return Buffer.concat([sshString('ssh-ed25519'), sshString(publicKey)]);
}

/** `ssh-ed25519 AAAA... comment`, the `.pub` / authorized_keys line. */
export function ed25519PublicLine(publicKey: Buffer, comment: string): string {
  return `ssh-ed25519 ${ed25519Blob(publicKey).toString('base64')} ${comment}`;
}

/**
 * An unencrypted private key in OpenSSH's own `openssh-key-v1` format (what ssh-keygen writes):
 * magic, cipher "none", one public key, then the padded private section.
 */
export function ed25519PrivatePem(
  publicKey: Buffer,
  seed: Buffer,
  comment: string,
  check = randomBytes(4),
): string {
  const blob = ed25519Blob(publicKey);
  let priv = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(publicKey),
    sshString(Buffer.concat([seed, publicKey])),
    sshString(comment),
  ]);
  const pad = (8 - (priv.length % 8)) % 8;
  priv = Buffer.concat([priv, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    Buffer.from([0, 0, 0, 1]),
    sshString(blob),
    sshString(priv),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** `SHA256:...` as `ssh-keygen -l` prints it, from a public key line. */
export function sshFingerprint(publicLine: string): string {
  const blob = publicLine.trim().split(/\s+/)[1];
  if (!blob) throw new Error('not an OpenSSH public key line');
  const digest = createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** The public key line stored in the header of an openssh-key-v1 private key (encrypted or not). */
export function publicLineFromOpensshPrivate(pem: string): string | undefined {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const body = Buffer.from(b64, 'base64');
  const magic = 'openssh-key-v1\0';
  if (body.subarray(0, magic.length).toString() !== magic) return undefined;
  let off = magic.length;
  const next = () => {
    const len = body.readUInt32BE(off);
    const value = body.subarray(off + 4, off + 4 + len);
    off += 4 + len;
    return value;
  };
  next();
  next();
  next();
  off += 4;
  const blob = next();
  const keyType = blob.subarray(4, 4 + blob.readUInt32BE(0)).toString();
  return `${keyType} ${blob.toString('base64')}`;
}
