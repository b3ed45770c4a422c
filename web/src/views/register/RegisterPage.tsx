// The force register: filters, totals charts and the table of contingents, all from the
// in-memory list the live stream keeps current. Filters, sort and page live in the address.

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { RouteProps } from '../../app/routes';
import { navigate } from '../../app/router';
import type { Contingent } from '../../api/types';
import { DataGate } from '../../app/DataGate';
import { contingents } from '../../data/contingents';
import { componentShort, coreReady, stateName } from '../../data/reference';
import { canCreate } from '../../domain/permissions';
import { formatNumber, locale } from '../../i18n';
import { currentUser } from '../../session/session';
import { Pager } from '../../ui/Pager';
import { DeleteDialog } from './DeleteDialog';
import {
  filterContingents,
  isFiltered,
  PAGE_SIZES,
  paginate,
  parseRegisterQuery,
  registerQueryParams,
  sortContingents,
  type RegisterQuery,
  type SortKey,
} from './query';
import { t } from './register.messages';
import { chartsOpen, lastRegisterParams, setChartsOpen } from './registerState';
import { RegisterFilters } from './RegisterFilters';
import { RegisterTable } from './RegisterTable';
import { grandTotals } from './totals';
import { TotalsPanel } from './TotalsPanel';
import './register.css';

export default function RegisterPage(props: RouteProps) {
  return <DataGate label={t('loadingData')}>{() => <Register {...props} />}</DataGate>;
}

function Register({ query }: RouteProps) {
  const user = currentUser.value!;
  const q = parseRegisterQuery(query);
  const all = contingents.value;
  const lang = locale.value;
  const [deleting, setDeleting] = useState<Contingent | null>(null);

  const params = registerQueryParams(q);
  useEffect(() => {
    lastRegisterParams.value = params;
  }, [JSON.stringify(params)]);

  const filtered = useMemo(() => filterContingents(all, q), [all, q.state, q.component, q.readiness, q.q]);
  const sorted = useMemo(
    () =>
      sortContingents(filtered, q.sort, q.desc, {
        collator: new Intl.Collator(lang, { sensitivity: 'base', numeric: true }),
        stateLabel: stateName,
        componentLabel: componentShort,
      }),
    [filtered, q.sort, q.desc, lang, coreReady.value],
  );
  const page = paginate(sorted, q.page, q.size);

  const update = (patch: Partial<RegisterQuery>) => {
    // A new filter or sort starts at page 1; paging keeps the rest.
    const next = { ...q, page: 'page' in patch ? q.page : 1, ...patch };
    navigate('register', registerQueryParams(next), { replace: !('page' in patch) });
  };
  const sortBy = (key: SortKey) => update({ sort: key, desc: key === q.sort ? !q.desc : key === 'personnel' || key === 'equipment' || key === 'updated_at' });

  const grand = grandTotals(filtered);
  return (
    <section class="page register-page" aria-labelledby="register-heading" data-testid="register-page">
      <div class="page-head">
        <div>
          <h1 id="register-heading">{t('heading')}</h1>
          <p class="muted register-count" data-testid="register-count" aria-live="polite">
            {isFiltered(q)
              ? t('count', { shown: formatNumber(filtered.length), total: formatNumber(all.length) })
              : t('countAll', { total: formatNumber(all.length) })}
            {' · '}
            {t('grand', { personnel: formatNumber(grand.personnel), equipment: formatNumber(grand.equipment) })}
          </p>
        </div>
        <div class="page-actions">
          <button type="button" class="button" aria-expanded={chartsOpen.value} aria-controls="register-totals"
            onClick={() => setChartsOpen(!chartsOpen.value)} data-testid="toggle-charts">
            {chartsOpen.value ? t('hideCharts') : t('showCharts')}
          </button>
          {canCreate(user) && (
            <a class="button button-primary" href="#/register/new" data-testid="register-new">
              + {t('newContingent')}
            </a>
          )}
        </div>
      </div>
      <RegisterFilters q={q} onChange={update} />
      <div class={chartsOpen.value ? 'register-body with-charts' : 'register-body'}>
        <div class="register-main">
          {all.length === 0 ? (
            <p class="panel muted" data-testid="register-empty">{t('empty')}</p>
          ) : filtered.length === 0 ? (
            <p class="panel muted" data-testid="register-empty">{t('noMatches')}</p>
          ) : (
            <RegisterTable rows={page.items} sort={q.sort} desc={q.desc} user={user} onSort={sortBy}
              onDelete={setDeleting} />
          )}
          <Pager total={page.total} page={page.page} size={q.size} sizes={PAGE_SIZES}
            onPage={(p) => update({ page: p })} onSize={(s) => update({ size: s })} />
        </div>
        {chartsOpen.value && (
          <div id="register-totals" class="register-side">
            <TotalsPanel list={filtered} filtered={isFiltered(q)} total={all.length} />
          </div>
        )}
      </div>
      {deleting && (
        <DeleteDialog contingent={deleting} onClose={() => setDeleting(null)} onDeleted={() => setDeleting(null)} />
      )}
    </section>
  );
}
