// The MSEL as the console shows it: offsets (`D+1 06:30`) read as minutes from StartEx, the
// injects in schedule order (offset, then number) and grouped by scenario day, and a CSV
// import's problems in file order.

import type { CsvProblem, Inject } from './api';

const OFFSET = /^D\+(\d{1,3}) (\d{2}):(\d{2})$/;

/** Minutes from StartEx, or null for text that is not an offset. */
export function offsetMinutes(offset: string): number | null {
  const m = OFFSET.exec(offset);
  if (!m) return null;
  return Number(m[1]) * 1440 + Number(m[2]) * 60 + Number(m[3]);
}

export interface Day {
  day: number;
  injects: Inject[];
}

/** The injects by scenario day, each day in schedule order. */
export function byDay(injects: Inject[]): Day[] {
  const sorted = [...injects].sort(
    (a, b) => (offsetMinutes(a.offset) ?? 0) - (offsetMinutes(b.offset) ?? 0) || a.number - b.number,
  );
  const days: Day[] = [];
  for (const i of sorted) {
    const day = Math.floor((offsetMinutes(i.offset) ?? 0) / 1440);
    const last = days[days.length - 1];
    if (last && last.day === day) last.injects.push(i);
    else days.push({ day, injects: [i] });
  }
  return days;
}

/** The problems of a refused file from the API's error details, in file order. */
export function csvProblems(details: unknown): CsvProblem[] {
  const errors = (details as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is CsvProblem => !!e && typeof e.line === 'number' && typeof e.message === 'string')
    .map((e) => ({ line: e.line, column: String(e.column ?? ''), message: e.message }))
    .sort((a, b) => a.line - b.line);
}
