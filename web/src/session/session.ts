// The session: who is logged in, and the transitions login → work → logout or expiry.
// The cookie is HttpOnly, so the console cannot see whether one exists; a hint in
// localStorage says whether asking `GET /auth/me` at start-up is worth it. Without it the
// login page shows at once and no request is refused (a refused request is a console error).

import { batch, signal } from '@preact/signals';
import { api, setUnauthenticatedHandler } from '../api/calls';
import { setCsrf } from '../api/client';
import type { Locale, Me, User } from '../api/types';
import { locale } from '../i18n';
import { readStored, rememberLocale, writeStored } from './preferences';

const HINT_KEY = 'crc.session';

export type SessionState = 'checking' | 'anonymous' | 'authenticated';
export const sessionState = signal<SessionState>('checking');
export const currentUser = signal<User | null>(null);
/** Why the last session ended, for the login page to say. */
export const sessionEnded = signal<'expired' | 'logged_out' | 'unreachable' | null>(null);

function begin(me: Me): void {
  setCsrf(me.csrf_token);
  writeStored(HINT_KEY, '1');
  rememberLocale(me.user.locale);
  batch(() => {
    locale.value = me.user.locale;
    currentUser.value = me.user;
    sessionEnded.value = null;
    sessionState.value = 'authenticated';
  });
}

function end(reason: 'expired' | 'logged_out'): void {
  setCsrf(null);
  writeStored(HINT_KEY, null);
  batch(() => {
    currentUser.value = null;
    sessionEnded.value = reason;
    sessionState.value = 'anonymous';
  });
}

/** At start-up: resume the session the cookie may still carry. */
export async function restoreSession(): Promise<void> {
  setUnauthenticatedHandler(() => {
    if (sessionState.value === 'authenticated') end('expired');
  });
  if (readStored(HINT_KEY) !== '1') {
    sessionState.value = 'anonymous';
    return;
  }
  try {
    begin(await api.me());
  } catch (e) {
    writeStored(HINT_KEY, null);
    const status = (e as { status?: number }).status;
    batch(() => {
      sessionEnded.value = status === 401 ? 'expired' : 'unreachable';
      sessionState.value = 'anonymous';
    });
  }
}

/** Throws the API failure (401 wrong credentials, 429 throttled, network) for the form to show. */
export async function login(username: string, password: string): Promise<void> {
  begin(await api.login(username, password));
}

export async function logout(): Promise<void> {
  try {
    await api.logout();
  } catch {
    // Already gone on the server, or unreachable: locally the session ends either way.
  }
  end('logged_out');
}

/** Switches the language and remembers it for the user on the server. */
export async function changeLocale(l: Locale): Promise<void> {
  locale.value = l;
  rememberLocale(l);
  if (sessionState.value !== 'authenticated') return;
  const user = await api.setLocale(l);
  if (sessionState.value === 'authenticated') currentUser.value = user;
}

/** Re-reads the current user after the live stream says it changed (role, state, disabled). */
export async function refreshCurrentUser(): Promise<void> {
  if (sessionState.value !== 'authenticated') return;
  try {
    const me = await api.me();
    setCsrf(me.csrf_token);
    currentUser.value = me.user;
  } catch (e) {
    if ((e as { status?: number }).status === 401) end('expired');
  }
}
