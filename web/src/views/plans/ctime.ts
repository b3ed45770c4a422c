// Times of a plan: whole minutes after the scenario's C-hour, read the way movement tables
// count them (`C+1d 04:30`: day 1 after C-day, 04:30 past C-hour), and, when the scenario
// names its C-hour, as calendar time. Durations (a gap, lateness, a change) read in days,
// hours and minutes. Pure, so they are tested.

/** The words of a C-time in one language: the hour's letter and the day's unit. */
export interface CWords {
  /** `C` in English, `Ч` in Russian. */
  hour: string;
  /** Written right after the day's number: `d` (`C+1d`), ` сут` (`Ч+1 сут`). */
  day: string;
}
export const C_EN: CWords = { hour: 'C', day: 'd' };

const pad = (n: number) => String(n).padStart(2, '0');

/** Days, hours and minutes of a non-negative count of minutes. */
export function splitDuration(minutes: number): { d: number; h: number; m: number } {
  const m = Math.max(0, Math.round(minutes));
  return { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60), m: m % 60 };
}

/** `C+1d 04:30`; before C-hour, `C−0d 02:00` (a minus sign, as typeset). */
export function cTime(minute: number, words: CWords = C_EN): string {
  const sign = minute < 0 ? '−' : '+';
  const { d, h, m } = splitDuration(Math.abs(minute));
  return `${words.hour}${sign}${d}${words.day} ${pad(h)}:${pad(m)}`;
}

/** The moment a minute of the plan stands for, or null without a (valid) C-hour. */
export function calendarAt(epoch: string | null | undefined, minute: number): Date | null {
  if (!epoch) return null;
  const t = Date.parse(epoch);
  return Number.isNaN(t) ? null : new Date(t + minute * 60_000);
}

/** The same moment as ISO 8601 in UTC to the minute (for files), or '' without a C-hour. */
export function isoAt(epoch: string | null | undefined, minute: number): string {
  const d = calendarAt(epoch, minute);
  return d ? `${d.toISOString().slice(0, 16)}Z` : '';
}

/** A duration in days, hours and minutes with the units of one language, the empty parts left out. */
export function duration(minutes: number, units: { d: string; h: string; m: string }): string {
  const { d, h, m } = splitDuration(Math.abs(minutes));
  const parts: string[] = [];
  if (d) parts.push(`${d} ${units.d}`);
  if (h) parts.push(`${h} ${units.h}`);
  if (m || parts.length === 0) parts.push(`${m} ${units.m}`);
  return (minutes < 0 ? '−' : '') + parts.join(' ');
}

/** The relative gap `(closure − bound) / bound` as a percentage with one decimal. */
export function gapPercent(gap: number): string {
  if (!Number.isFinite(gap)) return '—';
  return `${(Math.round(gap * 1000) / 10).toFixed(1)} %`;
}
