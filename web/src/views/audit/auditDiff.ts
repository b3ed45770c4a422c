// Before/after of an audit entry, flattened to field paths and compared, so a change reads
// as "personnel: 120 → 150" rather than two JSON documents to compare by eye.

export type ChangeKind = 'added' | 'removed' | 'changed' | 'same';

export interface DiffLine {
  path: string;
  before: unknown;
  after: unknown;
  change: ChangeKind;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `{home_station: {lat: 1}}` → `home_station.lat: 1`. Arrays of plain values stay whole
 * (a list of states is one value); arrays of objects are indexed (`meetings[0].date`).
 */
export function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, value);
    for (const k of keys) flatten(value[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.some((v) => isObject(v) || Array.isArray(v))) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (prefix) {
    out.set(prefix, value);
  } else if (value !== null && value !== undefined) {
    out.set('value', value);
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of before and after, in the order met (before's first, then after's new ones). */
export function auditDiff(before: unknown, after: unknown): DiffLine[] {
  const b = flatten(before);
  const a = flatten(after);
  const paths = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  return paths.map((path) => {
    const hasB = b.has(path);
    const hasA = a.has(path);
    const bv = b.get(path);
    const av = a.get(path);
    const change: ChangeKind = !hasB ? 'added' : !hasA ? 'removed' : same(bv, av) ? 'same' : 'changed';
    return { path, before: bv, after: av, change };
  });
}

/** A flattened value as text: lists joined, nothing as an em dash. */
export function formatAuditValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : v.map((x) => formatAuditValue(x)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string') return v === '' ? '""' : v;
  return String(v);
}
