//! Crisis records as storage hands them out, and the queries over them.

use chrono::{DateTime, Utc};
use crc_domain::codes::StateCode;
use crc_domain::crisis::{Kind, Spec, State};
use crc_domain::releasability::Releasability;
use crc_domain::DomainError;
use serde::{Deserialize, Serialize};

/// One stored crisis record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrisisRecord {
    /// Id (one sequence for every kind).
    pub id: i64,
    /// Kind.
    pub kind: Kind,
    /// The parent record (a decision's session, an operation's decision, ...).
    pub parent_id: Option<i64>,
    /// The request it descends from (its own id for a request).
    pub crisis_id: Option<i64>,
    /// The member state it belongs to, if any.
    pub owner_state: Option<StateCode>,
    /// The workflow status's wire name.
    pub status: String,
    /// A one-line title.
    pub title: String,
    /// The exercise it belongs to; `None` for the real world.
    pub exercise: Option<String>,
    /// Who may see it.
    pub releasability: Releasability,
    /// Its number (a session's within its body, an adopted decision's in the register).
    pub number: Option<i64>,
    /// Its main time (received, scheduled, started, due).
    pub main_at: Option<DateTime<Utc>>,
    /// The deadline while a task is open.
    pub due_at: Option<DateTime<Utc>>,
    /// What people wrote.
    pub spec: Spec,
    /// What its workflow made of it.
    pub state: State,
    /// Demonstration data (the worked historical example).
    pub demo: bool,
    /// Optimistic concurrency version, from 1.
    pub version: i64,
    /// Who created it.
    pub created_by: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// The stored form read back: spec and state are parsed by kind.
#[derive(Deserialize)]
struct RawRecord {
    id: i64,
    kind: Kind,
    parent_id: Option<i64>,
    crisis_id: Option<i64>,
    owner_state: Option<StateCode>,
    status: String,
    title: String,
    exercise: Option<String>,
    releasability: Releasability,
    number: Option<i64>,
    main_at: Option<DateTime<Utc>>,
    due_at: Option<DateTime<Utc>>,
    spec: serde_json::Value,
    state: serde_json::Value,
    demo: bool,
    version: i64,
    created_by: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl<'de> Deserialize<'de> for CrisisRecord {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = RawRecord::deserialize(d)?;
        let spec = Spec::parse(r.kind, r.spec).map_err(serde::de::Error::custom)?;
        let state = State::parse(r.kind, r.state).map_err(serde::de::Error::custom)?;
        Ok(CrisisRecord {
            id: r.id,
            kind: r.kind,
            parent_id: r.parent_id,
            crisis_id: r.crisis_id,
            owner_state: r.owner_state,
            status: r.status,
            title: r.title,
            exercise: r.exercise,
            releasability: r.releasability,
            number: r.number,
            main_at: r.main_at,
            due_at: r.due_at,
            spec,
            state,
            demo: r.demo,
            version: r.version,
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// What a caller gives to create a record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCrisisRecord {
    /// The checked spec.
    pub spec: Spec,
    /// The parent record, where the kind has one.
    pub parent: Option<i64>,
    /// The exercise (only for a record without a parent; children take their parent's).
    pub exercise: Option<String>,
    /// Who may see it.
    pub releasability: Releasability,
    /// Demonstration data.
    pub demo: bool,
}

/// Which records by their exercise marking.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ExerciseFilter {
    /// Real-world records only (the default everywhere).
    #[default]
    RealWorld,
    /// Exercise records only.
    Exercises,
    /// The records of one exercise.
    Exercise(String),
    /// Both, each marked.
    All,
}

impl ExerciseFilter {
    /// Parses `real` (default), `exercises`, `all` or `exercise:NAME`.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "" | "real" => Ok(ExerciseFilter::RealWorld),
            "exercises" => Ok(ExerciseFilter::Exercises),
            "all" => Ok(ExerciseFilter::All),
            other => match other.strip_prefix("exercise:") {
                Some(name) if !name.trim().is_empty() => Ok(ExerciseFilter::Exercise(name.into())),
                _ => Err(DomainError::invalid(
                    "exercise",
                    format!("`{s}` is not one of real, exercises, all, exercise:NAME"),
                )),
            },
        }
    }
}

/// A list of crisis records.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CrisisQuery {
    /// Of one kind.
    pub kind: Option<Kind>,
    /// Children of one record.
    pub parent: Option<i64>,
    /// Descendants of one request.
    pub crisis: Option<i64>,
    /// In one of these statuses.
    pub statuses: Vec<String>,
    /// Belonging to this member state.
    pub owner_state: Option<StateCode>,
    /// Real world, exercises or both.
    pub exercise: ExerciseFilter,
    /// Only open tasks past their deadline at this time.
    pub overdue_at: Option<DateTime<Utc>>,
    /// Page size (1..=500).
    pub limit: i64,
    /// Page offset.
    pub offset: i64,
    /// Leave out the count of all matching records (`total` is then the page's length):
    /// the board needs the first records, not how many there are.
    pub skip_total: bool,
}

/// A page of crisis records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrisisPage {
    /// The records.
    pub items: Vec<CrisisRecord>,
    /// How many match in all.
    pub total: i64,
}

/// One entry of the crisis journal: one step of one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// Entry id, in commit order.
    pub id: i64,
    /// The record.
    pub record_id: i64,
    /// The request it descends from.
    pub crisis_id: Option<i64>,
    /// The record's kind.
    pub kind: Kind,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// `create` or the command's name.
    pub action: String,
    /// The status before (none when created).
    pub from_status: Option<String>,
    /// The status after.
    pub to_status: String,
    /// The record's title at the time.
    pub title: String,
    /// The command as given (its arguments), or the spec when created.
    pub detail: serde_json::Value,
    /// The exercise, if any.
    pub exercise: Option<String>,
    /// The audit entry of the same change.
    pub audit_seq: i64,
}

/// A journal query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JournalQuery {
    /// One crisis (a request and its descendants).
    pub crisis: Option<i64>,
    /// One record.
    pub record: Option<i64>,
    /// Only these kinds.
    pub kinds: Vec<Kind>,
    /// Real world, exercises or both.
    pub exercise: ExerciseFilter,
    /// Entries after this id.
    pub after: i64,
    /// At most this many (1..=5000).
    pub limit: i64,
}

/// Counts for the crisis board: records per kind and status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    /// Kind.
    pub kind: Kind,
    /// Status.
    pub status: String,
    /// How many.
    pub count: i64,
}

/// A crisis record as exported, with its numbering scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedCrisis {
    /// The record.
    #[serde(flatten)]
    pub record: CrisisRecord,
    /// Its numbering scope (sessions and decisions).
    pub scope: Option<String>,
}

/// Who acts on a crisis record.
#[derive(Debug, Clone)]
pub struct CrisisActor<'a> {
    /// The username for the audit log and journal.
    pub name: &'a str,
    /// The member state the actor is bound to (liaison officers).
    pub state: Option<&'a StateCode>,
    /// What the actor may see.
    pub viewer: &'a crc_domain::identity::Viewer,
}
