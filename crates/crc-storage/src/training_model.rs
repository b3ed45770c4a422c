//! Planning the joint training year as stored: the catalogue's exercises and the year plans.
//! The domain's specs and the plan's state are kept whole (JSON); the storage never decides
//! a step, it asks `crc_domain::training::year_plan` inside the write transaction. Exercise
//! designs and their MSELs likewise: an MSEL's state is only what `training::msel` returned.

use chrono::{DateTime, Utc};
use crc_domain::codes::StateCode;
use crc_domain::training::catalogue::{ExerciseKind, ExerciseSpec, ExerciseStatus};
use crc_domain::training::design::ExerciseDesign;
use crc_domain::training::msel::{MselSpec, MselState};
use crc_domain::training::year_plan::{YearPlanSpec, YearPlanState};
use serde::{Deserialize, Serialize};

/// Where an exercise of the catalogue came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseOrigin {
    /// The bundled catalogue (`reference/joint-training.toml`).
    Reference,
    /// Added by a user.
    User,
}

impl ExerciseOrigin {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ExerciseOrigin::Reference => "reference",
            ExerciseOrigin::User => "user",
        }
    }

    /// From the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "reference" => Some(ExerciseOrigin::Reference),
            "user" => Some(ExerciseOrigin::User),
            _ => None,
        }
    }
}

/// One exercise of the catalogue as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseRecord {
    /// Row id.
    pub id: i64,
    /// The exercise.
    pub spec: ExerciseSpec,
    /// Bundled or added by a user.
    pub origin: ExerciseOrigin,
    /// Who added it, and when.
    pub created_by: String,
    /// When added.
    pub created_at: DateTime<Utc>,
    /// Who changed it last.
    pub updated_by: String,
    /// When changed last.
    pub updated_at: DateTime<Utc>,
    /// Version, 1 when added; each change adds one.
    pub version: i64,
}

/// Which exercises of the catalogue to list (all filters optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExerciseQuery {
    /// The training year.
    pub year: Option<i32>,
    /// The series' key.
    pub series: Option<String>,
    /// The host state.
    pub host: Option<StateCode>,
    /// The kind of training.
    pub kind: Option<ExerciseKind>,
    /// Planned, held or cancelled.
    pub status: Option<ExerciseStatus>,
}

/// What loading the bundled catalogue did, by exercise key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CatalogueLoadReport {
    /// Exercises added.
    pub inserted: Vec<String>,
    /// Exercises updated to the bundled spec.
    pub updated: Vec<String>,
    /// Exercises already as bundled.
    pub unchanged: usize,
    /// Exercises whose bundled spec changed but which users have changed: kept as they are.
    pub kept: Vec<String>,
}

/// A year plan as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearPlanRecord {
    /// Row id.
    pub id: i64,
    /// The content of the current version.
    pub spec: YearPlanSpec,
    /// The workflow state, with every version.
    pub state: YearPlanState,
    /// Who drafted it, and when.
    pub created_by: String,
    /// When drafted.
    pub created_at: DateTime<Utc>,
    /// Who took the last step.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
    /// Row version, 1 when created; each step adds one.
    pub version: i64,
}

/// An exercise as exported, with the bundled spec last loaded beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedExercise {
    /// The record.
    #[serde(flatten)]
    pub record: ExerciseRecord,
    /// The bundled spec last loaded (JSON text; reference exercises only).
    pub reference_spec: Option<String>,
}

/// An exercise's design as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DesignRecord {
    /// Row id.
    pub id: i64,
    /// The exercise of the catalogue it is for (its row id), if any.
    pub exercise_id: Option<i64>,
    /// The design.
    pub spec: ExerciseDesign,
    /// Who wrote it.
    pub created_by: String,
    /// When written.
    pub created_at: DateTime<Utc>,
    /// Who changed it last.
    pub updated_by: String,
    /// When changed last.
    pub updated_at: DateTime<Utc>,
    /// Version, 1 when written; each change adds one.
    pub version: i64,
}

/// A master scenario events list as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MselRecord {
    /// Row id.
    pub id: i64,
    /// The design it belongs to.
    pub design_id: i64,
    /// The injects.
    pub spec: MselSpec,
    /// The workflow state.
    pub state: MselState,
    /// Who created it.
    pub created_by: String,
    /// When created.
    pub created_at: DateTime<Utc>,
    /// Who took the last step.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
    /// Row version, 1 when created; each step adds one.
    pub version: i64,
}
