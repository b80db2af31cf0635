import { randomUUID } from 'node:crypto';

/**
 * `spawn:launch-id`, made on first use: every resource the launch owns is tagged with it at birth.
 * `issued` says whether anything may carry it yet (a rollback looks for strays only then).
 */
export class LaunchId {
  readonly #now: () => Date;
  #id: string | undefined;

  constructor(now: () => Date) {
    this.#now = now;
  }

  get value(): string {
    // The creation time (base36 ms) is in the id: cleanup's grace period for what EC2 gives no time for.
    this.#id ??= `l-${this.#now().getTime().toString(36)}-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    return this.#id;
  }

  get issued(): boolean {
    return this.#id !== undefined;
  }
}
