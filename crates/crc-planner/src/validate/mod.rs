//! The independent plan validator: checks a plan against the rules R1–R15 of `docs/planner.md`.
//!
//! It reads only the scenario and plan types and recomputes every figure itself (drive and
//! passage times, the states of a leg, path times), so that a mistake in the planner cannot
//! hide behind the same mistake here. It never panics: whatever is malformed in the plan (or
//! the scenario) is reported as a violation of the rule it breaks. The slot checks sweep over
//! interval endpoints, O(n log n) in the number of legs and flights.

mod air;
mod crossings;
mod figures;
mod flights;
mod index;
mod load;
mod march;
mod measure;
mod movements;
mod rail;
mod slots;
mod sweep;
mod transit;

use std::fmt;

use serde::Serialize;

use crate::plan::Plan;
use crate::scenario::Scenario;

use index::Index;

/// A rule of `docs/planner.md` that a plan breaks, where, and by how much.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// The rule, `"R1"` … `"R15"`.
    pub rule: &'static str,
    /// What breaks it: a movement, flight, train, unit, aircraft (`TYPE#n`) or node id, or
    /// `"plan"` for the plan's own figures (R15).
    pub subject: String,
    /// What is wrong, with the figures.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.rule, self.subject, self.message)
    }
}

/// Checks `plan` against every rule of `docs/planner.md` for `scenario`.
///
/// Returns every violation found, sorted by rule number, subject and message, without
/// repeats; `Ok(())` when there is none.
pub fn validate(scenario: &Scenario, plan: &Plan) -> Result<(), Vec<Violation>> {
    let index = Index::new(scenario, plan);
    let mut report = Report::default();
    load::check(&index, &mut report);
    movements::check(&index, &mut report);
    march::check(&index, &mut report);
    transit::check(&index, &mut report);
    air::check(&index, &mut report);
    flights::check(&index, &mut report);
    slots::check(&index, &mut report);
    rail::check(&index, &mut report);
    crossings::check(&index, &mut report);
    figures::check(&index, &mut report);
    report.finish()
}

/// The violations found so far.
#[derive(Default)]
struct Report {
    found: Vec<Violation>,
}

impl Report {
    fn add(&mut self, rule: &'static str, subject: &str, message: impl Into<String>) {
        self.found.push(Violation {
            rule,
            subject: subject.to_owned(),
            message: message.into(),
        });
    }

    fn finish(mut self) -> Result<(), Vec<Violation>> {
        self.found.sort_by(|a, b| {
            (rule_number(a.rule), &a.subject, &a.message).cmp(&(
                rule_number(b.rule),
                &b.subject,
                &b.message,
            ))
        });
        self.found.dedup();
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(self.found)
        }
    }
}

/// Sorts R2 before R10.
fn rule_number(rule: &str) -> u32 {
    rule.trim_start_matches('R').parse().unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_reads_rule_subject_message() {
        let v = Violation {
            rule: "R8",
            subject: "F12".into(),
            message: "131 personnel on a flight of IL-76MD with 125 seats".into(),
        };
        assert_eq!(
            v.to_string(),
            "R8 F12: 131 personnel on a flight of IL-76MD with 125 seats"
        );
    }

    #[test]
    fn violations_sort_by_rule_number_then_subject() {
        let mut r = Report::default();
        r.add("R10", "A", "x");
        r.add("R2", "B", "y");
        r.add("R2", "A", "z");
        r.add("R2", "A", "z");
        let found = r.finish().unwrap_err();
        let keys: Vec<_> = found.iter().map(|v| (v.rule, v.subject.as_str())).collect();
        assert_eq!(keys, [("R2", "A"), ("R2", "B"), ("R10", "A")]);
    }
}
