import { awsErrorName } from './aws-error-name.ts';
import type { ApiCallEvent } from './types.ts';

type Handler = (args: unknown) => Promise<unknown>;

/** The part of an SDK v3 client this module touches (kept structural: every client matches). */
export interface MiddlewareHost {
  middlewareStack: {
    add(
      middleware: (next: Handler, context: { commandName?: string }) => Handler,
      options: { step: 'initialize'; name: string; priority: 'high' },
    ): void;
  };
}

/**
 * Adds a middleware that times every `send()` on `client` (retries included) and reports one
 * {@link ApiCallEvent} per call, success or failure. `now` is injectable for tests.
 */
export function addApiCallRecorder(
  client: MiddlewareHost,
  where: { service: string; region: string },
  record: (e: ApiCallEvent) => void,
  now: () => number = () => performance.now(),
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const started = now();
      const report = (ok: boolean, errorName?: string) => {
        const durationMs = Math.round((now() - started) * 10) / 10;
        record({ ...where, operation, durationMs, ok, ...(errorName ? { errorName } : {}) });
      };
      try {
        const out = await next(args);
        report(true);
        return out;
      } catch (error) {
        report(false, awsErrorName(error) ?? 'Error');
        // So a translation far from the call (a region fan-out) can still name the operation.
        if (error instanceof Error && !('$operation' in error)) {
          Object.defineProperty(error, '$operation', { value: operation, enumerable: false });
        }
        throw error;
      }
    },
    // 'high' in the initialize step wraps every other middleware, so retries count as one call.
    { step: 'initialize', name: 'truffleApiCallRecorder', priority: 'high' },
  );
}
