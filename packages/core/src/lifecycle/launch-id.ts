// `l-<creation time, ms since the epoch in base36>-<random>`; older ids (`l-<hex>`) carry no time.
const TIMED = /^l-([0-9a-z]{8,9})-[0-9a-z]+$/;
// 2020-01-01 .. 2100-01-01: anything outside is not a time this format wrote.
const EARLIEST = Date.UTC(2020, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** The creation time (ms) a `spawn:launch-id` carries, or undefined when it carries none. */
export function launchIdTime(id: string | undefined): number | undefined {
  const m = id ? TIMED.exec(id) : null;
  if (!m) return undefined;
  const ms = Number.parseInt(m[1] as string, 36);
  return ms >= EARLIEST && ms < LATEST ? ms : undefined;
}
