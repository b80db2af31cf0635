import { join as joinPath } from 'node:path';
import type { AwsContext, AwsServiceName } from '../aws/index.ts';
import type { AwsSetup } from '../aws/types.ts';
import { defaultCacheDir } from '../cache/default-cache-dir.ts';
import type { Cache } from '../cache/index.ts';
import type { LoadedConfig } from '../config/index.ts';
import type { CliIo } from './io.ts';
import type { Output } from './output.ts';
import { createOutput } from './output.ts';
import { resolveOutputFormat, shouldUseColor } from './output-format.ts';
import { renderRecordsYaml } from './output-yaml.ts';
import { type Progress, silentProgress, stopProgressOnWrite } from './progress.ts';

/** Options every command of both CLIs understands (commander's camelCase names). */
export interface GlobalOptions {
  /** `--region`/`--regions`: one region, a comma list, or `all`. */
  region?: string;
  profile?: string;
  output?: string;
  /** `--fields a,b`: the record fields table, csv and text print. */
  fields?: string;
  json?: boolean;
  /** false with `--no-cache`. */
  cache?: boolean;
  refresh?: boolean;
  offline?: boolean;
  debug?: boolean;
  /** `--timeout SECONDS`: response timeout of each AWS request attempt (default 20 s). */
  timeout?: number;
  /** false with `--no-color`. */
  color?: boolean;
}

/** What a command module receives: I/O, parsed options, output, and lazily built AWS context and cache. */
export interface CommandContext {
  io: CliIo;
  opts: GlobalOptions;
  output: Output;
  signal: AbortSignal;
  /** The spinner on a terminal (starts when the AWS context is first asked for); silent elsewhere. */
  progress: Progress;
  /**
   * Creates the AWS context on first use (loads the SDK only then). `services` limits which client
   * packages are imported (each costs start-up time); omitted means all of them. With `abortable`,
   * every call through it is aborted by the command's signal (Ctrl-C); read-only commands want that,
   * a launch does not (its rollback must still run after the signal).
   */
  aws(services?: readonly AwsServiceName[], o?: { abortable?: boolean }): Promise<AwsContext>;
  cache(): Promise<Cache>;
  /**
   * The defaults in the config file (`~/.config/truffle-spawn/config.toml` or `.json`), read on
   * first use: offline paths that never ask pay nothing. Flags override every value.
   */
  defaults(): Promise<LoadedConfig>;
}

export function createCommandContext(
  io: CliIo,
  opts: GlobalOptions,
  signal: AbortSignal | (() => AbortSignal),
  o: { progress?: Progress } = {},
): CommandContext {
  // A function: made on first use (creating the process's AbortController loads ~0.5 ms of Node
  // internals, and an offline command never reads it).
  const signalOf = typeof signal === 'function' ? signal : () => signal;
  const progress = o.progress ?? silentProgress;
  const format = resolveOutputFormat({
    output: opts.output,
    json: opts.json,
    isTTY: Boolean(io.stdout.isTTY),
  });
  const color = shouldUseColor({ env: io.env, isTTY: Boolean(io.stderr.isTTY), flag: opts.color });
  const output = stopProgressOnWrite(
    createOutput(io, { format, color, fields: opts.fields, yaml: renderRecordsYaml }),
    progress,
  );
  const aws = new Map<string, Promise<AwsContext>>();
  let cache: Promise<Cache> | undefined;
  let defaults: Promise<LoadedConfig> | undefined;
  let setupShown = false;
  const loadDefaults = () => {
    defaults ??= import('../config/index.ts').then(({ loadUserConfig }) =>
      loadUserConfig({ platform: io.platform, env: io.env, homedir: io.homedir }),
    );
    return defaults;
  };
  // Asked when an AWS context is built, not here: reading io.stdin makes Node build the stdin
  // stream (fs streams, ~8 ms on Node 20), which an offline command never needs.
  const mfaCode = () =>
    io.stdin.isTTY
      ? async (serial: string) => {
          progress.stop();
          const { promptMfaCode } = await import('./mfa-prompt.ts');
          return promptMfaCode(io, serial, signalOf());
        }
      : undefined;
  return {
    io,
    opts,
    output,
    get signal() {
      return signalOf();
    },
    progress,
    aws: (services, o = {}) => {
      const key = `${services ? [...services].sort().join(',') : '*'}${o.abortable ? '+abortable' : ''}`;
      let context = aws.get(key);
      if (!context) {
        progress.start('Asking AWS');
        context = Promise.all([import('../aws/index.ts'), loadDefaults()]).then(
          async ([{ createAwsContext }, config]) => {
            const created = await createAwsContext({
              env: io.env,
              homedir: io.homedir,
              profile: opts.profile,
              region: singleRegion(opts.region),
              configRegion: config.values.region,
              mfaCode: mfaCode(),
              roleCacheDir: joinPath(
                defaultCacheDir({ platform: io.platform, env: io.env, homedir: io.homedir }),
                'aws-sessions',
              ),
              services,
              requestTimeoutMs: awsRequestTimeoutMs(opts),
              signal: o.abortable ? signalOf() : undefined,
              onApiCall: opts.debug
                ? (e) =>
                    output.info(
                      `[aws] ${e.service}.${e.operation} ${e.region} ${e.durationMs}ms${e.ok ? '' : ` ${e.errorName}`}`,
                    )
                : undefined,
            });
            if (opts.debug && !setupShown) {
              setupShown = true;
              for (const line of describeSetup(created.setup, config)) output.info(line);
            }
            return created;
          },
        );
        aws.set(key, context);
      }
      return context;
    },
    cache: () => {
      cache ??= import('../cache/index.ts').then(({ createCache, defaultCacheDir }) =>
        createCache({
          dir: defaultCacheDir({ platform: io.platform, env: io.env, homedir: io.homedir }),
          enabled: opts.cache !== false,
          refresh: opts.refresh === true,
          now: () => io.now().getTime(),
        }),
      );
      return cache;
    },
    defaults: loadDefaults,
  };
}

/** The start of `--debug`: what was resolved, and from where. */
export function describeSetup(setup: AwsSetup, config: LoadedConfig): string[] {
  const from = setup.regionSource === 'config' ? `region in ${config.path}` : setup.regionSource;
  const lines = [
    `[aws] profile ${setup.profile ? `${setup.profile} (from ${setup.profileSource})` : '(none: default chain)'}`,
    `[aws] region ${setup.region} (from ${from === 'flag' ? '--region' : from})`,
    `[aws] credentials: ${setup.credentialSource}`,
  ];
  // Grouped: AWS_ENDPOINT_URL alone would otherwise print one line per service.
  const groups = new Map<string, string[]>();
  for (const [service, e] of Object.entries(setup.endpoints)) {
    if (e)
      groups.set(`${e.url} (from ${e.source})`, [
        ...(groups.get(`${e.url} (from ${e.source})`) ?? []),
        service,
      ]);
  }
  for (const [where, services] of groups) lines.push(`[aws] endpoint ${services.join(', ')}: ${where}`);
  lines.push(`[aws] proxy: ${setup.proxy ?? 'none'}`);
  lines.push(`[config] ${config.path ?? 'no config file'}`);
  return lines;
}

/** `--timeout` in ms for createAwsContext (undefined: its default). */
export function awsRequestTimeoutMs(opts: Pick<GlobalOptions, 'timeout'>): number | undefined {
  return opts.timeout === undefined ? undefined : Math.round(opts.timeout * 1000);
}

/** The default region from the flag: its first region (`--region a,b` defaults to a), none for `all`. */
function singleRegion(flag: string | undefined): string | undefined {
  if (!flag || flag.trim() === 'all') return undefined;
  return flag.split(',')[0]?.trim() || undefined;
}
