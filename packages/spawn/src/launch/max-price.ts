import { nonNegativeNumber } from '@truffle-spawn/core/cli-kit';
import type { SpotCap } from '@truffle-spawn/core/launch';

/**
 * `--max-price USD`: a plain decimal keeps its text for RunInstances (`0.1` is sent as `0.1`,
 * `0.00001` as `0.00001`); another spelling (`1e-5`) is a number core writes out as a decimal.
 * Negative or not a number: a usage error (exit 2). Kept out of core's launch barrel so `--help`
 * does not load it.
 */
export function maxPriceValue(value: string): number | SpotCap {
  const usd = nonNegativeNumber(value);
  const text = value.trim();
  return /^\d+(\.\d+)?$/.test(text) ? { usd, text } : usd;
}
