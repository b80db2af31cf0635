/**
 * The abort signal a launch's SDK calls get by default. It is the launch's signal while the
 * lookups and the create steps run, and is released before the rollback, whose deletes must run
 * after a Ctrl-C (core passes its own `abortSignal` to a call where it knows better).
 */
export interface CallSignal {
  current: AbortSignal | undefined;
}

interface Sendable {
  send(command: unknown, options?: unknown): Promise<unknown>;
}

/**
 * A view of an SDK client whose `send` (also used by waiters and paginators) carries
 * `calls.current` unless the caller passed an `abortSignal`, so Ctrl-C stops a hung call at once
 * (core's awsCall passes the launch signal itself; this also covers waiters and any call that
 * does not go through it).
 */
export function abortableClient<T extends object>(client: T, calls: CallSignal): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key !== 'send') return Reflect.get(target, key, receiver);
      const send = (target as unknown as Sendable).send.bind(target);
      return (command: unknown, options?: unknown) => {
        if (typeof options === 'function' || !calls.current) return send(command, options);
        return send(command, { abortSignal: calls.current, ...(options as object | undefined) });
      };
    },
  });
}
