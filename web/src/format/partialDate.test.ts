import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../i18n';
import { formatPartialDate, formatPeriod } from './partialDate';

afterEach(() => {
  locale.value = 'en';
});

describe('partial dates', () => {
  it('shows a year as a year', () => {
    expect(formatPartialDate('2015')).toBe('2015');
  });
  it('shows a month in words, in the current language', () => {
    locale.value = 'en';
    expect(formatPartialDate('2023-11')).toBe('November 2023');
    locale.value = 'ru';
    expect(formatPartialDate('2023-11').toLowerCase()).toContain('2023');
    expect(formatPartialDate('2023-11').toLowerCase()).toContain('ноябр');
  });
  it('shows a full date as a date', () => {
    locale.value = 'en';
    expect(formatPartialDate('1992-05-15')).toBe('15 May 1992');
  });
  it('leaves unknown shapes alone', () => {
    expect(formatPartialDate('spring 2024')).toBe('spring 2024');
    expect(formatPartialDate(null)).toBe('');
  });
  it('formats terms of office', () => {
    const w = { since: 'since', until: 'until' };
    expect(formatPeriod('2015', '2023-11', w)).toBe('2015 – November 2023');
    expect(formatPeriod('2015', null, w)).toBe('since 2015');
    expect(formatPeriod(null, null, w)).toBe('');
  });
});
