// One exercise run (`#/training/runs/{id}`), the same page for everyone in it: control drives
// the clock and the injects on the board; each participant reads their inbox live (the event
// stream says the run changed, the page reads what its user may see), acknowledges and
// responds; observers rate against the objectives; control and observers open the
// after-action report. The EXERCISE marking heads the page.

import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client';
import { formatHash } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { useTrainingRefresh } from '../../data/trainingLive';
import { formatDateTime } from '../../i18n';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { describeError } from '../../ui/errors';
import { useAsync } from '../crisis/parts';
import { trainingApi, type Design, type Run } from './api';
import { t } from './training.messages';
import './training.css';

export default function RunPage({ params }: RouteProps) {
  const id = Number(params.id);
  if (!Number.isInteger(id)) return <ErrorPanel text={t('notFound')} />;
  return <RunView key={id} id={id} />;
}

function useAction(reload: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      reload();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, act };
}

function RunView({ id }: { id: number }) {
  const run = useAsync((signal) => trainingApi.run(id, signal), [id]);
  useTrainingRefresh(run.reload, `exercise_run:${id}`);
  const design = useAsync(
    (signal) => (run.data ? trainingApi.design(run.data.design_id, signal) : Promise.resolve(null)),
    [run.data?.design_id],
  );
  if (run.error && !run.data) {
    const missing = run.error instanceof ApiFailure && run.error.status === 404;
    return missing ? <ErrorPanel text={t('notFound')} /> : <ErrorPanel error={run.error} onRetry={run.reload} />;
  }
  if (!run.data) return <Loading />;
  const r = run.data;
  const roles = [
    ...(r.control ? [t('roleControl')] : []),
    ...r.participants.map((p) => t('roleParticipant', { id: p })),
    ...r.observers.map((o) => t('roleObserver', { id: o })),
  ];
  const seesAll = r.control || r.observers.length > 0;
  return (
    <section class="page run-page" aria-labelledby="run-heading" data-testid="run-page" data-status={r.status} data-released={r.released}>
      <div class="exercise-banner" data-testid="run-marking">
        {t('exerciseMarking', { m: r.marking })}
      </div>
      <div class="page-head">
        <h1 id="run-heading">
          {t('runHeading', { id })} <span class="muted">· {r.name}</span>
        </h1>
      </div>
      <p data-testid="run-clock">
        {t(`clock_${r.status}`)} · {t('speed', { n: r.speed })} ·{' '}
        {t('scenarioTime')}: <ScenarioClock run={r} />
      </p>
      <p class="muted">{t('youAre', { roles: roles.length ? roles.join(', ') : t('roleNone') })}</p>
      {r.control && <ClockControls run={r} reload={run.reload} />}
      {seesAll && <Board id={id} reload={run.reload} control={r.control} version={r.version} />}
      {(r.participants.length > 0 || seesAll) && <Inbox id={id} run={r} version={r.version} />}
      <Responses id={id} version={r.version} />
      {seesAll && design.data && <Observations id={id} run={r} design={design.data} version={r.version} />}
      <p class="crisis-links" data-testid="run-crisis">
        {t('crisisChain')}{' '}
        <a href={formatHash('crisis', { scope: 'exercises' })} data-testid="run-crisis-board">
          {t('crisisBoard')}
        </a>{' '}
        ·{' '}
        <a href={formatHash('crisis/new/request', { exercise: r.marking })} data-testid="run-crisis-request">
          {t('crisisRequest')}
        </a>
      </p>
      {seesAll && (
        <p>
          <a href={`/api/v1/training/runs/${id}/report.html`} target="_blank" rel="noopener" data-testid="run-report-link">
            {t('report')}
          </a>{' '}
          ·{' '}
          <a href={`/api/v1/training/runs/${id}/report.pdf`} target="_blank" rel="noopener" data-testid="run-report-pdf">
            PDF
          </a>
        </p>
      )}
    </section>
  );
}

/** Scenario time moving on the page between reads, at the run's speed. */
function ScenarioClock({ run }: { run: Run }) {
  const [now, setNow] = useState(Date.now());
  const readAt = useState(Date.now())[0];
  useEffect(() => {
    if (run.status !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [run.status]);
  if (!run.scenario_now) return <span>—</span>;
  const base = new Date(run.scenario_now).getTime();
  const shown = run.status === 'running' ? base + (now - readAt) * run.speed : base;
  return <time data-testid="run-scenario-time">{formatDateTime(new Date(shown), { seconds: true })}</time>;
}

function ClockControls({ run, reload }: { run: Run; reload: () => void }) {
  const { error, busy, act } = useAction(reload);
  const [start, setStart] = useState('2025-09-01T06:00');
  const [speed, setSpeed] = useState(String(run.speed));
  const [jumpTo, setJumpTo] = useState('');
  const clock = (command: Record<string, unknown>) => act(() => trainingApi.clock(run.id, command));
  return (
    <div class="panel run-controls" data-testid="run-controls">
      {run.status === 'not_started' && (
        <>
          <label>
            {t('scenarioStart')}{' '}
            <input type="datetime-local" value={start} onInput={(e) => setStart((e.target as HTMLInputElement).value)} data-testid="run-scenario-start" />
          </label>{' '}
          <button disabled={busy} data-testid="run-start" onClick={() => clock({ command: 'start', scenario_start: `${start}:00Z` })}>
            {t('start')}
          </button>
        </>
      )}
      {run.status === 'running' && (
        <button disabled={busy} data-testid="run-pause" onClick={() => clock({ command: 'pause' })}>
          {t('pause')}
        </button>
      )}
      {run.status === 'paused' && (
        <button disabled={busy} data-testid="run-resume" onClick={() => clock({ command: 'resume' })}>
          {t('resume')}
        </button>
      )}
      {(run.status === 'running' || run.status === 'paused') && (
        <span class="clock-extra">
          {' '}
          <input type="number" min="0.1" max="100" step="0.1" value={speed} aria-label={t('setSpeed')} data-testid="run-speed"
            onInput={(e) => setSpeed((e.target as HTMLInputElement).value)} />
          <button disabled={busy || !speed} data-testid="run-set-speed" onClick={() => clock({ command: 'set_speed', factor: Number(speed) })}>
            {t('setSpeed')}
          </button>{' '}
          <label>
            {t('jumpTo')}{' '}
            <input type="datetime-local" value={jumpTo} data-testid="run-jump-to" onInput={(e) => setJumpTo((e.target as HTMLInputElement).value)} />
          </label>
          <button disabled={busy || !jumpTo} data-testid="run-jump" onClick={() => clock({ command: 'jump', to: `${jumpTo}:00Z` })}>
            {t('jump')}
          </button>
        </span>
      )}
      {(run.status === 'running' || run.status === 'paused') && (
        <>
          {' '}
          <button disabled={busy} data-testid="run-release-overdue" onClick={() => act(() => trainingApi.control(run.id, { command: 'release_overdue' }))}>
            {t('releaseOverdue')}
          </button>{' '}
          <button disabled={busy} data-testid="run-end" onClick={() => clock({ command: 'end' })}>
            {t('end')}
          </button>
        </>
      )}
      {error && (
        <p class="error" role="alert" data-testid="run-error">
          {error}
        </p>
      )}
    </div>
  );
}

function Board({ id, reload, control, version }: { id: number; reload: () => void; control: boolean; version: number }) {
  const board = useAsync((signal) => trainingApi.board(id, signal), [id, version]);
  const { error, busy, act } = useAction(reload);
  const [reason, setReason] = useState('');
  if (!board.data) return board.error ? <ErrorPanel error={board.error} /> : <Loading />;
  return (
    <div class="panel">
      <h2>{t('board')}</h2>
      <table class="data" data-testid="run-board">
        <thead>
          <tr>
            <th>{t('colInject')}</th>
            <th>{t('colOffset')}</th>
            <th>{t('colSubject')}</th>
            <th>{t('colTo')}</th>
            <th>{t('colStatus')}</th>
            <th>{t('colExpected')}</th>
            {control && <th />}
          </tr>
        </thead>
        <tbody>
          {board.data.map((b) => (
            <tr data-testid="run-board-row" data-inject={b.inject} data-status={b.status.status} class={b.overdue ? 'overdue' : ''}>
              <td>{b.inject}</td>
              <td>{b.offset}</td>
              <td>{b.subject}</td>
              <td>{b.recipients.join(', ')}</td>
              <td>
                {b.status.status}
                {b.overdue ? ` · ${t('overdue')}` : b.due ? ` · ${t('due')}` : ''}
              </td>
              <td>{b.expected_actions}</td>
              {control && (
                <td>
                  {(b.status.status === 'pending' || b.status.status === 'held') && (
                    <>
                      <button disabled={busy} data-testid="run-release" onClick={() => act(() => trainingApi.control(id, { command: 'release', inject: b.inject }))}>
                        {t('release')}
                      </button>{' '}
                      {b.status.status === 'pending' && (
                        <button disabled={busy} data-testid="run-hold" onClick={() => act(() => trainingApi.control(id, { command: 'hold', inject: b.inject }))}>
                          {t('hold')}
                        </button>
                      )}{' '}
                      <button
                        disabled={busy || !reason.trim()}
                        data-testid="run-skip"
                        title={t('skipHint')}
                        onClick={() => act(() => trainingApi.control(id, { command: 'skip', inject: b.inject, note: reason }))}
                      >
                        {t('skip')}
                      </button>
                    </>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {control && (
        <label class="skip-reason">
          {t('skipReason')}{' '}
          <input value={reason} data-testid="run-skip-reason" onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Inbox({ id, run, version }: { id: number; run: Run; version: number }) {
  const items = useAsync((signal) => trainingApi.inbox(id, signal), [id, version]);
  const { error, busy, act } = useAction(items.reload);
  const [answer, setAnswer] = useState<Record<number, string>>({});
  if (!items.data) return items.error ? <ErrorPanel error={items.error} /> : <Loading />;
  const mine = (recipient: string) => run.participants.includes(recipient);
  return (
    <div class="panel">
      <h2>{t('inbox')}</h2>
      {items.data.length === 0 && <p data-testid="run-inbox-empty">{t('inboxEmpty')}</p>}
      <ul class="inbox" data-testid="run-inbox">
        {items.data.map((i) => (
          <li data-testid="run-inbox-item" data-inject={i.inject} data-recipient={i.recipient}>
            <div class="inbox-head">
              <b>{i.subject}</b> <span class="muted">→ {i.recipient}</span>
            </div>
            <div class="muted">
              {t('from', { sender: i.sender, channel: i.channel })} · {formatDateTime(i.scenario_at)}
            </div>
            <p class="inbox-message">{i.message}</p>
            {mine(i.recipient) && (
              <div class="inbox-actions">
                {i.acknowledged_at ? (
                  <span class="muted">{t('acknowledged')}</span>
                ) : (
                  <button disabled={busy} data-testid="run-acknowledge" onClick={() => act(() => trainingApi.acknowledge(id, i.id))}>
                    {t('acknowledge')}
                  </button>
                )}
                <label>
                  {t('respondTo', { n: i.inject })}
                  <textarea
                    data-testid="run-response-text"
                    value={answer[i.id] ?? ''}
                    onInput={(e) => setAnswer({ ...answer, [i.id]: (e.target as HTMLTextAreaElement).value })}
                  />
                </label>
                <button
                  disabled={busy || !(answer[i.id] ?? '').trim()}
                  data-testid="run-response-send"
                  onClick={() =>
                    act(async () => {
                      await trainingApi.respond(id, { from: i.recipient, inject: i.inject, text: answer[i.id] ?? '' });
                      setAnswer({ ...answer, [i.id]: '' });
                    })
                  }
                >
                  {t('send')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p class="error" role="alert" data-testid="run-inbox-error">
          {error}
        </p>
      )}
    </div>
  );
}

function Responses({ id, version }: { id: number; version: number }) {
  const items = useAsync((signal) => trainingApi.responses(id, signal), [id, version]);
  if (!items.data) return items.error ? <ErrorPanel error={items.error} /> : <Loading />;
  return (
    <div class="panel">
      <h2>{t('responses')}</h2>
      {items.data.length === 0 ? (
        <p>{t('noResponses')}</p>
      ) : (
        <ul data-testid="run-responses">
          {items.data.map((r) => (
            <li data-testid="run-response" data-from={r.from}>
              <b>{r.from}</b>
              {r.inject !== undefined ? ` (#${r.inject})` : ''}: {r.text} <span class="muted">{formatDateTime(r.scenario_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Observations({ id, run, design, version }: { id: number; run: Run; design: Design; version: number }) {
  const items = useAsync((signal) => trainingApi.observations(id, signal), [id, version]);
  const { error, busy, act } = useAction(items.reload);
  const [objective, setObjective] = useState(design.spec.objectives[0]?.id ?? '');
  const [rating, setRating] = useState('trained');
  const [text, setText] = useState('');
  const [inject, setInject] = useState('');
  // The MSEL's inject numbers, from the board (observers and control read it).
  const board = useAsync((signal) => trainingApi.board(id, signal), [id]);
  const injects = (board.data ?? []).map((b) => b.inject);
  const observer = run.observers[0];
  return (
    <div class="panel">
      <h2>{t('observations')}</h2>
      <ul data-testid="run-observations">
        {(items.data ?? []).map((o) => (
          <li>
            <b>{o.observer}</b> · {o.objective} · {o.rating}: {o.text}
          </li>
        ))}
      </ul>
      {observer && (
        <div class="observe-form" data-testid="run-observe">
          <h3>{t('observe')}</h3>
          <label>
            {t('objective')}{' '}
            <select value={objective} onChange={(e) => setObjective((e.target as HTMLSelectElement).value)}>
              {design.spec.objectives.map((o) => (
                <option value={o.id}>
                  {o.id}: {o.text}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rating')}{' '}
            <select value={rating} onChange={(e) => setRating((e.target as HTMLSelectElement).value)}>
              {(['trained', 'partially_trained', 'untrained'] as const).map((r) => (
                <option value={r}>{t(`rating_${r}`)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('observedInject')}{' '}
            <select value={inject} onChange={(e) => setInject((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {injects.map((n) => (
                <option value={n}>#{n}</option>
              ))}
            </select>
          </label>
          <label>
            {t('observationText')}
            <textarea value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          </label>
          <button
            disabled={busy || !text.trim()}
            onClick={() =>
              act(async () => {
                await trainingApi.observe(id, { observer, objective, rating, text, ...(inject ? { inject: Number(inject) } : {}) });
                setText('');
              })
            }
          >
            {t('record')}
          </button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
