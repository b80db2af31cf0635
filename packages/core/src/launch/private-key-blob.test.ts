import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicBlobOfPrivateKey } from './private-key-blob.ts';

// The reference is OpenSSH itself: `ssh-keygen -y` prints the public key of a private key file.
const dir = mkdtempSync(join(tmpdir(), 'key-blob-'));
const viaSshKeygen = (text: string, name: string) => {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return execFileSync('ssh-keygen', ['-y', '-f', path], { encoding: 'utf8' }).trim().split(/\s+/)[1];
};

describe('publicBlobOfPrivateKey', () => {
  it.each([
    ['RSA PKCS#1 PEM (aws ec2 create-key-pair)', 'rsa', 'pkcs1'],
    ['RSA PKCS#8 PEM', 'rsa', 'pkcs8'],
  ] as const)('%s: the blob ssh-keygen -y prints', (_, type, encoding) => {
    for (let i = 0; i < 3; i++) {
      const { privateKey } =
        type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
      const text = privateKey.export({ type: encoding, format: 'pem' }).toString();
      expect(publicBlobOfPrivateKey(text)).toBe(viaSshKeygen(text, `${type}-${encoding}-${i}`));
    }
  });

  it('an OpenSSH key: from its header', () => {
    const path = join(dir, 'openssh');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path]);
    const text = execFileSync('cat', [path], { encoding: 'utf8' });
    expect(publicBlobOfPrivateKey(text)).toBe(viaSshKeygen(text, 'openssh-copy'));
  });

  it('what it cannot tell is undefined: an encrypted PEM, a PEM ed25519 (ssh cannot read it either), not a key', () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(publicBlobOfPrivateKey(ed.toString())).toBeUndefined();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const encrypted = privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'x',
    });
    expect(publicBlobOfPrivateKey(encrypted.toString())).toBeUndefined();
    expect(publicBlobOfPrivateKey('not a key')).toBeUndefined();
  });
});
