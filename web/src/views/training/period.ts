// The dates of an exercise as precise as the seeds give them (docs/training.md, "Dates"):
// exact days, half a month, a month, a season or only the year. The Gantt draws an exact
// period as a bar and an imprecise one as a faded window over the days it may fall on.

export type Period =
  | { precision: 'days'; start: string; end: string }
  | { precision: 'half_month'; year: number; month: number; half: 'first' | 'second' }
  | { precision: 'month'; year: number; month: number }
  | { precision: 'season'; year: number; season: 'spring' | 'summer' | 'autumn' }
  | { precision: 'year'; year: number };

const SEASONS = { spring: [3, 5], summer: [6, 8], autumn: [9, 11] } as const;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first and last day (inclusive, `YYYY-MM-DD`) the period may cover. */
export function periodWindow(p: Period): [string, string] {
  switch (p.precision) {
    case 'days':
      return [p.start, p.end];
    case 'half_month':
      return p.half === 'first'
        ? [iso(p.year, p.month, 1), iso(p.year, p.month, 15)]
        : [iso(p.year, p.month, 16), iso(p.year, p.month, daysIn(p.year, p.month))];
    case 'month':
      return [iso(p.year, p.month, 1), iso(p.year, p.month, daysIn(p.year, p.month))];
    case 'season': {
      const [a, b] = SEASONS[p.season];
      return [iso(p.year, a, 1), iso(p.year, b, daysIn(p.year, b))];
    }
    case 'year':
      return [iso(p.year, 1, 1), iso(p.year, 12, 31)];
  }
}

/** Whether the period is known to the day. */
export function isExact(p: Period): boolean {
  return p.precision === 'days';
}
