import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors/user-error.ts';
import { configDir } from './config-file-path.ts';
import type { UserDefaults } from './config-schema.ts';

/** The config file's defaults and the file they came from (`path` undefined: no file). */
export interface LoadedConfig {
  path: string | undefined;
  values: UserDefaults;
}

/**
 * Reads `config.toml` or `config.json` from {@link configDir}. No file costs two `existsSync`
 * calls and loads nothing (zod and the TOML parser are imported only for a file that exists).
 * A file that does not parse or has a bad value is CONFIG_INVALID naming the file and key.
 */
export async function loadUserConfig(o: {
  platform: string;
  env: Record<string, string | undefined>;
  homedir: string;
}): Promise<LoadedConfig> {
  const dir = configDir(o);
  const found = ['config.toml', 'config.json'].map((f) => join(dir, f)).filter((p) => existsSync(p));
  const [path, other] = found;
  if (!path) return { path: undefined, values: {} };
  if (other) {
    throw new UserError('CONFIG_INVALID', `Both ${path} and ${other} exist.`, {
      hint: 'Keep one of them: truffle and spawn read only one config file.',
    });
  }
  const text = await readFile(path, 'utf8');
  let raw: unknown;
  try {
    raw = path.endsWith('.toml') ? (await import('smol-toml')).parse(text) : JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(
      'CONFIG_INVALID',
      `${path} is not valid ${path.endsWith('.toml') ? 'TOML' : 'JSON'}: ${why}`,
      {
        hint: 'Fix the file or delete it (every key is optional).',
      },
    );
  }
  const [{ z }, { buildConfigSchema }] = await Promise.all([import('zod'), import('./config-schema.ts')]);
  const parsed = buildConfigSchema(z).safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const key = i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : '(file)');
      return `${key}: ${i.message}`;
    });
    throw new UserError('CONFIG_INVALID', `Invalid value in ${path}: ${issues.join('; ')}`, {
      hint: 'Keys: region, ttl, idle-timeout, ssh-cidr, key, tags (a table of strings). Fix or remove the key.',
      details: { path, issues },
    });
  }
  return { path, values: parsed.data };
}
