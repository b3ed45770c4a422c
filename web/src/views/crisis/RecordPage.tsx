// One crisis record (`#/crisis/{kind}/{id}`): what was written, its status and the history of
// its steps (from the journal), the records it belongs to and those under it, and the steps
// the user may take now. Follows the live stream: any change to the chain loads it again.

import { useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client';
import { api } from '../../api/calls';
import {
  FORCE_IN_FORCE,
  isCrisisKind,
  POSITIONS,
  type Composition,
  type CrisisKind,
  type CrisisRecord,
  type DecisionState,
  type Position,
} from '../../api/crisisTypes';
import { formatHash } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { useCrisisRefresh } from '../../data/crisisLive';
import { stateName } from '../../data/reference';
import { allowedCommands, creatableChildren, delegationsFor, PARENT_KIND, type ActionContext } from '../../domain/crisisActions';
import { formatDateTime } from '../../i18n';
import { currentUser } from '../../session/session';
import { DataTable } from '../../ui/DataTable';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { ActionPanel, refusal, send } from './ActionPanel';
import { commandLabel, kindLabel, statusLabel, t } from './crisis.messages';
import { CompositionChart } from './CompositionChart';
import { ExerciseBadge, RecordLink, StatusBadge, useAsync } from './parts';
import { OperationMap as OperationMapLazy } from './OperationMap';
import { PlanningSection } from '../plans/PlanningSection';
import { SpecView } from './SpecView';
import './crisis.css';

/** The lists of records under a record of each kind. */
const CHILD_KINDS: Partial<Record<CrisisKind, CrisisKind[]>> = {
  request: ['session', 'mode'],
  session: ['decision'],
  decision: ['task', 'operation'],
  operation: ['force', 'group', 'logistics'],
};

interface Loaded {
  record: CrisisRecord;
  parent: CrisisRecord | null;
  children: { kind: CrisisKind; items: CrisisRecord[] }[];
  composition: Composition | null;
}

async function loadAll(kind: CrisisKind, id: number, signal: AbortSignal): Promise<Loaded> {
  const record = await api.crisisRecord(kind, id, signal);
  const parentKind = PARENT_KIND[kind];
  const parentP =
    record.parent_id !== null && parentKind
      ? api.crisisRecord(parentKind, record.parent_id, signal).catch(() => null)
      : Promise.resolve(null);
  const children = Promise.all(
    (CHILD_KINDS[kind] ?? []).map((k) =>
      api.crisisList(k, { parent: id, exercise: 'all', limit: 500 }, signal).then((p) => ({ kind: k, items: p.items })),
    ),
  );
  // The force and its ceiling: for an operation itself, and for a force's acceptance.
  const opId = kind === 'operation' ? id : kind === 'force' ? record.parent_id : null;
  const composition = opId !== null ? api.composition(opId, signal).catch(() => null) : Promise.resolve(null);
  return { record, parent: await parentP, children: await children, composition: await composition };
}

export default function RecordPage({ params }: RouteProps) {
  const kind = params.kind ?? '';
  const id = Number(params.id);
  if (!isCrisisKind(kind) || !Number.isInteger(id)) return <ErrorPanel text={t('notFound')} />;
  return <Record key={`${kind}/${id}`} kind={kind} id={id} />;
}

function Record({ kind, id }: { kind: CrisisKind; id: number }) {
  const data = useAsync((signal) => loadAll(kind, id, signal), [kind, id]);
  const journal = useAsync((signal) => api.crisisJournal({ record: id, exercise: 'all', limit: 5000 }, signal), [id]);
  const reload = () => {
    data.reload();
    journal.reload();
  };
  useCrisisRefresh(reload);
  if (data.error && !data.data) {
    const missing = data.error instanceof ApiFailure && data.error.status === 404;
    return missing ? <ErrorPanel text={t('notFound')} /> : <ErrorPanel error={data.error} onRetry={reload} />;
  }
  if (!data.data) return <Loading />;
  const { record, parent, children, composition } = data.data;
  const user = currentUser.value;
  const ctx: ActionContext = { parentStatus: parent?.status };
  if (composition) {
    ctx.ceilingPersonnel = composition.ceiling_personnel;
    ctx.committedPersonnel = composition.personnel;
    ctx.forcesInField = composition.forces.filter((f) => !['declined', 'withdrawn', 'stood_down'].includes(f.status)).length;
  }
  const commands = allowedCommands(user, record, ctx);
  const decisionStates = record.kind === 'decision' ? (record.state as unknown as DecisionState) : null;
  const delegations = delegationsFor(user, decisionStates?.participants.length ? decisionStates.participants : (user?.state ? [user.state] : []));
  const childKinds = creatableChildren(user, record);

  return (
    <section class="page crisis-record" aria-labelledby="record-heading" data-testid="crisis-record" data-kind={kind}
      data-id={id} data-status={record.status}>
      <nav class="crumbs">
        <a href="#/crisis">{t('back')}</a>
        {parent && (
          <>
            {' · '}
            {t('parent')} <RecordLink r={parent} />
          </>
        )}
        {record.crisis_id !== null && (
          <>
            {' · '}
            <a href={formatHash(`crisis/journal/${record.crisis_id}`)} data-testid="journal-link">{t('openJournal')}</a>
          </>
        )}
        {kind === 'decision' && record.status === 'adopted' && (
          <>
            {' · '}
            <a href={formatHash(`crisis/decision/${id}/control`)} data-testid="control-link">{t('controlLink')}</a>
          </>
        )}
      </nav>
      <div class="page-head">
        <h1 id="record-heading">
          <span class="muted">{t('recordHeading', { kind: kindLabel(kind), id })}</span> {record.title}{' '}
          {record.number !== null && <span class="muted">{t('number', { n: record.number })}</span>}
        </h1>
        <div class="page-actions">
          <StatusBadge status={record.status} />
          <ExerciseBadge r={record} />
        </div>
      </div>
      <p class="muted">{t('createdBy', { by: record.created_by, at: formatDateTime(record.created_at) })}</p>
      <div class="crisis-record-grid">
        <div>
          <ActionPanel record={record} commands={commands} delegations={delegations} onDone={reload} />
          {decisionStates && decisionStates.participants.length > 0 && (
            <Positions record={record} st={decisionStates} mayRecord={commands.includes('record_position')}
              mine={delegationsFor(user, decisionStates.participants)} onDone={reload} />
          )}
          <section class="panel">
            <h2>{t('details')}</h2>
            <SpecView record={record} />
          </section>
          {kind === 'operation' && <PlanningSection operation={id} />}
          {kind === 'operation' && composition && <OperationParts record={record} composition={composition} />}
        </div>
        <div>
          <section class="panel" data-testid="children">
            <h2>{t('children')}</h2>
            {children.map(({ kind: k, items }) => (
              <div key={k} class="crisis-children" data-testid={`children-${k}`}>
                <h3>{kindLabel(k)} ({items.length})</h3>
                <ul>{items.map((c) => <li key={c.id}><RecordLink r={c} /></li>)}</ul>
              </div>
            ))}
            <div class="crisis-action-buttons">
              {childKinds.map((k) => (
                <a key={k} class="button button-small" href={formatHash(`crisis/new/${k}`, { parent: id })} data-testid={`new-${k}`}>
                  {t('newChild', { kind: kindLabel(k) })}
                </a>
              ))}
            </div>
          </section>
          <section class="panel" data-testid="history">
            <h2>{t('history')}</h2>
            {journal.data && journal.data.length === 0 && <p class="muted">{t('noHistory')}</p>}
            <ol class="crisis-history">
              {(journal.data ?? []).map((e) => (
                <li key={e.id}>
                  <time>{formatDateTime(e.at)}</time> {commandLabel(e.action)} · {e.actor} ·{' '}
                  {e.from_status ? `${statusLabel(e.from_status)} → ` : ''}
                  {statusLabel(e.to_status)}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </section>
  );
}

/** The delegations' positions; the user sets those of the delegations they speak for. */
function Positions({ record, st, mayRecord, mine, onDone }: {
  record: CrisisRecord;
  st: DecisionState;
  mayRecord: boolean;
  mine: string[];
  onDone: () => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = async (state: string, position: Position) => {
    setBusy(true);
    setProblem(null);
    try {
      await send(record, { command: 'record_position', state, position }, onDone);
    } catch (e) {
      setProblem(refusal(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel" data-testid="positions">
      <h2>{t('positions')}</h2>
      <DataTable testid="positions-table" columns={[t('arg_state'), t('arg_position'), '']}>
        {st.participants.map((s) => (
          <tr key={s} data-state={s}>
            <td>{stateName(s)}</td>
            <td data-testid={`position-${s}`}>{st.positions[s] ? t(`pos_${st.positions[s]}`) : <span class="muted">{t('pos_none')}</span>}</td>
            <td>
              {mayRecord && mine.includes(s) &&
                POSITIONS.map((p) => (
                  <button key={p} type="button" class="button button-small" disabled={busy || st.positions[s] === p}
                    data-testid={`set-position-${s}-${p}`} onClick={() => set(s, p)}>
                    {t(`pos_${p}`)}
                  </button>
                ))}
            </td>
          </tr>
        ))}
      </DataTable>
      {problem && <p class="field-error" role="alert">{problem}</p>}
    </section>
  );
}

function OperationParts({ record, composition }: { record: CrisisRecord; composition: Composition }) {
  return (
    <>
      <OperationMapLazy record={record} forces={composition.forces.filter((f) => FORCE_IN_FORCE.includes(f.status))} />
      <CompositionChart composition={composition} />
    </>
  );
}
