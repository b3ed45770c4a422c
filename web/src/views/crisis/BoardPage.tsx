// The crisis board: what is open now for the people on duty. The operating mode and the
// shift on duty at the top; requests, sessions, decisions, operations and tasks below, with
// overdue tasks first and in red. Real-world records unless exercises are chosen; every
// exercise record carries its EXERCISE badge. Follows the live stream.

import { api } from '../../api/calls';
import type { Board, CrisisRecord, ShiftSpec } from '../../api/crisisTypes';
import { navigate } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { useCrisisRefresh } from '../../data/crisisLive';
import { canCreateKind, isJointStaff } from '../../domain/crisisActions';
import { formatDateTime } from '../../i18n';
import { currentUser } from '../../session/session';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { overdueMinutes, scopeOf, sortTasks, splitMinutes } from './board';
import { statusLabel, t } from './crisis.messages';
import { ExerciseBadge, RecordLink, recordHref, useAsync } from './parts';
import './crisis.css';

export default function BoardPage({ query }: RouteProps) {
  const scope = scopeOf(query);
  const board = useAsync((signal) => api.crisisBoard(scope, signal), [scope]);
  useCrisisRefresh(board.reload);
  const user = currentUser.value;
  return (
    <section class="page crisis-board" aria-labelledby="board-heading" data-testid="crisis-board">
      <div class="page-head">
        <h1 id="board-heading">{t('boardHeading')}</h1>
        <div class="page-actions">
          <div class="segmented" role="radiogroup" aria-label={t('scopeLabel')}>
            {(['real', 'exercises'] as const).map((s) => (
              <button key={s} type="button" role="radio" aria-checked={scope === s} class="button button-small"
                data-testid={`scope-${s}`} onClick={() => navigate('crisis', s === 'real' ? {} : { scope: s }, { replace: true })}>
                {t(s === 'real' ? 'scopeReal' : 'scopeExercises')}
              </button>
            ))}
          </div>
          {canCreateKind(user, 'request') && (
            <a class="button button-primary" href="#/crisis/new/request" data-testid="new-request">{t('newRequest')}</a>
          )}
        </div>
      </div>
      {board.error && !board.data ? <ErrorPanel error={board.error} onRetry={board.reload} /> : null}
      {!board.data && !board.error ? <Loading /> : null}
      {board.data && <BoardBody board={board.data} canDuty={isJointStaff(user)} />}
    </section>
  );
}

function BoardBody({ board, canDuty }: { board: Board; canDuty: boolean }) {
  const now = new Date(board.now);
  const tasks = sortTasks([...board.overdue_tasks, ...board.open_tasks], now);
  const shift = board.shift;
  const officers = shift ? (shift.spec as unknown as ShiftSpec).officers : [];
  return (
    <>
      <div class="crisis-duty">
        <div class="panel" data-testid="board-mode">
          <span class="label">{t('mode')}</span>{' '}
          <strong class={`crisis-mode crisis-mode-${board.mode?.status ?? 'routine'}`}>
            {statusLabel(board.mode?.status ?? 'routine')}
          </strong>{' '}
          {board.mode && (
            <a href={recordHref(board.mode)} class="muted">{t('modeSince', { at: formatDateTime(board.mode.created_at) })}</a>
          )}
          {board.mode && <ExerciseBadge r={board.mode} />}
          {canDuty && <a class="button button-small" href="#/crisis/new/mode" data-testid="change-mode">{t('changeMode')}</a>}
        </div>
        <div class="panel" data-testid="board-shift">
          <span class="label">{t('shift')}</span>{' '}
          {shift ? (
            <a href={recordHref(shift)}>
              {officers.map((o) => o.name).join(', ')} · {formatDateTime((shift.spec as unknown as ShiftSpec).starts_at)} —{' '}
              {formatDateTime((shift.spec as unknown as ShiftSpec).ends_at)}
            </a>
          ) : (
            <span class="muted">{t('noShift')}</span>
          )}
          {canDuty && <a class="button button-small" href="#/crisis/new/shift" data-testid="new-shift">{t('newShift')}</a>}
        </div>
      </div>
      <div class="crisis-columns">
        <Column title={t('requests')} items={board.requests} testId="board-requests" />
        <Column title={t('sessions')} items={board.sessions} testId="board-sessions" />
        <Column title={t('decisions')} items={board.decisions} testId="board-decisions" />
        <Column title={t('operations')} items={board.operations} testId="board-operations" />
        <section class="crisis-column" aria-label={t('tasks')} data-testid="board-tasks">
          <h2>{t('tasks')} <span class="muted">({tasks.length})</span></h2>
          {tasks.length === 0 && <p class="muted">{t('none')}</p>}
          <ul>
            {tasks.map((task) => (
              <TaskItem key={task.id} task={task} now={now} />
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

function Column({ title, items, testId }: { title: string; items: CrisisRecord[]; testId: string }) {
  return (
    <section class="crisis-column" aria-label={title} data-testid={testId}>
      <h2>{title} <span class="muted">({items.length})</span></h2>
      {items.length === 0 && <p class="muted">{t('none')}</p>}
      <ul>
        {items.map((r) => (
          <li key={r.id} class="crisis-card" data-id={r.id}>
            <RecordLink r={r} />
            {r.main_at && <div class="muted small">{formatDateTime(r.main_at)}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function TaskItem({ task, now }: { task: CrisisRecord; now: Date }) {
  const late = overdueMinutes(task, now);
  return (
    <li class={late > 0 || task.overdue ? 'crisis-card crisis-overdue' : 'crisis-card'} data-id={task.id}
      data-overdue={late > 0 || task.overdue ? 'true' : undefined}>
      <RecordLink r={task} />
      <div class="small">
        {late > 0 ? <strong>{t('overdueBy', splitMinutes(late))}</strong> : task.due_at && t('dueAt', { at: formatDateTime(task.due_at) })}
      </div>
    </li>
  );
}
