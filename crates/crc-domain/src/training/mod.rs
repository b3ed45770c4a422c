//! Joint training (docs/training.md): the catalogue of exercises and the yearly Plan for Joint
//! Training, and the design, conduct and evaluation of an exercise.
//!
//! Planning the year: `catalogue` (series and their yearly exercises, links between them, the
//! stated figures; `reference/joint-training.toml`), `period` (dates as precise as known),
//! `stats` (figures per year, series, host state and component), `year_plan` (the Plan for
//! Joint Training, its coordination, approval and versions), `conflicts` (what the plan gets
//! wrong), `ical` (the plan as iCalendar), `print` (the plan laid out by month for printing).
//! Running an exercise: `design` (objectives, fictitious names, storylines), `msel` (the
//! master scenario events list and its CSV form), `clock` (scenario time and the release of
//! injects), `evaluation` (observations, the after-action report, corrective actions,
//! lessons learned).

pub mod catalogue;
pub mod conflicts;
pub mod ical;
pub mod period;
pub mod print;
pub mod stats;
pub mod year_plan;
