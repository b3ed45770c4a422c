import { describe, expect, it } from 'vitest';
import type { User } from '../api/types';
import { formatHash, matchPattern, parseHash } from './router';
import { navEntries, resolve, ROUTES } from './routes';

const user = (role: User['role'], state: string | null = null): User => ({
  id: 1,
  username: 'u',
  display_name: 'U',
  role,
  state,
  locale: 'en',
  disabled: false,
  created_at: '',
  updated_at: '',
});

describe('hash router', () => {
  it('parses path and query', () => {
    expect(parseHash('#/register/12')).toEqual({ segments: ['register', '12'], query: {} });
    expect(parseHash('#/register?state=KAZ&q=rifle%20co')).toEqual({
      segments: ['register'],
      query: { state: 'KAZ', q: 'rifle co' },
    });
    expect(parseHash('')).toEqual({ segments: [], query: {} });
    expect(parseHash('#/')).toEqual({ segments: [], query: {} });
  });

  it('formats a hash, leaving empty values out', () => {
    expect(formatHash('register', { state: 'KAZ', q: '', page: 2 })).toBe('#/register?state=KAZ&page=2');
    expect(formatHash('/map')).toBe('#/map');
  });

  it('round-trips through parse', () => {
    const h = formatHash('register', { q: 'Рота & взвод' });
    expect(parseHash(h).query.q).toBe('Рота & взвод');
  });

  it('matches patterns with parameters', () => {
    expect(matchPattern('register/:id', ['register', '7'])).toEqual({ id: '7' });
    expect(matchPattern('register/:id', ['register'])).toBeNull();
    expect(matchPattern('audit', ['audit'])).toEqual({});
  });
});

describe('route table', () => {
  it('resolves every documented address', () => {
    expect(resolve(ROUTES, ['map']).route?.pattern).toBe('map');
    expect(resolve(ROUTES, ['register']).route?.pattern).toBe('register');
    expect(resolve(ROUTES, ['register', 'new']).route?.pattern).toBe('register/new');
    const edit = resolve(ROUTES, ['register', '42']);
    expect(edit.route?.pattern).toBe('register/:id');
    expect(edit.params).toEqual({ id: '42' });
    expect(resolve(ROUTES, ['reference', 'bodies']).params).toEqual({ kind: 'bodies' });
    expect(resolve(ROUTES, ['crisis', 'decision', '7', 'control']).route?.pattern).toBe('crisis/decision/:id/control');
    expect(resolve(ROUTES, ['crisis', 'session', '3', 'amend']).params).toEqual({ kind: 'session', id: '3' });
    expect(resolve(ROUTES, ['crisis', 'decision', '7']).route?.pattern).toBe('crisis/:kind/:id');
    expect(resolve(ROUTES, ['plans', '12']).params).toEqual({ id: '12' });
    expect(resolve(ROUTES, ['plans', '12']).route?.section).toBe('crisis');
    expect(resolve(ROUTES, ['reference']).route?.redirect).toBe('reference/states');
    expect(resolve(ROUTES, []).route?.redirect).toBe('map');
    expect(resolve(ROUTES, ['audit']).route?.pattern).toBe('audit');
    expect(resolve(ROUTES, ['nowhere']).route).toBeNull();
  });

  it('offers the audit only to administrators', () => {
    const ids = (u: User) => navEntries(ROUTES, u).map((e) => e.testId);
    expect(ids(user('administrator'))).toEqual(['nav-map', 'nav-register', 'nav-crisis', 'nav-training', 'nav-reference', 'nav-audit']);
    for (const r of ['duty_officer', 'planner', 'observer'] as const) {
      expect(ids(user(r))).toEqual(['nav-map', 'nav-register', 'nav-crisis', 'nav-training', 'nav-reference']);
    }
    expect(ids(user('liaison_officer', 'KAZ'))).not.toContain('nav-audit');
    expect(resolve(ROUTES, ['audit']).route?.allowed?.(user('planner'))).toBe(false);
  });

  it('offers the crisis board to every role and resolves its record pages', () => {
    for (const r of ['administrator', 'duty_officer', 'planner', 'observer'] as const) {
      expect(navEntries(ROUTES, user(r)).map((e) => e.testId)).toContain('nav-crisis');
    }
    expect(navEntries(ROUTES, user('liaison_officer', 'KAZ')).map((e) => e.testId)).toContain('nav-crisis');
    expect(resolve(ROUTES, ['crisis', 'request', '5']).params).toEqual({ kind: 'request', id: '5' });
    expect(resolve(ROUTES, ['crisis', 'new', 'session']).route?.pattern).toBe('crisis/new/:kind');
    expect(resolve(ROUTES, ['crisis', 'journal', '5']).route?.pattern).toBe('crisis/journal/:id');
  });

  it('links parameterised sections to their base path', () => {
    const ref = navEntries(ROUTES, user('observer')).find((e) => e.testId === 'nav-reference');
    expect(ref?.href).toBe('#/reference');
  });
});
