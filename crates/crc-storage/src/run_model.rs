//! Exercise runs as stored: the conduct of an exercise from one of its design's MSELs
//! (docs/training-conduct.md, "In the service").

use chrono::{DateTime, Utc};
use crc_domain::training::clock::ExerciseClock;
use crc_domain::training::delivery::{InboxItem, Response};
use crc_domain::training::evaluation::Observation;
use crc_domain::training::release::{ReleaseLog, ReleasePolicy};
use serde::{Deserialize, Serialize};

/// An exercise run: its clock, release log, the inbox items delivered, the responses and the
/// observations, each list append-only except the read and acknowledged times of an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// Row id.
    pub id: i64,
    /// The design.
    pub design_id: i64,
    /// The MSEL it releases from (only while approved).
    pub msel_id: i64,
    /// The exercise clock.
    pub clock: ExerciseClock,
    /// The release policy (grace window).
    pub policy: ReleasePolicy,
    /// The release log.
    pub log: ReleaseLog,
    /// Inbox items, in delivery order; an item's id is its index.
    pub inbox: Vec<InboxItem>,
    /// Responses, in order; a response's id is its index.
    pub responses: Vec<Response>,
    /// Observations, in order; an observation's id is its index.
    pub observations: Vec<Observation>,
    /// Who created it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Who changed it last (`schedule` for the ticker).
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
    /// Version, 1 when created; each change adds one.
    pub version: i64,
}

/// What a change of a run did, for its audit entry: the action (`clock_start`, `released`,
/// `respond`, ...) and what it added or changed (the new log entries, the response, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct RunChange {
    /// The audit entry's action.
    pub action: String,
    /// The audit entry's `after`, besides the run's new version.
    pub detail: serde_json::Value,
}
