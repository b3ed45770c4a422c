// The register's view of the in-memory list: filter, sort and page, and the query string
// that carries them in the address (`#/register?state=KAZ&sort=-personnel&page=2`).
// Filtering mirrors the server's list (`q` matches name or home station, case-insensitive).

import { READINESS, type Contingent } from '../../api/types';

export const SORT_KEYS = [
  'name',
  'state',
  'component',
  'readiness',
  'personnel',
  'equipment',
  'station',
  'updated_at',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const PAGE_SIZES = [25, 50, 100, 200];

export interface RegisterQuery {
  state: string;
  component: string;
  readiness: string;
  q: string;
  sort: SortKey;
  desc: boolean;
  /** 1-based. */
  page: number;
  size: number;
}

export const DEFAULT_QUERY: RegisterQuery = {
  state: '',
  component: '',
  readiness: '',
  q: '',
  sort: 'state',
  desc: false,
  page: 1,
  size: 50,
};

export function parseRegisterQuery(p: Record<string, string>): RegisterQuery {
  const sortRaw = p.sort ?? '';
  const desc = sortRaw.startsWith('-');
  const key = (desc ? sortRaw.slice(1) : sortRaw) as SortKey;
  const sortOk = (SORT_KEYS as readonly string[]).includes(key);
  const page = Number(p.page);
  const size = Number(p.size);
  return {
    state: p.state ?? '',
    component: p.component ?? '',
    readiness: (READINESS as string[]).includes(p.readiness ?? '') ? p.readiness! : '',
    q: p.q ?? '',
    sort: sortOk ? key : DEFAULT_QUERY.sort,
    desc: sortOk ? desc : DEFAULT_QUERY.desc,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    size: PAGE_SIZES.includes(size) ? size : DEFAULT_QUERY.size,
  };
}

/** The query for the address, defaults left out. */
export function registerQueryParams(q: RegisterQuery): Record<string, string | number | undefined> {
  const sort = q.sort === DEFAULT_QUERY.sort && q.desc === DEFAULT_QUERY.desc ? undefined : `${q.desc ? '-' : ''}${q.sort}`;
  return {
    state: q.state || undefined,
    component: q.component || undefined,
    readiness: q.readiness || undefined,
    q: q.q.trim() || undefined,
    sort,
    page: q.page > 1 ? q.page : undefined,
    size: q.size !== DEFAULT_QUERY.size ? q.size : undefined,
  };
}

export function isFiltered(q: RegisterQuery): boolean {
  return Boolean(q.state || q.component || q.readiness || q.q.trim());
}

/** Lower case, and ё as е, so Russian searches find what people type either way. */
export function foldText(s: string): string {
  return s.toLocaleLowerCase().replace(/ё/g, 'е');
}

export function filterContingents(list: readonly Contingent[], q: RegisterQuery): Contingent[] {
  const needle = foldText(q.q.trim());
  return list.filter(
    (c) =>
      (!q.state || c.state === q.state) &&
      (!q.component || c.component === q.component) &&
      (!q.readiness || c.readiness === q.readiness) &&
      (!needle || foldText(c.name).includes(needle) || foldText(c.home_station.name).includes(needle)),
  );
}

export interface SortContext {
  /** Compares texts in the user's language. */
  collator: Intl.Collator;
  /** The label a component shows under (sorting follows what the user reads). */
  componentLabel?: (key: string) => string;
  stateLabel?: (code: string) => string;
}

const readinessRank = (r: string) => {
  const i = (READINESS as string[]).indexOf(r);
  return i < 0 ? READINESS.length : i;
};

export function compareContingents(key: SortKey, ctx: SortContext): (a: Contingent, b: Contingent) => number {
  const text = (a: string, b: string) => ctx.collator.compare(a, b);
  switch (key) {
    case 'name':
      return (a, b) => text(a.name, b.name);
    case 'state': {
      const label = ctx.stateLabel ?? ((s: string) => s);
      return (a, b) => text(label(a.state), label(b.state));
    }
    case 'component': {
      const label = ctx.componentLabel ?? ((s: string) => s);
      return (a, b) => text(label(a.component), label(b.component));
    }
    case 'readiness':
      return (a, b) => readinessRank(a.readiness) - readinessRank(b.readiness);
    case 'personnel':
      return (a, b) => a.personnel - b.personnel;
    case 'equipment':
      return (a, b) => a.equipment - b.equipment;
    case 'station':
      return (a, b) => text(a.home_station.name, b.home_station.name);
    case 'updated_at':
      return (a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at);
  }
}

/** Sorted by `key` (descending if asked); ties by name, then id, always ascending. */
export function sortContingents(
  list: readonly Contingent[],
  key: SortKey,
  desc: boolean,
  ctx: SortContext,
): Contingent[] {
  const primary = compareContingents(key, ctx);
  const dir = desc ? -1 : 1;
  return [...list].sort(
    (a, b) => dir * primary(a, b) || ctx.collator.compare(a.name, b.name) || a.id - b.id,
  );
}

export interface PageOf<T> {
  items: T[];
  /** The page shown: the one asked for, or the last one if the list got shorter. */
  page: number;
  pages: number;
  total: number;
}

export function paginate<T>(list: readonly T[], page: number, size: number): PageOf<T> {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const p = Math.min(Math.max(1, page), pages);
  return { items: list.slice((p - 1) * size, p * size), page: p, pages, total: list.length };
}
