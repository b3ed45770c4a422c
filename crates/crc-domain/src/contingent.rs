//! National contingents earmarked to components of the Collective Forces.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::codes::StateCode;
use crate::error::DomainError;
use crate::releasability::Releasability;

/// How soon a contingent can deploy after the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Readiness {
    /// Within 24 hours.
    Rapid,
    /// Within 7 days.
    High,
    /// Within 30 days.
    Medium,
    /// Over 30 days.
    Low,
    /// Not deployable now.
    NotReady,
}

impl Readiness {
    /// Every level, most ready first.
    pub const ALL: [Readiness; 5] = [
        Readiness::Rapid,
        Readiness::High,
        Readiness::Medium,
        Readiness::Low,
        Readiness::NotReady,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Readiness::Rapid => "rapid",
            Readiness::High => "high",
            Readiness::Medium => "medium",
            Readiness::Low => "low",
            Readiness::NotReady => "not_ready",
        }
    }
}

impl fmt::Display for Readiness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Readiness {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Readiness::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid(
                    "readiness",
                    format!("unknown readiness `{s}` (rapid, high, medium, low, not_ready)"),
                )
            })
    }
}

/// WGS 84 coordinates in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    lat: f64,
    lon: f64,
}

impl Coordinates {
    /// Checks the ranges.
    pub fn new(lat: f64, lon: f64) -> Result<Self, DomainError> {
        if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
            return Err(DomainError::invalid(
                "lat",
                "latitude must be within -90..90",
            ));
        }
        if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
            return Err(DomainError::invalid(
                "lon",
                "longitude must be within -180..180",
            ));
        }
        Ok(Coordinates { lat, lon })
    }

    /// Latitude.
    pub fn lat(&self) -> f64 {
        self.lat
    }

    /// Longitude.
    pub fn lon(&self) -> f64 {
        self.lon
    }
}

/// A contingent's home station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeStation {
    /// Place name.
    pub name: String,
    /// Position.
    pub position: Coordinates,
}

/// The longest contingent name.
pub const MAX_NAME: usize = 200;
/// The longest notes text.
pub const MAX_NOTES: usize = 4000;
/// The largest personnel or equipment count accepted.
pub const MAX_COUNT: i64 = 1_000_000;

/// A contingent's content as an officer writes it, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContingentDraft {
    /// The contributing member state.
    pub state: StateCode,
    /// The component key it is earmarked to.
    pub component: String,
    /// Unit name.
    pub name: String,
    /// Home station.
    pub home_station: HomeStation,
    /// Personnel.
    pub personnel: i64,
    /// Units of weapons, military and special equipment.
    pub equipment: i64,
    /// Readiness level.
    pub readiness: Readiness,
    /// Free notes.
    pub notes: String,
    /// Who may see it.
    pub releasability: Releasability,
}

/// Unchecked parts of a draft, as they come from the edge.
#[derive(Debug, Clone)]
pub struct RawContingent<'a> {
    /// State code text.
    pub state: &'a str,
    /// Component key.
    pub component: &'a str,
    /// Name.
    pub name: &'a str,
    /// Home station name.
    pub home_station: &'a str,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Personnel.
    pub personnel: i64,
    /// Equipment.
    pub equipment: i64,
    /// Readiness text.
    pub readiness: &'a str,
    /// Notes.
    pub notes: &'a str,
    /// Releasability.
    pub releasability: Releasability,
}

fn text(field: &str, s: &str, max: usize, required: bool) -> Result<String, DomainError> {
    let t = s.trim();
    if required && t.is_empty() {
        return Err(DomainError::invalid(field, "must not be empty"));
    }
    if t.chars().count() > max {
        return Err(DomainError::invalid(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(DomainError::invalid(
            field,
            "must not contain control characters",
        ));
    }
    Ok(t.to_owned())
}

fn count(field: &str, n: i64) -> Result<i64, DomainError> {
    if (0..=MAX_COUNT).contains(&n) {
        Ok(n)
    } else {
        Err(DomainError::invalid(
            field,
            format!("must be between 0 and {MAX_COUNT}"),
        ))
    }
}

impl ContingentDraft {
    /// Checks every field; the first problem is reported with its field name.
    pub fn parse(raw: RawContingent<'_>) -> Result<Self, DomainError> {
        let state = StateCode::parse(raw.state)?;
        let component = text("component", raw.component, 64, true)?;
        let name = text("name", raw.name, MAX_NAME, true)?;
        let station = text("home_station.name", raw.home_station, MAX_NAME, true)?;
        let position = Coordinates::new(raw.lat, raw.lon).map_err(|e| match e {
            DomainError::Invalid { field, message } => {
                DomainError::invalid(format!("home_station.{field}"), message)
            }
            other => other,
        })?;
        let personnel = count("personnel", raw.personnel)?;
        let equipment = count("equipment", raw.equipment)?;
        let readiness = raw.readiness.parse()?;
        let notes = text("notes", raw.notes, MAX_NOTES, false)?;
        if let Releasability::States(list) = &raw.releasability {
            if list.is_empty() {
                return Err(DomainError::invalid(
                    "releasability",
                    "releasable to states needs at least one state",
                ));
            }
        }
        Ok(ContingentDraft {
            state,
            component,
            name,
            home_station: HomeStation {
                name: station,
                position,
            },
            personnel,
            equipment,
            readiness,
            notes,
            releasability: raw.releasability,
        })
    }
}

/// A stored contingent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contingent {
    /// Id.
    pub id: i64,
    /// Content.
    #[serde(flatten)]
    pub draft: ContingentDraft,
    /// Demonstration data, not real.
    pub demo: bool,
    /// Optimistic concurrency version, starting at 1.
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// Sort keys accepted by the contingent list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContingentSort {
    /// By id.
    Id,
    /// By name.
    Name,
    /// By state, then name.
    State,
    /// By component, then name.
    Component,
    /// By personnel.
    Personnel,
    /// By equipment.
    Equipment,
    /// By readiness.
    Readiness,
    /// By last change.
    UpdatedAt,
}

/// A list query, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContingentQuery {
    /// Only this state.
    pub state: Option<StateCode>,
    /// Only this component.
    pub component: Option<String>,
    /// Only this readiness.
    pub readiness: Option<Readiness>,
    /// Name contains (case-insensitive).
    pub text: Option<String>,
    /// Demonstration data or not.
    pub demo: Option<bool>,
    /// Sort key.
    pub sort: ContingentSort,
    /// Descending.
    pub descending: bool,
    /// Page size, 1..=MAX_LIMIT.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

/// The largest page.
pub const MAX_LIMIT: i64 = 500;

impl Default for ContingentQuery {
    fn default() -> Self {
        ContingentQuery {
            state: None,
            component: None,
            readiness: None,
            text: None,
            demo: None,
            sort: ContingentSort::Id,
            descending: false,
            limit: 50,
            offset: 0,
        }
    }
}

impl ContingentSort {
    /// Parses `name`, `-personnel`, ... into a key and a direction.
    pub fn parse(s: &str) -> Result<(Self, bool), DomainError> {
        let (desc, key) = match s.strip_prefix('-') {
            Some(k) => (true, k),
            None => (false, s),
        };
        let k = match key {
            "id" => ContingentSort::Id,
            "name" => ContingentSort::Name,
            "state" => ContingentSort::State,
            "component" => ContingentSort::Component,
            "personnel" => ContingentSort::Personnel,
            "equipment" => ContingentSort::Equipment,
            "readiness" => ContingentSort::Readiness,
            "updated_at" => ContingentSort::UpdatedAt,
            _ => {
                return Err(DomainError::invalid(
                    "sort",
                    format!("cannot sort by `{key}` (id, name, state, component, personnel, equipment, readiness, updated_at; prefix - for descending)"),
                ))
            }
        };
        Ok((k, desc))
    }
}

/// Checks paging parameters.
pub fn check_page(limit: i64, offset: i64) -> Result<(), DomainError> {
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(DomainError::invalid(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ));
    }
    if offset < 0 {
        return Err(DomainError::invalid("offset", "must not be negative"));
    }
    Ok(())
}
