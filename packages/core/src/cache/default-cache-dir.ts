/** The per-user cache directory for truffle-spawn following each platform's convention. */
export function defaultCacheDir(_o: {
  platform: string;
  env: Record<string, string | undefined>;
  homedir: string;
}): string {
  throw new Error('not implemented');
}
