//! The training year's wire types. An exercise's spec, a plan's spec and state, the
//! statistics and the conflicts are the domain's own JSON (docs/training.md); the envelopes
//! around them are typed here.

use chrono::{DateTime, Utc};
use crc_domain::training::year_plan::{PlanStatus, YearPlanState};
use crc_storage::{ExerciseRecord, YearPlanRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A new or changed exercise of the catalogue.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExerciseIn {
    /// The exercise (`ExerciseSpec`: key, series, year, name, kind, status, host, dates, ...).
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
}

/// Which exercises to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExerciseListParams {
    /// The training year.
    pub year: Option<i32>,
    /// The series' key (`interaction`).
    pub series: Option<String>,
    /// The host state (`BLR`).
    pub host: Option<String>,
    /// The kind (`joint`, `command_staff`, ...).
    pub kind: Option<String>,
    /// `planned`, `held` or `cancelled`.
    pub status: Option<String>,
}

/// An exercise of the catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExerciseOut {
    /// Row id.
    pub id: i64,
    /// The exercise's key (its address: `/api/v1/training/exercises/{key}`).
    pub key: String,
    /// `reference` (the bundled catalogue) or `user`.
    pub origin: &'static str,
    /// The exercise.
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
    /// Version (the ETag).
    pub version: i64,
    /// Who added it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Who changed it last.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
}

impl From<ExerciseRecord> for ExerciseOut {
    fn from(r: ExerciseRecord) -> Self {
        let ExerciseRecord {
            id,
            spec,
            origin,
            created_by,
            created_at,
            updated_by,
            updated_at,
            version,
        } = r;
        ExerciseOut {
            id,
            key: spec.key.clone(),
            origin: origin.as_str(),
            spec: serde_json::to_value(&spec).unwrap_or_default(),
            version,
            created_by,
            created_at,
            updated_by,
            updated_at,
        }
    }
}

/// Exercises of the catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExerciseListOut {
    /// By year, then key.
    pub items: Vec<ExerciseOut>,
}

/// Figures per year, series, host state and component (`stats::Statistics`): counts of held
/// and planned exercises, and for personnel, equipment and media stories the stated total
/// beside the sum of per-exercise figures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatisticsOut {
    /// The statistics.
    #[schema(value_type = Object)]
    pub statistics: serde_json::Value,
}

/// A new year plan: its spec, or the catalogue's exercises of a year with a title.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct YearPlanIn {
    /// The plan (`YearPlanSpec`: year, title, exercises, external). Give this, or `year` and
    /// `title`.
    #[schema(value_type = Option<Object>)]
    pub spec: Option<serde_json::Value>,
    /// Draft from the catalogue's exercises of this year (those not cancelled).
    pub year: Option<i32>,
    /// The title in both languages, with `year`: `{"en": ..., "ru": ...}`.
    #[schema(value_type = Option<Object>)]
    pub title: Option<serde_json::Value>,
}

/// Which plans to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct YearPlanListParams {
    /// The training year.
    pub year: Option<i32>,
}

/// The plan's status name.
pub fn plan_status(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Drafting => "drafting",
        PlanStatus::Coordinating => "coordinating",
        PlanStatus::Submitted => "submitted",
        PlanStatus::Approved => "approved",
        PlanStatus::Withdrawn => "withdrawn",
    }
}

/// The version whose content the plan's spec holds: the one in force for an approved plan
/// (amendments dropped behind it are not shown), otherwise the one being worked on.
pub fn shown_version(state: &YearPlanState) -> u32 {
    match (state.status, state.in_force) {
        (PlanStatus::Approved, Some(n)) => n,
        _ => state.current().map_or(1, |v| v.number),
    }
}

/// A Plan for Joint Training.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearPlanOut {
    /// Id.
    pub id: i64,
    /// The training year.
    pub year: i32,
    /// The English title.
    pub title: String,
    /// `drafting`, `coordinating`, `submitted`, `approved` or `withdrawn`.
    pub status: String,
    /// The plan's version whose content `spec` holds.
    pub plan_version: u32,
    /// The version in force, once one is approved.
    pub in_force: Option<u32>,
    /// The content (`YearPlanSpec`).
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
    /// The workflow state with every version, its coordination and approvals
    /// (`YearPlanState`).
    #[schema(value_type = Object)]
    pub state: serde_json::Value,
    /// Row version (the ETag); each step adds one.
    pub version: i64,
    /// Who drafted it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Who took the last step.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
}

impl From<YearPlanRecord> for YearPlanOut {
    fn from(r: YearPlanRecord) -> Self {
        let YearPlanRecord {
            id,
            spec,
            state,
            created_by,
            created_at,
            updated_by,
            updated_at,
            version,
        } = r;
        YearPlanOut {
            id,
            year: spec.year,
            title: spec.title.en.clone(),
            status: plan_status(state.status).to_owned(),
            plan_version: shown_version(&state),
            in_force: state.in_force,
            spec: serde_json::to_value(&spec).unwrap_or_default(),
            state: serde_json::to_value(&state).unwrap_or_default(),
            version,
            created_by,
            created_at,
            updated_by,
            updated_at,
        }
    }
}

/// Year plans.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearPlanListOut {
    /// Newest year first.
    pub items: Vec<YearPlanOut>,
}

/// What the plan gets wrong.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConflictsOut {
    /// The plan.
    pub plan_id: i64,
    /// The plan's version checked.
    pub plan_version: u32,
    /// Findings `{rule, severity, certainty, exercises, state, component, message}`, sorted.
    #[schema(value_type = Vec<Object>)]
    pub findings: serde_json::Value,
}
