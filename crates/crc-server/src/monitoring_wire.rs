//! The monitoring API's wire types and the parsing of its query parameters (boxes, times,
//! worlds), shared by the JSON routes and the OGC API - Features endpoint.

use chrono::{DateTime, Utc};
use crc_domain::monitoring::corroboration::Suggestion;
use crc_storage::{Bbox, EventRecord, ReportRecord, World};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ApiResult};
use crate::wire::ReleasabilityWire;

/// A report to file: its spec and who may see it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportIn {
    /// The report (`ReportSpec`: observed_at, reported_at, place, place_name?, category,
    /// title, text, source, cited?, grade, exercise?, external_id?, attachments?).
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
    /// Who may see it (everyone in the organization when absent).
    #[serde(default)]
    pub releasability: Option<ReleasabilityWire>,
}

/// Reports to file, all or none (at most 5,000).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportBatchIn {
    /// The reports.
    pub reports: Vec<ReportIn>,
}

/// A report as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportOut {
    /// Row id.
    pub id: i64,
    /// The Admiralty grade, `B2`.
    pub grade: String,
    /// What it says (`ReportSpec`).
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
    /// Its member state, country and region, and its distance to the nearest member state.
    #[schema(value_type = Object)]
    pub location: serde_json::Value,
    /// The state it belongs to.
    pub owner_state: Option<String>,
    /// Who may see it.
    pub releasability: ReleasabilityWire,
    /// The event it is confirmed to be about.
    pub event_id: Option<i64>,
    /// The report it was merged into as a duplicate.
    pub merged_into: Option<i64>,
    /// Who filed it.
    pub created_by: String,
    /// When it was received.
    pub created_at: DateTime<Utc>,
    /// Version (the ETag).
    pub version: i64,
}

impl From<ReportRecord> for ReportOut {
    fn from(r: ReportRecord) -> Self {
        ReportOut {
            id: r.id,
            grade: r.spec.grade.to_string(),
            spec: serde_json::to_value(&r.spec).unwrap_or_default(),
            location: serde_json::to_value(&r.location).unwrap_or_default(),
            owner_state: r.owner_state.map(|s| s.as_str().to_owned()),
            releasability: r.releasability.into(),
            event_id: r.event_id,
            merged_into: r.merged_into,
            created_by: r.created_by,
            created_at: r.created_at,
            version: r.version,
        }
    }
}

/// A report filed, or found already filed under its sender's identifier.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReceivedOut {
    /// The report.
    pub report: ReportOut,
    /// True if it was already stored (nothing written).
    pub again: bool,
}

/// Reports filed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReceivedListOut {
    /// In the order sent.
    pub items: Vec<ReceivedOut>,
}

/// Reports.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportListOut {
    /// Latest observed first.
    pub items: Vec<ReportOut>,
}

/// An event as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventOut {
    /// Row id.
    pub id: i64,
    /// In a line.
    pub title: String,
    /// Its category.
    pub category: String,
    /// The exercise it belongs to.
    pub exercise: Option<String>,
    /// The grade its reports give it, `B1`.
    pub grade: String,
    /// Who may see it: whoever may see every one of its reports.
    pub releasability: ReleasabilityWire,
    /// The one state that may see it, if only one may.
    pub owner_state: Option<String>,
    /// Member state of its earliest report.
    pub state: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Earliest observation.
    pub first_observed: DateTime<Utc>,
    /// Latest observation.
    pub last_observed: DateTime<Utc>,
    /// `[lon, lat]` of its earliest report.
    pub position: [f64; 2],
    /// Its reports, oldest first.
    pub reports: Vec<i64>,
    /// Who confirmed it.
    pub created_by: String,
    /// Version (the ETag).
    pub version: i64,
}

impl From<EventRecord> for EventOut {
    fn from(e: EventRecord) -> Self {
        EventOut {
            id: e.id,
            title: e.title,
            category: e.category,
            exercise: e.exercise,
            grade: e.grade.to_string(),
            releasability: e.releasability.into(),
            owner_state: e.owner_state.map(|s| s.as_str().to_owned()),
            state: e.state.map(|s| s.as_str().to_owned()),
            region: e.region,
            first_observed: DateTime::from_timestamp_millis(e.first_ms).unwrap_or_default(),
            last_observed: DateTime::from_timestamp_millis(e.last_ms).unwrap_or_default(),
            position: e.position,
            reports: e.reports,
            created_by: e.created_by,
            version: e.version,
        }
    }
}

/// Events.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventListOut {
    /// Latest first.
    pub items: Vec<EventOut>,
}

/// A report suggested as about the same event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SuggestionOut {
    /// `corroborates` (another source) or `duplicate` (the same source again).
    pub relation: String,
    /// 0 to 1.
    pub score: f64,
    /// Hours between the observations.
    pub hours: f64,
    /// Kilometres between the places.
    pub km: f64,
    /// The other report.
    pub report: ReportOut,
}

impl SuggestionOut {
    pub(crate) fn new(s: Suggestion<ReportRecord>) -> SuggestionOut {
        SuggestionOut {
            relation: serde_json::to_value(s.relation)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            score: s.score,
            hours: s.hours,
            km: s.km,
            report: s.id.into(),
        }
    }
}

/// Suggestions, best first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SuggestionListOut {
    /// The suggestions.
    pub items: Vec<SuggestionOut>,
}

/// Which reports to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// `west,south,east,north` in degrees (west > east crosses the 180th meridian).
    pub bbox: Option<String>,
    /// Observed at or after (RFC 3339).
    pub from: Option<String>,
    /// Observed before (RFC 3339).
    pub to: Option<String>,
    /// Categories, comma-separated.
    pub category: Option<String>,
    /// Member state (ISO alpha-3).
    pub state: Option<String>,
    /// Region key.
    pub region: Option<String>,
    /// Words, in Russian or English, every one of which a report holds (any form).
    pub q: Option<String>,
    /// `real` (the default) or `exercise`.
    pub world: Option<String>,
    /// With `world=exercise`: one exercise's marking.
    pub exercise: Option<String>,
    /// Of this event.
    pub event: Option<i64>,
    /// Also duplicates merged into others.
    pub include_merged: Option<bool>,
    /// At most (default 100, at most 1,000).
    pub limit: Option<i64>,
    /// Skip so many.
    pub offset: Option<i64>,
}

/// Parses `west,south,east,north`.
pub fn parse_bbox(field: &str, s: &str) -> ApiResult<Bbox> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let bad = |m: &str| ApiError::invalid(field, format!("`{s}`: {m}"));
    // OGC allows six numbers (with heights); the heights are ignored.
    let nums: Vec<f64> = parts
        .iter()
        .map(|p| p.parse::<f64>().map_err(|_| bad("not numbers")))
        .collect::<ApiResult<_>>()?;
    let [w, s_, e, n] = match nums.as_slice() {
        [w, s, e, n] => [*w, *s, *e, *n],
        [w, s, _, e, n, _] => [*w, *s, *e, *n],
        _ => return Err(bad("a box is west,south,east,north")),
    };
    if ![w, e].iter().all(|x| (-180.0..=180.0).contains(x)) {
        return Err(bad("longitudes are within -180 to 180"));
    }
    if ![s_, n].iter().all(|y| (-90.0..=90.0).contains(y)) || s_ > n {
        return Err(bad("latitudes are within -90 to 90, south before north"));
    }
    Ok([w, s_, e, n])
}

/// Parses an RFC 3339 time.
pub fn parse_time(field: &str, s: &str) -> ApiResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            ApiError::invalid(
                field,
                format!("`{s}` is not an RFC 3339 time (2026-11-24T06:00:00Z)"),
            )
        })
}

/// Parses the world of a query.
pub fn parse_world(world: Option<&str>, exercise: Option<&str>) -> ApiResult<World> {
    match (world.unwrap_or("real"), exercise) {
        ("real", None) => Ok(World::Real),
        ("real", Some(_)) => Err(ApiError::invalid(
            "exercise",
            "an exercise is named with world=exercise only",
        )),
        ("exercise", None) => Ok(World::Exercises),
        ("exercise", Some(m)) => Ok(World::Exercise(m.to_owned())),
        (other, _) => Err(ApiError::invalid(
            "world",
            format!("`{other}` is not a world: real or exercise"),
        )),
    }
}

/// A page size within 1 to `max`.
pub fn limit(field: &str, v: Option<i64>, default: i64, max: i64) -> ApiResult<i64> {
    match v {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::invalid(
            field,
            format!("{n} is not within 1 to {max}"),
        )),
    }
}

/// A number of rows to skip, 0 or more.
pub fn offset(v: Option<i64>) -> ApiResult<i64> {
    match v {
        None => Ok(0),
        Some(n) if n >= 0 => Ok(n),
        Some(n) => Err(ApiError::invalid("offset", format!("{n} is negative"))),
    }
}
