//! Joint training (docs/training.md): the catalogue of exercises and the yearly Plan for Joint
//! Training, and the design, conduct and evaluation of an exercise.
//!
//! Planning the year: `catalogue` (series and their yearly exercises, links between them,
//! statistics), `year_plan` (the Plan for Joint Training, its approval and versions),
//! `conflicts` (what the plan gets wrong), `ical` (the plan as iCalendar).
//! Running an exercise: `design` (objectives, fictitious names, storylines), `msel` (the
//! master scenario events list and its CSV form), `clock` (scenario time and the release of
//! injects), `evaluation` (observations, the after-action report, corrective actions,
//! lessons learned).

pub mod actions;
pub mod clock;
pub mod delivery;
pub mod design;
pub mod evaluation;
pub mod key;
pub mod lessons;
pub mod msel;
pub mod msel_csv;
pub mod names;
pub mod offset;
pub mod release;
pub mod report;
