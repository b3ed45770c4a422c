//! What follows an exercise, as stored: corrective actions tracked to closure and lessons
//! learned (docs/training-conduct.md, "Corrective actions", "Lessons learned").

use chrono::{DateTime, Utc};
use crc_domain::training::actions::{ActionSpec, ActionState};
use crc_domain::training::lessons::Lesson;
use serde::{Deserialize, Serialize};

/// A corrective action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRecord {
    /// Row id.
    pub id: i64,
    /// What is to be done, by whom, by when.
    pub spec: ActionSpec,
    /// Where it stands.
    pub state: ActionState,
    /// Who created it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Who took the last step.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
    /// Version, 1 when created; each step adds one.
    pub version: i64,
}

/// A lesson learned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonRecord {
    /// Row id.
    pub id: i64,
    /// The lesson.
    pub lesson: Lesson,
    /// Who wrote it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Who changed it last.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
    /// Version, 1 when written; each change adds one.
    pub version: i64,
}
