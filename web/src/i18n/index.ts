// Russian and English throughout. Each part of the console defines its own messages next to
// its code with `defineMessages`, and the compiler refuses a catalogue whose Russian side
// lacks a key of the English one. The chosen language and time zone are signals, so every
// view that reads a message re-renders when they change.

import { signal } from '@preact/signals';
import type { Locale, Localized } from '../api/types';

export const LOCALES: Locale[] = ['en', 'ru'];
export const locale = signal<Locale>('en');

/** `local`: the browser's time zone; `utc`: Coordinated Universal Time. */
export type ZoneMode = 'local' | 'utc';
export const zoneMode = signal<ZoneMode>(
  (globalThis.localStorage?.getItem('crc.zone') as ZoneMode | null) === 'utc' ? 'utc' : 'local',
);

export function setZoneMode(m: ZoneMode): void {
  zoneMode.value = m;
  globalThis.localStorage?.setItem('crc.zone', m);
}

export type Vars = Record<string, string | number>;

/** Replaces `{name}` with `vars.name`; unknown names stay visible rather than vanish. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A catalogue of one part of the console: `t('key', {n: 3})` in the current language. */
export function defineMessages<const E extends Record<string, string>>(m: {
  en: E;
  ru: { [K in keyof E]: string };
}): (key: keyof E & string, vars?: Vars) => string {
  return (key, vars) => interpolate((m[locale.value] as Record<string, string>)[key] ?? key, vars);
}

/** Reference text in the current language. */
export function loc(text: Localized | null | undefined): string {
  if (!text) return '';
  return text[locale.value] || text.en;
}

function tag(): string {
  return locale.value === 'ru' ? 'ru-RU' : 'en-GB';
}

/** A timestamp in the chosen zone, with the zone named when it is UTC. */
export function formatDateTime(iso: string | Date, opts: { seconds?: boolean } = {}): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  const utc = zoneMode.value === 'utc';
  const f = new Intl.DateTimeFormat(tag(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: opts.seconds ? '2-digit' : undefined,
    hourCycle: 'h23',
    timeZone: utc ? 'UTC' : undefined,
  });
  return utc ? `${f.format(d)} UTC` : f.format(d);
}

/** A calendar date (`YYYY-MM-DD` or a timestamp) in the current language. */
export function formatDate(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(tag()).format(n);
}
