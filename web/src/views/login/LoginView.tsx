// The login page. Shown whenever there is no session; after login the view of the current
// hash appears, so an expired session resumes where it was.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client';
import { locale } from '../../i18n';
import { changeLocale, login, sessionEnded } from '../../session/session';
import { describeError } from '../../ui/errors';
import { t } from './login.messages';
import './login.css';

export function LoginView() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const userRef = useRef<HTMLInputElement>(null);
  const passRef = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError(t('required'));
      (username.trim() ? passRef : userRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(err instanceof ApiFailure && err.status === 401 ? t('wrong') : describeError(err));
      setPassword('');
      passRef.current?.focus();
      setBusy(false);
    }
  };

  const heading = t('heading');
  const title = t('title');
  useEffect(() => {
    document.title = `${heading} — ${title}`;
  }, [heading, title]);

  const ended = sessionEnded.value;
  const endedText =
    ended === 'expired' ? t('expired') : ended === 'logged_out' ? t('loggedOut') : ended === 'unreachable' ? t('unreachable') : null;
  const ru = locale.value === 'ru';

  return (
    <div class="login-page">
      <main class="login-card">
        <header class="login-head">
          <span class="brand-mark" aria-hidden="true">◆</span>
          <div>
            <h1>{t('title')}</h1>
            <p class="muted">{t('subtitle')}</p>
          </div>
        </header>
        <form class="login-form" onSubmit={submit} data-testid="login-form" noValidate>
          <h2>{t('heading')}</h2>
          {endedText && !error && (
            <p class="login-info" role="status" data-testid="login-info">
              {endedText}
            </p>
          )}
          <div class="field">
            <label for="login-username">{t('username')}</label>
            <input
              id="login-username"
              ref={userRef}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellcheck={false}
              autoFocus
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
              data-testid="login-username"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
            />
          </div>
          <div class="field">
            <label for="login-password">{t('password')}</label>
            <input
              id="login-password"
              ref={passRef}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              data-testid="login-password"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
            />
          </div>
          {error && (
            <p id="login-error" class="field-error" role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <button type="submit" class="button button-primary login-submit" disabled={busy} data-testid="login-submit">
            {busy ? t('submitting') : t('submit')}
          </button>
        </form>
        <footer class="login-foot">
          <p class="muted">{t('notice')}</p>
          <button
            type="button"
            class="link-button"
            lang={ru ? 'en' : 'ru'}
            aria-label={t('languageLabel')}
            data-testid="lang-switch"
            data-locale={locale.value}
            onClick={() => void changeLocale(ru ? 'en' : 'ru')}
          >
            {t('language')}
          </button>
        </footer>
      </main>
    </div>
  );
}
