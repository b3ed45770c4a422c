//! Joint training (docs/training.md): the catalogue of exercises and the yearly Plan for Joint
//! Training, and the design, conduct and evaluation of an exercise.
//!
//! Planning the year: `access` (who may keep the catalogue and take each step of a plan),
//! `catalogue` (series and their yearly exercises, links between them, the
//! stated figures; `reference/joint-training.toml`), `period` (dates as precise as known),
//! `stats` (figures per year, series, host state and component), `year_plan` (the Plan for
//! Joint Training, its coordination, approval and versions), `conflicts` (what the plan gets
//! wrong), `ical` (the plan as iCalendar), `print` (the plan laid out by month for printing).
//! Running an exercise (docs/training-conduct.md): `key` (the short ids designs refer by),
//! `design` (objectives, audience, simulated actors, storylines, observers), `names` (the
//! fictitious names applied wherever the exercise is shown), `offset` and `msel` (the master
//! scenario events list and its approval), `msel_csv` (its CSV form), `clock` (scenario time
//! apart from real time), `release` (which injects go out when, and control's hand on them),
//! `delivery` (inboxes and responses), `evaluation` (observations and ratings against
//! objectives), `actions` (corrective actions to closure), `lessons` (lessons learned, searched
//! and linked into a later plan), `report` (the after-action report's content).

pub mod access;
pub mod actions;
pub mod catalogue;
pub mod clock;
pub mod conflicts;
pub mod delivery;
pub mod design;
pub mod evaluation;
pub mod ical;
pub mod key;
pub mod lessons;
pub mod msel;
pub mod msel_csv;
pub mod names;
pub mod offset;
pub mod period;
pub mod print;
pub mod release;
pub mod report;
pub mod stats;
pub mod year_plan;

/// A value of the domain read from JSON, with the path of the first fault under `field`
/// (`spec.objectives[1].criteria`).
pub(crate) fn from_value<T: serde::de::DeserializeOwned>(
    field: &str,
    v: serde_json::Value,
) -> Result<T, crate::error::DomainError> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            field.to_owned()
        } else {
            format!("{field}.{path}")
        };
        crate::error::DomainError::invalid(at, e.inner().to_string())
    })
}
