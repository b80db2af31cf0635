/** Tags to write and tag keys to delete on one resource, in one step. */
export interface TagChanges {
  set: Record<string, string>;
  remove: string[];
}

export const NO_TAG_CHANGES: TagChanges = { set: {}, remove: [] };

/** Applies changes to a tag map (what EC2 will hold afterwards); used to show results without re-reading. */
export function applyTagChangesLocally(
  tags: Readonly<Record<string, string>>,
  changes: TagChanges,
): Record<string, string> {
  const next = { ...tags, ...changes.set };
  for (const key of changes.remove) delete next[key];
  return next;
}
