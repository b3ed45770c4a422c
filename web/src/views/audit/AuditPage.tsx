// The audit log for administrators: who changed what and when, newest first, paged, each
// entry's before/after on request, and the verification of the hash chain.

import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { navigate } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { api, isAbort } from '../../api/calls';
import type { AuditEntry, Page } from '../../api/types';
import { lastChange } from '../../data/liveSync';
import { actionLabel, entityLabel } from '../../domain/vocabulary.messages';
import { formatDateTime } from '../../i18n';
import { Pager } from '../../ui/Pager';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { t } from './audit.messages';
import { AuditDiffTable } from './AuditDiffTable';
import { VerifyPanel } from './VerifyPanel';
import './audit.css';
import { DataTable } from '../../ui/DataTable';

const SIZES = [25, 50, 100, 200];

function recordLink(e: AuditEntry): string | null {
  if (e.entity === 'contingent' && e.action !== 'delete' && /^\d+$/.test(e.entity_id)) return `#/register/${e.entity_id}`;
  if (e.entity === 'reference') return `#/reference/${e.entity_id.split('/')[0]}`;
  return null;
}

export default function AuditPage({ query }: RouteProps) {
  const page = Math.max(1, Number(query.page) || 1);
  const size = SIZES.includes(Number(query.size)) ? Number(query.size) : 50;
  const [data, setData] = useState<Page<AuditEntry> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [fresh, setFresh] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    api.audit(size, (page - 1) * size, ctl.signal).then(
      (d) => {
        setData(d);
        setFresh(false);
      },
      (e) => !isAbort(e) && setError(e),
    );
    return () => ctl.abort();
  }, [page, size, reload]);

  // New changes: the first page follows them (a burst is one reload); other pages say so.
  const seen = useRef(lastChange.value?.seq ?? 0);
  const change = lastChange.value;
  useEffect(() => {
    if (!change || change.seq <= seen.current) return;
    seen.current = change.seq;
    if (page !== 1) {
      setFresh(true);
      return;
    }
    const id = setTimeout(() => setReload((n) => n + 1), 600);
    return () => clearTimeout(id);
  }, [change?.seq]);

  const go = (p: number, s = size) => navigate('audit', { page: p > 1 ? p : undefined, size: s !== 50 ? s : undefined });
  const toggle = (seq: number) => {
    const next = new Set(open);
    if (next.has(seq)) next.delete(seq);
    else next.add(seq);
    setOpen(next);
  };

  return (
    <section class="page audit-page" aria-labelledby="audit-heading" data-testid="audit-page">
      <div class="page-head">
        <div>
          <h1 id="audit-heading">{t('heading')}</h1>
          <p class="muted audit-intro">{t('intro')}</p>
        </div>
      </div>
      <VerifyPanel />
      {fresh && (
        <p class="banner" role="status">
          {t('newEntries')}{' '}
          <button type="button" class="button button-small" onClick={() => go(1)}>{t('goNewest')}</button>
        </p>
      )}
      {error && !data ? (
        <ErrorPanel error={error} onRetry={() => setReload((n) => n + 1)} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          {error && <ErrorPanel error={error} onRetry={() => setReload((n) => n + 1)} />}
          {data.items.length === 0 ? (
            <p class="panel muted">{t('empty')}</p>
          ) : (
            <DataTable
              testid="audit-table"
              variant="audit-table"
              columns={[
                { label: t('colSeq'), align: 'num' },
                t('colAt'),
                t('colActor'),
                t('colAction'),
                t('colEntity'),
                t('colId'),
                t('colDetails'),
              ]}
            >
              {data.items.map((e) => {
                const expanded = open.has(e.seq);
                const link = recordLink(e);
                return (
                  <Fragment key={e.seq}>
                    <tr data-testid={`audit-row-${e.seq}`} class={expanded ? 'expanded' : undefined}>
                      <td class="num">{e.seq}</td>
                      <td class="nowrap">{formatDateTime(e.at, { seconds: true })}</td>
                      <td>{e.actor}</td>
                      <td><span class={`badge action-${e.action}`}>{actionLabel(e.action)}</span></td>
                      <td>{entityLabel(e.entity)}</td>
                      <td class="mono">{link ? <a href={link} title={t('openRecord')}>{e.entity_id}</a> : e.entity_id}</td>
                      <td>
                        <button type="button" class="button button-small" aria-expanded={expanded}
                          aria-controls={`audit-details-${e.seq}`} onClick={() => toggle(e.seq)}
                          aria-label={expanded ? t('hideLabel', { seq: e.seq }) : t('showLabel', { seq: e.seq })}
                          data-testid={`audit-toggle-${e.seq}`}>
                          {expanded ? t('hide') : t('show')}
                        </button>
                      </td>
                    </tr>
                    {expanded && (
                      <tr id={`audit-details-${e.seq}`} class="audit-details">
                        <td colSpan={7}>
                          <AuditDiffTable entry={e} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </DataTable>
          )}
          <Pager total={data.total} page={page} size={size} sizes={SIZES} onPage={(p) => go(p)}
            onSize={(s) => go(1, s)} testId="audit-pager" />
        </>
      )}
    </section>
  );
}
