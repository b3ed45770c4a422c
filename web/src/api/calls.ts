// The console's calls to the API, typed, on top of client.ts. Every call made with the
// session passes through `guard`, so a 401 anywhere (session expired, revoked, user
// disabled) ends the session in one place and the shell returns to the login page.

import { ApiFailure, get, getAll, request } from './client';
import {
  KIND_PATH,
  type Board,
  type Composition,
  type ControlReport,
  type CrisisCommand,
  type CrisisIn,
  type CrisisKind,
  type CrisisPage,
  type CrisisRecord,
  type JournalEntry,
} from './crisisTypes';
import type { Change, Plan, PlanDiff, PlanRecord, PlanStart, PlanStatus, Scenario } from './planTypes';
import type { ReferenceKind, ReferenceKinds } from './referenceTypes';
import type {
  AuditEntry,
  AuditVerify,
  Contingent,
  ContingentIn,
  Locale,
  Me,
  Page,
  User,
} from './types';

let onUnauthenticated: () => void = () => {};

/** The session module registers what a 401 means: the session is over. */
export function setUnauthenticatedHandler(f: () => void): void {
  onUnauthenticated = f;
}

async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) onUnauthenticated();
    throw e;
  }
}

/** A contingent with the version its ETag carries (the body's version is the same). */
export interface Versioned<T> {
  data: T;
  version: number;
}

const versioned = <T extends { version: number }>(r: { data: T; version: number | null }) => ({
  data: r.data,
  version: r.version ?? r.data.version,
});

export const api = {
  /** Not guarded: a 401 here means wrong credentials, not an expired session. */
  login: (username: string, password: string) =>
    request<Me>('/auth/login', { method: 'POST', body: { username, password } }).then((r) => r.data),
  /** Not guarded: the caller decides what a missing session means at start-up. */
  me: () => get<Me>('/auth/me'),
  /** The same, guarded: while working, a 401 here ends the session. */
  checkSession: () => guard(get<Me>('/auth/me')),
  logout: () => request<void>('/auth/logout', { method: 'POST' }),
  setLocale: (locale: Locale) =>
    guard(request<User>('/auth/me/preferences', { method: 'PUT', body: { locale } })).then((r) => r.data),

  allContingents: (signal?: AbortSignal) => guard(getAll<Contingent>('/contingents?sort=id', signal)),
  contingent: (id: number, signal?: AbortSignal): Promise<Versioned<Contingent>> =>
    guard(request<Contingent>(`/contingents/${id}`, { signal })).then(versioned),
  createContingent: (input: ContingentIn): Promise<Versioned<Contingent>> =>
    guard(request<Contingent>('/contingents', { method: 'POST', body: input })).then(versioned),
  updateContingent: (id: number, version: number, input: ContingentIn): Promise<Versioned<Contingent>> =>
    guard(request<Contingent>(`/contingents/${id}`, { method: 'PUT', body: input, ifMatch: version })).then(
      versioned,
    ),
  deleteContingent: (id: number, version: number) =>
    guard(request<void>(`/contingents/${id}`, { method: 'DELETE', ifMatch: version })),

  reference: <K extends ReferenceKind>(kind: K, signal?: AbortSignal) =>
    guard(get<ReferenceKinds[K][]>(`/reference/${kind}`, signal)),

  audit: (limit: number, offset: number, signal?: AbortSignal) =>
    guard(get<Page<AuditEntry>>(`/audit?limit=${limit}&offset=${offset}`, signal)),
  verifyAudit: (signal?: AbortSignal) => guard(get<AuditVerify>('/audit/verify', signal)),

  crisisBoard: (exercise: string, signal?: AbortSignal) =>
    guard(get<Board>(`/crisis/board?exercise=${encodeURIComponent(exercise)}`, signal)),
  crisisList: (kind: CrisisKind, query: Record<string, string | number>, signal?: AbortSignal) =>
    guard(get<CrisisPage>(`/crisis/${KIND_PATH[kind]}?${new URLSearchParams(stringify(query))}`, signal)),
  crisisRecord: (kind: CrisisKind, id: number, signal?: AbortSignal) =>
    guard(get<CrisisRecord>(`/crisis/${KIND_PATH[kind]}/${id}`, signal)),
  createCrisis: (kind: CrisisKind, input: CrisisIn) =>
    guard(request<CrisisRecord>(`/crisis/${KIND_PATH[kind]}`, { method: 'POST', body: input })).then((r) => r.data),
  crisisCommand: (kind: CrisisKind, id: number, version: number, command: CrisisCommand) =>
    guard(
      request<CrisisRecord>(`/crisis/${KIND_PATH[kind]}/${id}/commands`, {
        method: 'POST',
        body: command,
        ifMatch: version,
      }),
    ).then((r) => r.data),
  crisisJournal: (query: Record<string, string | number>, signal?: AbortSignal) =>
    guard(get<JournalEntry[]>(`/crisis/journal?${new URLSearchParams(stringify(query))}`, signal)),
  composition: (operation: number, signal?: AbortSignal) =>
    guard(get<Composition>(`/crisis/operations/${operation}/composition`, signal)),
  control: (decision: number, signal?: AbortSignal) =>
    guard(get<ControlReport>(`/crisis/decisions/${decision}/control`, signal)),

  /** Starts planning the deployment of an operation's force; answers the queued record. */
  startPlan: (operation: number, body: PlanStart) =>
    guard(request<PlanRecord>(`/crisis/operations/${operation}/plans`, { method: 'POST', body })).then((r) => r.data),
  plans: (query: { operation_id?: number; status?: PlanStatus }, signal?: AbortSignal) =>
    guard(get<{ items: PlanRecord[] }>(`/plans?${new URLSearchParams(stringify(query))}`, signal)).then((r) => r.items),
  planRecord: (id: number, signal?: AbortSignal) => guard(get<PlanRecord>(`/plans/${id}`, signal)),
  plan: (id: number, signal?: AbortSignal) => guard(get<Plan>(`/plans/${id}/plan`, signal)),
  planScenario: (id: number, signal?: AbortSignal) => guard(get<Scenario>(`/plans/${id}/scenario`, signal)),
  planDiff: (id: number, signal?: AbortSignal) => guard(get<PlanDiff>(`/plans/${id}/diff`, signal)),
  /** Re-plans with the changes; answers the new plan, whose parent is this one. */
  whatIf: (id: number, changes: Change[]) =>
    guard(request<PlanRecord>(`/plans/${id}/what-if`, { method: 'POST', body: { changes } })).then((r) => r.data),
  stopPlan: (id: number) => guard(request<unknown>(`/plans/${id}/stop`, { method: 'POST' })),
};

/** The address of a crisis's journal, as JSON or as the printable document (links, not calls). */
export const journalUrl = (request: number, print: boolean) =>
  `/api/v1/crisis/requests/${request}/journal${print ? '/print' : ''}`;

function stringify(q: Record<string, string | number | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
