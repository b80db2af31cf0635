const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;
export type StyleName = keyof typeof CODES;

/** A tiny ANSI styler that is the identity when colour is off. */
export type Styler = (style: StyleName, text: string) => string;

export function createStyler(color: boolean): Styler {
  if (!color) return (_style, text) => text;
  return (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: -- matching ANSI escapes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** Visible width of a string, ignoring ANSI escapes. */
export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}
