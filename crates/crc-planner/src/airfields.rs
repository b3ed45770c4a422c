//! Airfields from the OurAirports data (public domain): the `airports.csv` and `runways.csv`
//! files, read from text the caller has already loaded, so the planner stays free of I/O.
//!
//! What is kept: airports of type `large_airport`, `medium_airport` or `small_airport` in the
//! requested states, not closed, whose longest open runway is at least `min_runway_m`. A runway
//! marked `closed = 1` does not count; a runway without a length does not count.
//!
//! The node's id is the airport's ICAO location indicator: `gps_code` when it is four capital
//! letters (OurAirports keeps superseded codes in `ident`, e.g. Manas: ident `UAFM`, code
//! `UCFM`), otherwise `ident`. When two kept airports end up with the same id, the one whose
//! `ident` is that id keeps it and the other falls back to its own `ident`, which OurAirports
//! keeps unique.
//!
//! Handling capacity is not in the data, so it follows from the airport's type and runway
//! ([`capacity`]); see `docs/movement-network.md` for the reasoning.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::scenario::{Node, NodeKind};

/// Which of the two OurAirports files an error is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvFile {
    /// `airports.csv`.
    Airports,
    /// `runways.csv`.
    Runways,
}

impl fmt::Display for CsvFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CsvFile::Airports => "airports.csv",
            CsvFile::Runways => "runways.csv",
        })
    }
}

/// Why the OurAirports files could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AirfieldError {
    /// The header lacks a column the import needs.
    #[error("{file}: the header has no column `{column}`")]
    MissingColumn {
        /// The file.
        file: CsvFile,
        /// The column missing.
        column: &'static str,
    },
    /// A line is not well-formed CSV (wrong number of fields, bad quoting, not UTF-8).
    #[error("{file}: line {line}, column {column}: {message}")]
    Malformed {
        /// The file.
        file: CsvFile,
        /// Line number, 1-based, counting the header.
        line: u64,
        /// The column where it went wrong, or a description when the whole record is wrong.
        column: String,
        /// What is wrong.
        message: String,
    },
    /// A field holds a value the import cannot use.
    #[error("{file}: line {line}, column {column}: {message} (`{value}`)")]
    BadValue {
        /// The file.
        file: CsvFile,
        /// Line number, 1-based, counting the header.
        line: u64,
        /// The column's header name.
        column: &'static str,
        /// The value found.
        value: String,
        /// What is wrong with it.
        message: String,
    },
    /// Two airports could not be given distinct ids.
    #[error("airports.csv: lines {first_line} and {second_line} both give the id `{id}`")]
    DuplicateId {
        /// The id.
        id: String,
        /// Line of the first airport.
        first_line: u64,
        /// Line of the second airport.
        second_line: u64,
    },
}

/// The size class of an airport, from OurAirports' `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AirportSize {
    /// `large_airport`.
    Large,
    /// `medium_airport`.
    Medium,
    /// `small_airport`.
    Small,
}

impl AirportSize {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "large_airport" => Some(AirportSize::Large),
            "medium_airport" => Some(AirportSize::Medium),
            "small_airport" => Some(AirportSize::Small),
            _ => None,
        }
    }
}

/// Handling capacity of an airfield for military transport aircraft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    /// Aircraft that may stand on the ground at once (not counting those based there).
    pub parking: u32,
    /// Aircraft that may be loaded or unloaded at once.
    pub working: u32,
    /// Minutes of handling added to an aircraft type's own ground time.
    pub handling_min: u32,
}

/// A runway this long or longer marks an airfield built for heavy aircraft, with aprons and
/// handling crews to match: it gets half as much parking again and one more working stand.
pub const LONG_RUNWAY_M: u32 = 3_000;

/// The capacity rule: by size class (large 12 parking / 4 working / 30 min handling, medium
/// 6 / 2 / 45, small 2 / 1 / 60), with a runway of [`LONG_RUNWAY_M`] or more adding half the
/// parking (rounded down) and one working stand.
pub fn capacity(size: AirportSize, runway_m: u32) -> Capacity {
    let (parking, working, handling_min) = match size {
        AirportSize::Large => (12, 4, 30),
        AirportSize::Medium => (6, 2, 45),
        AirportSize::Small => (2, 1, 60),
    };
    if runway_m >= LONG_RUNWAY_M {
        Capacity {
            parking: parking + parking / 2,
            working: working + 1,
            handling_min,
        }
    } else {
        Capacity {
            parking,
            working,
            handling_min,
        }
    }
}

/// Feet to whole metres, rounded to the nearest: 8,202 ft is the 2,500 m runway it was built as.
pub fn feet_to_metres(feet: f64) -> u32 {
    (feet * 0.3048).round() as u32
}

/// Reads the OurAirports `airports.csv` and `runways.csv` texts and returns the airfields of
/// the given states (pairs of OurAirports' `iso_country` alpha-2 code and the alpha-3 code the
/// nodes carry) whose longest open runway is at least `min_runway_m` metres, sorted by state
/// and id. Columns are found by their header names. Only the rows of the requested states are
/// parsed field by field; every line must still be well-formed CSV.
pub fn import_ourairports(
    airports_csv: &str,
    runways_csv: &str,
    states: &[(&str, &str)],
    min_runway_m: u32,
) -> Result<Vec<Node>, AirfieldError> {
    let states: HashMap<&str, &str> = states.iter().copied().collect();
    let candidates = read_airports(airports_csv, &states)?;
    let wanted_refs: HashMap<&str, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, a)| (a.ref_id.as_str(), i))
        .collect();
    let wanted_idents: HashMap<&str, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, a)| (a.ident.as_str(), i))
        .collect();
    let longest = read_runways(runways_csv, &wanted_refs, &wanted_idents)?;

    let mut kept: Vec<(Candidate, u32)> = candidates
        .into_iter()
        .zip(longest)
        .filter_map(|(a, runway)| runway.filter(|&m| m >= min_runway_m).map(|m| (a, m)))
        .collect();
    let ids = assign_ids(&kept)?;
    let mut nodes: Vec<Node> = kept
        .drain(..)
        .zip(ids)
        .map(|((a, runway_m), id)| {
            let cap = capacity(a.size, runway_m);
            Node {
                id,
                name: a.name,
                kind: NodeKind::Airfield,
                state: a.state,
                lat: a.lat,
                lon: a.lon,
                runway_m: Some(runway_m),
                parking: Some(cap.parking),
                working: Some(cap.working),
                handling_min: Some(cap.handling_min),
                throughput_per_hour: None,
                paths_per_day: None,
            }
        })
        .collect();
    nodes.sort_by(|a, b| (&a.state, &a.id).cmp(&(&b.state, &b.id)));
    Ok(nodes)
}

/// An airport of a requested state and size, before its runways are known.
struct Candidate {
    line: u64,
    ref_id: String,
    ident: String,
    gps_code: String,
    size: AirportSize,
    name: String,
    state: String,
    lat: f64,
    lon: f64,
}

/// A CSV reader over `text` and the index of each named column in its header.
struct Table<'a> {
    file: CsvFile,
    reader: csv::Reader<&'a [u8]>,
}

impl<'a> Table<'a> {
    fn new(file: CsvFile, text: &'a str) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        Table { file, reader }
    }

    /// The positions of `names` in the header, in the same order.
    fn columns<const N: usize>(
        &mut self,
        names: [&'static str; N],
    ) -> Result<[usize; N], AirfieldError> {
        let file = self.file;
        let header = self
            .reader
            .headers()
            .map_err(|e| malformed(file, &e))?
            .clone();
        let mut out = [0; N];
        for (slot, name) in out.iter_mut().zip(names) {
            *slot = header
                .iter()
                .position(|h| h.trim() == name)
                .ok_or(AirfieldError::MissingColumn { file, column: name })?;
        }
        Ok(out)
    }

    /// Every record with its line number.
    fn records(
        &mut self,
    ) -> impl Iterator<Item = Result<(u64, csv::StringRecord), AirfieldError>> + use<'_, 'a> {
        let file = self.file;
        self.reader.records().map(move |r| {
            let record = r.map_err(|e| malformed(file, &e))?;
            let line = record.position().map_or(0, |p| p.line());
            Ok((line, record))
        })
    }
}

/// The error the `csv` crate reports, with the line and, where it knows it, the column.
fn malformed(file: CsvFile, e: &csv::Error) -> AirfieldError {
    let line = e.position().map_or(0, |p| p.line());
    let (column, message) = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            // The first field too many, or the first one missing.
            format!("{}", (*len).min(*expected_len) + 1),
            format!("the record has {len} fields where the header has {expected_len}"),
        ),
        csv::ErrorKind::Utf8 { err, .. } => (format!("{}", err.field() + 1), err.to_string()),
        _ => ("?".to_owned(), e.to_string()),
    };
    AirfieldError::Malformed {
        file,
        line,
        column,
        message,
    }
}

fn bad(
    file: CsvFile,
    line: u64,
    column: &'static str,
    value: &str,
    message: &str,
) -> AirfieldError {
    AirfieldError::BadValue {
        file,
        line,
        column,
        value: value.to_owned(),
        message: message.to_owned(),
    }
}

fn read_airports(
    text: &str,
    states: &HashMap<&str, &str>,
) -> Result<Vec<Candidate>, AirfieldError> {
    const F: CsvFile = CsvFile::Airports;
    let mut table = Table::new(F, text);
    let [c_id, c_ident, c_type, c_name, c_lat, c_lon, c_country, c_gps] = table.columns([
        "id",
        "ident",
        "type",
        "name",
        "latitude_deg",
        "longitude_deg",
        "iso_country",
        "gps_code",
    ])?;
    let mut out = Vec::new();
    for r in table.records() {
        let (line, rec) = r?;
        let field = |i: usize| rec.get(i).unwrap_or("").trim();
        let Some(&state) = states.get(field(c_country)) else {
            continue;
        };
        // Closed airports have their own type, `closed`, and so drop out here too.
        let Some(size) = AirportSize::parse(field(c_type)) else {
            continue;
        };
        let ident = field(c_ident);
        if ident.is_empty() {
            return Err(bad(F, line, "ident", ident, "an airport needs an ident"));
        }
        let coordinate = |i: usize, column: &'static str, limit: f64| {
            let v = field(i);
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() && x.abs() <= limit => Ok(x),
                Ok(_) => Err(bad(
                    F,
                    line,
                    column,
                    v,
                    &format!("not within ±{limit} degrees"),
                )),
                Err(_) => Err(bad(F, line, column, v, "not a number")),
            }
        };
        let lat = coordinate(c_lat, "latitude_deg", 90.0)?;
        let lon = coordinate(c_lon, "longitude_deg", 180.0)?;
        let name = match field(c_name) {
            "" => ident.to_owned(),
            n => n.to_owned(),
        };
        out.push(Candidate {
            line,
            ref_id: field(c_id).to_owned(),
            ident: ident.to_owned(),
            gps_code: field(c_gps).to_owned(),
            size,
            name,
            state: state.to_owned(),
            lat,
            lon,
        });
    }
    Ok(out)
}

/// The longest open runway in metres of each candidate (by index), `None` when it has none with
/// a length. Runways are matched to airports by `airport_ref` (the airport's `id`), or by
/// `airport_ident` when the reference is empty.
fn read_runways(
    text: &str,
    by_ref: &HashMap<&str, usize>,
    by_ident: &HashMap<&str, usize>,
) -> Result<Vec<Option<u32>>, AirfieldError> {
    const F: CsvFile = CsvFile::Runways;
    let mut table = Table::new(F, text);
    let [c_ref, c_ident, c_length, c_closed] =
        table.columns(["airport_ref", "airport_ident", "length_ft", "closed"])?;
    let mut longest = vec![None; by_ref.len().max(by_ident.len())];
    for r in table.records() {
        let (line, rec) = r?;
        let field = |i: usize| rec.get(i).unwrap_or("").trim();
        let airport = match field(c_ref) {
            "" => by_ident.get(field(c_ident)),
            reference => by_ref.get(reference),
        };
        let Some(&airport) = airport else {
            continue;
        };
        let closed = match field(c_closed) {
            "" | "0" => false,
            "1" => true,
            v => return Err(bad(F, line, "closed", v, "expected 0 or 1")),
        };
        let length = field(c_length);
        if closed || length.is_empty() {
            continue;
        }
        let feet = match length.parse::<f64>() {
            Ok(x) if x.is_finite() && (0.0..1.0e6).contains(&x) => x,
            _ => return Err(bad(F, line, "length_ft", length, "not a length in feet")),
        };
        let metres = feet_to_metres(feet);
        let slot: &mut Option<u32> = &mut longest[airport];
        *slot = Some(slot.map_or(metres, |m| m.max(metres)));
    }
    Ok(longest)
}

/// The id of each kept airport (see the module documentation for the rule).
fn assign_ids(kept: &[(Candidate, u32)]) -> Result<Vec<String>, AirfieldError> {
    let is_icao = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_uppercase());
    let mut ids: Vec<String> = kept
        .iter()
        .map(|(a, _)| {
            if is_icao(&a.gps_code) {
                a.gps_code.clone()
            } else {
                a.ident.clone()
            }
        })
        .collect();
    // Each pass only turns ids taken from `gps_code` back into idents, so it ends.
    loop {
        let mut claims: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, id) in ids.iter().enumerate() {
            claims.entry(id.as_str()).or_default().push(i);
        }
        let mut fallback = Vec::new();
        for (id, who) in claims.iter().filter(|(_, who)| who.len() > 1) {
            let (owners, movable): (Vec<usize>, Vec<usize>) =
                who.iter().partition(|&&i| kept[i].0.ident == *id);
            if let [first, second, ..] = owners[..] {
                // Two airports share an ident: the data itself is inconsistent.
                return Err(AirfieldError::DuplicateId {
                    id: (*id).to_owned(),
                    first_line: kept[first].0.line,
                    second_line: kept[second].0.line,
                });
            }
            // Without an owner, the first claimant (by line) keeps the code.
            let skip = usize::from(owners.is_empty());
            fallback.extend(movable.into_iter().skip(skip));
        }
        if fallback.is_empty() {
            return Ok(ids);
        }
        for i in fallback {
            ids[i] = kept[i].0.ident.clone();
        }
    }
}
