//! What a year's plan gets wrong: a contingent booked into two exercises at once, a host state
//! with events on top of each other, a component left without training, and exercises meant
//! to go together whose dates or places drift apart.
//!
//! One pure function, [`find`], over the plan's exercises. Imprecise periods are compared
//! conservatively: two windows that meet give a *possible* finding, never a certain one, and a
//! rule that needs two periods apart is satisfied only when they certainly are. The result does
//! not depend on the order of the exercises, and shifting every exact date by the same number
//! of days changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::catalogue::{ExerciseSpec, ExerciseStatus, ExternalExercise, LinkKind};
use super::period::{Overlap, Period};
use crate::codes::StateCode;

/// Which rule a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The same national contingent (state and component) is in two overlapping exercises.
    ContingentDoubleBooked,
    /// A host state has two events at the same time that are not declared to go together.
    HostOverlap,
    /// A component of the Collective Forces has no exercise this year.
    ComponentWithoutTraining,
    /// Exercises declared as held together are no longer at the same time or place.
    HeldTogetherDrifted,
    /// Exercises whose intentions are linked no longer meet in time.
    LinkedDrifted,
    /// The exercise that supplies the initial data does not end before the one it serves.
    InitialDataTooLate,
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The plan cannot be carried out as written.
    Error,
    /// Probably wrong; someone should look.
    Warning,
    /// Worth knowing.
    Notice,
}

/// Whether the finding is certain or depends on dates not yet fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// Certain from the dates and places given.
    Certain,
    /// Possible: at least one period is imprecise.
    Possible,
}

/// One thing wrong with a plan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// How much it matters.
    pub severity: Severity,
    /// Certain or possible.
    pub certainty: Certainty,
    /// The exercises involved, by key, sorted.
    pub exercises: Vec<String>,
    /// The state concerned (the contingent's or the host), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<StateCode>,
    /// The component concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// What is wrong, in English.
    pub message: String,
}

/// Something a link can point at: an exercise of the plan or an external exercise.
struct Target<'a> {
    key: &'a str,
    name: &'a str,
    host: Option<&'a StateCode>,
    place: Option<&'a str>,
    dates: &'a Period,
}

/// Finds every conflict among `exercises` (cancelled ones are ignored). `externals` are the
/// exercises of others the plan links to; `components` are the keys of the components that
/// should train this year (normally every component of the organization).
pub fn find(
    exercises: &[ExerciseSpec],
    externals: &[ExternalExercise],
    components: &[String],
) -> Vec<Finding> {
    let mut live: Vec<&ExerciseSpec> = exercises
        .iter()
        .filter(|x| x.status != ExerciseStatus::Cancelled)
        .collect();
    live.sort_by(|a, b| a.key.cmp(&b.key));
    let groups = held_together_groups(&live);
    let linked = linked_pairs(&live);
    let mut out = Vec::new();

    for (i, a) in live.iter().enumerate() {
        for b in &live[i + 1..] {
            let overlap = a.dates.overlap(&b.dates);
            if overlap == Overlap::None {
                continue;
            }
            let together = groups.get(a.key.as_str()) == groups.get(b.key.as_str());
            contingents(a, b, overlap, together, &mut out);
            let expected = together || linked.contains(&(a.key.as_str(), b.key.as_str()));
            if a.host == b.host && !expected {
                let (severity, certainty) = graded(overlap, Severity::Warning, Severity::Notice);
                out.push(Finding {
                    rule: Rule::HostOverlap,
                    severity,
                    certainty,
                    exercises: vec![a.key.clone(), b.key.clone()],
                    state: Some(a.host.clone()),
                    component: None,
                    message: format!(
                        "{} hosts {} ({}) and {} ({}) at {} the same time, and they are not \
                         declared as held together or linked",
                        a.host,
                        a.name.en,
                        a.dates.label_en(),
                        b.name.en,
                        b.dates.label_en(),
                        if certainty == Certainty::Certain {
                            "certainly"
                        } else {
                            "possibly"
                        }
                    ),
                });
            }
        }
    }

    let trained: BTreeSet<&str> = live
        .iter()
        .flat_map(|x| x.components.iter().map(String::as_str))
        .collect();
    let mut wanted: Vec<&String> = components.iter().collect();
    wanted.sort();
    wanted.dedup();
    for c in wanted {
        if !trained.contains(c.as_str()) {
            out.push(Finding {
                rule: Rule::ComponentWithoutTraining,
                severity: Severity::Warning,
                certainty: Certainty::Certain,
                exercises: Vec::new(),
                state: None,
                component: Some(c.clone()),
                message: format!("component `{c}` has no exercise in the plan"),
            });
        }
    }

    links(&live, externals, &mut out);
    out.sort();
    out.dedup();
    out
}

/// Severity and certainty from an overlap: `certain` when both periods are exact days.
fn graded(overlap: Overlap, certain: Severity, possible: Severity) -> (Severity, Certainty) {
    if overlap == Overlap::Certain {
        (certain, Certainty::Certain)
    } else {
        (possible, Certainty::Possible)
    }
}

/// The same contingent in both exercises. Within exercises held together it may well be
/// meant (one contingent serving two trainings at one place): a warning to confirm it rather
/// than an error.
fn contingents(
    a: &ExerciseSpec,
    b: &ExerciseSpec,
    overlap: Overlap,
    together: bool,
    out: &mut Vec<Finding>,
) {
    for c in &a.contingents {
        let same = b
            .contingents
            .iter()
            .any(|d| d.state == c.state && d.component == c.component);
        if !same {
            continue;
        }
        let (severity, certainty) = graded(
            overlap,
            if together {
                Severity::Warning
            } else {
                Severity::Error
            },
            Severity::Warning,
        );
        out.push(Finding {
            rule: Rule::ContingentDoubleBooked,
            severity,
            certainty,
            exercises: vec![a.key.clone(), b.key.clone()],
            state: Some(c.state.clone()),
            component: Some(c.component.clone()),
            message: format!(
                "the {} contingent of `{}` is in {} ({}) and {} ({}), which {} overlap{}",
                c.state,
                c.component,
                a.name.en,
                a.dates.label_en(),
                b.name.en,
                b.dates.label_en(),
                if certainty == Certainty::Certain {
                    "certainly"
                } else {
                    "may"
                },
                if together {
                    "; they are held together: confirm one contingent serves both"
                } else {
                    ""
                }
            ),
        });
    }
}

/// Each exercise's held-together group (the smallest key of its group), following links in
/// either direction and transitively: Interaction, Search and Echelon held together form one
/// group even if each names only one other.
fn held_together_groups<'a>(live: &[&'a ExerciseSpec]) -> BTreeMap<&'a str, &'a str> {
    let keys: BTreeSet<&str> = live.iter().map(|x| x.key.as_str()).collect();
    let mut parent: BTreeMap<&str, &str> = keys.iter().map(|k| (*k, *k)).collect();
    fn root<'a>(p: &BTreeMap<&'a str, &'a str>, mut k: &'a str) -> &'a str {
        while let Some(&up) = p.get(k) {
            if up == k {
                break;
            }
            k = up;
        }
        k
    }
    for x in live {
        for l in &x.links {
            if l.kind == LinkKind::HeldTogether && keys.contains(l.target.as_str()) {
                let (ra, rb) = (root(&parent, &x.key), root(&parent, &l.target));
                let (lo, hi) = if ra <= rb { (ra, rb) } else { (rb, ra) };
                parent.insert(hi, lo);
            }
        }
    }
    keys.iter().map(|k| (*k, root(&parent, k))).collect()
}

/// Pairs (smaller key first) declared as linked in either direction.
fn linked_pairs<'a>(live: &[&'a ExerciseSpec]) -> BTreeSet<(&'a str, &'a str)> {
    let mut out = BTreeSet::new();
    for x in live {
        for l in &x.links {
            if l.kind == LinkKind::LinkedTo {
                let (a, b) = (x.key.as_str(), l.target.as_str());
                if let Some(b) = live.iter().map(|y| y.key.as_str()).find(|k| *k == b) {
                    out.insert(if a <= b { (a, b) } else { (b, a) });
                }
            }
        }
    }
    out
}

/// The link rules: held together at one time and place, linked ones meeting in time, initial
/// data before the exercise it serves. A symmetric link is checked once per pair, from the end
/// with the smaller key, whichever end declares it.
fn links(live: &[&ExerciseSpec], externals: &[ExternalExercise], out: &mut Vec<Finding>) {
    let target = |key: &str| -> Option<Target<'_>> {
        if let Some(x) = live.iter().find(|x| x.key == key) {
            return Some(Target {
                key: &x.key,
                name: &x.name.en,
                host: Some(&x.host),
                place: x.place.as_ref().map(|p| p.en.as_str()),
                dates: &x.dates,
            });
        }
        externals.iter().find(|e| e.key == key).map(|e| Target {
            key: &e.key,
            name: &e.name.en,
            host: e.host.as_ref(),
            place: None,
            dates: &e.dates,
        })
    };
    let mut symmetric: BTreeSet<(LinkKind, &str, &str)> = BTreeSet::new();
    for x in live {
        for l in &x.links {
            let (a, b) = (x.key.as_str(), l.target.as_str());
            match l.kind {
                LinkKind::HeldTogether | LinkKind::LinkedTo => {
                    symmetric.insert(if a <= b {
                        (l.kind, a, b)
                    } else {
                        (l.kind, b, a)
                    });
                }
                LinkKind::SuppliesInitialData => {
                    if let (Some(me), Some(other)) = (target(a), target(b)) {
                        initial_data(&me, &other, out);
                    }
                }
            }
        }
    }
    for (kind, a, b) in symmetric {
        let (Some(a), Some(b)) = (target(a), target(b)) else {
            continue;
        };
        if kind == LinkKind::HeldTogether {
            held_together(&a, &b, out);
        } else if a.dates.overlap(b.dates) == Overlap::None {
            out.push(pair_finding(
                Rule::LinkedDrifted,
                Severity::Warning,
                &a,
                &b,
                None,
                format!(
                    "{} ({}) and {} ({}) are linked but no longer meet in time",
                    a.name,
                    a.dates.label_en(),
                    b.name,
                    b.dates.label_en()
                ),
            ));
        }
    }
}

/// The exercise supplying the initial data must end before the one it serves begins; with
/// imprecise dates, a window that may not end in time is a possible finding.
fn initial_data(me: &Target<'_>, other: &Target<'_>, out: &mut Vec<Finding>) {
    if me.dates.latest() < other.dates.earliest() {
        return;
    }
    let certain = (me.dates.is_exact() && other.dates.is_exact())
        || me.dates.earliest() >= other.dates.latest();
    let mut f = pair_finding(
        Rule::InitialDataTooLate,
        if certain {
            Severity::Error
        } else {
            Severity::Warning
        },
        me,
        other,
        None,
        format!(
            "{} ({}) supplies the initial data for {} ({}) but {} end before it begins",
            me.name,
            me.dates.label_en(),
            other.name,
            other.dates.label_en(),
            if certain { "does not" } else { "may not" }
        ),
    );
    if !certain {
        f.certainty = Certainty::Possible;
    }
    out.push(f);
}

fn held_together(me: &Target<'_>, other: &Target<'_>, out: &mut Vec<Finding>) {
    if me.dates.overlap(other.dates) == Overlap::None {
        out.push(pair_finding(
            Rule::HeldTogetherDrifted,
            Severity::Error,
            me,
            other,
            None,
            format!(
                "{} ({}) and {} ({}) are declared as held together but no longer meet in time",
                me.name,
                me.dates.label_en(),
                other.name,
                other.dates.label_en()
            ),
        ));
    }
    if let (Some(a), Some(b)) = (me.host, other.host) {
        if a != b {
            out.push(pair_finding(
                Rule::HeldTogetherDrifted,
                Severity::Error,
                me,
                other,
                None,
                format!(
                    "{} ({a}) and {} ({b}) are declared as held together but are hosted by \
                     different states",
                    me.name, other.name
                ),
            ));
        } else if let (Some(p), Some(q)) = (me.place, other.place) {
            if p != q {
                out.push(pair_finding(
                    Rule::HeldTogetherDrifted,
                    Severity::Warning,
                    me,
                    other,
                    Some(a.clone()),
                    format!(
                        "{} ({p}) and {} ({q}) are declared as held together but name \
                         different places",
                        me.name, other.name
                    ),
                ));
            }
        }
    }
}

/// A finding about two exercises, certain unless the caller says otherwise.
fn pair_finding(
    rule: Rule,
    severity: Severity,
    a: &Target<'_>,
    b: &Target<'_>,
    state: Option<StateCode>,
    message: String,
) -> Finding {
    let mut exercises = vec![a.key.to_owned(), b.key.to_owned()];
    exercises.sort();
    Finding {
        rule,
        severity,
        certainty: Certainty::Certain,
        exercises,
        state,
        component: None,
        message,
    }
}
