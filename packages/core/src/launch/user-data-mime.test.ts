import { describe, expect, it } from 'vitest';
import { isUserError } from '../errors/user-error.ts';
import { combineUserData, USER_DATA_MAX_BYTES, userDataKind } from './user-data-mime.ts';

const installer = '#!/bin/sh\necho install\n';

describe('combineUserData', () => {
  it('puts the installer first, then the user part with its cloud-init type', () => {
    const text = combineUserData(installer, { path: 'u.sh', text: '#!/bin/bash\necho mine' });
    const boundary = /boundary="([^"]+)"/.exec(text)?.[1];
    expect(boundary).toMatch(/^spawn-[0-9a-f]{24}$/);
    const parts = text.split(`--${boundary}`);
    // Preamble, two parts, the closing delimiter.
    expect(parts).toHaveLength(4);
    expect(parts[1]).toContain('Content-Disposition: attachment; filename="00-spawnd-install.sh"');
    expect(parts[1]).toContain(`\n\n${installer}`);
    expect(parts[2]).toContain('Content-Type: text/x-shellscript; charset="utf-8"');
    expect(parts[2]).toContain('filename="10-user-data"');
    expect(parts[2]).toContain('\n\n#!/bin/bash\necho mine\n');
    expect(parts[3]).toBe('--\n');
  });

  it('marks a #cloud-config file as text/cloud-config and non-ASCII text as 8bit', () => {
    const text = combineUserData(installer, {
      path: 'c.yaml',
      text: '#cloud-config\nwrite_files: [{path: /x, content: "é"}]\n',
    });
    expect(text).toMatch(
      /Content-Type: text\/cloud-config; charset="utf-8"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 8bit/,
    );
  });

  it.each([
    ['#!/bin/sh\n', 'text/x-shellscript'],
    ['#cloud-config\nx: 1\n', 'text/cloud-config'],
    ['#cloud-config', 'text/cloud-config'],
    ['#cloud-configs\n', undefined],
    ['echo hi\n', undefined],
    ['Content-Type: multipart/mixed\n', undefined],
  ])('%j is %s', (text, kind) => {
    expect(userDataKind(text)).toBe(kind);
  });

  it('refuses a file that is neither a script nor cloud-config', () => {
    expect(() => combineUserData(installer, { path: 'x', text: 'echo hi\n' })).toThrow(
      /neither a script nor cloud-config/,
    );
  });

  it('refuses a whole over 16384 bytes, naming both sizes; a whole of exactly the limit passes', () => {
    const overhead = Buffer.byteLength(combineUserData(installer, { path: 'f', text: '#!/bin/sh\n' })) - 10;
    const padded = (n: number) => `#!/bin/sh\n${'#'.repeat(n)}\n`;
    const fits = padded(USER_DATA_MAX_BYTES - overhead - 11);
    const over = padded(USER_DATA_MAX_BYTES - overhead - 10);
    expect(Buffer.byteLength(combineUserData(installer, { path: 'f', text: fits }))).toBe(
      USER_DATA_MAX_BYTES,
    );
    try {
      combineUserData(installer, { path: 'f', text: over });
      expect.unreachable();
    } catch (error) {
      expect(isUserError(error) && error.code).toBe('USAGE');
      expect((error as Error).message).toBe(
        `--user-data f is too large: ${over.length} bytes, and with spawnd's installer (${installer.length} bytes) the user data is ${USER_DATA_MAX_BYTES + 1} bytes; EC2 allows 16384 bytes (16 KB).`,
      );
    }
  });
});
