// Plan times and durations in the reader's language and time zone: the C-time of
// `ctime.ts` with this language's letters, and the calendar time when the C-hour is known.

import { formatDateTime } from '../../i18n';
import { cTime, calendarAt, duration } from './ctime';
import { t } from './plans.messages';

/** `C+1d 04:30` (`Ч+1 сут 04:30`). */
export const ct = (minute: number) => cTime(minute, { hour: t('cHour'), day: t('cDay') });

/** The calendar time of a minute, or '' without a C-hour. */
export function cal(epoch: string | null | undefined, minute: number): string {
  const d = calendarAt(epoch, minute);
  return d ? formatDateTime(d) : '';
}

/** `C+1d 04:30 (07/01/2022, 04:30)`, or the C-time alone without a C-hour. */
export function when(epoch: string | null | undefined, minute: number): string {
  const c = cal(epoch, minute);
  return c ? `${ct(minute)} (${c})` : ct(minute);
}

/** `1 d 4 h 30 min` (`1 сут 4 ч 30 мин`). */
export const dur = (minutes: number) => duration(minutes, { d: t('uDay'), h: t('uHour'), m: t('uMin') });
