// The one way the console talks to the API: same origin, JSON, the session cookie, and the
// CSRF token on every unsafe request. Errors become `ApiFailure` with the API's stable code.

import type { ErrorBody } from './types';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
  get code(): string {
    return this.body.code;
  }
  /** The field the API named as wrong, if it named one. */
  get field(): string | undefined {
    const f = this.body.details?.field;
    return typeof f === 'string' ? f : undefined;
  }
}

let csrf: string | null = null;

/** Set after login or `GET /auth/me`; cleared on logout. */
export function setCsrf(token: string | null): void {
  csrf = token;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Send `body` (a string) as is with this content type instead of as JSON (a CSV file). */
  contentType?: string;
  /** Optimistic concurrency: the version the change is based on. */
  ifMatch?: number | '*';
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  /** The record version from `ETag`, where the API sends one. */
  version: number | null;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  if (opts.ifMatch !== undefined) headers['if-match'] = opts.ifMatch === '*' ? '*' : `"${opts.ifMatch}"`;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : opts.contentType ? String(opts.body) : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiFailure(0, { code: 'network', message: 'the server cannot be reached' });
  }
  const etag = res.headers.get('etag');
  const version = etag ? Number(etag.replace(/"/g, '')) : null;
  if (res.status === 204) return { data: undefined as T, version };
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const body =
      json && typeof json === 'object' && 'code' in json
        ? (json as ErrorBody)
        : { code: `http_${res.status}`, message: text || res.statusText };
    throw new ApiFailure(res.status, body);
  }
  return { data: json as T, version: Number.isFinite(version) ? version : null };
}

export const get = <T>(path: string, signal?: AbortSignal) =>
  request<T>(path, { signal }).then((r) => r.data);

/** Every item of a paged list (pages of 500, the API's maximum). */
export async function getAll<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const sep = path.includes('?') ? '&' : '?';
  const items: T[] = [];
  for (;;) {
    const page = await get<{ items: T[]; total: number }>(
      `${path}${sep}limit=500&offset=${items.length}`,
      signal,
    );
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}
