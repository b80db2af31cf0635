/** The few pieces of EC2 Query API XML spawnd reads; values are XML-unescaped. */

const unescapeXml = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const field = (xml: string, name: string): string | undefined => {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>|<${name}\\s*/>`).exec(xml);
  return m ? unescapeXml(m[1] ?? '') : undefined;
};

/** DescribeTags: each `<item>` of `<tagSet>` as key/value, plus `nextToken` when paginated. */
export function parseDescribeTags(xml: string): {
  tags: { key: string; value: string }[];
  nextToken?: string;
} {
  const tags: { key: string; value: string }[] = [];
  const set = /<tagSet>([\s\S]*?)<\/tagSet>/.exec(xml)?.[1] ?? '';
  for (const m of set.matchAll(/<item>([\s\S]*?)<\/item>/g)) {
    const key = field(m[1] ?? '', 'key');
    if (key !== undefined) tags.push({ key, value: field(m[1] ?? '', 'value') ?? '' });
  }
  const nextToken = field(xml, 'nextToken');
  return nextToken ? { tags, nextToken } : { tags };
}

/** An EC2 error body (`<Response><Errors><Error><Code>…`), or `undefined` when there is none. */
export function parseEc2Error(
  xml: string,
): { code: string; message: string; requestId?: string } | undefined {
  const error = /<Error>([\s\S]*?)<\/Error>/.exec(xml)?.[1];
  const code = error === undefined ? undefined : field(error, 'Code');
  if (error === undefined || !code) return undefined;
  const requestId = field(xml, 'RequestID') ?? field(xml, 'RequestId');
  return { code, message: field(error, 'Message') ?? code, ...(requestId ? { requestId } : {}) };
}
