import { UserError } from '@truffle-spawn/core';
import { readSpawndEnv } from '../env-config.ts';
import { readJsonFile } from '../io/json-file.ts';

/** `spawnd status`: the running daemon's last decision as one JSON line on stdout. */
export async function printStatus(): Promise<void> {
  const env = readSpawndEnv(process.env);
  const status = await readJsonFile<Record<string, unknown>>(env.statusFile);
  if (!status) {
    throw new UserError('NOT_FOUND', `No spawnd status at ${env.statusFile}.`, {
      hint: 'Is the service running? Check `systemctl status spawnd` and `journalctl -u spawnd`.',
    });
  }
  process.stdout.write(`${JSON.stringify({ v: 1, type: 'spawnd-status', ...status })}\n`);
}
