import {
  type Catalog,
  type CatalogInstanceType,
  findType,
  onDemandPrice,
  unspecifiedType,
} from '@truffle-spawn/core/catalog';
import { instanceTypeName, searchQuery, suggest } from '@truffle-spawn/core/search';

/** One selectable instance type in the wizard's search prompt. */
export interface TypeChoice {
  value: string;
  /** The row shown: type, vCPUs, memory, GPUs and $/hour, in aligned columns. */
  name: string;
  short: string;
}

/** What the prompt shows for one search term: an optional line above the list, then the rows. */
export interface TypeChoices {
  note?: string;
  choices: TypeChoice[];
}

/** Shown before anything is typed, after the default: cheap first picks of each kind. */
const FIRST_PICKS = [
  't3.micro',
  't3.small',
  't3.large',
  'm7i.large',
  'c7i.large',
  'r7i.large',
  'g4dn.xlarge',
];
const LIMIT = 40;

/**
 * The wizard's instance-type rows for a search term, with truffle's search: an exact name gives
 * that type only (never another), words (`gpu`, `8 vcpu 32gb`, `graviton`) give matching types
 * ranked as `truffle search` ranks them (current generation, then cheapest in `region`), and a
 * name that does not exist (`t3.mcro`) gives the nearest names under a "did you mean" note.
 */
export function typeChoices(
  catalog: Catalog,
  term: string | undefined,
  o: { region: string; defaultType: string },
): TypeChoices {
  const q = (term ?? '').trim().toLowerCase();
  const price = (t: CatalogInstanceType) => onDemandPrice(catalog, t.instanceType, o.region)?.usdPerHour;
  const row = (types: CatalogInstanceType[]) => rows(types, price);
  if (q === '') {
    const names = [o.defaultType, ...FIRST_PICKS.filter((n) => n !== o.defaultType)];
    return { choices: row(names.flatMap((n) => findType(catalog, n) ?? [])) };
  }
  const found = searchQuery(catalog.types, q, { generations: 'prefer-current', limit: LIMIT }, { price });
  if (found.results.length > 0) return { choices: row(found.results.map((r) => r.type)) };

  const name = instanceTypeName(q);
  const unspecified = name === undefined ? undefined : unspecifiedType(catalog, name);
  if (unspecified) {
    // AWS prices it but the catalog has no specs: a real type, offered as typed.
    return {
      choices: [
        {
          value: unspecified.instanceType,
          short: unspecified.instanceType,
          name: `${unspecified.instanceType}  (specs not in the offline catalog)`,
        },
      ],
    };
  }
  const near = suggest(catalog.types, q, 8).flatMap((n) => findType(catalog, n) ?? []);
  const what = name === undefined ? `Nothing matches "${q}".` : `${name} is not an EC2 instance type.`;
  if (near.length === 0)
    return { note: `${what} Try a name (m7i.large) or words (gpu, 8 vcpu 32gb).`, choices: [] };
  return { note: `${what} Did you mean:`, choices: row(near) };
}

function rows(
  types: CatalogInstanceType[],
  price: (t: CatalogInstanceType) => number | undefined,
): TypeChoice[] {
  const cells = types.map((t) => [
    t.instanceType,
    `${t.vcpus} vCPU${t.vcpus === 1 ? '' : 's'}`,
    `${gib(t.memoryMiB)} GiB`,
    gpuText(t),
    dollars(price(t)),
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...cells.map((c) => (c[i] ?? '').length)));
  return types.map((t, r) => {
    const line = (cells[r] ?? []).map((cell, i) => (i < 4 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ');
    return { value: t.instanceType, short: t.instanceType, name: line.replace(/\s+$/, '') };
  });
}

/** `1x T4 16 GiB`, `8x H100 80 GiB`, `1/8 L4 3 GiB` (a fractional GPU); empty without accelerators. */
export function gpuText(t: CatalogInstanceType): string {
  const g = t.gpus;
  if (!g) return '';
  const count =
    g.fraction !== undefined && g.fraction < 1 ? `1/${Math.round(1 / g.fraction)}` : `${g.count}x`;
  const each =
    g.memoryMiB ?? (g.totalMemoryMiB !== undefined && g.count > 0 ? g.totalMemoryMiB / g.count : undefined);
  return each === undefined ? `${count} ${g.model}` : `${count} ${g.model} ${gib(each)} GiB`;
}

function gib(mib: number): string {
  return String(Math.round((mib / 1024) * 100) / 100);
}

function dollars(usd: number | undefined): string {
  return usd === undefined ? 'price unknown' : `$${usd.toFixed(4)}/hour`;
}
