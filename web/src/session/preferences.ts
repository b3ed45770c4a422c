// Preferences kept in the browser: the language before anyone logs in (after login the
// user's own `locale` wins) and the display density (a wall display wants larger type).

import { effect, signal } from '@preact/signals';
import type { Locale } from '../api/types';
import { locale } from '../i18n';

const LOCALE_KEY = 'crc.locale';
const DENSITY_KEY = 'crc.density';

function store(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled by policy: preferences just are not remembered
  }
}

export function readStored(key: string): string | null {
  return store()?.getItem(key) ?? null;
}

export function writeStored(key: string, value: string | null): void {
  const s = store();
  if (!s) return;
  if (value === null) s.removeItem(key);
  else s.setItem(key, value);
}

/** The language to show before login: the last one used here, else the browser's. */
export function initialLocale(): Locale {
  const stored = readStored(LOCALE_KEY);
  if (stored === 'en' || stored === 'ru') return stored;
  const nav = globalThis.navigator?.language ?? 'en';
  return nav.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function rememberLocale(l: Locale): void {
  writeStored(LOCALE_KEY, l);
}

/** `standard` for desks and laptops, `wall` for a video wall read from across the room. */
export type Density = 'standard' | 'wall';
export const density = signal<Density>(readStored(DENSITY_KEY) === 'wall' ? 'wall' : 'standard');

export function setDensity(d: Density): void {
  density.value = d;
  writeStored(DENSITY_KEY, d);
}

/** Keeps `<html lang>` and `data-density` in step with the signals. */
export function bindDocumentPreferences(): () => void {
  const a = effect(() => {
    document.documentElement.lang = locale.value;
  });
  const b = effect(() => {
    document.documentElement.dataset.density = density.value;
  });
  return () => {
    a();
    b();
  };
}
