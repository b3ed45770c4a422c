// The live change stream (GET /api/v1/events, server-sent events). The browser's EventSource
// reconnects by itself and sends Last-Event-ID, and the server replays every change after it
// from the audit log, so a dropped connection loses nothing. When the server ends the stream
// (session over, shutdown) or the browser gives up, this reconnects with `?after=` the last id
// seen, backing off up to 30 s.

import type { PlanProgressEvent } from '../api/planTypes';
import type { Change } from '../api/types';

export interface LiveHandlers {
  /** A fresh stream that does not resume: load the data now (changes after it will follow). */
  onReset(): void;
  onChange(c: Change): void;
  /** A plan's search reports progress (not a change: nothing is stored, nothing replays). */
  onPlanProgress?(p: PlanProgressEvent): void;
  /** Connected or not, for the status light. */
  onStatus?(connected: boolean): void;
}

export interface Live {
  close(): void;
  /** The id of the last event seen. */
  lastId(): number | null;
}

export function connectLive(h: LiveHandlers, url = '/api/v1/events'): Live {
  let last: number | null = null;
  let es: EventSource | null = null;
  let closed = false;
  let backoff = 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    if (closed) return;
    es = new EventSource(last === null ? url : `${url}?after=${last}`);
    es.addEventListener('open', () => {
      backoff = 1000;
      h.onStatus?.(true);
    });
    es.addEventListener('hello', (e) => {
      const hello = JSON.parse((e as MessageEvent).data) as { seq: number; resumed: boolean };
      last = hello.seq;
      if (!hello.resumed) h.onReset();
    });
    es.addEventListener('change', (e) => {
      const c = JSON.parse((e as MessageEvent).data) as Change;
      if (last !== null && c.seq <= last) return;
      last = c.seq;
      h.onChange(c);
    });
    es.addEventListener('plan-progress', (e) => {
      try {
        h.onPlanProgress?.(JSON.parse((e as MessageEvent).data) as PlanProgressEvent);
      } catch {
        // A malformed report is only a missed tick of a progress bar.
      }
    });
    es.addEventListener('end', () => retry());
    es.addEventListener('error', () => {
      h.onStatus?.(false);
      // CONNECTING: the browser retries by itself with Last-Event-ID. CLOSED: it gave up.
      if (es?.readyState === EventSource.CLOSED) retry();
    });
  };

  const retry = () => {
    es?.close();
    es = null;
    h.onStatus?.(false);
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(open, backoff);
    backoff = Math.min(backoff * 2, 30_000);
  };

  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      es?.close();
    },
    lastId: () => last,
  };
}
