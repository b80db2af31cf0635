import { createPublicKey } from 'node:crypto';
import { publicLineFromOpensshPrivate } from './openssh-key.ts';

/**
 * The OpenSSH public key blob (base64, as in `ssh-rsa AAAA...`) of a private key file's text: from
 * an openssh-key-v1 header, or derived from an unencrypted PEM RSA key (what `aws ec2
 * create-key-pair` hands out). Undefined when it cannot be told (encrypted PEM, other PEM keys).
 */
export function publicBlobOfPrivateKey(text: string): string | undefined {
  const fromHeader = publicLineFromOpensshPrivate(text)?.split(' ')[1];
  if (fromHeader) return fromHeader;
  let jwk: { kty?: string; n?: string; e?: string };
  try {
    jwk = createPublicKey(text).export({ format: 'jwk' });
  } catch {
    return undefined;
  }
  const b64url = (s: string) => Buffer.from(s, 'base64url');
  if (jwk.kty === 'RSA' && jwk.n && jwk.e)
    return Buffer.concat([sshString('ssh-rsa'), mpint(b64url(jwk.e)), mpint(b64url(jwk.n))]).toString(
      'base64',
    );
  return undefined;
}

function sshString(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** An SSH mpint: big-endian, a leading zero byte when the top bit is set (it is unsigned). */
function mpint(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  return sshString((trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}
