//! Releasability labels: who may see a record.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::codes::StateCode;
use crate::error::DomainError;
use crate::identity::Viewer;

/// Who may see a record. The owning state (a contingent's state) always sees its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Releasability {
    /// Everyone in the organization.
    Organization,
    /// The owning state and the listed states.
    States(BTreeSet<StateCode>),
    /// The owning state only.
    National,
}

impl Releasability {
    /// The label's stored name.
    pub fn label(&self) -> &'static str {
        match self {
            Releasability::Organization => "organization",
            Releasability::States(_) => "states",
            Releasability::National => "national",
        }
    }

    /// The listed states (empty unless `States`).
    pub fn states(&self) -> Vec<StateCode> {
        match self {
            Releasability::States(s) => s.iter().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Rebuilds a label from its stored parts.
    pub fn from_parts(label: &str, states: Vec<StateCode>) -> Result<Self, DomainError> {
        match label {
            "organization" => Ok(Releasability::Organization),
            "national" => Ok(Releasability::National),
            "states" if !states.is_empty() => {
                Ok(Releasability::States(states.into_iter().collect()))
            }
            "states" => Err(DomainError::invalid(
                "releasability",
                "releasable to states needs at least one state",
            )),
            other => Err(DomainError::invalid(
                "releasability",
                format!("unknown label `{other}` (organization, states, national)"),
            )),
        }
    }

    /// Whether `viewer` may see a record with this label owned by `owner`. The storage
    /// queries express the same rule in SQL; this is the reference the contract tests hold
    /// them to.
    pub fn visible_to(&self, owner: &StateCode, viewer: &Viewer) -> bool {
        match viewer {
            Viewer::System => true,
            Viewer::Person { state } => match self {
                Releasability::Organization => true,
                Releasability::National => state.as_ref() == Some(owner),
                Releasability::States(list) => state
                    .as_ref()
                    .is_some_and(|s| s == owner || list.contains(s)),
            },
        }
    }
}
