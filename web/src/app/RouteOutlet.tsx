// Shows the view of the current hash: redirects, role checks, not-found, the lazy load of
// the view's module, the document title, and focus moved to the content on navigation so
// keyboard and screen-reader users land at the new page, not in the old header position.

import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from '../api/types';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { ErrorPanel, Loading } from '../ui/StatusPanels';
import { currentHash, navigate, parseHash } from './router';
import { HOME, resolve, ROUTES, type RouteDef, type RouteProps } from './routes';
import { t } from './shell.messages';

type Loader = NonNullable<RouteDef['load']>;
const loaded = new Map<Loader, ComponentType<RouteProps>>();

function useViewModule(load: Loader | undefined) {
  const [, setTick] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const Component = load ? loaded.get(load) : undefined;
  useEffect(() => {
    setError(null);
    if (!load || loaded.has(load)) return;
    let live = true;
    load().then(
      (m) => {
        loaded.set(load, m.default);
        if (live) setTick((n) => n + 1);
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return { Component, error };
}

export function currentSection(): string | null {
  return resolve(ROUTES, parseHash(currentHash.value).segments).route?.section ?? null;
}

export function RouteOutlet({ user, mainRef }: { user: User; mainRef: { current: HTMLElement | null } }) {
  const { segments, query } = parseHash(currentHash.value);
  const { route, params } = resolve(ROUTES, segments);
  const allowed = !route || !route.allowed || route.allowed(user);
  const { Component, error } = useViewModule(allowed ? route?.load : undefined);
  const path = segments.join('/');

  useEffect(() => {
    if (route?.redirect !== undefined) navigate(route.redirect, query, { replace: true });
  }, [route, path]);

  const title = !route ? t('titleNotFound') : !allowed ? t('titleForbidden') : route.title(params);
  useEffect(() => {
    document.title = `${title} — ${t('appShort')}`;
  }, [title]);

  // Focus follows navigation between pages (not filter edits, which change only the query).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [path]);

  if (route?.redirect !== undefined) return null;
  if (!route) return <Missing text={t('notFound')} testId="not-found" />;
  if (!allowed) return <Missing text={t('forbidden')} testId="forbidden" />;
  if (error) return <ErrorPanel text={t('viewLoadFailed')} onRetry={() => location.reload()} />;
  if (!Component) return <Loading label={t('loadingView')} />;
  return (
    <ErrorBoundary resetKey={path}>
      <Component params={params} query={query} />
    </ErrorBoundary>
  );
}

function Missing({ text, testId }: { text: string; testId: string }) {
  return (
    <div class="status-panel" data-testid={testId}>
      <p>{text}</p>
      <a class="button" href={`#/${HOME}`}>
        {t('goHome')}
      </a>
    </div>
  );
}
