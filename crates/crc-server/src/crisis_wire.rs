//! The crisis chain's wire types. A record's `spec` and `state` are the domain's own JSON
//! (documented per kind in docs/crisis.md); the envelope around them is typed here.

use chrono::{DateTime, Utc};
use crc_storage::{CrisisRecord, JournalEntry};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::wire::ReleasabilityWire;

/// The marking every exercise record carries wherever it is shown or exported.
pub const EXERCISE_MARKING: &str = "EXERCISE";

/// A new crisis record.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CrisisIn {
    /// The parent record: a decision's session, an operation's or task's decision, a
    /// force's, logistics request's or group's operation; optional for a session or mode
    /// change (the request it answers).
    pub parent: Option<i64>,
    /// The exercise this record belongs to (only for a record without a parent; children
    /// belong to their parent's). Absent: real world.
    pub exercise: Option<String>,
    /// Who may see it (default: the whole organization).
    pub releasability: Option<ReleasabilityWire>,
    /// The record's spec, by kind.
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
}

/// A crisis record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CrisisOut {
    /// Id.
    pub id: i64,
    /// `request`, `session`, `decision`, `operation`, `force`, `task`, `logistics`, `mode`,
    /// `shift` or `group`.
    pub kind: String,
    /// The parent record.
    pub parent_id: Option<i64>,
    /// The request it descends from.
    pub crisis_id: Option<i64>,
    /// The member state it belongs to.
    pub owner_state: Option<String>,
    /// Its workflow status.
    pub status: String,
    /// One-line title.
    pub title: String,
    /// The exercise it belongs to; absent for the real world.
    pub exercise: Option<String>,
    /// `EXERCISE` for an exercise record.
    pub marking: Option<&'static str>,
    /// Who may see it.
    pub releasability: ReleasabilityWire,
    /// Its number (sessions within their body; adopted decisions in the register).
    pub number: Option<i64>,
    /// Its main time.
    pub main_at: Option<DateTime<Utc>>,
    /// The deadline of an open task.
    pub due_at: Option<DateTime<Utc>>,
    /// An open task past its deadline.
    pub overdue: bool,
    /// What people wrote.
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
    /// What its workflow made of it.
    #[schema(value_type = Object)]
    pub state: serde_json::Value,
    /// Demonstration data.
    pub demo: bool,
    /// Version (the ETag).
    pub version: i64,
    /// Who created it.
    pub created_by: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Changed.
    pub updated_at: DateTime<Utc>,
}

impl CrisisOut {
    /// The wire form of `r` as of `now` (which decides `overdue`).
    pub fn new(r: CrisisRecord, now: DateTime<Utc>) -> Self {
        let CrisisRecord {
            id,
            kind,
            parent_id,
            crisis_id,
            owner_state,
            status,
            title,
            exercise,
            releasability,
            number,
            main_at,
            due_at,
            spec,
            state,
            demo,
            version,
            created_by,
            created_at,
            updated_at,
        } = r;
        CrisisOut {
            id,
            kind: kind.as_str().to_owned(),
            parent_id,
            crisis_id,
            owner_state: owner_state.map(|s| s.to_string()),
            status,
            title,
            marking: exercise.as_ref().map(|_| EXERCISE_MARKING),
            exercise,
            releasability: releasability.into(),
            number,
            main_at,
            overdue: due_at.is_some_and(|d| d < now),
            due_at,
            spec: serde_json::to_value(&spec).unwrap_or_default(),
            state: serde_json::to_value(&state).unwrap_or_default(),
            demo,
            version,
            created_by,
            created_at,
            updated_at,
        }
    }
}

/// A page of crisis records.
#[derive(Debug, Serialize, ToSchema)]
pub struct CrisisPageOut {
    /// Records.
    pub items: Vec<CrisisOut>,
    /// Matching in all.
    pub total: i64,
    /// Page size.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

/// Filters of a crisis list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CrisisListParams {
    /// Children of this record.
    pub parent: Option<i64>,
    /// Descendants of this request.
    pub crisis: Option<i64>,
    /// Comma-separated statuses.
    pub status: Option<String>,
    /// Belonging to this member state.
    pub state: Option<String>,
    /// `real` (default), `exercises`, `all` or `exercise:NAME`.
    pub exercise: Option<String>,
    /// Only open tasks past their deadline.
    pub overdue: Option<bool>,
    /// Page size, 1..500 (default 50).
    pub limit: Option<i64>,
    /// Offset (default 0).
    pub offset: Option<i64>,
}

/// Filters of the journal.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct JournalParams {
    /// One crisis (a request and everything descending from it).
    pub crisis: Option<i64>,
    /// One record.
    pub record: Option<i64>,
    /// Comma-separated kinds.
    pub kinds: Option<String>,
    /// `real` (default), `exercises`, `all` or `exercise:NAME`.
    pub exercise: Option<String>,
    /// Entries after this id.
    pub after: Option<i64>,
    /// At most (1..5000, default 500).
    pub limit: Option<i64>,
}

/// One journal entry.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JournalOut {
    /// Entry id.
    pub id: i64,
    /// The record.
    pub record_id: i64,
    /// The request it descends from.
    pub crisis_id: Option<i64>,
    /// The record's kind.
    pub kind: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// `create` or the command.
    pub action: String,
    /// Status before.
    pub from_status: Option<String>,
    /// Status after.
    pub to_status: String,
    /// The record's title.
    pub title: String,
    /// The command's arguments or the created spec.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    /// The exercise, if any.
    pub exercise: Option<String>,
    /// `EXERCISE` for an exercise entry.
    pub marking: Option<&'static str>,
    /// The audit entry of the same change (the event id).
    pub audit_seq: i64,
}

impl From<JournalEntry> for JournalOut {
    fn from(j: JournalEntry) -> Self {
        let JournalEntry {
            id,
            record_id,
            crisis_id,
            kind,
            at,
            actor,
            action,
            from_status,
            to_status,
            title,
            detail,
            exercise,
            audit_seq,
        } = j;
        JournalOut {
            id,
            record_id,
            crisis_id,
            kind: kind.as_str().to_owned(),
            at,
            actor,
            action,
            from_status,
            to_status,
            title,
            detail,
            marking: exercise.as_ref().map(|_| EXERCISE_MARKING),
            exercise,
            audit_seq,
        }
    }
}

/// Count of records of a kind in a status.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusCountOut {
    /// Kind.
    pub kind: String,
    /// Status.
    pub status: String,
    /// How many.
    pub count: i64,
}

/// The crisis board: what is open now.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardOut {
    /// Now, as the server sees it (decides `overdue`).
    pub now: DateTime<Utc>,
    /// Which records: `real`, `exercises`, `all` or `exercise:NAME`.
    pub exercise: String,
    /// Records per kind and status.
    pub counts: Vec<StatusCountOut>,
    /// Requests not closed (at most 50 of each list; `counts` has them all).
    pub requests: Vec<CrisisOut>,
    /// Sessions scheduled or open.
    pub sessions: Vec<CrisisOut>,
    /// Decisions being drafted or tabled, and the latest adopted.
    pub decisions: Vec<CrisisOut>,
    /// Operations not terminated.
    pub operations: Vec<CrisisOut>,
    /// Open tasks past their deadline, most overdue first (at most 50).
    pub overdue_tasks: Vec<CrisisOut>,
    /// Open tasks by deadline (at most 50).
    pub open_tasks: Vec<CrisisOut>,
    /// The latest change of the operating mode.
    pub mode: Option<CrisisOut>,
    /// The shift on duty.
    pub shift: Option<CrisisOut>,
}

/// Personnel and equipment of one state and component in a force.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompositionRowOut {
    /// State.
    pub state: String,
    /// Component.
    pub component: String,
    /// Contingents in the force.
    pub contingents: i64,
    /// Personnel.
    pub personnel: i64,
    /// Equipment.
    pub equipment: i64,
}

/// An operation's force against its ceiling.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompositionOut {
    /// The operation.
    pub operation: CrisisOut,
    /// Ceiling: personnel.
    pub ceiling_personnel: i64,
    /// Ceiling: equipment.
    pub ceiling_equipment: i64,
    /// Personnel in the force (accepted, not stood down).
    pub personnel: i64,
    /// Equipment in the force.
    pub equipment: i64,
    /// Per state and component.
    pub rows: Vec<CompositionRowOut>,
    /// Every force record with its status (offers and requests too).
    pub forces: Vec<CrisisOut>,
}

/// The control of a decision's execution.
#[derive(Debug, Serialize, ToSchema)]
pub struct ControlReportOut {
    /// The decision.
    pub decision: CrisisOut,
    /// Now (decides `overdue`).
    pub now: DateTime<Utc>,
    /// Its tasks, by deadline.
    pub tasks: Vec<CrisisOut>,
    /// Tasks done.
    pub done: i64,
    /// Tasks open.
    pub open: i64,
    /// Tasks open past their deadline.
    pub overdue: i64,
    /// Tasks cancelled.
    pub cancelled: i64,
}

/// A crisis's journal as one document.
#[derive(Debug, Serialize, ToSchema)]
pub struct JournalDocumentOut {
    /// `crc-crisis-journal`.
    pub format: &'static str,
    /// When made.
    pub generated_at: DateTime<Utc>,
    /// `EXERCISE` when the crisis belongs to an exercise.
    pub marking: Option<&'static str>,
    /// The request the crisis began with.
    pub request: CrisisOut,
    /// Every record of the crisis visible to the reader.
    pub records: Vec<CrisisOut>,
    /// Every step, in order.
    pub entries: Vec<JournalOut>,
}
