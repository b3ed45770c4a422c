//! Movement plans as storage hands them out: the record of a plan (how it was asked for,
//! where its search stands, what came out), and who may read it.
//!
//! The scenario and the plan are the planner's JSON documents; storage keeps them as JSON
//! and never looks inside, so it does not depend on the planner. What lists show (the
//! summary) is given by the caller when a plan finishes.

use chrono::{DateTime, Utc};
use crc_domain::codes::StateCode;
use crc_domain::identity::Viewer;
use crc_domain::releasability::Releasability;
use crc_domain::DomainError;
use serde::{Deserialize, Serialize};

/// Where a plan's search stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Waiting for a runner.
    Queued,
    /// Being searched.
    Running,
    /// Finished with a plan.
    Done,
    /// Finished without one: some part of some unit cannot reach the destination.
    Infeasible,
    /// The search failed (a scenario the planner refused, or an internal fault).
    Failed,
}

impl PlanStatus {
    /// Every status.
    pub const ALL: [PlanStatus; 5] = [
        PlanStatus::Queued,
        PlanStatus::Running,
        PlanStatus::Done,
        PlanStatus::Infeasible,
        PlanStatus::Failed,
    ];

    /// The wire and column name.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Queued => "queued",
            PlanStatus::Running => "running",
            PlanStatus::Done => "done",
            PlanStatus::Infeasible => "infeasible",
            PlanStatus::Failed => "failed",
        }
    }

    /// Parses a wire name.
    pub fn parse(s: &str) -> Result<PlanStatus, DomainError> {
        PlanStatus::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid(
                    "status",
                    format!(
                        "`{s}` is not a plan status (queued, running, done, infeasible, failed)"
                    ),
                )
            })
    }

    /// Whether the search is over.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            PlanStatus::Done | PlanStatus::Infeasible | PlanStatus::Failed
        )
    }
}

/// The search's report: candidates built, the effort it will spend, the best closure so far
/// and the lower bound (minutes after C-hour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanProgress {
    /// Candidate plans built.
    pub candidates: u64,
    /// Candidate plans the search will build.
    pub effort: u64,
    /// Closure of the best plan so far (minute).
    pub best_closure: i64,
    /// The lower bound on any plan's closure (minute).
    pub lower_bound: i64,
}

/// What limits a plan's closure (the planner's `Binding`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanBinding {
    /// `route`, `fleet`, `crossing`, `airfield` or `rail`.
    pub kind: String,
    /// What it names (an aircraft type, a crossing, ...).
    pub id: String,
    /// The sentence people read.
    pub text: String,
}

/// The figures of a finished plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    /// When the last unit has arrived (minute).
    pub closure: i64,
    /// The best lower bound (minute).
    pub lower_bound: i64,
    /// (closure − bound) / bound.
    pub gap: f64,
    /// Loaded flights.
    pub sorties: i64,
    /// Σ priority × minutes late.
    pub weighted_lateness: i64,
    /// What limits the closure.
    pub binding: PlanBinding,
}

/// Who may see a plan of an operation: the operation's owning state and releasability, as
/// they were when the plan record was read. Carried into the audit log so the event stream
/// can decide who hears of a plan's changes without reading the operation again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationSight {
    /// The operation's owning (host) state.
    pub owner_state: Option<StateCode>,
    /// Its releasability.
    pub releasability: Releasability,
}

impl OperationSight {
    /// The same rule as the crisis records' (storage queries and the event stream): a
    /// national record without an owner is the system's only.
    pub fn visible_to(&self, viewer: &Viewer) -> bool {
        match (&self.owner_state, viewer) {
            (Some(owner), _) => self.releasability.visible_to(owner, viewer),
            (None, Viewer::System) => true,
            (None, Viewer::Person { state }) => match &self.releasability {
                Releasability::Organization => true,
                Releasability::National => false,
                Releasability::States(list) => state.as_ref().is_some_and(|s| list.contains(s)),
            },
        }
    }
}

/// Who reads plans: the releasability viewer, and whether the reader belongs to the Joint
/// Staff (administrators, duty officers, planners), whose alone the plans without an
/// operation are.
#[derive(Debug, Clone, Copy)]
pub struct PlanViewer<'a> {
    /// Decides which operations' plans are visible.
    pub viewer: &'a Viewer,
    /// Sees the plans without an operation.
    pub joint_staff: bool,
}

impl PlanViewer<'_> {
    /// Whether this reader may see a plan of `operation` (none: a plan without one) whose
    /// operation is seen as `sight` (none: the operation is gone).
    pub fn sees(&self, operation: Option<i64>, sight: Option<&OperationSight>) -> bool {
        match (operation, sight) {
            (None, _) => self.joint_staff || matches!(self.viewer, Viewer::System),
            (Some(_), Some(s)) => s.visible_to(self.viewer),
            (Some(_), None) => matches!(self.viewer, Viewer::System),
        }
    }
}

/// One stored plan, without its two big documents (the scenario and the plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRecord {
    /// Id.
    pub id: i64,
    /// The operation it plans (a crisis record), if any.
    pub operation_id: Option<i64>,
    /// The plan a what-if started from.
    pub parent_id: Option<i64>,
    /// The what-if changes (the planner's `Change`s, as JSON).
    pub changes: serde_json::Value,
    /// The operation's exercise; `None` for the real world.
    pub exercise: Option<String>,
    /// The scenario's C-hour.
    pub epoch: Option<DateTime<Utc>>,
    /// The search's seed.
    pub seed: u64,
    /// How long the search may run, milliseconds.
    pub time_limit_ms: i64,
    /// Where it stands.
    pub status: PlanStatus,
    /// Somebody asked the search to stop.
    pub stop_requested: bool,
    /// The search's last report stored (at the end), if any.
    pub progress: Option<PlanProgress>,
    /// The figures, when done.
    pub summary: Option<PlanSummary>,
    /// Why there is no plan (infeasible, failed): `{message, unreachable?}`.
    pub error: Option<serde_json::Value>,
    /// Who asked for it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When the search ended.
    pub finished_at: Option<DateTime<Utc>>,
    /// Grows with every change.
    pub version: i64,
    /// Who may see the operation (and so the plan), as read with the record.
    pub sight: Option<OperationSight>,
}

/// What a caller gives to queue a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPlan {
    /// The operation it plans (must be a crisis record of kind operation).
    pub operation_id: Option<i64>,
    /// The plan a what-if started from.
    pub parent_id: Option<i64>,
    /// The what-if changes (JSON array).
    pub changes: serde_json::Value,
    /// The exercise (the operation's).
    pub exercise: Option<String>,
    /// The scenario (JSON).
    pub scenario: serde_json::Value,
    /// Its C-hour.
    pub epoch: Option<DateTime<Utc>>,
    /// The search's seed.
    pub seed: u64,
    /// How long the search may run, milliseconds.
    pub time_limit_ms: i64,
}

/// How a search ended.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOutcome {
    /// `Done`, `Infeasible` or `Failed`.
    pub status: PlanStatus,
    /// The search's last report.
    pub progress: Option<PlanProgress>,
    /// The plan (JSON), when done.
    pub plan: Option<serde_json::Value>,
    /// Its figures, when done.
    pub summary: Option<PlanSummary>,
    /// Why there is no plan: `{message, unreachable?}`.
    pub error: Option<serde_json::Value>,
}

/// A list of plans.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanQuery {
    /// Of one operation.
    pub operation_id: Option<i64>,
    /// In one status.
    pub status: Option<PlanStatus>,
    /// At most this many (1..=500), newest first.
    pub limit: i64,
}

/// Which of a plan's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanDocument {
    /// The scenario it was made from.
    Scenario,
    /// The plan that came out (absent until done).
    Plan,
}

macro_rules! on_backend {
    ($self:ident, $b:ident => $e:expr) => {
        match $self {
            crate::Store::Sqlite($b) => $e,
            crate::Store::Postgres($b) => $e,
        }
    };
}

/// The store's plan operations (`plan_queries.rs` holds their SQL).
impl crate::Store {
    /// Queues a plan, with its audit entry.
    pub async fn create_plan(&self, actor: &str, new: NewPlan) -> crate::Result<PlanRecord> {
        on_backend!(self, b => b.create_plan(actor, new).await)
    }
    /// One plan `pv` may see (a plan without an operation outside the Joint Staff is
    /// forbidden; anything else not visible is not found).
    pub async fn plan(&self, pv: &PlanViewer<'_>, id: i64) -> crate::Result<PlanRecord> {
        on_backend!(self, b => b.plan(pv, id).await)
    }
    /// One plan with its scenario or plan document (JSON text).
    pub async fn plan_document(
        &self,
        pv: &PlanViewer<'_>,
        id: i64,
        which: PlanDocument,
    ) -> crate::Result<(PlanRecord, Option<String>)> {
        on_backend!(self, b => b.plan_document(pv, id, which).await)
    }
    /// The plans `pv` may see, newest first.
    pub async fn list_plans(
        &self,
        pv: &PlanViewer<'_>,
        query: &PlanQuery,
    ) -> crate::Result<Vec<PlanRecord>> {
        on_backend!(self, b => b.list_plans(pv, query).await)
    }
    /// Takes the oldest queued plan (now running) with its scenario (JSON text).
    pub async fn claim_plan(&self, actor: &str) -> crate::Result<Option<(PlanRecord, String)>> {
        on_backend!(self, b => b.claim_plan(actor).await)
    }
    /// Asks a plan's search to stop.
    pub async fn stop_plan(
        &self,
        actor: &str,
        pv: &PlanViewer<'_>,
        id: i64,
    ) -> crate::Result<PlanRecord> {
        on_backend!(self, b => b.stop_plan(actor, pv, id).await)
    }
    /// Stores how a running plan's search ended.
    pub async fn finish_plan(
        &self,
        actor: &str,
        id: i64,
        outcome: &PlanOutcome,
    ) -> crate::Result<PlanRecord> {
        on_backend!(self, b => b.finish_plan(actor, id, outcome).await)
    }
    /// Queues again the plans left running by a process that ended.
    pub async fn requeue_plans(&self, actor: &str) -> crate::Result<Vec<i64>> {
        on_backend!(self, b => b.requeue_plans(actor).await)
    }
}
