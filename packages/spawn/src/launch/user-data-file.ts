import { readFile } from 'node:fs/promises';
import { UserError } from '@truffle-spawn/core';
import { USER_DATA_MAX_BYTES, type UserDataFile, userDataKind } from '@truffle-spawn/core/launch';

/**
 * `--user-data FILE`, read before any AWS call: missing, unreadable, not text, not a script or
 * cloud-config, or alone over EC2's 16 KB is a usage error naming the file (the plan checks the
 * size again with spawnd's installer added).
 */
export async function readUserDataFile(path: string): Promise<UserDataFile> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new UserError('USAGE', `Cannot read --user-data ${path}: ${error.code ?? error.message}.`, {
      hint: 'Pass the path of a script (#!...) or #cloud-config file.',
    });
  });
  if (bytes.length > USER_DATA_MAX_BYTES) {
    throw new UserError(
      'USAGE',
      `--user-data ${path} is ${bytes.length} bytes; EC2 allows ${USER_DATA_MAX_BYTES} bytes (16 KB) of user data, spawnd's installer included.`,
      { hint: 'Make it smaller: have the script download the rest (e.g. from S3) at boot.' },
    );
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\u0000') || text.includes('\ufffd') || !userDataKind(text)) {
    throw new UserError('USAGE', `--user-data ${path} is neither a script nor cloud-config text.`, {
      hint: 'Start it with a #! line (e.g. #!/bin/bash) or #cloud-config (gzip or MIME files are not combined).',
    });
  }
  return { path, text };
}
