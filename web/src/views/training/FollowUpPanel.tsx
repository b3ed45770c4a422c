// What follows the exercises: corrective actions tracked to closure (overdue ones marked, the
// steps the user may take: the Joint Staff steer every action, a liaison officer starts and
// reports done their own state's) and lessons learned, searched in Russian or English.

import { useState } from 'preact/hooks';
import { useTrainingRefresh } from '../../data/trainingLive';
import { isJointStaff } from '../../domain/crisisActions';
import { currentUser } from '../../session/session';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { describeError } from '../../ui/errors';
import { useAsync } from '../crisis/parts';
import { followUpApi, type Action } from './api';
import { t } from './training.messages';

/** The steps `who` may take on `a` in its status (the API decides in the end). */
export function actionSteps(a: Action, who: { role: string; state: string | null; username: string } | null): string[] {
  if (!who) return [];
  const js = ['administrator', 'duty_officer', 'planner'].includes(who.role);
  const own = who.role === 'liaison_officer' && !!who.state && who.state === a.spec.owner_state;
  const steps: string[] = [];
  if ((js || own) && a.status === 'open') steps.push('start');
  if ((js || own) && (a.status === 'open' || a.status === 'in_progress')) steps.push('complete');
  if (js && a.status === 'done' && a.state.done?.by !== who.username) steps.push('verify');
  return steps;
}

export function FollowUpPanel() {
  const actions = useAsync((signal) => followUpApi.actions(signal), []);
  const [q, setQ] = useState('');
  const lessons = useAsync((signal) => followUpApi.lessons(q, signal), [q]);
  useTrainingRefresh(() => {
    actions.reload();
    lessons.reload();
  });
  const [error, setError] = useState<string | null>(null);
  const user = currentUser.value;
  const step = async (a: Action, command: string) => {
    setError(null);
    try {
      await followUpApi.command(a.id, command === 'complete' ? { command, note: t('doneNote') } : { command });
      actions.reload();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <div class="panel" data-testid="training-follow-up">
      <h2>{t('actions')}</h2>
      {actions.error ? <ErrorPanel error={actions.error} onRetry={actions.reload} /> : null}
      {!actions.data && !actions.error ? <Loading /> : null}
      {actions.data && actions.data.length === 0 && <p>{t('noActions')}</p>}
      {actions.data && actions.data.length > 0 && (
        <table class="data" data-testid="training-actions">
          <thead>
            <tr>
              <th>{t('actionTitle')}</th>
              <th>{t('actionOwner')}</th>
              <th>{t('actionDue')}</th>
              <th>{t('colStatus')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {actions.data.map((a) => (
              <tr data-testid="training-action" data-id={a.id} data-status={a.status} class={a.overdue ? 'overdue' : ''}>
                <td>
                  {a.spec.title} <span class="exercise-mark">{a.spec.exercise}</span>
                </td>
                <td>
                  {a.spec.owner}
                  {a.spec.owner_state ? ` (${a.spec.owner_state})` : ''}
                </td>
                <td>
                  {a.spec.due}
                  {a.overdue ? ` · ${t('overdue')}` : ''}
                </td>
                <td>{a.status.replace('_', ' ')}</td>
                <td>
                  {actionSteps(a, user).map((s) => (
                    <button data-testid={`action-${s}`} onClick={() => void step(a, s)}>
                      {t(`step_${s}` as 'step_start')}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <h2>{t('lessons')}</h2>
      <input type="search" placeholder={t('lessonSearch')} value={q} data-testid="lesson-search" onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      {lessons.data && lessons.data.length === 0 && <p>{t('noLessons')}</p>}
      <ul data-testid="training-lessons">
        {(lessons.data ?? []).map((l) => (
          <li data-testid="training-lesson" data-id={l.id}>
            <b>{l.lesson.title}</b> — {l.lesson.recommendation}
            {l.lesson.applies_to ? <span class="muted"> · {t('appliesTo', { year: l.lesson.applies_to.year })}</span> : null}
          </li>
        ))}
      </ul>
      {isJointStaff(user) ? <p class="muted">{t('followUpHint')}</p> : null}
    </div>
  );
}
