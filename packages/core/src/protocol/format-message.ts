import type { Message } from './schemas.ts';

/** One NDJSON line for stdout: compact JSON plus "\n", never pretty-printed. */
export function formatMessage(message: Message): string {
  return `${JSON.stringify(message)}\n`;
}
