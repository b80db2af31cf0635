import { dirname } from 'node:path';
import type { Logger } from '../logger.ts';
import { mkdirp, removeFile, writeFile } from './fs-callbacks.ts';

export interface Notifier {
  /** Tells everyone: wall, the message file and the login banner. */
  notify(message: string): Promise<void>;
  /** Removes the message file and banner once nothing is pending. */
  clear(): Promise<void>;
}

async function runWall(command: string[], message: string): Promise<void> {
  // Loaded on first use: spawnd only walls a warning.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const [file, ...args] = command;
    if (!file) return resolve();
    const child = spawn(file, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}`)),
    );
    child.stdin.end(`${message}\n`);
  });
}

export function createNotifier(o: {
  wallCommand: string[] | undefined;
  messageFile: string;
  motdFile: string;
  log: Logger;
}): Notifier {
  const put = async (path: string, text: string) => {
    try {
      await mkdirp(dirname(path));
      await writeFile(path, text);
    } catch (e) {
      o.log.error(`could not write ${path}`, e);
    }
  };
  let hasNotice = true;
  return {
    async notify(message) {
      o.log.warn(message);
      hasNotice = true;
      await put(o.messageFile, `${new Date().toISOString()}\n${message}\n`);
      await put(o.motdFile, `\n*** ${message.replace(/\n/g, '\n*** ')}\n\n`);
      if (o.wallCommand) await runWall(o.wallCommand, message).catch((e) => o.log.error('wall failed', e));
    },
    async clear() {
      if (!hasNotice) return;
      hasNotice = false;
      await removeFile(o.messageFile).catch(() => undefined);
      await removeFile(o.motdFile).catch(() => undefined);
    },
  };
}
