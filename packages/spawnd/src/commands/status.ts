import { UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { spawndStatusSchema } from '@truffle-spawn/core/protocol';
import type { StatusInput } from '../command-table.ts';
import { readSpawndEnv } from '../env-config.ts';
import { readJsonFile } from '../io/json-file.ts';

/** `spawnd status`: the running daemon's last decision as one `spawnd-status` record on stdout. */
export async function run(ctx: CommandContext, _input: StatusInput): Promise<void> {
  const env = readSpawndEnv(ctx.io.env);
  const status = await readJsonFile<Record<string, unknown>>(env.statusFile);
  if (!status) {
    throw new UserError('NOT_FOUND', `No spawnd status at ${env.statusFile}.`, {
      hint: 'Is the service running? Check `systemctl status spawnd` and `journalctl -u spawnd`.',
    });
  }
  const record = spawndStatusSchema.safeParse({ ...status, v: 1, type: 'spawnd-status' });
  if (!record.success) {
    const issue = record.error.issues[0];
    throw new UserError(
      'INVALID_STATE',
      `${env.statusFile} is not a status spawnd wrote (${issue?.path.join('.')}: ${issue?.message}).`,
      {
        hint: 'Restart the agent (`systemctl restart spawnd`); it rewrites the file within a minute.',
      },
    );
  }
  ctx.io.stdout.write(`${JSON.stringify(record.data)}\n`);
}
