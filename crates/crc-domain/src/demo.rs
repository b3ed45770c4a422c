//! Demonstration contingents: a few per member state so a fresh install has something to
//! show. Every one is stored with the `demo` mark and can be left out or removed whole.

use serde::Deserialize;

use crate::contingent::{ContingentDraft, RawContingent};
use crate::error::DomainError;
use crate::releasability::Releasability;

/// The demonstration data shipped with this build.
pub const BUNDLED: &str = include_str!("../../../reference/demo-contingents.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)]
    version: String,
    contingents: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Station {
    name: String,
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    state: String,
    component: String,
    name: String,
    home_station: Station,
    personnel: i64,
    equipment: i64,
    readiness: String,
    #[serde(default)]
    notes: String,
    releasability: Releasability,
}

/// Parses a demonstration file into checked drafts; the error names the entry.
pub fn parse(text: &str) -> Result<Vec<ContingentDraft>, DomainError> {
    let f: File =
        toml::from_str(text).map_err(|e| DomainError::invalid("demo data", e.to_string()))?;
    f.contingents
        .iter()
        .enumerate()
        .map(|(i, e)| {
            ContingentDraft::parse(RawContingent {
                state: &e.state,
                component: &e.component,
                name: &e.name,
                home_station: &e.home_station.name,
                lat: e.home_station.lat,
                lon: e.home_station.lon,
                personnel: e.personnel,
                equipment: e.equipment,
                readiness: &e.readiness,
                notes: &e.notes,
                releasability: e.releasability.clone(),
            })
            .map_err(|err| DomainError::invalid(format!("contingents[{i}]"), err.to_string()))
        })
        .collect()
}
