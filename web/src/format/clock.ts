// The header clock: time of day in the chosen zone, with the zone named.

import { locale, zoneMode, type ZoneMode } from '../i18n';

export function formatClock(d: Date, mode: ZoneMode = zoneMode.value): string {
  const f = new Intl.DateTimeFormat(locale.value === 'ru' ? 'ru-RU' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: mode === 'utc' ? 'UTC' : undefined,
    timeZoneName: mode === 'utc' ? undefined : 'short',
  });
  return mode === 'utc' ? `${f.format(d)} UTC` : f.format(d);
}
