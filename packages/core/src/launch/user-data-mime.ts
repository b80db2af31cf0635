import { createHash } from 'node:crypto';
import { UserError } from '../errors/user-error.ts';

/** EC2's limit on user data: 16 KB of raw bytes (before base64). */
export const USER_DATA_MAX_BYTES = 16_384;

/** What the user's file is to cloud-init, by its first line. */
export function userDataKind(text: string): 'text/x-shellscript' | 'text/cloud-config' | undefined {
  if (text.startsWith('#!')) return 'text/x-shellscript';
  if (/^#cloud-config[ \t]*\r?\n/.test(text) || text.trim() === '#cloud-config') return 'text/cloud-config';
  return undefined;
}

/**
 * spawnd's installer and the user's `--user-data` as one cloud-init MIME multi-part, so both run:
 * the installer first (file names sort: cloud-init runs scripts in name order), so the instance's
 * deadline is armed even if the user's script fails; a `#cloud-config` part runs in cloud-init's
 * config stage. Throws a UserError naming the sizes when the whole is over EC2's 16 KB.
 */
export function combineUserData(installer: string, user: { path: string; text: string }): string {
  const kind = userDataKind(user.text);
  if (!kind) {
    throw new UserError('USAGE', `--user-data ${user.path} is neither a script nor cloud-config.`, {
      hint: 'Start it with a #! line (e.g. #!/bin/bash) or #cloud-config; spawn adds it next to its own installer.',
    });
  }
  const boundary = `spawn-${createHash('sha256').update(installer).update(user.text).digest('hex').slice(0, 24)}`;
  const part = (type: string, name: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset="utf-8"`,
      'MIME-Version: 1.0',
      `Content-Transfer-Encoding: ${Buffer.byteLength(body, 'utf8') === body.length ? '7bit' : '8bit'}`,
      `Content-Disposition: attachment; filename="${name}"`,
      '',
      body.endsWith('\n') ? body : `${body}\n`,
    ].join('\n');
  const whole = [
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    'MIME-Version: 1.0',
    '',
    part('text/x-shellscript', '00-spawnd-install.sh', installer),
    part(kind, kind === 'text/cloud-config' ? 'user-cloud-config.yaml' : '10-user-data', user.text),
    `--${boundary}--`,
    '',
  ].join('\n');
  const bytes = Buffer.byteLength(whole, 'utf8');
  if (bytes > USER_DATA_MAX_BYTES) {
    const own = Buffer.byteLength(user.text, 'utf8');
    throw new UserError(
      'USAGE',
      `--user-data ${user.path} is too large: ${own} bytes, and with spawnd's installer (${Buffer.byteLength(installer, 'utf8')} bytes) the user data is ${bytes} bytes; EC2 allows ${USER_DATA_MAX_BYTES} bytes (16 KB).`,
      {
        hint: `Keep your part under about ${Math.max(0, USER_DATA_MAX_BYTES - (bytes - own))} bytes: have the script download the rest (e.g. from S3) at boot.`,
      },
    );
  }
  return whole;
}
