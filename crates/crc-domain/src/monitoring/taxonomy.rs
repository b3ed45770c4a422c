//! The monitoring taxonomy (`reference/monitoring.toml`): the categories reports are filed
//! under, the corroboration window and the threat levels with their thresholds. It is data,
//! not code, so that an installation can file under its own categories and tune its alerts.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::cap::CapCategory;
use crate::crisis::duty::OperatingMode;
use crate::error::DomainError;
use crate::reference::Names;

/// The bundled taxonomy's text.
pub const BUNDLED: &str = include_str!("../../../../reference/monitoring.toml");

/// A category of report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Stable key (`border_incident`).
    pub key: String,
    /// The broader category, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Name.
    pub name: Names,
    /// Weight of one confirmed event in the threat assessment, 1 to 5.
    pub severity: u8,
    /// The CAP category an alert of this kind is sent under.
    pub cap: CapCategory,
}

/// When reports are suggested as reports of one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorroborationRule {
    /// Largest time between two observations, in hours.
    pub window_hours: f64,
    /// Largest distance between two places, in kilometres.
    pub radius_km: f64,
}

/// A threat level and the sum that reaches it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable key (`high`).
    pub key: String,
    /// Name.
    pub name: Names,
    /// The weighted sum of events from which this level holds.
    pub from: f64,
    /// Whether reaching it alerts the duty officer.
    #[serde(default)]
    pub alert: bool,
    /// The operating mode proposed on reaching it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub propose: Option<OperatingMode>,
}

/// How events add up to a threat level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreatRule {
    /// Events observed longer ago than this are forgotten, in hours.
    pub window_hours: f64,
    /// An event's weight halves every so many hours.
    pub half_life_hours: f64,
    /// The trend compares the level now with the level so many hours ago.
    pub trend_hours: f64,
    /// The levels, lowest first; the first starts at 0.
    pub levels: Vec<Level>,
}

/// The taxonomy: categories, corroboration and threat rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// The categories.
    pub categories: Vec<Category>,
    /// Corroboration.
    pub corroboration: CorroborationRule,
    /// Threat assessment.
    pub threat: ThreatRule,
}

impl Taxonomy {
    /// Parses and checks a taxonomy's TOML text.
    pub fn parse(text: &str) -> Result<Taxonomy, DomainError> {
        let t: Taxonomy = toml::from_str(text)
            .map_err(|e| DomainError::invalid("monitoring taxonomy", e.message().to_owned()))?;
        t.check()?;
        Ok(t)
    }

    /// The bundled taxonomy.
    pub fn bundled() -> Result<Taxonomy, DomainError> {
        Taxonomy::parse(BUNDLED)
    }

    /// Checks keys, parents, severities and the levels' order.
    pub fn check(&self) -> Result<(), DomainError> {
        let mut keys = BTreeSet::new();
        for (i, c) in self.categories.iter().enumerate() {
            let at = format!("categories[{i}]");
            check_key(&format!("{at}.key"), &c.key)?;
            if !keys.insert(c.key.as_str()) {
                return Err(DomainError::invalid(
                    format!("{at}.key"),
                    format!("`{}` is listed twice", c.key),
                ));
            }
            if !(1..=5).contains(&c.severity) {
                return Err(DomainError::invalid(
                    format!("{at}.severity"),
                    format!("{} is not 1 to 5", c.severity),
                ));
            }
        }
        let by_key: BTreeMap<&str, &Category> = self
            .categories
            .iter()
            .map(|c| (c.key.as_str(), c))
            .collect();
        for (i, c) in self.categories.iter().enumerate() {
            if let Some(p) = &c.parent {
                let parent = by_key.get(p.as_str()).ok_or_else(|| {
                    DomainError::invalid(
                        format!("categories[{i}].parent"),
                        format!("`{p}` is not a category"),
                    )
                })?;
                // One level of nesting: a parent is a root, so "the same kind of event" is
                // simply "the same root".
                if parent.parent.is_some() {
                    return Err(DomainError::invalid(
                        format!("categories[{i}].parent"),
                        format!("`{p}` has a parent itself; categories nest one level deep"),
                    ));
                }
            }
        }
        let c = &self.corroboration;
        positive("corroboration.window_hours", c.window_hours)?;
        positive("corroboration.radius_km", c.radius_km)?;
        let t = &self.threat;
        positive("threat.window_hours", t.window_hours)?;
        positive("threat.half_life_hours", t.half_life_hours)?;
        positive("threat.trend_hours", t.trend_hours)?;
        if t.levels.is_empty() {
            return Err(DomainError::invalid("threat.levels", "at least one level"));
        }
        let mut level_keys = BTreeSet::new();
        for (i, l) in t.levels.iter().enumerate() {
            check_key(&format!("threat.levels[{i}].key"), &l.key)?;
            if !level_keys.insert(l.key.as_str()) {
                return Err(DomainError::invalid(
                    format!("threat.levels[{i}].key"),
                    format!("`{}` is listed twice", l.key),
                ));
            }
            let ok = if i == 0 {
                l.from == 0.0
            } else {
                l.from.is_finite() && l.from > t.levels[i - 1].from
            };
            if !ok {
                return Err(DomainError::invalid(
                    format!("threat.levels[{i}].from"),
                    "the first level starts at 0 and each next one higher",
                ));
            }
        }
        Ok(())
    }

    /// The category with `key`.
    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    /// The root of a category: itself, or its parent.
    pub fn root<'a>(&'a self, key: &'a str) -> &'a str {
        self.category(key)
            .and_then(|c| c.parent.as_deref())
            .unwrap_or(key)
    }

    /// The level a weighted sum reaches, as an index into `threat.levels`.
    pub fn level_of(&self, sum: f64) -> usize {
        self.threat
            .levels
            .iter()
            .rposition(|l| sum >= l.from)
            .unwrap_or(0)
    }
}

fn positive(field: &str, v: f64) -> Result<(), DomainError> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(DomainError::invalid(
            field,
            format!("{v} is not a positive number"),
        ))
    }
}

fn check_key(field: &str, k: &str) -> Result<(), DomainError> {
    let ok = !k.is_empty()
        && k.len() <= 64
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(DomainError::invalid(
            field,
            format!("`{k}` is not a key: lower-case letters, digits and `_`, at most 64"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_taxonomy_holds_the_categories_the_centre_watches() {
        let t = Taxonomy::bundled().unwrap();
        for k in [
            "armed_incident",
            "terrorist_activity",
            "border_incident",
            "mass_unrest",
            "natural_emergency",
            "man_made_emergency",
            "epidemic",
            "other",
        ] {
            assert!(t.category(k).is_some(), "{k}");
        }
        assert_eq!(t.root("border_shooting"), "border_incident");
        assert_eq!(t.root("border_incident"), "border_incident");
        assert_eq!(t.threat.levels[t.level_of(0.0)].key, "low");
        assert_eq!(t.threat.levels[t.level_of(17.0)].key, "high");
        assert_eq!(t.threat.levels[t.level_of(1e9)].key, "severe");
    }

    #[test]
    fn a_faulty_taxonomy_is_refused_with_its_place() {
        let bad = BUNDLED.replacen("parent = \"armed_incident\"", "parent = \"armed\"", 1);
        let e = Taxonomy::parse(&bad).unwrap_err().to_string();
        assert_eq!(e, "categories[1].parent: `armed` is not a category");
        let bad = BUNDLED.replacen("from = 3.0", "from = 30.0", 1);
        let e = Taxonomy::parse(&bad).unwrap_err().to_string();
        assert!(e.starts_with("threat.levels[2].from"), "{e}");
        let bad = BUNDLED.replacen("severity = 4", "severity = 9", 1);
        let e = Taxonomy::parse(&bad).unwrap_err().to_string();
        assert_eq!(e, "categories[0].severity: 9 is not 1 to 5");
    }
}
