//! Situation monitoring as stored (docs/monitoring.md): reports with their place, grade and
//! releasability, and the events officers confirm them to be about.

use chrono::{DateTime, Utc};
use crc_domain::codes::StateCode;
use crc_domain::monitoring::geography::Location;
use crc_domain::monitoring::grade::Grade;
use crc_domain::monitoring::report::ReportSpec;
use crc_domain::releasability::Releasability;
use serde::{Deserialize, Serialize};

/// A report to store: the spec, where the domain placed it, and who may see it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReport {
    /// What it says.
    pub spec: ReportSpec,
    /// Its state and region.
    pub location: Location,
    /// The state it belongs to (the reporting body's), if one.
    pub owner_state: Option<StateCode>,
    /// Who may see it.
    pub releasability: Releasability,
}

/// A stored report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRecord {
    /// Row id.
    pub id: i64,
    /// What it says (its grade as last set).
    pub spec: ReportSpec,
    /// Its state and region.
    pub location: Location,
    /// The state it belongs to.
    pub owner_state: Option<StateCode>,
    /// Who may see it.
    pub releasability: Releasability,
    /// The event it is confirmed to be about.
    pub event_id: Option<i64>,
    /// The report it was merged into as a duplicate (it stays stored and readable).
    pub merged_into: Option<i64>,
    /// Who stored it.
    pub created_by: String,
    /// When it was received.
    pub created_at: DateTime<Utc>,
    /// Who changed it last.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
    /// Version, 1 when received.
    pub version: i64,
}

/// What receiving a report did.
#[derive(Debug, Clone, PartialEq)]
pub enum Received {
    /// Stored now.
    New(ReportRecord),
    /// The same sender's identifier was already stored: nothing written.
    Again(ReportRecord),
}

impl Received {
    /// The report either way.
    pub fn record(&self) -> &ReportRecord {
        match self {
            Received::New(r) | Received::Again(r) => r,
        }
    }
}

/// Which world's reports a query reads. Exercise reports never appear in the real world's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum World {
    /// Real-world reports only.
    #[default]
    Real,
    /// The reports of one exercise (its marking).
    Exercise(String),
    /// The reports of every exercise.
    Exercises,
}

/// A box on the map, `[west, south, east, north]`; west > east crosses the 180th meridian.
pub type Bbox = [f64; 4];

/// What to list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportQuery {
    /// Which world.
    pub world: World,
    /// Reports whose place meets this box.
    pub bbox: Option<Bbox>,
    /// Observed at or after (ms since 1970).
    pub from_ms: Option<i64>,
    /// Observed before (ms since 1970).
    pub to_ms: Option<i64>,
    /// Of these categories (any, when empty).
    pub categories: Vec<String>,
    /// In this member state.
    pub state: Option<String>,
    /// In this region.
    pub region: Option<String>,
    /// Holding every one of these stemmed words (the domain's `search_words`).
    pub words: Vec<String>,
    /// Of this event.
    pub event: Option<i64>,
    /// Also duplicates merged into others.
    pub include_merged: bool,
    /// Most rows.
    pub limit: i64,
    /// Rows skipped.
    pub offset: i64,
}

/// A report as the map draws it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    /// The report's id.
    pub id: i64,
    /// Its anchor point, `[lon, lat]`.
    pub position: [f64; 2],
    /// Whether the report is of an area (the anchor is a point inside it).
    pub area: bool,
    /// Its category.
    pub category: String,
    /// Its grade, `B2`.
    pub grade: String,
    /// When observed (ms since 1970).
    pub observed_ms: i64,
    /// Its event.
    pub event_id: Option<i64>,
}

/// A stored event: reports confirmed to be about one happening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Row id.
    pub id: i64,
    /// In a line.
    pub title: String,
    /// Its category (of the taxonomy).
    pub category: String,
    /// The exercise it belongs to.
    pub exercise: Option<String>,
    /// The grade its reports give it.
    pub grade: Grade,
    /// The one state that may see it, if only one may.
    pub owner_state: Option<StateCode>,
    /// Who may see it: whoever may see every one of its reports.
    pub releasability: Releasability,
    /// The member state of its earliest report.
    pub state: Option<StateCode>,
    /// Its region.
    pub region: Option<String>,
    /// Earliest observation (ms).
    pub first_ms: i64,
    /// Latest observation (ms).
    pub last_ms: i64,
    /// The earliest report's anchor point.
    pub position: [f64; 2],
    /// Its reports, oldest first.
    pub reports: Vec<i64>,
    /// Who confirmed it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Who changed it last.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
    /// Version.
    pub version: i64,
}

/// What to list of events.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventQuery {
    /// Which world.
    pub world: World,
    /// Last observed at or after (ms).
    pub from_ms: Option<i64>,
    /// First observed before (ms).
    pub to_ms: Option<i64>,
    /// Whose position lies in this box.
    pub bbox: Option<Bbox>,
    /// Most rows.
    pub limit: i64,
    /// Rows skipped.
    pub offset: i64,
}
