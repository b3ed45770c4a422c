// The steps the user may take with a record now (crisisActions.ts decides which), as
// buttons; a step that needs words or a date asks for them in a dialog. The server's
// refusal is shown as it gave it: an illegal step by its message, a wrong value at its field.

import { useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client';
import { api } from '../../api/calls';
import type { CrisisCommand, CrisisRecord } from '../../api/crisisTypes';
import { formatHash } from '../../app/router';
import { stateName } from '../../data/reference';
import { zoneMode } from '../../i18n';
import { describeError } from '../../ui/errors';
import { Dialog } from '../../ui/Dialog';
import { notify } from '../../ui/notices';
import { commandLabel, kindLabel, t } from './crisis.messages';
import { toInstant } from './forms';

type ArgType = 'text' | 'textarea' | 'date' | 'datetime' | 'outcome' | 'state';
interface Arg {
  name: string;
  type: ArgType;
  required: boolean;
}
const note: Arg = { name: 'note', type: 'textarea', required: false };
const reason: Arg = { name: 'reason', type: 'textarea', required: true };
const text: Arg = { name: 'text', type: 'textarea', required: true };

/** The arguments of each command that has any (`kind.command` where kinds differ). */
const ARGS: Record<string, Arg[]> = {
  'request.consider': [note],
  'request.decide': [{ name: 'outcome', type: 'outcome', required: true }, note],
  'request.close': [note],
  'request.withdraw': [{ name: 'note', type: 'textarea', required: true }],
  'session.close': [{ name: 'minutes', type: 'textarea', required: true }],
  'session.cancel': [reason],
  'decision.revise': [text],
  'decision.comment': [{ name: 'state', type: 'state', required: true }, text],
  'decision.withdraw': [reason],
  'operation.extend': [
    { name: 'until', type: 'date', required: true },
    { name: 'basis', type: 'text', required: true },
  ],
  'force.decline': [reason],
  'force.withdraw': [reason],
  'task.report': [text],
  'task.complete': [text],
  'task.reschedule': [{ name: 'deadline', type: 'datetime', required: true }, reason],
  'task.cancel': [reason],
  'logistics.approve': [note],
  'logistics.refuse': [reason],
  'logistics.fulfil': [note],
  'shift.hand_over': [{ name: 'notes', type: 'textarea', required: true }],
};

export interface ActionPanelProps {
  record: CrisisRecord;
  commands: string[];
  /** The delegations the user may comment for (decisions). */
  delegations: string[];
  onDone: (r: CrisisRecord) => void;
}

/** Sends one command; the caller shows what went wrong. */
export async function send(record: CrisisRecord, command: CrisisCommand, onDone: (r: CrisisRecord) => void) {
  const r = await api.crisisCommand(record.kind, record.id, record.version, command);
  notify('success', t('done', { kind: kindLabel(r.kind), id: r.id, action: commandLabel(command.command) }));
  onDone(r);
}

/** A refusal in words: an illegal step by the server's message, anything else as usual. */
export function refusal(e: unknown): string {
  if (e instanceof ApiFailure && (e.code === 'illegal_transition' || e.status === 409 || e.status === 412)) {
    return t('illegal', { message: e.body.message });
  }
  return describeError(e);
}

export function ActionPanel({ record, commands, delegations, onDone }: ActionPanelProps) {
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = commands.filter((c) => c !== 'record_position');

  const run = async (command: string) => {
    if (ARGS[`${record.kind}.${command}`]) {
      setAsking(command);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await send(record, { command }, onDone);
    } catch (e) {
      setProblem(refusal(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel crisis-actions" aria-labelledby="actions-heading" data-testid="actions">
      <h2 id="actions-heading">{t('actions')}</h2>
      {shown.length === 0 && <p class="muted" data-testid="no-actions">{t('noActions')}</p>}
      <div class="crisis-action-buttons">
        {shown.map((c) =>
          c === 'amend' ? (
            // Amending rewrites the spec: the kind's own form, prefilled, on its own page.
            <a key={c} class="button" href={formatHash(`crisis/${record.kind}/${record.id}/amend`)} data-testid="action-amend">
              {commandLabel(c)}
            </a>
          ) : (
            <button key={c} type="button" class="button" disabled={busy} data-testid={`action-${c}`} onClick={() => run(c)}>
              {commandLabel(c)}
            </button>
          ),
        )}
      </div>
      {problem && <p class="field-error" role="alert" data-testid="action-error">{problem}</p>}
      {asking && (
        <ArgsDialog record={record} command={asking} args={ARGS[`${record.kind}.${asking}`]!} delegations={delegations}
          onClose={() => setAsking(null)} onDone={(r) => { setAsking(null); onDone(r); }} />
      )}
    </section>
  );
}

function ArgsDialog({ record, command, args, delegations, onClose, onDone }: {
  record: CrisisRecord;
  command: string;
  args: Arg[];
  delegations: string[];
  onClose: () => void;
  onDone: (r: CrisisRecord) => void;
}) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(args.map((a) => [a.name, a.type === 'state' && delegations.length === 1 ? delegations[0]! : ''])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const errs: Record<string, string> = {};
    const body: CrisisCommand = { command };
    for (const a of args) {
      const v = values[a.name]!.trim();
      if (a.required && !v) errs[a.name] = t('err_required');
      if (a.type === 'datetime') {
        const i = v ? toInstant(v, zoneMode.value === 'utc') : null;
        if (v && !i) errs[a.name] = t('err_required');
        body[a.name] = i;
      } else body[a.name] = v;
    }
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    setProblem(null);
    try {
      await send(record, body, onDone);
    } catch (e) {
      setBusy(false);
      const field = e instanceof ApiFailure ? e.field : undefined;
      if (e instanceof ApiFailure && field && args.some((a) => a.name === field)) {
        setErrors({ [field]: t('err_server', { message: e.body.message }) });
      } else setProblem(refusal(e));
    }
  };

  return (
    <Dialog title={commandLabel(command)} onClose={onClose} testId="command-dialog"
      actions={
        <>
          <button type="button" class="button" onClick={onClose}>{t('cancel')}</button>
          <button type="submit" form="command-form" class="button button-primary" disabled={busy} data-testid="command-submit">
            {busy ? t('working') : t('confirm')}
          </button>
        </>
      }>
      <form id="command-form" class="crisis-form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {args.map((a) => {
          const id = `arg-${a.name}`;
          const common = {
            id,
            'data-testid': id,
            'aria-invalid': errors[a.name] ? true : undefined,
            'aria-describedby': errors[a.name] ? `${id}-error` : undefined,
            value: values[a.name],
            onInput: (e: Event) => setValues({ ...values, [a.name]: (e.currentTarget as HTMLInputElement).value }),
          };
          return (
            <div class="field" key={a.name}>
              <label for={id}>{t(`arg_${a.name}` as 'arg_note')}</label>
              {a.type === 'textarea' && <textarea rows={3} {...common} data-autofocus />}
              {a.type === 'text' && <input {...common} />}
              {a.type === 'date' && <input type="date" {...common} />}
              {a.type === 'datetime' && <input type="datetime-local" {...common} />}
              {a.type === 'outcome' && (
                <select {...common} onChange={common.onInput}>
                  <option value="">{t('choose')}</option>
                  {['granted', 'partly_granted', 'refused'].map((o) => (
                    <option key={o} value={o}>{t(`out_${o}` as 'out_granted')}</option>
                  ))}
                </select>
              )}
              {a.type === 'state' && (
                <select {...common} onChange={common.onInput}>
                  {delegations.length !== 1 && <option value="">{t('choose')}</option>}
                  {delegations.map((s) => <option key={s} value={s}>{stateName(s)}</option>)}
                </select>
              )}
              {errors[a.name] && <p id={`${id}-error`} class="field-error">{errors[a.name]}</p>}
            </div>
          );
        })}
        {problem && <p class="field-error" role="alert" data-testid="command-error">{problem}</p>}
      </form>
    </Dialog>
  );
}
