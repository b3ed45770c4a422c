//! Wire types of exercise designs and their MSELs. The design, the MSEL's injects and its
//! workflow state are the domain's own JSON (docs/training-conduct.md); the envelopes around
//! them are typed here.

use chrono::{DateTime, Utc};
use crc_domain::training::msel_csv::CsvProblem;
use crc_storage::{DesignRecord, MselRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A new or changed exercise design.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DesignIn {
    /// The design (`ExerciseDesign`: name, marking, director, scenario, objectives, audience,
    /// actors, storylines, observers).
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
    /// The key of the catalogue's exercise it is for (`interaction_2025`), if any.
    #[serde(default)]
    pub exercise: Option<String>,
}

/// An exercise design.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DesignOut {
    /// Row id.
    pub id: i64,
    /// The row id of the catalogue's exercise it is for, if any.
    pub exercise_id: Option<i64>,
    /// The design.
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
    /// Version (the ETag).
    pub version: i64,
    /// Who wrote it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Who changed it last.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
}

impl From<DesignRecord> for DesignOut {
    fn from(d: DesignRecord) -> Self {
        DesignOut {
            id: d.id,
            exercise_id: d.exercise_id,
            spec: serde_json::to_value(&d.spec).unwrap_or_default(),
            version: d.version,
            created_by: d.created_by,
            created_at: d.created_at,
            updated_by: d.updated_by,
            updated_at: d.updated_at,
        }
    }
}

/// The designs, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DesignListOut {
    /// The designs.
    pub items: Vec<DesignOut>,
}

/// A new MSEL of a design, as a draft.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MselIn {
    /// The injects (`MselSpec`: `{"injects": [...]}`).
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
}

/// An MSEL.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MselOut {
    /// Row id.
    pub id: i64,
    /// The design it belongs to.
    pub design_id: i64,
    /// `draft`, `submitted` or `approved`.
    pub status: String,
    /// The injects.
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
    /// The workflow state (status, MSEL version, approval, notes).
    #[schema(value_type = Object)]
    pub state: serde_json::Value,
    /// Row version (the ETag).
    pub version: i64,
    /// Who created it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Who took the last step.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
}

impl From<MselRecord> for MselOut {
    fn from(m: MselRecord) -> Self {
        let state = serde_json::to_value(&m.state).unwrap_or_default();
        MselOut {
            id: m.id,
            design_id: m.design_id,
            status: state["status"].as_str().unwrap_or_default().to_owned(),
            spec: serde_json::to_value(&m.spec).unwrap_or_default(),
            state,
            version: m.version,
            created_by: m.created_by,
            created_at: m.created_at,
            updated_by: m.updated_by,
            updated_at: m.updated_at,
        }
    }
}

/// The MSELs of a design, oldest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MselListOut {
    /// The MSELs.
    pub items: Vec<MselOut>,
}

/// One problem of a refused CSV file (in the error's `details.errors`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CsvProblemOut {
    /// The line, from 1 (a row's first line when a quoted cell spans several).
    pub line: u64,
    /// The column's name; empty when the problem is the whole row or file.
    pub column: String,
    /// What is wrong.
    pub message: String,
}

impl From<&CsvProblem> for CsvProblemOut {
    fn from(p: &CsvProblem) -> Self {
        CsvProblemOut {
            line: p.line,
            column: p.column.clone(),
            message: p.message.clone(),
        }
    }
}
