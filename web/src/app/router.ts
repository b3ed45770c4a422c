// Hash routing: the server serves the console only at `/`, so every view lives behind `#/`.
// A location is a path (`register/12`) and a query (`state=KAZ&sort=-personnel`); views keep
// their filters in the query so a link or a reload shows the same thing.

import { signal } from '@preact/signals';

export interface HashLocation {
  /** Path segments, decoded: `#/reference/states` → ['reference', 'states']. */
  segments: string[];
  query: Record<string, string>;
}

export function parseHash(hash: string): HashLocation {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query: Record<string, string> = {};
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(raw.slice(q + 1))) query[k] = v;
  }
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { segments, query };
}

/** `#/register?state=KAZ`; empty query values are left out so links stay short. */
export function formatHash(path: string, query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  const clean = path.replace(/^[#/]+/, '');
  return `#/${clean}${qs ? `?${qs}` : ''}`;
}

/**
 * Matches `register/:id` against segments; returns the named parameters or null. Literal
 * segments match exactly, `:name` matches any one segment.
 */
export function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split('/').filter((p) => p !== '');
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const s = segments[i]!;
    if (p.startsWith(':')) params[p.slice(1)] = s;
    else if (p !== s) return null;
  }
  return params;
}

/** The current hash; every view that reads it re-renders on navigation. */
export const currentHash = signal(typeof location === 'undefined' ? '' : location.hash);

export function startRouter(): () => void {
  const sync = () => {
    currentHash.value = location.hash;
  };
  window.addEventListener('hashchange', sync);
  sync();
  return () => window.removeEventListener('hashchange', sync);
}

/**
 * Goes to a view. `replace` swaps the history entry (for filter edits as one types, so
 * Back leaves the view rather than undoing keystrokes).
 */
export function navigate(
  path: string,
  query: Record<string, string | number | undefined> = {},
  opts: { replace?: boolean } = {},
): void {
  const hash = formatHash(path, query);
  if (hash === location.hash) return;
  if (opts.replace) {
    history.replaceState(history.state, '', hash);
    currentHash.value = hash;
  } else {
    location.hash = hash;
  }
}
