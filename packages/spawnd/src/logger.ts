import { isUserError } from '@truffle-spawn/core';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

// journald reads `<N>` priority prefixes from a service's stderr (SyslogLevelPrefix=yes).
const PRIORITY = { info: '<6>', warn: '<4>', error: '<3>' } as const;

/** The daemon's logger: one line per event on stderr, which systemd sends to the journal. */
export function createLogger(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): Logger {
  const journal = Boolean(env.JOURNAL_STREAM);
  const write = (level: keyof typeof PRIORITY, text: string) => {
    const prefix = journal ? PRIORITY[level] : `${new Date().toISOString()} ${level}: `;
    stream.write(`${prefix}${text.replace(/\n/g, ' | ')}\n`);
  };
  return {
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m, e) => write('error', e === undefined ? m : `${m}: ${describeError(e)}`),
  };
}

/** One line for the journal: a UserError (AWS failures are translated ones) by its code. */
export function describeError(e: unknown): string {
  if (isUserError(e)) return `${e.code}: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
