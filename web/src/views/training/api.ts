// The joint training API as the console uses it (docs/training.md, docs/training-conduct.md).

import { request } from '../../api/client';
import type { CatalogueExercise } from './yearGantt';

export interface ExerciseRow {
  id: number;
  key: string;
  spec: CatalogueExercise;
}

export interface Stated {
  qualifier: string;
  value: number;
}
export interface Figure {
  stated: Stated | null;
  sum: { known: number; with_figure: number; without_figure: number; inexact: boolean };
}
export interface Tally {
  exercises: number;
  held: number;
  personnel: Figure;
  equipment: Figure;
  media_stories: Figure;
}
export interface Statistics {
  years: { year: number; tally: Tally }[];
  series: { series: string; tally: Tally }[];
  hosts: { state: string; tally: Tally }[];
  since_founding: { as_of: string; held_in_catalogue: number; stated: Stated | null };
}

export interface Run {
  id: number;
  design_id: number;
  msel_id: number;
  name: string;
  marking: string;
  status: 'not_started' | 'running' | 'paused' | 'ended';
  speed: number;
  scenario_now: string | null;
  real_now: string;
  injects: number;
  released: number;
  control: boolean;
  participants: string[];
  observers: string[];
  version: number;
}

export interface BoardRow {
  inject: number;
  offset: string;
  subject: string;
  sender: string;
  recipients: string[];
  expected_actions: string;
  status: { status: string };
  due: boolean;
  overdue: boolean;
}

export interface InboxItem {
  id: number;
  inject: number;
  recipient: string;
  sender: string;
  channel: string;
  subject: string;
  message: string;
  delivered_at: string;
  scenario_at: string;
  acknowledged_at?: string;
}

export interface ResponseItem {
  from: string;
  inject?: number;
  text: string;
  real_at: string;
  scenario_at: string;
}

export interface ObservationItem {
  observer: string;
  objective: string;
  rating: string;
  text: string;
  inject?: number;
  real_at: string;
}

export interface Design {
  id: number;
  spec: { name: string; objectives: { id: string; text: string }[]; audience: { id: string; name: string }[] };
}

const get = async <T,>(path: string, signal?: AbortSignal) => (await request<T>(path, { signal })).data;
const post = async <T,>(path: string, body: unknown) => (await request<T>(path, { method: 'POST', body })).data;

export const trainingApi = {
  exercises: (year: number, signal?: AbortSignal) =>
    get<{ items: ExerciseRow[] }>(`/training/exercises?year=${year}`, signal).then((r) => r.items),
  statistics: (signal?: AbortSignal) =>
    get<{ statistics: Statistics }>('/training/statistics', signal).then((r) => r.statistics),
  runs: (signal?: AbortSignal) => get<{ items: Run[] }>('/training/runs', signal).then((r) => r.items),
  run: (id: number, signal?: AbortSignal) => get<Run>(`/training/runs/${id}`, signal),
  design: (id: number, signal?: AbortSignal) => get<Design>(`/training/designs/${id}`, signal),
  board: (id: number, signal?: AbortSignal) =>
    get<{ items: BoardRow[] }>(`/training/runs/${id}/board`, signal).then((r) => r.items),
  inbox: (id: number, signal?: AbortSignal) =>
    get<{ items: InboxItem[] }>(`/training/runs/${id}/inbox`, signal).then((r) => r.items),
  responses: (id: number, signal?: AbortSignal) =>
    get<{ items: ResponseItem[] }>(`/training/runs/${id}/responses`, signal).then((r) => r.items),
  observations: (id: number, signal?: AbortSignal) =>
    get<{ items: ObservationItem[] }>(`/training/runs/${id}/observations`, signal).then((r) => r.items),
  clock: (id: number, command: Record<string, unknown>) => post<Run>(`/training/runs/${id}/clock`, command),
  control: (id: number, command: Record<string, unknown>) => post<Run>(`/training/runs/${id}/control`, command),
  acknowledge: (id: number, item: number) => post<Run>(`/training/runs/${id}/inbox/${item}/acknowledge`, {}),
  respond: (id: number, body: { from: string; inject?: number; text: string }) =>
    post<Run>(`/training/runs/${id}/responses`, body),
  observe: (id: number, body: Record<string, unknown>) => post<Run>(`/training/runs/${id}/observations`, body),
};

export interface PlanAnswer {
  state: string;
  revision: number;
  answer: 'agrees' | 'comments';
  by: string;
  at: string;
  text: string;
}

export interface PlanApproval {
  body: string;
  number: number;
  date: string;
  joint?: boolean;
}

export interface PlanVersion {
  number: number;
  revision: number;
  status: string;
  coordinating: string[];
  answers: PlanAnswer[];
  approvals: PlanApproval[];
  reason: string | null;
}

export interface YearPlan {
  id: number;
  year: number;
  title: string;
  status: string;
  plan_version: number;
  in_force: number | null;
  version: number;
  state: { versions: PlanVersion[] };
}

export interface Finding {
  rule: string;
  severity: string;
  certainty: string;
  message: string;
}

export const planApi = {
  plans: (year: number, signal?: AbortSignal) =>
    get<{ items: YearPlan[] }>(`/training/plans?year=${year}`, signal).then((r) => r.items),
  conflicts: (id: number, signal?: AbortSignal) =>
    get<{ findings: Finding[] }>(`/training/plans/${id}/conflicts`, signal).then((r) => r.findings),
  draft: (year: number, title: { en: string; ru: string }) => post<YearPlan>('/training/plans', { year, title }),
  command: (id: number, command: Record<string, unknown>) => post<YearPlan>(`/training/plans/${id}/commands`, command),
};

export interface Inject {
  number: number;
  offset: string;
  storyline?: string;
  sender: string;
  recipients: string[];
  channel: string;
  subject: string;
  message: string;
  expected_actions: string;
  objectives: string[];
}

export interface Msel {
  id: number;
  design_id: number;
  status: 'draft' | 'submitted' | 'approved';
  spec: { injects: Inject[] };
  state: { version: number; approval?: { by: string; at: string } };
  version: number;
}

export interface DesignFull {
  id: number;
  version: number;
  spec: {
    name: string;
    marking: string;
    director: string;
    scenario: { summary: string; simulated_state?: string; names: { kind: string; real: { en: string; ru: string }; invented: { en: string; ru: string } }[] };
    objectives: { id: string; text: string; criteria: string[] }[];
    audience: { id: string; name: string; role: string; state?: string; users?: string[] }[];
    actors: { id: string; name: string; kind: string }[];
    storylines: { id: string; title: string; summary: string }[];
    observers: { id: string; name: string; objectives: string[]; users?: string[] }[];
  };
}

export interface CsvProblem {
  line: number;
  column: string;
  message: string;
}

export const designApi = {
  designs: (signal?: AbortSignal) => get<{ items: DesignFull[] }>('/training/designs', signal).then((r) => r.items),
  design: (id: number, signal?: AbortSignal) => get<DesignFull>(`/training/designs/${id}`, signal),
  msels: (id: number, signal?: AbortSignal) => get<{ items: Msel[] }>(`/training/designs/${id}/msels`, signal).then((r) => r.items),
  importCsv: async (id: number, csv: string) =>
    (await request<Msel>(`/training/designs/${id}/msels/import`, { method: 'POST', body: csv, contentType: 'text/csv' })).data,
  command: (id: number, command: Record<string, unknown>) => post<Msel>(`/training/msels/${id}/commands`, command),
  newRun: (design: number, msel: number) => post<Run>('/training/runs', { design, msel }),
};

export interface Action {
  id: number;
  status: 'open' | 'in_progress' | 'done' | 'verified' | 'cancelled';
  overdue: boolean;
  spec: { title: string; owner: string; owner_state?: string; due: string; exercise: string; objective?: string };
  state: { done?: { by: string } };
  version: number;
}

export interface LessonRow {
  id: number;
  lesson: {
    title: string;
    observation: string;
    recommendation: string;
    tags: string[];
    exercise?: string;
    applies_to?: { year: number; exercise?: string };
  };
}

export const followUpApi = {
  actions: (signal?: AbortSignal) => get<{ items: Action[] }>('/training/actions', signal).then((r) => r.items),
  command: (id: number, command: Record<string, unknown>) => post<Action>(`/training/actions/${id}/commands`, command),
  lessons: (q: string, signal?: AbortSignal) =>
    get<{ items: LessonRow[] }>(`/training/lessons${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`, signal).then((r) => r.items),
};
