import { TAG } from '../tags.ts';

/**
 * One resource this launch OWNS (its instance, the instance's security group, a key pair it
 * imported), with how to delete it. Shared, account-level resources (spawnd's role and profile, the
 * spawn VPC and its gateway, route table and subnets) are never journalled: another launch may be
 * using them, so a rollback must not delete them.
 */
export interface CreatedResource {
  kind: string;
  id: string;
  /**
   * Tag it with `spawn:parent` once the instance id is known (undefined = not taggable that way);
   * with `group` (`--count`), also `spawn:group`: the whole group uses it, and it goes with the last.
   */
  tag?: (instanceId: string, group?: string) => Promise<void>;
  /** Deletes it; `signal` is the rollback's own deadline (never the launch's aborted signal). */
  remove: (signal: AbortSignal) => Promise<void>;
}

/** The owner tags of a launch's own resource: its (first) instance, and its group if shared by one. */
export function parentTags(instanceId: string, group: string | undefined): { Key: string; Value: string }[] {
  return [
    { Key: TAG.parent, Value: instanceId },
    ...(group === undefined ? [] : [{ Key: TAG.group, Value: group }]),
  ];
}

export interface RollbackReport {
  deleted: { kind: string; id: string }[];
  failed: { kind: string; id: string; error: unknown }[];
  /** Not deleted on purpose: the instance survived and still uses them. */
  kept: { kind: string; id: string }[];
  /** The instance that could not be terminated (it still runs and bills). */
  survivor?: string;
  /**
   * Kinds of own resource that could not be looked up by this launch's `spawn:launch-id` tag, and
   * why: one whose create answer was lost may still exist.
   */
  unchecked?: UncheckedKind[];
}

/** A kind of resource a failed lookup leaves unknown (`kind` as in the journal). */
export interface UncheckedKind {
  kind: 'instance' | 'security group' | 'key pair';
  why: string;
}

/** The default bound of a whole rollback (termination waits included). */
const ROLLBACK_TIMEOUT_MS = 10 * 60_000;

/**
 * The journal of what a launch owns, so a failure deletes exactly that. The instance goes first:
 * its security group and key can only go once it is gone, and if it cannot be terminated they
 * are kept for it. `list()` is what is still left at any moment (an item leaves once deleted).
 */
export class CreatedResources {
  readonly #items: CreatedResource[] = [];

  add(resource: CreatedResource): void {
    this.#items.push(resource);
  }

  list(): readonly CreatedResource[] {
    return this.#items.slice();
  }

  /**
   * Deletes everything (instance first, a group's instances together, then newest first); keeps
   * going after a failure, except that what a surviving instance uses is kept.
   */
  async rollback(o: { timeoutMs?: number } = {}): Promise<RollbackReport> {
    const signal = AbortSignal.timeout(o.timeoutMs ?? ROLLBACK_TIMEOUT_MS);
    const report: RollbackReport = { deleted: [], failed: [], kept: [] };
    const order = this.#items
      .slice()
      .reverse()
      .sort((a, b) => Number(b.kind === 'instance') - Number(a.kind === 'instance'));
    // A --count group's instances end together (each waits for its own termination): one by one,
    // N waits in a row would hold the rollback for minutes each.
    const instances = order.filter((item) => item.kind === 'instance');
    if (instances.length > 1) {
      const settled = await Promise.allSettled(instances.map((item) => item.remove(signal)));
      for (const [i, outcome] of settled.entries()) {
        const item = instances[i] as CreatedResource;
        if (outcome.status === 'fulfilled') {
          report.deleted.push({ kind: item.kind, id: item.id });
          this.#drop(item);
        } else {
          report.failed.push({ kind: item.kind, id: item.id, error: outcome.reason });
          report.survivor ??= item.id;
        }
      }
    }
    for (const item of instances.length > 1 ? order.slice(instances.length) : order) {
      if (report.survivor) {
        report.kept.push({ kind: item.kind, id: item.id });
        continue;
      }
      try {
        await item.remove(signal);
        report.deleted.push({ kind: item.kind, id: item.id });
        this.#drop(item);
      } catch (error) {
        report.failed.push({ kind: item.kind, id: item.id, error });
        if (item.kind === 'instance') report.survivor = item.id;
      }
    }
    return report;
  }

  #drop(item: CreatedResource): void {
    const i = this.#items.indexOf(item);
    if (i >= 0) this.#items.splice(i, 1);
  }
}
