/** One thing this run created, with how to delete it. */
export interface CreatedResource {
  kind: string;
  id: string;
  /** Tag it with `spawn:parent` once the instance id is known (undefined = not taggable that way). */
  tag?: (instanceId: string) => Promise<void>;
  remove: () => Promise<void>;
}

export interface RollbackReport {
  deleted: { kind: string; id: string }[];
  failed: { kind: string; id: string; error: unknown }[];
}

/** The journal of what a launch created, so a failure deletes exactly that, newest first. */
export class CreatedResources {
  readonly #items: CreatedResource[] = [];

  add(resource: CreatedResource): void {
    this.#items.push(resource);
  }

  list(): readonly CreatedResource[] {
    return this.#items.slice();
  }

  /** Deletes everything in reverse order; keeps going after a failure and reports each outcome. */
  async rollback(): Promise<RollbackReport> {
    const report: RollbackReport = { deleted: [], failed: [] };
    for (const item of this.#items.slice().reverse()) {
      try {
        await item.remove();
        report.deleted.push({ kind: item.kind, id: item.id });
      } catch (error) {
        report.failed.push({ kind: item.kind, id: item.id, error });
      }
    }
    this.#items.length = 0;
    return report;
  }
}
