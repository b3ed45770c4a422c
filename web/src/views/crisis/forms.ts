// The forms of the crisis chain: each kind's fields as typed (text, so that "12,5" and ""
// can be judged), the checks that mirror the server's (crates/crc-domain/src/crisis), and
// the spec built from them. Errors are keyed by the server's own field names (`spec.from`),
// so a field the server refuses is marked exactly where the form's own check would mark it.

import type { CrisisKind, GroupSpec, LatLon, OperationSpec, Person, SessionSpec } from '../../api/crisisTypes';

export type Values = Record<string, string | string[]>;
export type ErrorCode =
  | 'required'
  | 'too_long'
  | 'not_number'
  | 'out_of_range'
  | 'bad_coordinates'
  | 'area_too_small'
  | 'ends_before'
  | 'bad_link'
  | 'bad_line'
  | 'below_committed'
  | 'server';
export interface FieldError {
  code: ErrorCode;
  /** A number the message names (`below_committed`: the personnel already accepted). */
  n?: number;
  /** The server's own words, when the server refused the value. */
  server?: string;
}
export type Errors = Record<string, FieldError>;
export type Built = { spec: Record<string, unknown>; errors?: undefined } | { spec?: undefined; errors: Errors };

const MAX_TITLE = 300;
const MAX_COUNT = 1_000_000;

/** The field a server error names, without list positions: `spec.asks[0].details` → `spec.asks`. */
export function formField(serverField: string | undefined): string | undefined {
  return serverField?.replace(/\[\d+\].*$/, '');
}

/**
 * The form field of a server error on an amendment: the server names a malformed spec by
 * `command.spec.<field>` and a spec that breaks a rule by `spec.<field>`; both are the
 * form's `spec.<field>` (`command.spec.agenda[1]` → `spec.agenda`).
 */
export function amendField(serverField: string | undefined): string | undefined {
  return formField(serverField?.replace(/^command\./, ''));
}

/** A `datetime-local` value as an instant: in UTC when the user reads times in UTC, else local. */
export function toInstant(local: string, utc: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return null;
  const d = new Date(utc ? `${local.slice(0, 16)}:00Z` : local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An instant as a `datetime-local` value in the chosen zone. */
export function toLocalInput(d: Date, utc: boolean): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return utc
    ? `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
    : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** `lat, lon` in decimal degrees (a comma or spaces between; a decimal comma is not accepted). */
export function parseLatLon(s: string): LatLon | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(s);
  if (!m) return null;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return null;
  return { lat, lon };
}

/** One vertex a line: `lat, lon`. Blank lines are skipped. */
export function parseArea(text: string): LatLon[] | null {
  const out: LatLon[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const p = parseLatLon(line);
    if (!p) return null;
    out.push(p);
  }
  return out;
}

export const formatArea = (area: readonly LatLon[]) =>
  area.map((p) => `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}`).join('\n');

/** Lines of `a | b | c`, blank lines skipped. */
export function splitLines(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.split('|').map((p) => p.trim()));
}

const str = (v: Values, k: string) => {
  const x = v[k];
  return typeof x === 'string' ? x.trim() : '';
};
const list = (v: Values, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? x : [];
};

class Checker {
  errors: Errors = {};
  title(key: string, s: string, required = true) {
    if (required && !s) this.errors[key] = { code: 'required' };
    else if ([...s].length > MAX_TITLE) this.errors[key] = { code: 'too_long' };
    return s;
  }
  text(key: string, s: string, required = true) {
    if (required && !s) this.errors[key] = { code: 'required' };
    return s;
  }
  count(key: string, s: string): number {
    if (!s) {
      this.errors[key] = { code: 'required' };
      return 0;
    }
    const n = Number(s.replace(/[\s\u00a0]/g, ''));
    if (!Number.isInteger(n)) this.errors[key] = { code: 'not_number' };
    else if (n < 0 || n > MAX_COUNT) this.errors[key] = { code: 'out_of_range' };
    return n;
  }
  instant(key: string, s: string, utc: boolean, required = true): string | null {
    if (!s) {
      if (required) this.errors[key] = { code: 'required' };
      return null;
    }
    const i = toInstant(s, utc);
    if (!i) this.errors[key] = { code: 'required' };
    return i;
  }
  date(key: string, s: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) this.errors[key] = { code: 'required' };
    return s;
  }
  need(key: string, ok: boolean) {
    if (!ok) this.errors[key] = { code: 'required' };
  }
  done(spec: Record<string, unknown>): Built {
    return Object.keys(this.errors).length ? { errors: this.errors } : { spec };
  }
}

function persons(c: Checker, key: string, text: string, min: number) {
  const out = splitLines(text).map(([name = '', post = '']) => ({ name, post }));
  if (out.length < min) c.errors[key] = { code: 'required' };
  else if (out.some((p) => !p.name)) c.errors[key] = { code: 'bad_line' };
  return out;
}

/** Builds the spec of a new record of `kind` from the form's values, or says what is wrong. */
export function buildSpec(kind: CrisisKind, v: Values, opts: { utc: boolean }): Built {
  const c = new Checker();
  switch (kind) {
    case 'request': {
      const asks = (['forces', 'equipment', 'humanitarian'] as const)
        .filter((k) => list(v, 'asks').includes(k))
        .map((k) => ({ kind: k, details: str(v, `ask_${k}`) }));
      c.need('spec.requesting_state', !!str(v, 'requesting_state'));
      c.need('spec.asks', asks.length > 0);
      const attachments = splitLines(str(v, 'attachments')).map(([title = '', reference = '']) => ({ title, reference }));
      if (attachments.some((a) => !a.title)) c.errors['spec.attachments'] = { code: 'bad_line' };
      return c.done({
        requesting_state: str(v, 'requesting_state'),
        from: c.title('spec.from', str(v, 'from')),
        received_at: c.instant('spec.received_at', str(v, 'received_at'), opts.utc),
        asks,
        summary: c.text('spec.summary', str(v, 'summary')),
        attachments,
      });
    }
    case 'session': {
      const format = str(v, 'format') === 'videoconference' ? 'videoconference' : 'in_person';
      const link = str(v, 'link');
      if (format === 'videoconference' && !link) c.errors['spec.link'] = { code: 'required' };
      else if (link && !/^https?:\/\/\S+$/.test(link)) c.errors['spec.link'] = { code: 'bad_link' };
      const agenda = str(v, 'agenda').split('\n').map((s) => s.trim()).filter(Boolean);
      c.need('spec.agenda', agenda.length > 0);
      c.need('spec.participants', list(v, 'participants').length > 0);
      c.need('spec.body', !!str(v, 'body'));
      return c.done({
        body: str(v, 'body'),
        kind: str(v, 'kind') === 'regular' ? 'regular' : 'extraordinary',
        format,
        ...(link ? { link } : {}),
        place: c.title('spec.place', str(v, 'place'), false),
        scheduled_at: c.instant('spec.scheduled_at', str(v, 'scheduled_at'), opts.utc),
        agenda,
        participants: [...list(v, 'participants')],
      });
    }
    case 'decision':
      return c.done({
        title: c.title('spec.title', str(v, 'title')),
        prepared_by: str(v, 'prepared_by') === 'secretariat' ? 'secretariat' : 'joint_staff',
        rule: str(v, 'rule') === 'unanimity' ? 'unanimity' : 'no_objection',
        text: c.text('spec.text', str(v, 'text')),
      });
    case 'operation': {
      const area = parseArea(str(v, 'area'));
      if (!area) c.errors['spec.area'] = { code: 'bad_coordinates' };
      else if (area.length < 3) c.errors['spec.area'] = { code: 'area_too_small' };
      const facilities = splitLines(str(v, 'facilities')).map(([name = '', at = '', fkind = '']) => ({
        name,
        position: parseLatLon(at),
        kind: fkind,
      }));
      if (facilities.some((f) => !f.name || !f.position)) c.errors['spec.facilities'] = { code: 'bad_line' };
      c.need('spec.host_state', !!str(v, 'host_state'));
      const starts = c.date('spec.starts_on', str(v, 'starts_on'));
      const ends = c.date('spec.ends_on', str(v, 'ends_on'));
      if (!c.errors['spec.starts_on'] && !c.errors['spec.ends_on'] && ends < starts) {
        c.errors['spec.ends_on'] = { code: 'ends_before' };
      }
      return c.done({
        name: c.title('spec.name', str(v, 'name')),
        kind: str(v, 'kind') || 'peacekeeping',
        host_state: str(v, 'host_state'),
        area: area ?? [],
        mandate: c.text('spec.mandate', str(v, 'mandate')),
        facilities,
        ceiling: {
          personnel: c.count('spec.ceiling.personnel', str(v, 'ceiling_personnel')),
          equipment: c.count('spec.ceiling.equipment', str(v, 'ceiling_equipment')),
        },
        starts_on: starts,
        ends_on: ends,
      });
    }
    case 'force': {
      const id = Number(str(v, 'contingent_id'));
      c.need('spec.contingent_id', Number.isInteger(id) && id > 0);
      const spec: Record<string, unknown> = {
        contingent_id: id,
        initial: str(v, 'initial') === 'requested' ? 'requested' : 'offered',
      };
      // Left empty, the server takes the contingent's own strength.
      if (str(v, 'personnel')) spec.personnel = c.count('spec.personnel', str(v, 'personnel'));
      if (str(v, 'equipment')) spec.equipment = c.count('spec.equipment', str(v, 'equipment'));
      return c.done(spec);
    }
    case 'task': {
      const who = str(v, 'responsible');
      c.need('spec.responsible', !!who);
      const responsible = who.startsWith('state:') ? { state: who.slice(6) } : { body: who.replace(/^body:/, '') };
      return c.done({
        title: c.title('spec.title', str(v, 'title')),
        details: str(v, 'details'),
        responsible,
        deadline: c.instant('spec.deadline', str(v, 'deadline'), opts.utc),
      });
    }
    case 'logistics': {
      c.need('spec.state', !!str(v, 'state'));
      const cid = str(v, 'contingent_id');
      return c.done({
        state: str(v, 'state'),
        contingent_id: cid ? Number(cid) : null,
        kind: str(v, 'kind') || 'material_technical',
        items: c.text('spec.items', str(v, 'items')),
        needed_by: c.instant('spec.needed_by', str(v, 'needed_by'), opts.utc, false),
      });
    }
    case 'mode':
      return c.done({ mode: str(v, 'mode') || 'enhanced', reason: c.text('spec.reason', str(v, 'reason')) });
    case 'shift': {
      const starts = c.instant('spec.starts_at', str(v, 'starts_at'), opts.utc);
      const ends = c.instant('spec.ends_at', str(v, 'ends_at'), opts.utc);
      if (starts && ends && ends <= starts) c.errors['spec.ends_at'] = { code: 'ends_before' };
      return c.done({ starts_at: starts, ends_at: ends, officers: persons(c, 'spec.officers', str(v, 'officers'), 1) });
    }
    case 'group': {
      const at = parseLatLon(str(v, 'location_at'));
      if (!at) c.errors['spec.location'] = { code: 'bad_coordinates' };
      const [head] = persons(c, 'spec.head', str(v, 'head'), 1);
      return c.done({
        name: c.title('spec.name', str(v, 'name')),
        head: head ?? { name: '', post: '' },
        members: persons(c, 'spec.members', str(v, 'members'), 0),
        location: { name: c.title('spec.location', str(v, 'location_name')), position: at },
      });
    }
  }
}

const person = (p: { name: string; post?: string }) => (p.post ? `${p.name} | ${p.post}` : p.name);
const latLon = (p: LatLon) => `${p.lat}, ${p.lon}`;

/**
 * The form's values for a record's spec, so that its form opens filled in for an amendment;
 * `buildSpec` of these values gives the spec back (times to the minute). Only the kinds that
 * are amended (session, operation, group).
 */
export function specToValues(kind: CrisisKind, spec: object, opts: { utc: boolean }): Values {
  const s = spec as never;
  switch (kind) {
    case 'session': {
      const q = s as SessionSpec;
      return {
        body: q.body,
        kind: q.kind,
        format: q.format,
        link: q.link ?? '',
        place: q.place ?? '',
        scheduled_at: toLocalInput(new Date(q.scheduled_at), opts.utc),
        agenda: q.agenda.join('\n'),
        participants: [...q.participants],
      };
    }
    case 'operation': {
      const q = s as OperationSpec;
      return {
        name: q.name,
        kind: q.kind,
        host_state: q.host_state,
        mandate: q.mandate,
        // Full precision: an amendment leaves the corners it does not move exactly where they were.
        area: q.area.map(latLon).join('\n'),
        facilities: q.facilities.map((f) => [f.name, latLon(f.position), f.kind].filter((x, i) => i < 2 || x).join(' | ')).join('\n'),
        ceiling_personnel: String(q.ceiling.personnel),
        ceiling_equipment: String(q.ceiling.equipment),
        starts_on: q.starts_on,
        ends_on: q.ends_on,
      };
    }
    case 'group': {
      const q = s as GroupSpec;
      return {
        name: q.name,
        head: person(q.head),
        members: q.members.map(person).join('\n'),
        location_name: q.location.name,
        location_at: latLon(q.location.position),
      };
    }
    default:
      return {};
  }
}

/**
 * A group's people as amended, keeping the member state of those who stay (the form does not
 * show it): a person of the same name keeps theirs.
 */
export function keepPersonStates(before: GroupSpec, after: Record<string, unknown>): Record<string, unknown> {
  const states = new Map<string, string>();
  for (const p of [before.head, ...before.members]) if (p.state) states.set(p.name, p.state);
  const withState = (p: Person): Person => {
    const st = states.get(p.name);
    return st && !p.state ? { ...p, state: st } : p;
  };
  const a = after as unknown as GroupSpec;
  return { ...after, head: withState(a.head), members: a.members.map(withState) };
}

/** An operation's ceiling may not go below the personnel already accepted into it. */
export function ceilingError(values: Values, committed: number): Errors {
  const v = values.ceiling_personnel;
  const n = typeof v === 'string' && v.trim() ? Number(v.replace(/[\s\u00a0]/g, '')) : NaN;
  return Number.isInteger(n) && n >= 0 && n < committed ? { 'spec.ceiling.personnel': { code: 'below_committed', n: committed } } : {};
}
