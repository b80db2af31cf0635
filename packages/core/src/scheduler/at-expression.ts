// EventBridge Scheduler's one-time form: `at(yyyy-mm-ddThh:mm:ss)`, read in ScheduleExpressionTimezone.

/** `at(2030-01-31T18:05:00)` for an epoch-ms time (UTC, whole seconds). */
export function atExpression(ms: number): string {
  return `at(${new Date(ms).toISOString().slice(0, 19)})`;
}

/** Epoch ms of an `at(...)` expression read as UTC, or undefined for anything else (cron, rate). */
export function parseAtExpression(expression: string | undefined): number | undefined {
  const m = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression?.trim() ?? '');
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
