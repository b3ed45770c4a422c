// Date and number formatting of i18n/index.ts, in both zones and both languages.
import { afterEach, describe, expect, it } from 'vitest';
import { formatClock } from '../format/clock';
import { formatDate, formatDateTime, formatNumber, interpolate, locale, loc, setZoneMode, zoneMode } from './index';

afterEach(() => {
  locale.value = 'en';
  setZoneMode('local');
});

describe('date and time formatting', () => {
  const at = '2026-11-23T23:30:05.123Z';

  it('shows UTC, named, when the UTC switch is on', () => {
    setZoneMode('utc');
    expect(zoneMode.value).toBe('utc');
    expect(formatDateTime(at)).toBe('23/11/2026, 23:30 UTC');
    expect(formatDateTime(at, { seconds: true })).toBe('23/11/2026, 23:30:05 UTC');
    locale.value = 'ru';
    expect(formatDateTime(at)).toBe('23.11.2026, 23:30 UTC');
  });

  it('uses the browser zone otherwise, without the UTC mark', () => {
    setZoneMode('local');
    const s = formatDateTime(at);
    expect(s).not.toContain('UTC');
    const local = new Date(at);
    expect(s).toContain(String(local.getMinutes()).padStart(2, '0'));
  });

  it('remembers the zone choice', () => {
    setZoneMode('utc');
    expect(localStorage.getItem('crc.zone')).toBe('utc');
  });

  it('keeps a bad timestamp visible rather than showing Invalid Date', () => {
    expect(formatDateTime('yesterday')).toBe('yesterday');
  });

  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('1992-05-15')).toBe('15 May 1992');
  });

  it('shows the clock in UTC with the zone named', () => {
    setZoneMode('utc');
    expect(formatClock(new Date(at))).toBe('23:30:05 UTC');
  });
});

describe('numbers and reference text', () => {
  it('groups digits per language', () => {
    expect(formatNumber(12345)).toBe('12,345');
    locale.value = 'ru';
    expect(formatNumber(12345).replace(/\s/g, ' ')).toBe('12 345');
  });

  it('picks the reference text of the current language, English as the fallback', () => {
    expect(loc({ en: 'Armenia', ru: 'Армения' })).toBe('Armenia');
    locale.value = 'ru';
    expect(loc({ en: 'Armenia', ru: 'Армения' })).toBe('Армения');
    expect(loc({ en: 'Armenia', ru: '' })).toBe('Armenia');
    expect(loc(null)).toBe('');
  });

  it('interpolates and keeps unknown placeholders visible', () => {
    expect(interpolate('{a} of {b}', { a: 1 })).toBe('1 of {b}');
  });
});
