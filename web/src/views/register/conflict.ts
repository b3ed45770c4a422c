// The edit conflict, field by field. Three versions meet: the base (the record as it was
// when editing began), mine (the form now) and theirs (the record as it is now on the
// server). For each field: who changed it, whether the two now differ. The default choice
// takes theirs as the base and puts my changes on top, so a field only they changed keeps
// their value and a field I changed keeps mine.

import { FIELDS, parseCount, parseDecimal, type FieldKey, type FormValues } from './formModel';


/** A field's value in a form, normalised so that "40.50" and "40,5" compare equal. */
export function comparable(v: FormValues, f: FieldKey): string {
  switch (f) {
    case 'lat':
    case 'lon': {
      const n = parseDecimal(v[f]);
      return n === null ? v[f].trim() : String(n);
    }
    case 'personnel':
    case 'equipment': {
      const n = parseCount(v[f]);
      return n === null ? v[f].trim() : String(n);
    }
    case 'releasability':
      return v.relLabel === 'states' ? `states:${[...new Set(v.relStates)].sort().join(',')}` : v.relLabel;
    case 'name':
    case 'station':
    case 'notes':
      return v[f].trim();
    default:
      return v[f];
  }
}

export interface FieldDiff {
  field: FieldKey;
  /** I changed it since the base. */
  mine: boolean;
  /** They changed it since the base. */
  theirs: boolean;
  /** Mine and theirs now hold different values. */
  differs: boolean;
  /** Both changed it, to different values. */
  conflict: boolean;
}

export function diffFields(base: FormValues, mine: FormValues, theirs: FormValues): FieldDiff[] {
  return FIELDS.map((field) => {
    const b = comparable(base, field);
    const m = comparable(mine, field);
    const t = comparable(theirs, field);
    const mineChanged = m !== b;
    const theirsChanged = t !== b;
    const differs = m !== t;
    return { field, mine: mineChanged, theirs: theirsChanged, differs, conflict: mineChanged && theirsChanged && differs };
  });
}

/** The fields changed between two versions of the form (unsaved edits, for one). */
export function changedFields(from: FormValues, to: FormValues): FieldKey[] {
  return FIELDS.filter((f) => comparable(from, f) !== comparable(to, f));
}

export type Choice = 'mine' | 'theirs';
export type Choices = Partial<Record<FieldKey, Choice>>;

/** Mine where I changed the field, theirs everywhere else. */
export function defaultChoices(diffs: FieldDiff[]): Choices {
  const c: Choices = {};
  for (const d of diffs) c[d.field] = d.mine ? 'mine' : 'theirs';
  return c;
}

/** Theirs with the chosen fields of mine put on top. */
export function mergeValues(mine: FormValues, theirs: FormValues, choices: Choices): FormValues {
  const out: FormValues = { ...theirs, relStates: [...theirs.relStates] };
  for (const f of FIELDS) {
    if ((choices[f] ?? 'theirs') !== 'mine') continue;
    if (f === 'releasability') {
      out.relLabel = mine.relLabel;
      out.relStates = [...mine.relStates];
    } else {
      out[f] = mine[f];
    }
  }
  return out;
}
