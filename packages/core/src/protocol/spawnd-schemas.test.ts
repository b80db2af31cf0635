import { describe, expect, it } from 'vitest';
import { spawndMessageSchema, spawndStatusSchema } from './spawnd-schemas.ts';

const status = {
  v: 1,
  type: 'spawnd-status',
  instanceId: 'i-0123456789abcdef0',
  region: 'us-east-1',
  state: 'active',
  nextAction: 'stop',
  nextActionAt: '2030-01-01T12:00:00.000Z',
  updatedAt: '2030-01-01T10:00:00.000Z',
  osTimerAt: null,
  keptAliveBy: ['1 interactive session(s)'],
  signals: [{ name: 'sessions', active: true, detail: '1 interactive session(s)' }],
  problems: [],
};

describe('spawnd records', () => {
  it('accepts what `spawnd status` and `spawnd extend` print', () => {
    expect(spawndMessageSchema.parse(status)).toEqual(status);
    const extended = { v: 1, type: 'extended', instanceId: 'i-1', expiresAt: '2030-01-01T12:00:00Z' };
    expect(spawndMessageSchema.parse(extended)).toEqual(extended);
  });

  it('refuses a record without v, or one whose status lacks the heartbeat', () => {
    const { v: _v, ...unversioned } = status;
    expect(spawndStatusSchema.safeParse(unversioned).success).toBe(false);
    const { updatedAt: _u, ...stale } = status;
    expect(spawndStatusSchema.safeParse(stale).success).toBe(false);
  });
});
