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

/// The label of a record made of others (an event of reports): seen only by whoever may see
/// every one of them. Each part is its owning state and label; the result is the owning state
/// and label of the whole (an owner only where exactly one state may see it).
pub fn narrowest<'a>(
    parts: impl IntoIterator<Item = (Option<&'a StateCode>, &'a Releasability)>,
) -> (Option<StateCode>, Releasability) {
    // None: everyone; Some(set): those states only.
    let mut seen: Option<BTreeSet<StateCode>> = None;
    for (owner, r) in parts {
        let who: Option<BTreeSet<StateCode>> = match r {
            Releasability::Organization => None,
            Releasability::National => Some(owner.into_iter().cloned().collect()),
            Releasability::States(list) => {
                Some(list.iter().cloned().chain(owner.cloned()).collect())
            }
        };
        seen = match (seen, who) {
            (None, w) => w,
            (s, None) => s,
            (Some(a), Some(b)) => Some(a.intersection(&b).cloned().collect()),
        };
    }
    match seen {
        None => (None, Releasability::Organization),
        Some(set) if set.len() == 1 => (set.into_iter().next(), Releasability::National),
        Some(set) if set.is_empty() => (None, Releasability::National),
        Some(set) => (None, Releasability::States(set)),
    }
}

#[cfg(test)]
mod narrowest_tests {
    use super::*;

    fn s(c: &str) -> StateCode {
        StateCode::parse(c).unwrap()
    }

    #[test]
    fn a_whole_is_seen_by_those_who_see_every_part() {
        let org = Releasability::Organization;
        let nat = Releasability::National;
        let kaz_rus = Releasability::States([s("RUS")].into_iter().collect());
        let (kaz, tjk) = (s("KAZ"), s("TJK"));
        assert_eq!(
            narrowest([(None, &org), (Some(&kaz), &org)]),
            (None, org.clone())
        );
        assert_eq!(
            narrowest([(None, &org), (Some(&kaz), &kaz_rus)]),
            (
                None,
                Releasability::States([s("KAZ"), s("RUS")].into_iter().collect())
            )
        );
        assert_eq!(
            narrowest([(Some(&kaz), &kaz_rus), (Some(&kaz), &nat)]),
            (Some(kaz.clone()), nat.clone())
        );
        // Two states' national reports: no one but the system sees both.
        assert_eq!(
            narrowest([(Some(&kaz), &nat), (Some(&tjk), &nat)]),
            (None, nat)
        );
    }
}
