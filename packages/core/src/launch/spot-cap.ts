/** A Spot cap: the number for arithmetic, the decimal text RunInstances gets (never rounded). */
export interface SpotCap {
  readonly usd: number;
  readonly text: string;
}

/** A cap given as a number (a test, a library caller) or as parsed text. */
export function toSpotCap(cap: number | SpotCap | undefined): SpotCap | undefined {
  if (cap === undefined) return undefined;
  return typeof cap === 'number' ? { usd: cap, text: decimalText(cap) } : cap;
}

/**
 * The shortest decimal that reads back as `n`, without exponent: the digits of `String(n)`
 * (which is `1e-7` for 0.0000001) written out.
 */
export function decimalText(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, rest = '', e] = m;
  const digits = `${lead}${rest}`;
  const exp = Number(e);
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  return `${sign}${digits.padEnd(exp + 1, '0')}`;
}
