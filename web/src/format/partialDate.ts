// Dates from the reference sources are often partial: a year (`2015`), a month (`2023-11`)
// or a day. Shown as precisely as they are known, never padded to a made-up 1 January.

import { formatDate, locale } from '../i18n';

export function formatPartialDate(d: string | null | undefined): string {
  if (!d) return '';
  if (/^\d{4}$/.test(d)) return d;
  const month = /^(\d{4})-(\d{2})$/.exec(d);
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    if (Number.isNaN(date.getTime())) return d;
    return new Intl.DateTimeFormat(locale.value === 'ru' ? 'ru-RU' : 'en-GB', {
      year: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(date);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return formatDate(d);
  return d;
}

/** `from–to` of a term of office; an open end reads "since …" via the caller's words. */
export function formatPeriod(from: string | null, to: string | null, words: { since: string; until: string }): string {
  if (from && to) return `${formatPartialDate(from)} – ${formatPartialDate(to)}`;
  if (from) return `${words.since} ${formatPartialDate(from)}`;
  if (to) return `${words.until} ${formatPartialDate(to)}`;
  return '';
}
