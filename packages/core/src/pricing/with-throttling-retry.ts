import { awsErrorName, awsHttpStatus } from '../aws/aws-error-name.ts';

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
]);

/** True for an AWS answer that means "slow down" (by name or HTTP 429). */
export function isThrottling(error: unknown): boolean {
  return THROTTLING.has(awsErrorName(error) ?? '') || awsHttpStatus(error) === 429;
}

/**
 * Runs `fn`, retrying only when throttled: up to `attempts` tries with exponential backoff and full
 * jitter (250 ms, 500 ms, 1 s base). Any other error, and the last throttling error, is thrown.
 */
export async function withThrottlingRetry<T>(
  fn: () => Promise<T>,
  o: { attempts?: number; baseMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const attempts = o.attempts ?? 4;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isThrottling(error)) throw error;
      const cap = (o.baseMs ?? 250) * 2 ** (attempt - 1);
      await sleep(cap / 2 + Math.random() * (cap / 2));
    }
  }
}
