// The year view's layout: one row per exercise, placed on the days of the year it covers (or
// may cover, when its dates are imprecise), rows ordered by start then name, and connectors
// between exercises held together or linked. Pure, so it is tested without a browser.

import { isExact, periodWindow, type Period } from './period';

export interface CatalogueExercise {
  key: string;
  name: { en: string; ru: string };
  kind: string;
  host: string;
  status: string;
  dates: Period;
  links?: { kind: string; target: string }[];
  personnel?: { value: number; qualifier: string };
  equipment?: { value: number; qualifier: string };
  media_stories?: { value: number; qualifier: string };
}

export interface GanttBar {
  key: string;
  row: number;
  /** Left and right edges as fractions of the year, 0 to 1. */
  x0: number;
  x1: number;
  exact: boolean;
  exercise: CatalogueExercise;
}

export interface GanttLink {
  from: string;
  to: string;
  kind: string;
  /** Rows of the two ends: the earlier exercise's first. */
  rows: [number, number];
  /** Where the connector leaves the first row and reaches the second, on the time axis:
   * the same place (the overlap's middle) when their windows overlap, else from the end of
   * the earlier to the start of the later. */
  x: [number, number];
}

export interface YearLayout {
  bars: GanttBar[];
  links: GanttLink[];
  /** Month starts as fractions of the year, January first. */
  months: number[];
}

function dayOfYear(year: number, iso: string): number {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return (t - Date.UTC(year, 0, 1)) / 86_400_000;
}

function yearDays(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));

export function layoutYear(year: number, exercises: CatalogueExercise[]): YearLayout {
  const n = yearDays(year);
  const placed = exercises
    .filter((x) => x.status !== 'cancelled')
    .map((x) => {
      const [a, b] = periodWindow(x.dates);
      return { x, x0: clamp(dayOfYear(year, a) / n), x1: clamp((dayOfYear(year, b) + 1) / n) };
    })
    .filter((p) => p.x1 > p.x0)
    .sort((p, q) => p.x0 - q.x0 || p.x.name.en.localeCompare(q.x.name.en));
  const bars: GanttBar[] = placed.map((p, row) => ({
    key: p.x.key,
    row,
    x0: p.x0,
    x1: p.x1,
    exact: isExact(p.x.dates),
    exercise: p.x,
  }));
  const byKey = new Map(bars.map((b) => [b.key, b]));
  const links: GanttLink[] = [];
  const seen = new Set<string>();
  for (const b of bars) {
    for (const l of b.exercise.links ?? []) {
      const other = byKey.get(l.target);
      if (!other) continue;
      const id = [b.key, other.key].sort().join('|');
      if (seen.has(id)) continue;
      seen.add(id);
      const lo = Math.max(b.x0, other.x0);
      const hi = Math.min(b.x1, other.x1);
      const [first, second] = b.x0 <= other.x0 ? [b, other] : [other, b];
      const x: [number, number] = hi > lo ? [(lo + hi) / 2, (lo + hi) / 2] : [first.x1, second.x0];
      links.push({ from: first.key, to: second.key, kind: l.kind, rows: [first.row, second.row], x });
    }
  }
  const months = Array.from({ length: 12 }, (_, m) => dayOfYear(year, `${year}-${String(m + 1).padStart(2, '0')}-01`) / n);
  return { bars, links, months };
}
