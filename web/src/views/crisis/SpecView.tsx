// What people wrote in a record (its spec) and what its workflow added (versions, comments,
// reports, notes), as a list of labelled values per kind.

import type { ComponentChildren } from 'preact';
import type {
  CrisisRecord,
  DecisionSpec,
  DecisionState,
  ForceSpec,
  GroupSpec,
  LogisticsSpec,
  ModeSpec,
  Note,
  OperationSpec,
  OperationState,
  RequestSpec,
  RequestState,
  SessionSpec,
  SessionState,
  ShiftSpec,
  ShiftState,
  TaskSpec,
  TaskState,
} from '../../api/crisisTypes';
import { stateName } from '../../data/reference';
import { formatDate, formatDateTime, formatNumber } from '../../i18n';
import { statusLabel, t, tk } from './crisis.messages';

type Row = [string, ComponentChildren];

function rows(r: CrisisRecord): Row[] {
  const s = r.spec as never;
  switch (r.kind) {
    case 'request': {
      const q = s as RequestSpec;
      const st = r.state as unknown as RequestState;
      return [
        [t('f_requesting_state'), stateName(q.requesting_state)],
        [t('f_from'), q.from],
        [t('f_received_at'), formatDateTime(q.received_at)],
        [t('f_asks'), <ul>{q.asks.map((a) => <li>{tk(`f_ask_${a.kind}`, a.kind)}{a.details ? `: ${a.details}` : ''}</li>)}</ul>],
        [t('f_summary'), <p class="pre">{q.summary}</p>],
        [t('f_attachments'), q.attachments.map((a) => `${a.title}${a.reference ? ` (${a.reference})` : ''}`).join('; ') || '—'],
        [t('arg_outcome'), st.outcome ? tk(`out_${st.outcome}`, st.outcome) : '—'],
      ];
    }
    case 'session': {
      const q = s as SessionSpec;
      const st = r.state as unknown as SessionState;
      return [
        [t('f_body'), q.body],
        [t('f_session_kind'), tk(`sk_${q.kind}`, q.kind)],
        [t('f_format'), tk(`fmt_${q.format}`, q.format)],
        ...(q.link ? [[t('f_link'), q.link] as Row] : []),
        ...(q.place ? [[t('f_place'), q.place] as Row] : []),
        [t('f_scheduled_at'), formatDateTime(q.scheduled_at)],
        [t('f_agenda'), <ol>{q.agenda.map((a) => <li>{a}</li>)}</ol>],
        [t('f_participants'), q.participants.map(stateName).join(', ')],
        ...(st.minutes ? [[t('arg_minutes'), <p class="pre">{st.minutes}</p>] as Row] : []),
        ...(st.cancelled_because ? [[t('arg_reason'), st.cancelled_because] as Row] : []),
      ];
    }
    case 'decision': {
      const q = s as DecisionSpec;
      const st = r.state as unknown as DecisionState;
      return [
        [t('f_title'), q.title],
        [t('f_prepared_by'), tk(`pb_${q.prepared_by}`, q.prepared_by)],
        [t('f_rule'), tk(`rule_${q.rule}`, q.rule)],
        ...(st.adopted_on ? [[t('st_adopted'), `${t('number', { n: st.number ?? '' })}, ${formatDate(st.adopted_on)}`] as Row] : []),
        [t('f_text'), <p class="pre">{q.text}</p>],
        [t('versions'), <ol>{st.versions.map((v) => <li>{`${v.by}, ${formatDateTime(v.at)}`}</li>)}</ol>],
        ...(st.comments.length
          ? [[t('comments'), <ul>{st.comments.map((c) => <li>{`${stateName(c.state)} (v${c.version}, ${formatDateTime(c.at)}): ${c.text}`}</li>)}</ul>] as Row]
          : []),
      ];
    }
    case 'operation': {
      const q = s as OperationSpec;
      const st = r.state as unknown as OperationState;
      return [
        [t('f_name'), q.name],
        [t('f_operation_kind'), tk(`ok_${q.kind}`, q.kind)],
        [t('f_host_state'), stateName(q.host_state)],
        [t('f_mandate'), <p class="pre">{q.mandate}</p>],
        [t('f_ceiling_personnel'), formatNumber(q.ceiling.personnel)],
        [t('f_ceiling_equipment'), formatNumber(q.ceiling.equipment)],
        [`${t('f_starts_on')} — ${t('f_ends_on')}`, `${formatDate(q.starts_on)} — ${formatDate(q.ends_on)}`],
        [t('f_facilities'), q.facilities.map((f) => f.name).join(', ') || '—'],
        ...(st.extensions.length
          ? [[t('cmd_extend'), st.extensions.map((e) => `${formatDate(e.until)} (${e.basis})`).join('; ')] as Row]
          : []),
      ];
    }
    case 'force': {
      const q = s as ForceSpec;
      return [
        [t('f_name'), q.name ?? ''],
        [t('f_state'), q.state ? stateName(q.state) : '—'],
        [t('f_personnel'), formatNumber(q.personnel ?? 0)],
        [t('f_equipment'), formatNumber(q.equipment ?? 0)],
        [t('f_initial'), statusLabel(q.initial)],
        [t('f_contingent_id'), <a href={`#/register/${q.contingent_id}`}>{String(q.contingent_id)}</a>],
      ];
    }
    case 'task': {
      const q = s as TaskSpec;
      const st = r.state as unknown as TaskState;
      return [
        [t('f_title'), q.title],
        [t('f_responsible'), 'state' in q.responsible ? stateName(q.responsible.state) : q.responsible.body],
        [t('f_deadline'), formatDateTime(q.deadline)],
        [t('f_details'), <p class="pre">{q.details || '—'}</p>],
        [t('reports'), notes(st.reports)],
      ];
    }
    case 'logistics': {
      const q = s as LogisticsSpec;
      return [
        [t('f_state'), stateName(q.state)],
        [t('f_support_kind'), tk(`sup_${q.kind}`, q.kind)],
        [t('f_items'), <p class="pre">{q.items}</p>],
        [t('f_needed_by'), q.needed_by ? formatDateTime(q.needed_by) : '—'],
        [t('notes'), notes((r.state as { notes?: Note[] }).notes ?? [])],
      ];
    }
    case 'mode': {
      const q = s as ModeSpec;
      return [
        [t('f_mode'), statusLabel(q.mode)],
        [t('f_reason'), q.reason],
      ];
    }
    case 'shift': {
      const q = s as ShiftSpec;
      const st = r.state as unknown as ShiftState;
      return [
        [t('f_starts_at'), formatDateTime(q.starts_at)],
        [t('f_ends_at'), formatDateTime(q.ends_at)],
        [t('f_officers'), q.officers.map((o) => `${o.name}${o.post ? ` (${o.post})` : ''}`).join(', ')],
        ...(st.handover ? [[t('arg_notes'), notes([st.handover])] as Row] : []),
      ];
    }
    case 'group': {
      const q = s as GroupSpec;
      return [
        [t('f_name'), q.name],
        [t('f_head'), `${q.head.name}${q.head.post ? ` (${q.head.post})` : ''}`],
        [t('f_members'), q.members.map((m) => m.name).join(', ') || '—'],
        [t('f_location_name'), `${q.location.name} (${q.location.position.lat}, ${q.location.position.lon})`],
      ];
    }
  }
}

function notes(list: Note[]) {
  if (!list.length) return '—';
  return <ul>{list.map((n) => <li>{`${formatDateTime(n.at)}, ${n.by}: ${n.text}`}</li>)}</ul>;
}

export function SpecView({ record }: { record: CrisisRecord }) {
  return (
    <dl class="crisis-spec" data-testid="spec">
      {rows(record).map(([k, v], i) => (
        <div key={i}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
