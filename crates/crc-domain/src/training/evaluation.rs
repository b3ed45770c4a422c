//! Evaluation during the run: observers rate the training audience against the objectives.
//!
//! The rating scale is the T/P/U of joint training practice (US Joint Training System):
//! **T** trained (performs to standard), **P** partially trained (performs to standard with
//! shortfalls that do not stop the task), **U** untrained (cannot perform to standard).
//! An objective's assessment follows from its ratings by [`assess`]:
//! - *not assessed*: no observation;
//! - *met*: no U, and the mean is at least 1.5 (T = 2, P = 1, U = 0), e.g. T, T or T, P;
//! - *not met*: the mean is below 0.75, e.g. U, or U, U, P;
//! - *partially met*: anything between, e.g. P, P or T, U (one observer's U keeps an
//!   objective from being met, whatever the others saw).
//!
//! After-action work (corrective actions, lessons, the report) is in `actions`, `lessons`
//! and `report`.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::clock::ExerciseClock;
use super::design::ExerciseDesign;
use super::key::Key;
use super::msel::MselSpec;
use crate::crisis::workflow::check_text;
use crate::error::DomainError;

/// A rating on the T/P/U scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// T: performs to standard.
    Trained,
    /// P: performs to standard with shortfalls.
    PartiallyTrained,
    /// U: cannot perform to standard.
    Untrained,
}

impl Rating {
    /// The letter: T, P or U.
    pub fn letter(self) -> char {
        match self {
            Rating::Trained => 'T',
            Rating::PartiallyTrained => 'P',
            Rating::Untrained => 'U',
        }
    }

    /// Points for the mean: T 2, P 1, U 0.
    fn points(self) -> u32 {
        match self {
            Rating::Trained => 2,
            Rating::PartiallyTrained => 1,
            Rating::Untrained => 0,
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

/// An objective's assessment from its ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    /// Met.
    Met,
    /// Partially met.
    PartiallyMet,
    /// Not met.
    NotMet,
    /// No observation.
    NotAssessed,
}

/// The assessment of an objective from its ratings (the rule in the module's doc).
pub fn assess(ratings: impl IntoIterator<Item = Rating>) -> Assessment {
    let (mut n, mut sum, mut any_u) = (0u64, 0u64, false);
    for r in ratings {
        n += 1;
        sum += u64::from(r.points());
        any_u |= r == Rating::Untrained;
    }
    // In whole numbers: mean >= 1.5 is 2·sum >= 3n; mean < 0.75 is 4·sum < 3n.
    if n == 0 {
        Assessment::NotAssessed
    } else if !any_u && 2 * sum >= 3 * n {
        Assessment::Met
    } else if 4 * sum < 3 * n {
        Assessment::NotMet
    } else {
        Assessment::PartiallyMet
    }
}

/// What an observer writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationSpec {
    /// The observer.
    pub observer: Key,
    /// The objective observed.
    pub objective: Key,
    /// The rating.
    pub rating: Rating,
    /// What was seen.
    pub text: String,
    /// The inject it follows from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inject: Option<u32>,
}

/// An observation as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    /// What the observer wrote.
    #[serde(flatten)]
    pub spec: ObservationSpec,
    /// Real time recorded.
    pub real_at: DateTime<Utc>,
    /// Scenario time recorded (none before StartEx: an observation of the preparation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_at: Option<DateTime<Utc>>,
}

/// An observation recorded at real time `now`: the observer and objective must be in the
/// design (and the objective among the observer's, if they were assigned some), the inject
/// in the MSEL.
pub fn observe(
    design: &ExerciseDesign,
    msel: &MselSpec,
    clock: &ExerciseClock,
    spec: &ObservationSpec,
    now: DateTime<Utc>,
) -> Result<Observation, DomainError> {
    let observer = design.observer("observer", &spec.observer)?;
    design.objective("objective", &spec.objective)?;
    if !observer.objectives.is_empty() && !observer.objectives.contains(&spec.objective) {
        return Err(DomainError::invalid(
            "objective",
            format!(
                "`{}` is not among the objectives of observer `{}`",
                spec.objective, spec.observer
            ),
        ));
    }
    check_text("text", &spec.text, true)?;
    if let Some(n) = spec.inject {
        msel.inject(n)
            .ok_or_else(|| DomainError::invalid("inject", format!("no inject {n} in the MSEL")))?;
    }
    Ok(Observation {
        spec: spec.clone(),
        real_at: now,
        scenario_at: clock.scenario_time(now),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::training::clock::tests::{real, started};
    use crate::training::design::tests::design;
    use crate::training::msel::tests::{k, msel};
    use Rating::*;

    pub(crate) fn spec(objective: &str, rating: Rating) -> ObservationSpec {
        ObservationSpec {
            observer: k("obs1"),
            objective: k(objective),
            rating,
            text: "The draft decision for Kazakhstan was ready in 5 hours.".into(),
            inject: Some(1),
        }
    }

    #[test]
    fn the_objective_rule() {
        let cases: &[(&[Rating], Assessment)] = &[
            (&[], Assessment::NotAssessed),
            (&[Trained], Assessment::Met),
            (&[Trained, PartiallyTrained], Assessment::Met),
            (&[Trained, Trained, PartiallyTrained], Assessment::Met),
            (&[PartiallyTrained], Assessment::PartiallyMet),
            (
                &[
                    PartiallyTrained,
                    PartiallyTrained,
                    Trained,
                    PartiallyTrained,
                ],
                Assessment::PartiallyMet,
            ),
            (&[Trained, Untrained], Assessment::PartiallyMet),
            (
                &[Trained, Trained, Trained, Untrained],
                Assessment::PartiallyMet,
            ),
            (&[Untrained], Assessment::NotMet),
            (&[Untrained, PartiallyTrained], Assessment::NotMet),
            (&[Untrained, Untrained, Trained], Assessment::NotMet),
        ];
        for (ratings, want) in cases {
            assert_eq!(assess(ratings.iter().copied()), *want, "{ratings:?}");
        }
    }

    #[test]
    fn observations_are_checked_and_timed() {
        let (d, m, clock) = (design(), msel(), started(real(9, 0, 0)));
        let o = observe(&d, &m, &clock, &spec("O1", Trained), real(9, 30, 0)).unwrap();
        assert_eq!(o.scenario_at, clock.scenario_time(real(9, 30, 0)));
        let json = serde_json::to_value(&o).unwrap();
        assert_eq!(
            (json["rating"].as_str(), json["objective"].as_str()),
            (Some("trained"), Some("O1"))
        );
        let mut ghost = spec("O1", Trained);
        ghost.observer = k("ghost");
        let mut bad_inject = spec("O1", Trained);
        bad_inject.inject = Some(77);
        let mut blank = spec("O1", Trained);
        blank.text = " ".into();
        let cases = [
            (ghost, "observer: no observer `ghost` in the design"),
            (
                spec("O9", Trained),
                "objective: no objective `O9` in the design",
            ),
            (
                spec("O2", Trained),
                "objective: `O2` is not among the objectives of observer `obs1`",
            ),
            (bad_inject, "inject: no inject 77 in the MSEL"),
            (blank, "text: must not be empty"),
        ];
        for (s, want) in cases {
            let e = observe(&d, &m, &clock, &s, real(9, 30, 0)).unwrap_err();
            assert_eq!(e.to_string(), want);
        }
    }
}
