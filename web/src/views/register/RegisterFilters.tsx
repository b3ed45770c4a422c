// The filter bar above the register table: text search, state, component, readiness.

import { READINESS } from '../../api/types';
import { components, states } from '../../data/reference';
import { readinessLabel, tv } from '../../domain/vocabulary.messages';
import { loc } from '../../i18n';
import { isFiltered, type RegisterQuery } from './query';
import { t } from './register.messages';

export function RegisterFilters({ q, onChange }: { q: RegisterQuery; onChange: (patch: Partial<RegisterQuery>) => void }) {
  return (
    <form class="filters" role="search" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
      <div class="field filter-search">
        <label for="filter-q">{t('search')}</label>
        <input
          id="filter-q"
          type="search"
          value={q.q}
          placeholder={t('searchPlaceholder')}
          maxLength={200}
          onInput={(e) => onChange({ q: e.currentTarget.value })}
          data-testid="filter-q"
        />
      </div>
      <div class="field">
        <label for="filter-state">{tv('field_state')}</label>
        <select id="filter-state" value={q.state} onChange={(e) => onChange({ state: e.currentTarget.value })}
          data-testid="filter-state">
          <option value="">{t('allStates')}</option>
          {states.value.map((s) => (
            <option key={s.code} value={s.code}>{loc(s.short_name)}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-component">{tv('field_component')}</label>
        <select id="filter-component" value={q.component}
          onChange={(e) => onChange({ component: e.currentTarget.value })} data-testid="filter-component">
          <option value="">{t('allComponents')}</option>
          {components.value.map((c) => (
            <option key={c.key} value={c.key}>
              {c.abbreviation ? `${loc(c.abbreviation)} — ${loc(c.name)}` : loc(c.name)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-readiness">{tv('field_readiness')}</label>
        <select id="filter-readiness" value={q.readiness}
          onChange={(e) => onChange({ readiness: e.currentTarget.value })} data-testid="filter-readiness">
          <option value="">{t('allReadiness')}</option>
          {READINESS.map((r) => (
            <option key={r} value={r}>{readinessLabel(r)}</option>
          ))}
        </select>
      </div>
      <button type="button" class="button filter-reset" disabled={!isFiltered(q)}
        onClick={() => onChange({ q: '', state: '', component: '', readiness: '' })} data-testid="filter-reset">
        {t('resetFilters')}
      </button>
    </form>
  );
}
