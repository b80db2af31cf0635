import { join } from 'node:path';

type Env = Record<string, string | undefined>;

function expandHome(path: string, homedir: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir, path.slice(1)) : path;
}

/** `~/.aws/config`, or AWS_CONFIG_FILE, as the AWS CLI finds it. */
export function awsConfigPath(env: Env, homedir: string): string {
  return expandHome(env.AWS_CONFIG_FILE || join(homedir, '.aws', 'config'), homedir);
}

/** `~/.aws/credentials`, or AWS_SHARED_CREDENTIALS_FILE, as the AWS CLI finds it. */
export function awsCredentialsPath(env: Env, homedir: string): string {
  return expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(homedir, '.aws', 'credentials'), homedir);
}
