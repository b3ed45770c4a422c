// The contingent form's values (as typed: text, so "40,5" and "" can be judged), the
// checks that mirror the server's (crates/crc-domain/src/contingent.rs), and the way back
// and forth between a record and the form.

import { READINESS, type ContingentIn, type Readiness, type Releasability } from '../../api/types';

export const MAX_NAME = 200;
export const MAX_NOTES = 4000;
export const MAX_COUNT = 1_000_000;

export type RelLabel = Releasability['label'];
export const REL_LABELS: RelLabel[] = ['organization', 'states', 'national'];

export interface FormValues {
  state: string;
  component: string;
  name: string;
  station: string;
  lat: string;
  lon: string;
  personnel: string;
  equipment: string;
  readiness: string;
  notes: string;
  relLabel: RelLabel;
  relStates: string[];
}

/** The form's fields, in the order they appear (errors focus the first wrong one). */
export const FIELDS = [
  'state',
  'component',
  'name',
  'station',
  'lat',
  'lon',
  'personnel',
  'equipment',
  'readiness',
  'releasability',
  'notes',
] as const;
export type FieldKey = (typeof FIELDS)[number];

export type FieldErrorCode =
  | 'required'
  | 'too_long'
  | 'not_number'
  | 'out_of_range'
  | 'not_integer'
  | 'unknown_choice'
  | 'not_permitted'
  | 'states_required'
  | 'control_chars'
  | 'duplicate'
  | 'server';

export interface FieldError {
  code: FieldErrorCode;
  vars?: Record<string, number | string>;
  /** The server's own words, when the server refused the value. */
  server?: string;
}

export type FieldErrors = Partial<Record<FieldKey, FieldError>>;

export function toFormValues(c: ContingentIn): FormValues {
  return {
    state: c.state,
    component: c.component,
    name: c.name,
    station: c.home_station.name,
    lat: String(c.home_station.lat),
    lon: String(c.home_station.lon),
    personnel: String(c.personnel),
    equipment: String(c.equipment),
    readiness: c.readiness,
    notes: c.notes ?? '',
    relLabel: c.releasability?.label ?? 'organization',
    relStates: [...(c.releasability?.states ?? [])].sort(),
  };
}

export function emptyFormValues(state = '', component = ''): FormValues {
  return {
    state,
    component,
    name: '',
    station: '',
    lat: '',
    lon: '',
    personnel: '',
    equipment: '',
    readiness: 'medium',
    notes: '',
    relLabel: 'organization',
    relStates: [],
  };
}

export interface ValidationContext {
  /** Every member state code. */
  states: string[];
  components: string[];
  /** The states this user may save the contingent as (a liaison officer: their own). */
  allowedStates: string[];
}

/** Unicode scalar values, as the server counts (`chars().count()`). */
const length = (s: string) => [...s].length;
// Control characters other than newline and tab are refused by the server.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function text(v: string, max: number, required: boolean): FieldError | undefined {
  const s = v.trim();
  if (required && !s) return { code: 'required' };
  if (length(s) > max) return { code: 'too_long', vars: { max } };
  if (CONTROL.test(s)) return { code: 'control_chars' };
  return undefined;
}

/** A decimal number as people type it: a comma is taken as the decimal point. */
export function parseDecimal(v: string): number | null {
  const s = v.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A count as people type it: spaces as thousands separators are allowed. */
export function parseCount(v: string): number | null {
  const s = v.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(s)) return null;
  return Number(s);
}

function coordinate(v: string, limit: number): FieldError | undefined {
  if (!v.trim()) return { code: 'required' };
  const n = parseDecimal(v);
  if (n === null) return { code: 'not_number' };
  if (n < -limit || n > limit) return { code: 'out_of_range', vars: { min: -limit, max: limit } };
  return undefined;
}

function count(v: string): FieldError | undefined {
  if (!v.trim()) return { code: 'required' };
  const n = parseDecimal(v.replace(/[\s\u00a0\u202f]/g, ''));
  if (n === null) return { code: 'not_number' };
  if (!Number.isInteger(n)) return { code: 'not_integer' };
  if (n < 0 || n > MAX_COUNT) return { code: 'out_of_range', vars: { min: 0, max: MAX_COUNT } };
  return undefined;
}

export interface Validated {
  errors: FieldErrors;
  /** The record to send, when there are no errors. */
  input: ContingentIn | null;
}

export function validate(v: FormValues, ctx: ValidationContext): Validated {
  const errors: FieldErrors = {};
  if (!v.state) errors.state = { code: 'required' };
  else if (!ctx.states.includes(v.state)) errors.state = { code: 'unknown_choice' };
  else if (!ctx.allowedStates.includes(v.state)) errors.state = { code: 'not_permitted' };

  if (!v.component) errors.component = { code: 'required' };
  else if (!ctx.components.includes(v.component)) errors.component = { code: 'unknown_choice' };

  const name = text(v.name, MAX_NAME, true);
  if (name) errors.name = name;
  const station = text(v.station, MAX_NAME, true);
  if (station) errors.station = station;
  const lat = coordinate(v.lat, 90);
  if (lat) errors.lat = lat;
  const lon = coordinate(v.lon, 180);
  if (lon) errors.lon = lon;
  const personnel = count(v.personnel);
  if (personnel) errors.personnel = personnel;
  const equipment = count(v.equipment);
  if (equipment) errors.equipment = equipment;

  if (!v.readiness) errors.readiness = { code: 'required' };
  else if (!(READINESS as string[]).includes(v.readiness)) errors.readiness = { code: 'unknown_choice' };

  if (!REL_LABELS.includes(v.relLabel)) errors.releasability = { code: 'unknown_choice' };
  else if (v.relLabel === 'states') {
    if (v.relStates.length === 0) errors.releasability = { code: 'states_required' };
    else if (v.relStates.some((s) => !ctx.states.includes(s))) errors.releasability = { code: 'unknown_choice' };
  }

  const notes = text(v.notes, MAX_NOTES, false);
  if (notes) errors.notes = notes;

  if (Object.keys(errors).length > 0) return { errors, input: null };
  return {
    errors,
    input: {
      state: v.state,
      component: v.component,
      name: v.name.trim(),
      home_station: { name: v.station.trim(), lat: parseDecimal(v.lat)!, lon: parseDecimal(v.lon)! },
      personnel: parseCount(v.personnel)!,
      equipment: parseCount(v.equipment)!,
      readiness: v.readiness as Readiness,
      notes: v.notes.trim(),
      releasability: {
        label: v.relLabel,
        states: v.relLabel === 'states' ? [...new Set(v.relStates)].sort() : [],
      },
    },
  };
}

/** The form field a server error names (`home_station.lat` → `lat`); null if none fits. */
export function formFieldOf(serverField: string | undefined): FieldKey | null {
  if (!serverField) return null;
  const map: Record<string, FieldKey> = {
    'home_station.name': 'station',
    home_station: 'station',
    'home_station.lat': 'lat',
    'home_station.lon': 'lon',
    lat: 'lat',
    lon: 'lon',
  };
  if (serverField in map) return map[serverField]!;
  const base = serverField.split('.')[0]!;
  return (FIELDS as readonly string[]).includes(base) ? (base as FieldKey) : null;
}

export function firstErrorField(errors: FieldErrors): FieldKey | null {
  return FIELDS.find((f) => errors[f]) ?? null;
}
