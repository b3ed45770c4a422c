//! Figures of joint training per year, series, host state and component, for the console's
//! charts and the printed plan.
//!
//! Two kinds of number meet here and are kept apart: the sum of figures stated for single
//! exercises, and totals the organization stated for a year as a whole ("over 5,000
//! personnel"). A year total is never spread over exercises; where a year has one, it is the
//! year's headline and the sum of known figures stays beside it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::catalogue::{
    ExerciseKind, ExerciseSpec, ExerciseStatus, Figure, Measure, Qualifier, StatedFigure,
};
use crate::codes::{PartialDate, StateCode};

/// A sum of per-exercise figures, and what it leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sum {
    /// The sum of the figures known.
    pub known: u64,
    /// Exercises that state a figure.
    pub with_figure: usize,
    /// Exercises that state none.
    pub without_figure: usize,
    /// Whether some figure summed is itself "over" or "about".
    pub inexact: bool,
}

impl Sum {
    fn add(&mut self, f: Option<Figure>) {
        match f {
            Some(f) => {
                self.known += f.value;
                self.with_figure += 1;
                self.inexact |= f.qualifier != Qualifier::Exact;
            }
            None => self.without_figure += 1,
        }
    }

    /// The sum as a figure: exact only when every exercise states an exact figure; none when
    /// no exercise states one.
    pub fn figure(&self) -> Option<Figure> {
        (self.with_figure > 0).then_some(Figure {
            value: self.known,
            qualifier: if self.without_figure == 0 && !self.inexact {
                Qualifier::Exact
            } else {
                Qualifier::AtLeast
            },
        })
    }
}

/// One measure of a group of exercises: the stated total, if any, and the sum of known
/// figures.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Total {
    /// The total the organization stated for the whole group (a year), if any.
    pub stated: Option<Figure>,
    /// Where it is stated.
    pub stated_in: Option<String>,
    /// The sum of per-exercise figures.
    pub sum: Sum,
}

impl Total {
    /// The figure to show: the stated total where there is one (it covers what the exercises
    /// do not state), otherwise the sum of known figures.
    pub fn headline(&self) -> Option<Figure> {
        self.stated.or_else(|| self.sum.figure())
    }
}

/// Counts and figures of a group of exercises.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    /// Exercises in the group (cancelled ones left out).
    pub exercises: usize,
    /// Of them held.
    pub held: usize,
    /// Of them planned.
    pub planned: usize,
    /// Personnel.
    pub personnel: Total,
    /// Units of weapons, military and special equipment.
    pub equipment: Total,
    /// Media stories.
    pub media_stories: Total,
}

impl Tally {
    fn add(&mut self, x: &ExerciseSpec) {
        self.exercises += 1;
        match x.status {
            ExerciseStatus::Held => self.held += 1,
            ExerciseStatus::Planned => self.planned += 1,
            ExerciseStatus::Cancelled => {}
        }
        self.personnel.sum.add(x.personnel);
        self.equipment.sum.add(x.equipment);
        self.media_stories.sum.add(x.media_stories);
    }
}

/// A year's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearStats {
    /// The year.
    pub year: i32,
    /// Counts and figures, with the year's stated totals.
    pub tally: Tally,
    /// Exercises per kind.
    pub by_kind: BTreeMap<ExerciseKind, usize>,
}

/// A series' figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesStats {
    /// The series' key (`none` for exercises outside any series).
    pub series: String,
    /// Counts and figures.
    pub tally: Tally,
    /// Exercises per year.
    pub by_year: BTreeMap<i32, usize>,
}

/// A host state's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostStats {
    /// The host state.
    pub state: StateCode,
    /// Counts and figures of the exercises it hosts.
    pub tally: Tally,
    /// Exercises hosted per year.
    pub by_year: BTreeMap<i32, usize>,
}

/// A component's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentStats {
    /// The component's key.
    pub component: String,
    /// Counts and figures of the exercises that train it.
    pub tally: Tally,
    /// Exercises per year.
    pub by_year: BTreeMap<i32, usize>,
}

/// The number of joint trainings since the founding: stated, and in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SinceFounding {
    /// The latest stated count ("over 80"), if any.
    pub stated: Option<Figure>,
    /// The date the stated count was true at.
    pub as_of: Option<PartialDate>,
    /// Where it is stated.
    pub stated_in: Option<String>,
    /// Exercises held that the catalogue records (far fewer: it starts in 2024).
    pub held_in_catalogue: usize,
}

/// Every figure, per year, series, host state and component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    /// Per year, oldest first.
    pub years: Vec<YearStats>,
    /// Per series, by key.
    pub series: Vec<SeriesStats>,
    /// Per host state, by code.
    pub hosts: Vec<HostStats>,
    /// Per component, by key.
    pub components: Vec<ComponentStats>,
    /// Joint trainings since the founding.
    pub since_founding: SinceFounding,
}

/// Computes the statistics of `exercises` (cancelled ones are left out), with the stated
/// totals of `stated` attached to their year.
pub fn compute<'a>(
    exercises: impl IntoIterator<Item = &'a ExerciseSpec>,
    stated: &[StatedFigure],
) -> Statistics {
    let mut years: BTreeMap<i32, YearStats> = BTreeMap::new();
    let mut series: BTreeMap<String, SeriesStats> = BTreeMap::new();
    let mut hosts: BTreeMap<StateCode, HostStats> = BTreeMap::new();
    let mut components: BTreeMap<String, ComponentStats> = BTreeMap::new();
    let mut held = 0;
    for x in exercises {
        if x.status == ExerciseStatus::Cancelled {
            continue;
        }
        held += usize::from(x.status == ExerciseStatus::Held);
        let y = years.entry(x.year).or_insert_with(|| YearStats {
            year: x.year,
            tally: Tally::default(),
            by_kind: BTreeMap::new(),
        });
        y.tally.add(x);
        *y.by_kind.entry(x.kind).or_default() += 1;
        let key = x.series.clone().unwrap_or_else(|| "none".to_owned());
        let s = series.entry(key.clone()).or_insert_with(|| SeriesStats {
            series: key,
            tally: Tally::default(),
            by_year: BTreeMap::new(),
        });
        s.tally.add(x);
        *s.by_year.entry(x.year).or_default() += 1;
        let h = hosts.entry(x.host.clone()).or_insert_with(|| HostStats {
            state: x.host.clone(),
            tally: Tally::default(),
            by_year: BTreeMap::new(),
        });
        h.tally.add(x);
        *h.by_year.entry(x.year).or_default() += 1;
        for c in &x.components {
            let e = components
                .entry(c.clone())
                .or_insert_with(|| ComponentStats {
                    component: c.clone(),
                    tally: Tally::default(),
                    by_year: BTreeMap::new(),
                });
            e.tally.add(x);
            *e.by_year.entry(x.year).or_default() += 1;
        }
    }
    for s in stated {
        let Some(year) = s.year else { continue };
        let Some(y) = years.get_mut(&year) else {
            continue;
        };
        let total = match s.measure {
            Measure::Personnel => &mut y.tally.personnel,
            Measure::Equipment => &mut y.tally.equipment,
            Measure::MediaStories => &mut y.tally.media_stories,
            Measure::JointTrainings => continue,
        };
        total.stated = Some(s.figure);
        total.stated_in = Some(s.source.document.clone());
    }
    // The latest running count wins: "over 80" as of April 2025 replaces an older statement.
    let founding = stated
        .iter()
        .filter(|s| s.measure == Measure::JointTrainings && s.year.is_none())
        .max_by_key(|s| s.as_of.as_ref().map(|d| d.latest()));
    Statistics {
        years: years.into_values().collect(),
        series: series.into_values().collect(),
        hosts: hosts.into_values().collect(),
        components: components.into_values().collect(),
        since_founding: SinceFounding {
            stated: founding.map(|s| s.figure),
            as_of: founding.and_then(|s| s.as_of.clone()),
            stated_in: founding.map(|s| s.source.document.clone()),
            held_in_catalogue: held,
        },
    }
}
