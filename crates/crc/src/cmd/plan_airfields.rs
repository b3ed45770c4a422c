//! `crc plan airfields --airports FILE --runways FILE --output FILE`: the planner's airfields
//! from the OurAirports CSV files (plain or gzipped), with a note on where they came from.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use crc_planner::scenario::Node;
use serde::Serialize;

/// The member states: OurAirports' `iso_country` (alpha-2) and the alpha-3 code nodes carry.
pub const MEMBER_STATES: &str = "AM=ARM,BY=BLR,KZ=KAZ,KG=KGZ,RU=RUS,TJ=TJK";

/// What `crc plan airfields` was asked to do.
pub struct Args {
    /// `airports.csv` or `airports.csv.gz`.
    pub airports: PathBuf,
    /// `runways.csv` or `runways.csv.gz`.
    pub runways: PathBuf,
    /// Where the JSON goes.
    pub output: PathBuf,
    /// `AM=ARM,BY=BLR,…`.
    pub states: String,
    /// Shortest runway kept, metres.
    pub min_runway_m: u32,
    /// Where the CSV files came from, for the note in the output.
    pub source: String,
}

/// The file written: a note on provenance, then the nodes.
#[derive(Serialize)]
struct AirfieldsFile<'a> {
    about: &'a str,
    source: &'a str,
    licence: &'a str,
    capacity_rule: &'a str,
    states: Vec<String>,
    min_runway_m: u32,
    airfields: &'a [Node],
}

/// Reads the two files, imports the airfields and writes them as JSON.
pub fn run(a: &Args) -> anyhow::Result<()> {
    let states = parse_states(&a.states)?;
    let pairs: Vec<(&str, &str)> = states
        .iter()
        .map(|(a2, a3)| (a2.as_str(), a3.as_str()))
        .collect();
    let airports = read_text(&a.airports)?;
    let runways = read_text(&a.runways)?;
    let nodes =
        crc_planner::airfields::import_ourairports(&airports, &runways, &pairs, a.min_runway_m)
            .context("importing the OurAirports files")?;
    let file = AirfieldsFile {
        about:
            "Airfields of the planner's scenarios: airports of type large, medium or small in \
                the listed states whose longest open runway is at least min_runway_m metres. \
                Written by `crc plan airfields` (scripts/import-airfields.sh); do not edit by hand.",
        source: &a.source,
        licence: "OurAirports data is in the public domain (https://ourairports.com/data/).",
        capacity_rule:
            "parking / working / handling_min by type: large 12 / 4 / 30, medium 6 / 2 / \
                        45, small 2 / 1 / 60; a runway of 3,000 m or more adds half the parking \
                        and one working stand (crc_planner::airfields::capacity).",
        states: states.iter().map(|(_, a3)| a3.clone()).collect(),
        min_runway_m: a.min_runway_m,
        airfields: &nodes,
    };
    let mut json = serde_json::to_string_pretty(&file)?;
    json.push('\n');
    std::fs::write(&a.output, json).with_context(|| format!("writing {}", a.output.display()))?;
    let mut per_state: std::collections::BTreeMap<&str, usize> = Default::default();
    for n in &nodes {
        *per_state.entry(n.state.as_str()).or_default() += 1;
    }
    let counts: Vec<String> = per_state.iter().map(|(s, n)| format!("{s} {n}")).collect();
    println!(
        "{} airfields with a runway of {} m or more ({}) written to {}",
        nodes.len(),
        a.min_runway_m,
        counts.join(", "),
        a.output.display()
    );
    Ok(())
}

/// `AM=ARM,BY=BLR` into pairs.
fn parse_states(s: &str) -> anyhow::Result<Vec<(String, String)>> {
    s.split(',')
        .map(|pair| {
            let (a2, a3) = pair
                .trim()
                .split_once('=')
                .with_context(|| format!("--states: `{pair}` is not ALPHA2=ALPHA3"))?;
            let (a2, a3) = (a2.trim(), a3.trim());
            if a2.len() != 2 || a3.len() != 3 {
                bail!("--states: `{pair}` is not ALPHA2=ALPHA3");
            }
            Ok((a2.to_ascii_uppercase(), a3.to_ascii_uppercase()))
        })
        .collect()
}

/// A file's text, unzipped when it ends in `.gz`.
fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_string(&mut text)
            .with_context(|| format!("unzipping {}", path.display()))?;
        Ok(text)
    } else {
        String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8", path.display()))
    }
}
