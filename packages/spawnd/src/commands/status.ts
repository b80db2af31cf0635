import { UserError } from '@truffle-spawn/core';
import type { SpawndStatusFile, SpawndStatusRecord } from '@truffle-spawn/core/protocol';
import type { StatusInput } from '../command-table.ts';
import type { SpawndContext } from '../context.ts';
import { readSpawndEnv } from '../env-config.ts';
import { readJsonFile } from '../io/json-file.ts';

/** `spawnd status`: the running daemon's last decision as one `spawnd-status` record on stdout. */
export async function run(ctx: SpawndContext, _input: StatusInput): Promise<void> {
  const env = readSpawndEnv(ctx.io.env);
  const status = await readJsonFile<SpawndStatusFile>(env.statusFile);
  if (!status) {
    throw new UserError('NOT_FOUND', `No spawnd status at ${env.statusFile}.`, {
      hint: 'Is the service running? Check `systemctl status spawnd` and `journalctl -u spawnd`.',
    });
  }
  // Typed by core's schema (tests parse this output with it), not parsed here: the on-instance
  // executable carries no zod.
  const record: SpawndStatusRecord = { v: 1, type: 'spawnd-status', ...status };
  ctx.io.stdout.write(`${JSON.stringify(record)}\n`);
}
