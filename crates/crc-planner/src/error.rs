//! Why a scenario cannot be planned.

use serde::Serialize;

/// A scenario that is malformed: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{path}: {message}")]
pub struct ScenarioError {
    /// Where, as a JSON path (`units[3].origin`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl ScenarioError {
    pub(crate) fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// A part of a unit that cannot reach the destination, and why for each mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unreachable {
    /// The unit.
    pub unit: String,
    /// The part: `personnel`, `cargo`, or a vehicle class.
    pub part: String,
    /// One reason per mode tried, e.g. "road: every route crosses UZB, where transit is refused".
    pub reasons: Vec<String>,
}

/// Why no plan came out.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum PlanError {
    /// The scenario is malformed.
    #[error("invalid scenario: {0}")]
    Invalid(ScenarioError),
    /// Some part of some unit cannot reach the destination.
    #[error("infeasible: {}", describe(.0))]
    Infeasible(Vec<Unreachable>),
}

fn describe(parts: &[Unreachable]) -> String {
    parts
        .iter()
        .map(|u| format!("{} ({}): {}", u.unit, u.part, u.reasons.join("; ")))
        .collect::<Vec<_>>()
        .join(" | ")
}
