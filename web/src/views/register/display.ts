// How a contingent's values read in tables and dialogs, in the current language.

import type { Releasability } from '../../api/types';
import { componentName, stateName } from '../../data/reference';
import { readinessLabel, releasabilityLabel, tv } from '../../domain/vocabulary.messages';
import { formatNumber } from '../../i18n';
import { parseCount, type FieldKey, type FormValues } from './formModel';

export function releasabilityText(r: Pick<Releasability, 'label' | 'states'>): string {
  if (r.label === 'states') {
    return `${releasabilityLabel(r.label)}: ${r.states.map(stateName).join(', ')}`;
  }
  return releasabilityLabel(r.label);
}

/** A field of the form as a person reads it (names instead of codes, grouped digits). */
export function displayValue(v: FormValues, f: FieldKey): string {
  switch (f) {
    case 'state':
      return v.state ? `${stateName(v.state)} (${v.state})` : '—';
    case 'component':
      return v.component ? componentName(v.component) : '—';
    case 'readiness':
      return v.readiness ? readinessLabel(v.readiness) : '—';
    case 'releasability':
      return releasabilityText({ label: v.relLabel, states: v.relStates });
    case 'personnel':
    case 'equipment': {
      const n = parseCount(v[f]);
      return n === null ? v[f] || '—' : formatNumber(n);
    }
    default:
      return v[f].trim() || '—';
  }
}

export function fieldLabel(f: FieldKey): string {
  return tv(`field_${f}`);
}
