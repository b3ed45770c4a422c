//! The movement plans' wire types (`docs/planner.md`, "In the service"). The planner's own
//! documents (scenario, plan, changes, diff) pass through as JSON: their schemas are
//! `docs/planner/*.schema.json`, generated from the planner's types.

use chrono::{DateTime, Utc};
use crc_storage::{PlanProgress, PlanRecord, PlanSummary};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::crisis_wire::EXERCISE_MARKING;

/// The longest search a request may ask for, milliseconds.
pub const MAX_TIME_LIMIT_MS: u64 = 120_000;
/// The search's time when none is asked for, milliseconds.
pub const DEFAULT_TIME_LIMIT_MS: u64 = 5_000;

/// Plan an operation's movement.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OperationPlanIn {
    /// The search's seed (default 1).
    pub seed: Option<u64>,
    /// How long the search may run, milliseconds (default 5000, at most 120000).
    pub time_limit_ms: Option<u64>,
    /// What-if changes applied to the operation's scenario before planning.
    #[schema(value_type = Option<Vec<Object>>)]
    pub changes: Option<serde_json::Value>,
}

/// Plan a scenario sent whole.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioPlanIn {
    /// The scenario (`docs/planner/scenario.schema.json`).
    #[schema(value_type = Object)]
    pub scenario: serde_json::Value,
    /// The search's seed (default 1).
    pub seed: Option<u64>,
    /// How long the search may run, milliseconds (default 5000, at most 120000).
    pub time_limit_ms: Option<u64>,
    /// The operation the scenario is for (its readers read the plan).
    pub operation_id: Option<i64>,
}

/// Re-plan with changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WhatIfIn {
    /// The changes, e.g. `{"change": "refuse_transit", "state": "UZB"}`.
    #[schema(value_type = Vec<Object>)]
    pub changes: serde_json::Value,
    /// The search's seed (default: the plan's).
    pub seed: Option<u64>,
    /// How long the search may run, milliseconds (default: the plan's).
    pub time_limit_ms: Option<u64>,
}

/// Which plans.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PlanListParams {
    /// Of one operation.
    pub operation_id: Option<i64>,
    /// In one status: queued, running, done, infeasible, failed.
    pub status: Option<String>,
}

/// The search's report.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct ProgressOut {
    /// Candidate plans built.
    pub candidates: u64,
    /// Candidate plans the search will build.
    pub effort: u64,
    /// Closure of the best plan so far (minutes after C-hour).
    pub best_closure: i64,
    /// The lower bound on any plan's closure (minutes after C-hour).
    pub lower_bound: i64,
}

impl From<PlanProgress> for ProgressOut {
    fn from(p: PlanProgress) -> Self {
        let PlanProgress {
            candidates,
            effort,
            best_closure,
            lower_bound,
        } = p;
        ProgressOut {
            candidates,
            effort,
            best_closure,
            lower_bound,
        }
    }
}

/// What limits the closure.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BindingOut {
    /// `route`, `fleet`, `crossing`, `airfield` or `rail`.
    pub kind: String,
    /// The aircraft type, crossing, airfield, railhead or unit.
    pub id: String,
    /// The sentence people read.
    pub text: String,
}

/// A finished plan's figures (minutes after C-hour).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SummaryOut {
    /// When the last unit has arrived.
    pub closure: i64,
    /// The best lower bound on any plan's closure.
    pub lower_bound: i64,
    /// (closure − bound) / bound.
    pub gap: f64,
    /// Loaded flights.
    pub sorties: i64,
    /// Σ priority × minutes late against the required delivery dates.
    pub weighted_lateness: i64,
    /// What limits the closure.
    pub binding: BindingOut,
}

impl From<PlanSummary> for SummaryOut {
    fn from(s: PlanSummary) -> Self {
        let PlanSummary {
            closure,
            lower_bound,
            gap,
            sorties,
            weighted_lateness,
            binding,
        } = s;
        SummaryOut {
            closure,
            lower_bound,
            gap,
            sorties,
            weighted_lateness,
            binding: BindingOut {
                kind: binding.kind,
                id: binding.id,
                text: binding.text,
            },
        }
    }
}

/// A part of a unit that cannot reach the destination.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UnreachableOut {
    /// The unit.
    pub unit: String,
    /// `personnel`, `cargo` or a vehicle class.
    pub part: String,
    /// One reason per mode tried.
    pub reasons: Vec<String>,
}

/// Why a plan has no plan.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlanErrorOut {
    /// For people.
    pub message: String,
    /// The parts that cannot arrive (infeasible plans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreachable: Option<Vec<UnreachableOut>>,
}

/// A movement plan: how it was asked for, where its search stands, what came out.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanOut {
    /// Id.
    pub id: i64,
    /// The operation it plans (a crisis record), if any.
    pub operation_id: Option<i64>,
    /// The plan this what-if started from.
    pub parent_id: Option<i64>,
    /// The what-if changes that made its scenario.
    #[schema(value_type = Vec<Object>)]
    pub changes: serde_json::Value,
    /// The exercise (the operation's); null for the real world.
    pub exercise: Option<String>,
    /// queued, running, done, infeasible, failed.
    pub status: String,
    /// The search's latest report (live while running); null before it started.
    pub progress: Option<ProgressOut>,
    /// The figures, when done.
    pub summary: Option<SummaryOut>,
    /// Why there is no plan (infeasible, failed).
    pub error: Option<PlanErrorOut>,
    /// C-hour: minute 0 of the plan's times.
    pub epoch: Option<DateTime<Utc>>,
    /// Who asked for it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When the search ended.
    pub finished_at: Option<DateTime<Utc>>,
    /// Grows with every change of the record.
    pub version: i64,
    /// The search's seed.
    pub seed: u64,
    /// How long the search may run, milliseconds.
    pub time_limit_ms: i64,
    /// `EXERCISE` for an exercise's plan.
    pub marking: Option<&'static str>,
}

impl PlanOut {
    /// The wire form of a record; `live` is the progress of a search running on this server,
    /// fresher than the stored one.
    pub fn new(r: PlanRecord, live: Option<PlanProgress>) -> PlanOut {
        let PlanRecord {
            id,
            operation_id,
            parent_id,
            changes,
            exercise,
            epoch,
            seed,
            time_limit_ms,
            status,
            stop_requested: _,
            progress,
            summary,
            error,
            created_by,
            created_at,
            finished_at,
            version,
            sight: _,
        } = r;
        let progress = if status == crc_storage::PlanStatus::Running {
            live.or(progress)
        } else {
            progress
        };
        PlanOut {
            id,
            operation_id,
            parent_id,
            changes,
            marking: exercise.as_ref().map(|_| EXERCISE_MARKING),
            exercise,
            status: status.as_str().to_owned(),
            progress: progress.map(ProgressOut::from),
            summary: summary.map(SummaryOut::from),
            error: error.map(|e| {
                serde_json::from_value(e.clone()).unwrap_or_else(|_| PlanErrorOut {
                    message: e
                        .get("message")
                        .and_then(|m| m.as_str())
                        .unwrap_or("the search failed")
                        .to_owned(),
                    unreachable: None,
                })
            }),
            epoch,
            created_by,
            created_at,
            finished_at,
            version,
            seed,
            time_limit_ms,
        }
    }
}

/// A list of plans, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanListOut {
    /// The plans (at most 200).
    pub items: Vec<PlanOut>,
}

/// A `plan-progress` event of the event stream.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanProgressEvent {
    /// The plan.
    pub id: i64,
    /// Candidate plans built.
    pub candidates: u64,
    /// Candidate plans the search will build.
    pub effort: u64,
    /// Closure of the best plan so far (minutes after C-hour).
    pub best_closure: i64,
    /// The lower bound (minutes after C-hour).
    pub lower_bound: i64,
}
