// Small pieces every crisis view shares: status and EXERCISE badges, a link to a record,
// and a hook that loads something and loads it again when asked.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isAbort } from '../../api/calls';
import type { CrisisRecord } from '../../api/crisisTypes';
import { formatHash } from '../../app/router';
import { kindLabel, statusLabel, t } from './crisis.messages';

export function StatusBadge({ status }: { status: string }) {
  return (
    <span class={`badge crisis-status crisis-status-${status}`} data-testid="status" data-status={status}>
      {statusLabel(status)}
    </span>
  );
}

export function ExerciseBadge({ r }: { r: Pick<CrisisRecord, 'exercise' | 'marking'> }) {
  if (!r.marking && !r.exercise) return null;
  return (
    <span class="badge crisis-exercise" title={t('exerciseHint', { name: r.exercise ?? '' })} data-testid="exercise-badge">
      {t('exercise')}
    </span>
  );
}

export const recordHref = (r: Pick<CrisisRecord, 'kind' | 'id'>) => formatHash(`crisis/${r.kind}/${r.id}`);

export function RecordLink({ r }: { r: CrisisRecord }) {
  return (
    <span class="crisis-link">
      <a href={recordHref(r)} data-testid={`record-link-${r.kind}`} data-id={r.id}>
        {r.title || `${kindLabel(r.kind)} ${r.id}`}
      </a>{' '}
      <StatusBadge status={r.status} /> <ExerciseBadge r={r} />
    </span>
  );
}

export interface Async<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads with `load` now and on `reload()`; a later answer replaces an earlier one, never the reverse. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Async<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const current = useRef<AbortController | null>(null);
  useEffect(() => {
    current.current?.abort();
    const ctl = new AbortController();
    current.current = ctl;
    setLoading(true);
    load(ctl.signal).then(
      (d) => {
        if (ctl.signal.aborted) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e) => {
        if (ctl.signal.aborted || isAbort(e)) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
