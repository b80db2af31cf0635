import { isUserError, parseDuration, UserError } from '@truffle-spawn/core';
import { type CommandContext, isPromptCancelled } from '@truffle-spawn/core/cli-kit';
import {
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_TTL,
  generateName,
  type LaunchTarget,
  validateSshCidr,
} from '@truffle-spawn/core/launch';
import { launchServices } from './aws-services.ts';
import { checkGpuQuota, type GpuQuotaOutcome } from './gpu-quota-check.ts';
import type { LaunchOptions } from './launch-options.ts';
import { resolveSshCidr } from './ssh-cidr.ts';
import { askInstanceType, type PickedType } from './type-prompt.ts';

export interface WizardAnswers {
  target: LaunchTarget;
  flags: { ttl?: string | false; idleTimeout: string; name: string; sshCidr: string };
}

const validDuration = (what: string) => (text: string) => {
  try {
    parseDuration(text, what);
    return true;
  } catch (error) {
    return isUserError(error) ? `${error.message} ${error.hint ?? ''}` : String(error);
  }
};

/**
 * About six questions whose defaults (Enter, Enter, ...) launch a cheap, safe t3.medium:
 * on-demand, TTL 8h, idle 1h, key created automatically, generated name. Flags pre-answer them.
 * Ctrl-C at any question (or a signal before the launch) creates nothing: CANCELLED, exit 130.
 */
export async function runWizard(ctx: CommandContext, opts: LaunchOptions): Promise<WizardAnswers> {
  try {
    return await askAll(ctx, opts);
  } catch (error) {
    if (!isPromptCancelled(error) && !ctx.signal.aborted) throw error;
    throw new UserError('CANCELLED', 'Cancelled, nothing was created.', { cause: error });
  }
}

async function askAll(ctx: CommandContext, opts: LaunchOptions): Promise<WizardAnswers> {
  const { input, select } = await import('@inquirer/prompts');
  const io = { input: ctx.io.stdin, output: ctx.io.stderr, signal: ctx.signal };
  const out = ctx.output;
  const explain = (text: string) => out.info(out.style('dim', text));
  out.info('Launch an instance. Press Enter to accept each default. Ctrl-C cancels (nothing is created).');

  // Creates nothing and calls nothing: it only resolves the profile's region, for the prices shown.
  const aws = await ctx.aws(launchServices());
  explain(
    'The instance type sets CPUs and memory: t3.medium has 2 vCPUs and 4 GiB (a small, cheap machine). ' +
      'Type to search: a name (m7i.large), gpu, 8 vcpu 32gb, graviton. Prices are per hour in ' +
      `${ctx.opts.region ?? aws.defaultRegion}.`,
  );
  const typeAt = { region: ctx.opts.region ?? aws.defaultRegion, defaultType: 't3.medium' };
  let picked = await askInstanceType(ctx, typeAt);
  explain('The region is the AWS location that runs (and bills) the instance.');
  const region = ctx.opts.region ?? (await input({ message: 'Region', default: aws.defaultRegion }, io));
  explain(
    'On-demand: fixed price, never interrupted. Spot: spare capacity, often 60-90% cheaper, but AWS may reclaim it with 2 minutes notice.',
  );
  const market = opts.spot
    ? 'spot'
    : await select<'on-demand' | 'spot'>(
        {
          message: 'Pricing',
          choices: [
            { value: 'on-demand', name: 'On-demand' },
            { value: 'spot', name: 'Spot' },
          ],
          default: 'on-demand',
        },
        io,
      );
  while ((await checkQuotaOf(ctx, picked, region, market)) === 'short') {
    const next = await select<'other' | 'anyway'>(
      {
        message: 'What now?',
        choices: [
          { value: 'other', name: 'Choose another instance type' },
          { value: 'anyway', name: 'Go on with this one (the launch fails until AWS raises the quota)' },
        ],
        default: 'other',
      },
      io,
    );
    if (next === 'anyway') break;
    picked = await askInstanceType(ctx, typeAt);
  }
  const { instanceType } = picked;
  explain(
    'TTL (time to live): the instance terminates itself after this long, so it can never bill forever.',
  );
  const ttl =
    opts.ttl ?? (await input({ message: 'TTL', default: DEFAULT_TTL, validate: validDuration('TTL') }, io));
  explain('Idle timeout: when nobody uses it (no SSH session, little CPU) for this long, spawnd stops it.');
  const idleTimeout =
    opts.idleTimeout ??
    (await input(
      { message: 'Idle timeout', default: DEFAULT_IDLE_TIMEOUT, validate: validDuration('idle timeout') },
      io,
    ));
  explain('The name is the Name tag; use it with spawn connect / stop / terminate.');
  const name = opts.name ?? (await input({ message: 'Name', default: generateName() }, io));
  explain(
    'SSH key: ~/.ssh/id_ed25519 is used, or created for you. SSH is allowed only from your own address.',
  );
  const sshCidr = await resolveSshCidr(opts.sshCidr, ctx.io.env).catch(async (error: unknown) => {
    if (!isUserError(error) || error.code !== 'SSH_CIDR_UNKNOWN') throw error;
    out.warn(`${error.message} Enter the address range SSH will come from (like --ssh-cidr).`);
    return input({ message: 'SSH from (CIDR)', validate: (t) => validCidr(t) }, io);
  });
  return { target: { instanceType, region, market }, flags: { ttl, idleTimeout, name, sshCidr } };
}

function validCidr(text: string): true | string {
  try {
    validateSshCidr(text);
    return true;
  } catch (error) {
    return isUserError(error) ? (error.hint ?? error.message) : String(error);
  }
}

/** GPU and accelerator types only: their quota starts at 0 on new accounts. */
function checkQuotaOf(
  ctx: CommandContext,
  picked: PickedType,
  region: string,
  market: 'on-demand' | 'spot',
): Promise<GpuQuotaOutcome> {
  if (picked.vcpus === undefined) return Promise.resolve('not-checked');
  return checkGpuQuota(ctx, { instanceType: picked.instanceType, vcpus: picked.vcpus, region, market });
}
