import { z } from 'zod';
import { PROTOCOL_VERSION } from './schemas.ts';

/**
 * The records `spawnd` prints on the instance (`spawnd status`, `spawnd extend`). Versioned like
 * the CLIs' records (`v`, `type`) but a stream of their own: spawn never reads them from a pipe,
 * so they are not part of `messageSchema`.
 */
const base = { v: z.literal(PROTOCOL_VERSION).describe('Protocol major version') };

export const spawndSignalSchema = z.looseObject({
  name: z.string().describe('cpu, network, sessions, gpu...'),
  active: z.boolean().describe('true when this signal keeps the instance alive'),
  detail: z.string(),
});

const statusFields = {
  instanceId: z.string().optional().describe('absent until IMDS answered'),
  region: z.string().optional(),
  state: z.enum(['active', 'idle', 'warning', 'acting']),
  idleSince: z.string().optional().describe('ISO time the current idle streak started'),
  nextAction: z.string().optional().describe('stop | hibernate | terminate'),
  nextActionAt: z.string().optional().describe('ISO time the next action is due'),
  reason: z.string().optional(),
  updatedAt: z.string().describe('ISO time spawnd last wrote its status'),
  osTimerAt: z
    .string()
    .nullable()
    .optional()
    .describe('ISO time the OS timer powers off; null: none armed; absent: unknown'),
  keptAliveBy: z.array(z.string()).describe('the active signals, in words'),
  signals: z.array(spawndSignalSchema),
  problems: z.array(z.string()).describe('tag problems, replaced by safe defaults'),
};

/** What the daemon writes to its status file: the `spawnd status` record without `v` and `type`. */
export const spawndStatusFileSchema = z.looseObject(statusFields);

export const spawndStatusSchema = z.looseObject({
  ...base,
  type: z.literal('spawnd-status'),
  ...statusFields,
});

export const spawndExtendedSchema = z.looseObject({
  ...base,
  type: z.literal('extended'),
  instanceId: z.string(),
  expiresAt: z.string().describe('the new spawn:expires-at (ISO)'),
});

export const spawndMessageSchema = z.discriminatedUnion('type', [spawndStatusSchema, spawndExtendedSchema]);

export type SpawndStatusFile = z.infer<typeof spawndStatusFileSchema>;
export type SpawndStatusRecord = z.infer<typeof spawndStatusSchema>;
export type SpawndExtendedRecord = z.infer<typeof spawndExtendedSchema>;
export type SpawndMessage = z.infer<typeof spawndMessageSchema>;
