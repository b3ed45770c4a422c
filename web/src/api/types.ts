// Wire types of the crc API (/api/v1). Kept by hand in step with crates/crc-server/src/wire.rs;
// the end-to-end tests exercise them against the real server.

export type Locale = 'en' | 'ru';
/** Text in both languages, as the reference data carries it. */
export type Localized = { en: string; ru: string };

export type Role = 'administrator' | 'duty_officer' | 'planner' | 'liaison_officer' | 'observer';
export type Readiness = 'rapid' | 'high' | 'medium' | 'low' | 'not_ready';
export const READINESS: Readiness[] = ['rapid', 'high', 'medium', 'low', 'not_ready'];

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  /** ISO alpha-3 of the user's member state; null for organization staff. */
  state: string | null;
  locale: Locale;
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface Me {
  user: User;
  /** Echo in X-CSRF-Token on every unsafe request made with the session cookie. */
  csrf_token: string | null;
}

export interface Releasability {
  label: 'organization' | 'states' | 'national';
  states: string[];
}

export interface Station {
  name: string;
  lat: number;
  lon: number;
}

export interface ContingentIn {
  state: string;
  component: string;
  name: string;
  home_station: Station;
  personnel: number;
  equipment: number;
  readiness: Readiness;
  notes: string;
  releasability: Releasability;
}

export interface Contingent extends ContingentIn {
  id: number;
  demo: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ForceTotal {
  state: string;
  component: string;
  contingents: number;
  personnel: number;
  equipment: number;
}

export interface StateRef {
  code: string;
  iso2: string;
  /** ISO 3166 numeric, as world-atlas ids its countries. */
  numeric: string;
  name: Localized;
  short_name: Localized;
  capital: { name: Localized; lat: number; lon: number };
  member_since: string;
}

export interface RegionRef {
  key: string;
  name: Localized;
  states: string[];
}

export interface ComponentRef {
  key: string;
  name: Localized;
  abbreviation: Localized | null;
  established: string | null;
  regions: string[];
  /** CSS colour of the component on the map and in charts. */
  colour: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

export interface AuditVerify {
  intact: boolean;
  entries: number;
  problems: string[];
}

/** A change told by the event stream (event `change`). */
export interface Change {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: 'contingent' | 'reference' | 'user' | string;
  id: string;
  version: number | null;
}

/** The API's error body. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown> | null;
}
