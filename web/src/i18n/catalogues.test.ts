// Every catalogue (`*.messages.ts`, one per view) has the same keys in English and Russian,
// no empty text, the same {placeholders} on both sides, and Cyrillic on the Russian side.
import { describe, expect, it } from 'vitest';

type Catalogue = { en: Record<string, string>; ru: Record<string, string> };
const modules = import.meta.glob<{ messages: Catalogue }>('../**/*.messages.ts', { eager: true });

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Words that are the same in both languages (codes, abbreviations, names of languages).
const SAME_IN_BOTH = new Set(['UTC', '—', 'English', 'Русский', 'ID', 'Language: English']);

describe('message catalogues', () => {
  const entries = Object.entries(modules);

  it('are found (one per view)', () => {
    expect(entries.length).toBeGreaterThanOrEqual(8);
  });

  for (const [path, mod] of entries) {
    describe(path, () => {
      const { en, ru } = mod.messages;

      it('has every key in both languages', () => {
        expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
      });

      it('has no empty text', () => {
        for (const [k, v] of [...Object.entries(en), ...Object.entries(ru)]) {
          expect(v.trim(), k).not.toBe('');
        }
      });

      it('has the same placeholders on both sides', () => {
        for (const k of Object.keys(en)) {
          expect(placeholders(ru[k] ?? ''), k).toEqual(placeholders(en[k]!));
        }
      });

      it('is translated (Russian text carries Cyrillic)', () => {
        for (const [k, v] of Object.entries(ru)) {
          const letters = v.replace(/\{\w+\}/g, '');
          if (!/[A-Za-z]{2,}/.test(letters) || SAME_IN_BOTH.has(v)) continue;
          expect(/[А-Яа-яЁё]/.test(letters) || SAME_IN_BOTH.has(v), `${k}: ${v}`).toBe(true);
        }
      });
    });
  }
});
