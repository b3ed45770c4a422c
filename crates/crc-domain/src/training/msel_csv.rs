//! The MSEL as CSV, for planners who write it in a spreadsheet (docs/training-conduct.md).
//!
//! The header is fixed: [`HEADER`], each column once, in any order. Lists (`recipients`,
//! `objectives`) are keys separated by `;`. An import reads the whole file into a checked
//! [`MselSpec`] or refuses it with every problem found, each with its line and column: a file
//! is never taken in part.

use std::collections::BTreeMap;
use std::fmt;

use thiserror::Error;

use super::design::ExerciseDesign;
use super::key::Key;
use super::msel::{Channel, Inject, MselSpec, MAX_INJECTS};
use super::offset::Offset;
use crate::error::DomainError;

/// The columns, in the order an export writes them.
pub const HEADER: [&str; 10] = [
    "number",
    "offset",
    "storyline",
    "sender",
    "recipients",
    "channel",
    "subject",
    "message",
    "expected_actions",
    "objectives",
];

/// The separator of keys in a list column.
pub const LIST_SEPARATOR: char = ';';

/// One problem of a CSV file: its line (from 1; a row's first line when a quoted cell spans
/// several), its column (empty when the problem is the whole row or file) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvProblem {
    /// The line.
    pub line: u64,
    /// The column's name, or empty.
    pub column: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        }
    }
}

/// Every problem of a refused CSV file, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the MSEL file is refused: {}", join(.0))]
pub struct CsvErrors(pub Vec<CsvProblem>);

fn join(v: &[CsvProblem]) -> String {
    v.iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<CsvErrors> for DomainError {
    fn from(e: CsvErrors) -> Self {
        DomainError::invalid("csv", join(&e.0))
    }
}

/// Reads a CSV MSEL, checked against the design, or every problem of the file.
pub fn import(text: &str, design: &ExerciseDesign) -> Result<MselSpec, CsvErrors> {
    // Spreadsheets often save UTF-8 with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let mut rows = reader.records();
    let columns = match rows.next() {
        None => {
            return Err(CsvErrors(vec![problem(
                1,
                "",
                format!(
                    "the file is empty; the first line is the header: {}",
                    HEADER.join(",")
                ),
            )]))
        }
        Some(Err(e)) => return Err(CsvErrors(vec![problem(1, "", e.to_string())])),
        Some(Ok(header)) => match columns(&header) {
            Ok(c) => c,
            Err(p) => return Err(CsvErrors(p)),
        },
    };
    let mut injects = Vec::new();
    let mut numbers: BTreeMap<u32, u64> = BTreeMap::new();
    for row in rows {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(problem(line, "", e.to_string()));
                continue;
            }
        };
        let line = row.position().map(|p| p.line()).unwrap_or(0);
        if injects.len() + problems.len() >= MAX_INJECTS {
            problems.push(problem(
                line,
                "",
                format!("an MSEL has at most {MAX_INJECTS} injects"),
            ));
            break;
        }
        if row.len() != HEADER.len() {
            problems.push(problem(
                line,
                "",
                format!("has {} cells; the header has {}", row.len(), HEADER.len()),
            ));
            continue;
        }
        let cells = Cells {
            columns: &columns,
            row: &row,
        };
        let before = problems.len();
        if let Some(inject) = read_row(line, &cells, &mut problems) {
            for (column, message) in inject.problems(design) {
                problems.push(problem(line, column, message));
            }
            if let Some(first) = numbers.insert(inject.number, line) {
                problems.push(problem(
                    line,
                    "number",
                    format!(
                        "{} is also the number of the inject on line {first}",
                        inject.number
                    ),
                ));
            }
            if problems.len() == before {
                injects.push(inject);
            }
        }
    }
    if problems.is_empty() {
        Ok(MselSpec { injects })
    } else {
        Err(CsvErrors(problems))
    }
}

/// The MSEL as CSV: the header, then the injects in schedule order.
pub fn export(msel: &MselSpec) -> Result<String, DomainError> {
    let fail = |e: String| DomainError::invalid("csv", e);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).map_err(|e| fail(e.to_string()))?;
    let list = |keys: &[Key]| {
        keys.iter()
            .map(Key::as_str)
            .collect::<Vec<_>>()
            .join(&LIST_SEPARATOR.to_string())
    };
    for i in msel.schedule() {
        w.write_record([
            i.number.to_string().as_str(),
            &i.offset.to_string(),
            i.storyline.as_ref().map(Key::as_str).unwrap_or(""),
            i.sender.as_str(),
            &list(&i.recipients),
            i.channel.as_str(),
            &i.subject,
            &i.message,
            &i.expected_actions,
            &list(&i.objectives),
        ])
        .map_err(|e| fail(e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| fail(e.to_string()))
}

fn problem(line: u64, column: &str, message: impl Into<String>) -> CsvProblem {
    CsvProblem {
        line,
        column: column.to_owned(),
        message: message.into(),
    }
}

/// The header's columns by name, or what is missing, unknown or repeated.
fn columns(header: &csv::StringRecord) -> Result<BTreeMap<String, usize>, Vec<CsvProblem>> {
    let mut found = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        if !HEADER.contains(&name) {
            problems.push(problem(1, name, format!("unknown column `{name}`")));
        } else if found.insert(name.to_owned(), i).is_some() {
            problems.push(problem(1, name, format!("column `{name}` appears twice")));
        }
    }
    for name in HEADER {
        if !found.contains_key(name) {
            problems.push(problem(1, name, format!("missing column `{name}`")));
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// A row's cells by column name.
struct Cells<'a> {
    columns: &'a BTreeMap<String, usize>,
    row: &'a csv::StringRecord,
}

impl<'a> Cells<'a> {
    fn get(&self, name: &str) -> &'a str {
        self.columns
            .get(name)
            .and_then(|&i| self.row.get(i))
            .unwrap_or("")
    }
}

/// One row's cells parsed into an inject, or `None` with its problems noted.
fn read_row(line: u64, cells: &Cells<'_>, problems: &mut Vec<CsvProblem>) -> Option<Inject> {
    let cell = |name: &str| cells.get(name);
    let before = problems.len();
    let mut note = |column: &str, r: Result<(), DomainError>| {
        if let Err(DomainError::Invalid { message, .. }) = r {
            problems.push(problem(line, column, message));
        }
    };
    let number = match cell("number").parse::<u32>() {
        Ok(n) => n,
        Err(_) => {
            let n = cell("number");
            note(
                "number",
                Err(DomainError::invalid(
                    "",
                    format!("`{n}` is not a whole number"),
                )),
            );
            0
        }
    };
    let offset = Offset::parse("", cell("offset"));
    note("offset", offset.as_ref().map(|_| ()).map_err(Clone::clone));
    let storyline = match cell("storyline").trim() {
        "" => Ok(None),
        s => Key::parse("", s).map(Some),
    };
    note(
        "storyline",
        storyline.as_ref().map(|_| ()).map_err(Clone::clone),
    );
    let sender = Key::parse("", cell("sender").trim());
    note("sender", sender.as_ref().map(|_| ()).map_err(Clone::clone));
    let recipients = keys(cell("recipients"));
    note(
        "recipients",
        recipients.as_ref().map(|_| ()).map_err(Clone::clone),
    );
    let channel = Channel::parse("", cell("channel").trim());
    note(
        "channel",
        channel.as_ref().map(|_| ()).map_err(Clone::clone),
    );
    let objectives = keys(cell("objectives"));
    note(
        "objectives",
        objectives.as_ref().map(|_| ()).map_err(Clone::clone),
    );
    if problems.len() > before {
        return None;
    }
    Some(Inject {
        number,
        offset: offset.ok()?,
        storyline: storyline.ok()?,
        sender: sender.ok()?,
        recipients: recipients.ok()?,
        channel: channel.ok()?,
        subject: cell("subject").to_owned(),
        message: cell("message").to_owned(),
        expected_actions: cell("expected_actions").to_owned(),
        objectives: objectives.ok()?,
    })
}

/// Keys separated by `;` (blank parts ignored, spaces around keys allowed).
fn keys(s: &str) -> Result<Vec<Key>, DomainError> {
    s.split(LIST_SEPARATOR)
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| Key::parse("", k))
        .collect()
}

#[cfg(test)]
#[path = "msel_csv_tests.rs"]
mod tests;
