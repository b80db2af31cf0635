import type { EndAction } from '../tags.ts';

/** What spawnd last decided, as shown by `spawn status` without logging in. */
export interface AgentStatus {
  state: 'active' | 'idle' | 'warning' | 'acting';
  /** ISO time the current idle streak started. */
  idleSince?: string;
  nextAction?: EndAction;
  /** ISO time the next action is due. */
  nextActionAt?: string;
  /** Short human explanation (ttl, idle, which signal keeps it alive, tag problems). */
  reason?: string;
  updatedAt: string;
}
