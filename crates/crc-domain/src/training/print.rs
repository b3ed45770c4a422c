//! The plan as a printable document's content: months in order, each with its exercises,
//! then the exercises whose dates are known only to the season or the year, with the approval,
//! the stated figures and the conflicts found. A server renders it; nothing here is HTML.

use serde::{Deserialize, Serialize};

use super::catalogue::{ExerciseSpec, ExerciseStatus};
use super::conflicts::Finding;
use super::period::Period;
use super::year_plan::{Approval, PlanStatus, YearPlanSpec};
use crate::codes::StateCode;
use crate::reference::{Names, ReferenceData};

/// One exercise as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintedExercise {
    /// Key.
    pub key: String,
    /// Name.
    pub name: Names,
    /// Kind, in words.
    pub kind: Names,
    /// Status.
    pub status: ExerciseStatus,
    /// Dates, in words ("first half of October 2025").
    pub dates: Names,
    /// The period itself, for sorting and charts.
    pub period: Period,
    /// Host state.
    pub host: StateCode,
    /// Host state's short name.
    pub host_name: Names,
    /// Place, if named.
    pub place: Option<Names>,
    /// Components trained, by name.
    pub components: Vec<Names>,
    /// Links, in words ("held together with Search-2025").
    pub links: Vec<Names>,
    /// Events held with it.
    pub side_events: Vec<Names>,
}

/// A month of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthSection {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
    /// The month's name.
    pub title: Names,
    /// Exercises starting in this month (by window's start), earliest first.
    pub exercises: Vec<PrintedExercise>,
}

/// The printable plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDocument {
    /// Title.
    pub title: Names,
    /// Year.
    pub year: i32,
    /// Version printed.
    pub version: u32,
    /// Where the plan stands.
    pub status: PlanStatus,
    /// The approvals of this version (both bodies once approved).
    pub approvals: Vec<Approval>,
    /// Months with exercises whose dates are known to the month or better, in order.
    pub months: Vec<MonthSection>,
    /// Exercises known only to a season or the year, earliest window first.
    pub dates_not_fixed: Vec<PrintedExercise>,
    /// Conflicts found in the plan.
    pub findings: Vec<Finding>,
}

const MONTHS: [(&str, &str); 12] = [
    ("January", "Январь"),
    ("February", "Февраль"),
    ("March", "Март"),
    ("April", "Апрель"),
    ("May", "Май"),
    ("June", "Июнь"),
    ("July", "Июль"),
    ("August", "Август"),
    ("September", "Сентябрь"),
    ("October", "Октябрь"),
    ("November", "Ноябрь"),
    ("December", "Декабрь"),
];

/// Lays out `plan` (version `version`, standing at `status` with `approvals`) for printing.
pub fn document(
    plan: &YearPlanSpec,
    version: u32,
    status: PlanStatus,
    approvals: &[Approval],
    findings: Vec<Finding>,
    org: &ReferenceData,
) -> PlanDocument {
    use chrono::Datelike;
    let mut xs: Vec<&ExerciseSpec> = plan.exercises.iter().collect();
    xs.sort_by(|a, b| {
        (a.dates.earliest(), a.dates.latest(), &a.key).cmp(&(
            b.dates.earliest(),
            b.dates.latest(),
            &b.key,
        ))
    });
    let mut months: Vec<MonthSection> = Vec::new();
    let mut loose = Vec::new();
    for x in xs {
        let printed = printed(plan, x, org);
        if matches!(x.dates, Period::Season { .. } | Period::Year { .. }) {
            loose.push(printed);
            continue;
        }
        let start = x.dates.earliest();
        let (year, month) = (start.year(), start.month());
        match months.last_mut() {
            Some(m) if (m.year, m.month) == (year, month) => m.exercises.push(printed),
            _ => {
                let (en, ru) = MONTHS[(month.clamp(1, 12) - 1) as usize];
                months.push(MonthSection {
                    year,
                    month,
                    title: Names {
                        en: format!("{en} {year}"),
                        ru: format!("{ru} {year} г."),
                    },
                    exercises: vec![printed],
                });
            }
        }
    }
    PlanDocument {
        title: plan.title.clone(),
        year: plan.year,
        version,
        status,
        approvals: approvals.to_vec(),
        months,
        dates_not_fixed: loose,
        findings,
    }
}

fn printed(plan: &YearPlanSpec, x: &ExerciseSpec, org: &ReferenceData) -> PrintedExercise {
    let (ken, kru) = x.kind.names();
    let host_name = org
        .states
        .iter()
        .find(|s| s.code == x.host)
        .map(|s| s.short_name.clone())
        .unwrap_or_else(|| Names {
            en: x.host.to_string(),
            ru: x.host.to_string(),
        });
    let components = x
        .components
        .iter()
        .map(|c| {
            org.components
                .iter()
                .find(|k| &k.key == c)
                .map(|k| k.name.clone())
                .unwrap_or_else(|| Names {
                    en: c.clone(),
                    ru: c.clone(),
                })
        })
        .collect();
    let links = x
        .links
        .iter()
        .map(|l| {
            let target = plan
                .exercises
                .iter()
                .find(|y| y.key == l.target)
                .map(|y| y.name.clone())
                .or_else(|| {
                    plan.external
                        .iter()
                        .find(|e| e.key == l.target)
                        .map(|e| e.name.clone())
                })
                .unwrap_or_else(|| Names {
                    en: l.target.clone(),
                    ru: l.target.clone(),
                });
            let (en, ru) = l.kind.names();
            Names {
                en: format!("{en} {}", target.en),
                ru: format!("{ru} {}", target.ru),
            }
        })
        .collect();
    PrintedExercise {
        key: x.key.clone(),
        name: x.name.clone(),
        kind: Names {
            en: ken.to_owned(),
            ru: kru.to_owned(),
        },
        status: x.status,
        dates: Names {
            en: x.dates.label_en(),
            ru: x.dates.label_ru(),
        },
        period: x.dates,
        host: x.host.clone(),
        host_name,
        place: x.place.clone(),
        components,
        links,
        side_events: x.side_events.clone(),
    }
}
