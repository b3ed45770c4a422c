// An exercise design (`#/training/designs/{id}`): objectives, the training audience and who
// plays each part, the simulated actors, storylines, observers and the fictitious names; its
// MSELs as a timeline by scenario day, with the CSV import (every problem of a refused file
// with its line and column), the export, the approval steps, and a run started from an
// approved MSEL.

import { useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client';
import { formatHash, navigate } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { useTrainingRefresh } from '../../data/trainingLive';
import { isJointStaff } from '../../domain/crisisActions';
import { currentUser } from '../../session/session';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { describeError } from '../../ui/errors';
import { useAsync } from '../crisis/parts';
import { designApi, type CsvProblem, type DesignFull, type Msel } from './api';
import { byDay, csvProblems } from './msel';
import { t } from './training.messages';
import './training.css';

export default function DesignPage({ params }: RouteProps) {
  const id = Number(params.id);
  if (!Number.isInteger(id)) return <ErrorPanel text={t('designNotFound')} />;
  return <DesignView key={id} id={id} />;
}

function DesignView({ id }: { id: number }) {
  const design = useAsync((signal) => designApi.design(id, signal), [id]);
  const msels = useAsync((signal) => designApi.msels(id, signal), [id]);
  useTrainingRefresh(() => {
    design.reload();
    msels.reload();
  });
  if (design.error) {
    const missing = design.error instanceof ApiFailure && design.error.status === 404;
    return missing ? <ErrorPanel text={t('designNotFound')} /> : <ErrorPanel error={design.error} onRetry={design.reload} />;
  }
  if (!design.data) return <Loading />;
  const d = design.data;
  return (
    <section class="page design-page" aria-labelledby="design-heading" data-testid="design-page" data-id={id}>
      <div class="exercise-banner">{t('exerciseMarking', { m: d.spec.marking })}</div>
      <h1 id="design-heading">{d.spec.name}</h1>
      <p class="muted">{t('director', { name: d.spec.director })}</p>
      <DesignBody design={d} />
      <Msels design={d} msels={msels.data ?? []} reload={msels.reload} />
    </section>
  );
}

function DesignBody({ design }: { design: DesignFull }) {
  const s = design.spec;
  return (
    <div class="panel">
      <p>{s.scenario.summary}</p>
      {s.scenario.names.length > 0 && (
        <p data-testid="design-names">
          {t('fictitiousNames')}: {s.scenario.names.map((n) => `${n.real.en} → ${n.invented.en} (${n.invented.ru})`).join('; ')}
        </p>
      )}
      <h2>{t('objectives')}</h2>
      <ul>
        {s.objectives.map((o) => (
          <li>
            <b>{o.id}</b> {o.text}
            <ul>
              {o.criteria.map((c) => (
                <li>{c}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <h2>{t('audience')}</h2>
      <ul>
        {s.audience.map((p) => (
          <li>
            <b>{p.id}</b> {p.name} · {p.role}
            {p.state ? ` · ${p.state}` : ''}
            {p.users?.length ? ` · ${t('playedBy', { users: p.users.join(', ') })}` : ''}
          </li>
        ))}
      </ul>
      <h2>{t('actors')}</h2>
      <ul>
        {s.actors.map((a) => (
          <li>
            <b>{a.id}</b> {a.name}
          </li>
        ))}
      </ul>
      {s.observers.length > 0 && (
        <>
          <h2>{t('observers')}</h2>
          <ul>
            {s.observers.map((o) => (
              <li>
                <b>{o.id}</b> {o.name}
                {o.objectives.length ? ` · ${o.objectives.join(', ')}` : ''}
                {o.users?.length ? ` · ${t('playedBy', { users: o.users.join(', ') })}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Msels({ design, msels, reload }: { design: DesignFull; msels: Msel[]; reload: () => void }) {
  const user = currentUser.value;
  const js = isJointStaff(user);
  const director = user?.username === design.spec.director;
  const [problems, setProblems] = useState<CsvProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      await f();
      reload();
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'invalid_csv') setProblems(csvProblems(e.body.details));
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const upload = (file: File | undefined) => {
    if (file) void act(async () => designApi.importCsv(design.id, await file.text()));
  };
  return (
    <div class="panel" data-testid="design-msels">
      <h2>{t('msels')}</h2>
      {js && (
        <label class="csv-upload">
          {t('importCsv')}{' '}
          <input type="file" accept=".csv,text/csv" disabled={busy} data-testid="msel-upload" onChange={(e) => upload((e.target as HTMLInputElement).files?.[0])} />
        </label>
      )}
      {error && (
        <div class="error" role="alert" data-testid="msel-error">
          <p>{error}</p>
          {problems.length > 0 && (
            <table class="data" data-testid="msel-problems">
              <thead>
                <tr>
                  <th>{t('csvLine')}</th>
                  <th>{t('csvColumn')}</th>
                  <th>{t('csvProblem')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => (
                  <tr data-testid="msel-problem" data-line={p.line} data-column={p.column}>
                    <td>{p.line}</td>
                    <td>{p.column || '—'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {msels.length === 0 && <p>{t('noMsels')}</p>}
      {msels.map((m) => (
        <div class="msel" data-testid="msel" data-id={m.id} data-status={m.status}>
          <h3>
            {t('mselItem', { id: m.id, version: m.state.version })} · {m.status}{' '}
            <a href={`/api/v1/training/msels/${m.id}/export.csv`} data-testid="msel-export">
              CSV
            </a>
          </h3>
          {byDay(m.spec.injects).map((day) => (
            <div class="msel-day">
              <h4>D+{day.day}</h4>
              <ol class="msel-timeline">
                {day.injects.map((i) => (
                  <li>
                    <span class="offset">{i.offset}</span> <b>#{i.number}</b> {i.subject}{' '}
                    <span class="muted">
                      {i.sender} → {i.recipients.join(', ')} · {i.channel}
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          ))}
          <div class="plan-actions">
            {js && m.status === 'draft' && (
              <button disabled={busy} data-testid="msel-submit" onClick={() => act(() => designApi.command(m.id, { command: 'submit' }))}>
                {t('mselSubmit')}
              </button>
            )}
            {director && m.status === 'submitted' && (
              <button disabled={busy} data-testid="msel-approve" onClick={() => act(() => designApi.command(m.id, { command: 'approve' }))}>
                {t('mselApprove')}
              </button>
            )}
            {(js || director) && m.status === 'approved' && (
              <button
                disabled={busy}
                data-testid="msel-run"
                onClick={() =>
                  act(async () => {
                    const run = await designApi.newRun(design.id, m.id);
                    navigate(`training/runs/${run.id}`);
                  })
                }
              >
                {t('startRun')}
              </button>
            )}
          </div>
        </div>
      ))}
      <p>
        <a href={formatHash('training')}>{t('heading')}</a>
      </p>
    </div>
  );
}
