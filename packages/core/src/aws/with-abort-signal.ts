import { setMaxListeners } from 'node:events';

interface Sendable {
  send(command: unknown, options?: unknown): Promise<unknown>;
}

/**
 * A view of an SDK client whose `send` (which paginators and waiters use too) carries `signal`
 * unless the caller passed its own `abortSignal`, so Ctrl-C aborts calls in flight at once.
 */
export function withAbortSignal<T extends object>(client: T, signal: AbortSignal): T {
  // Each call in flight adds an abort listener; a fan-out has dozens at once, which is no leak.
  setMaxListeners(0, signal);
  const send = (client as unknown as Sendable).send.bind(client);
  const bound = (command: unknown, options?: unknown) =>
    typeof options === 'function'
      ? send(command, options)
      : send(command, { abortSignal: signal, ...(options as object) });
  return new Proxy(client, {
    get: (target, key, receiver) => (key === 'send' ? bound : Reflect.get(target, key, receiver)),
  });
}
