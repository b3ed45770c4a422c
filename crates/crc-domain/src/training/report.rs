//! The after-action report's content: what happened (the timeline of releases, responses and
//! observations), how each objective went (its ratings and assessment), what was observed,
//! and which corrective actions are still open. The server renders it as HTML and PDF; this
//! module only assembles it, from stored records, as a pure function. Every free text in it
//! is shown in the scenario's invented names.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::actions::{ActionSpec, ActionState, ActionStatus};
use super::clock::ExerciseClock;
use super::delivery::Response;
use super::design::ExerciseDesign;
use super::evaluation::{assess, Assessment, Observation, Rating};
use super::key::Key;
use super::msel::MselSpec;
use super::names::Renamer;
use super::release::{HoldReason, LogAction, ReleaseHow, ReleaseLog};

/// What the report is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The design.
    pub design: &'a ExerciseDesign,
    /// The MSEL (as last approved).
    pub msel: &'a MselSpec,
    /// The clock.
    pub clock: &'a ExerciseClock,
    /// The release log.
    pub log: &'a ReleaseLog,
    /// The responses.
    pub responses: &'a [Response],
    /// The observations.
    pub observations: &'a [Observation],
    /// The exercise's corrective actions.
    pub actions: &'a [(ActionSpec, ActionState)],
    /// The day the report is made (for overdue actions).
    pub today: NaiveDate,
}

/// What a timeline entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    /// An inject released.
    Release,
    /// An inject held for control.
    Hold,
    /// An inject skipped.
    Skip,
    /// A response of the training audience.
    Response,
    /// An observation.
    Observation,
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Real time.
    pub real_at: DateTime<Utc>,
    /// Scenario time (none for what came before StartEx).
    pub scenario_at: Option<DateTime<Utc>>,
    /// What.
    pub kind: TimelineKind,
    /// The inject concerned.
    pub inject: Option<u32>,
    /// Who: the sender, the responding participant, the observer.
    pub who: String,
    /// What happened, in a sentence.
    pub text: String,
}

/// How injects went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InjectCounts {
    /// In the MSEL.
    pub total: usize,
    /// Released on schedule.
    pub on_schedule: usize,
    /// Released by hand.
    pub by_hand: usize,
    /// Released overdue, with release-all-overdue.
    pub overdue: usize,
    /// Skipped.
    pub skipped: usize,
    /// Still held or never reached.
    pub not_released: usize,
    /// Released and answered by at least one response.
    pub answered: usize,
}

/// One objective's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveResult {
    /// Its key.
    pub id: Key,
    /// Its text.
    pub text: String,
    /// Its criteria.
    pub criteria: Vec<String>,
    /// Ratings T, P and U.
    pub ratings: [usize; 3],
    /// The assessment by the documented rule.
    pub assessment: Assessment,
    /// The injects that exercise it.
    pub injects: Vec<u32>,
    /// Its observations, as indexes into the report's observations.
    pub observations: Vec<usize>,
}

/// An observation as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationLine {
    /// The observer's name.
    pub observer: String,
    /// The objective.
    pub objective: Key,
    /// The rating.
    pub rating: Rating,
    /// What was seen.
    pub text: String,
    /// The inject it follows from.
    pub inject: Option<u32>,
    /// Real time.
    pub real_at: DateTime<Utc>,
    /// Scenario time.
    pub scenario_at: Option<DateTime<Utc>>,
}

/// An open corrective action as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenAction {
    /// Title.
    pub title: String,
    /// Owner.
    pub owner: String,
    /// Due date.
    pub due: NaiveDate,
    /// Where it stands.
    pub status: ActionStatus,
    /// Past due and not reported done.
    pub overdue: bool,
}

/// The after-action report's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AfterActionReport {
    /// The exercise's name.
    pub exercise: String,
    /// Its marking (the report is an exercise document).
    pub marking: String,
    /// Real time of StartEx and EndEx.
    pub real_period: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    /// Scenario time of StartEx and of the end (or of the last entry, if not ended).
    pub scenario_period: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    /// How injects went.
    pub injects: InjectCounts,
    /// Everything in time order.
    pub timeline: Vec<TimelineEntry>,
    /// Each objective's results, in the design's order.
    pub objectives: Vec<ObjectiveResult>,
    /// The observations in time order.
    pub observations: Vec<ObservationLine>,
    /// Corrective actions not yet closed, soonest due first.
    pub open_actions: Vec<OpenAction>,
}

/// Assembles the report.
pub fn after_action_report(input: &ReportInput<'_>) -> AfterActionReport {
    let d = input.design;
    let names = d.scenario.names.renamer();
    let timeline = timeline(input, &names);
    let mut observations: Vec<&Observation> = input.observations.iter().collect();
    observations.sort_by_key(|o| o.real_at);
    let observation_lines: Vec<ObservationLine> = observations
        .iter()
        .map(|o| ObservationLine {
            observer: d
                .observer("", &o.spec.observer)
                .map(|x| x.name.clone())
                .unwrap_or_else(|_| o.spec.observer.to_string()),
            objective: o.spec.objective.clone(),
            rating: o.spec.rating,
            text: names.apply(&o.spec.text),
            inject: o.spec.inject,
            real_at: o.real_at,
            scenario_at: o.scenario_at,
        })
        .collect();
    let objectives = d
        .objectives
        .iter()
        .map(|obj| {
            let mine: Vec<usize> = (0..observations.len())
                .filter(|&i| observations[i].spec.objective == obj.id)
                .collect();
            let ratings: Vec<Rating> = mine.iter().map(|&i| observations[i].spec.rating).collect();
            let count = |r: Rating| ratings.iter().filter(|x| **x == r).count();
            ObjectiveResult {
                id: obj.id.clone(),
                text: names.apply(&obj.text),
                criteria: obj.criteria.iter().map(|c| names.apply(c)).collect(),
                ratings: [
                    count(Rating::Trained),
                    count(Rating::PartiallyTrained),
                    count(Rating::Untrained),
                ],
                assessment: assess(ratings.iter().copied()),
                injects: input
                    .msel
                    .schedule()
                    .into_iter()
                    .filter(|i| i.objectives.contains(&obj.id))
                    .map(|i| i.number)
                    .collect(),
                observations: mine,
            }
        })
        .collect();
    let mut open_actions: Vec<OpenAction> = input
        .actions
        .iter()
        .filter(|(_, st)| st.is_open())
        .map(|(sp, st)| OpenAction {
            title: names.apply(&sp.title),
            owner: names.apply(&sp.owner),
            due: sp.due,
            status: st.status,
            overdue: st.is_overdue(sp, input.today),
        })
        .collect();
    open_actions.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.title.cmp(&b.title)));
    let clock = input.clock;
    let scenario_end = match clock.real_end() {
        Some(end) => clock.scenario_time(end),
        None => timeline.iter().filter_map(|t| t.scenario_at).max(),
    };
    AfterActionReport {
        exercise: d.name.clone(),
        marking: d.marking.as_str().to_owned(),
        real_period: (clock.real_start(), clock.real_end()),
        scenario_period: (clock.scenario_start(), scenario_end),
        injects: counts(input),
        timeline,
        objectives,
        observations: observation_lines,
        open_actions,
    }
}

fn counts(input: &ReportInput<'_>) -> InjectCounts {
    let mut c = InjectCounts {
        total: input.msel.injects.len(),
        ..InjectCounts::default()
    };
    for i in &input.msel.injects {
        match input.log.status(i.number) {
            super::release::InjectStatus::Released { how, .. } => {
                match how {
                    ReleaseHow::Scheduled => c.on_schedule += 1,
                    ReleaseHow::Manual => c.by_hand += 1,
                    ReleaseHow::Overdue => c.overdue += 1,
                }
                if input.responses.iter().any(|r| r.inject == Some(i.number)) {
                    c.answered += 1;
                }
            }
            super::release::InjectStatus::Skipped => c.skipped += 1,
            _ => c.not_released += 1,
        }
    }
    c
}

fn timeline(input: &ReportInput<'_>, names: &Renamer) -> Vec<TimelineEntry> {
    let d = input.design;
    let mut v = Vec::new();
    for e in &input.log.0 {
        let inject = input.msel.inject(e.inject);
        let subject = inject.map(|i| names.apply(&i.subject)).unwrap_or_default();
        let sender = inject
            .map(|i| match d.actor("", &i.sender) {
                Ok(a) => names.apply(&a.name),
                Err(_) => i.sender.to_string(),
            })
            .unwrap_or_default();
        let (kind, what) = match e.action {
            LogAction::Released { how } => (
                TimelineKind::Release,
                match how {
                    ReleaseHow::Scheduled => "released on schedule".to_owned(),
                    ReleaseHow::Manual => "released by hand".to_owned(),
                    ReleaseHow::Overdue => "released overdue".to_owned(),
                },
            ),
            LogAction::Held { reason } => (
                TimelineKind::Hold,
                match reason {
                    HoldReason::JumpedOver => "held: passed over by a jump".to_owned(),
                    HoldReason::Late { seconds } => format!("held: {seconds} s overdue"),
                    HoldReason::Control => "held by control".to_owned(),
                },
            ),
            LogAction::Skipped => (TimelineKind::Skip, "skipped".to_owned()),
        };
        let mut text = format!("Inject {} \u{201c}{subject}\u{201d} {what}", e.inject);
        if !e.note.trim().is_empty() {
            text.push_str(&format!(": {}", names.apply(&e.note)));
        }
        v.push(TimelineEntry {
            real_at: e.real_at,
            scenario_at: Some(e.scenario_at),
            kind,
            inject: Some(e.inject),
            who: sender,
            text,
        });
    }
    for r in input.responses {
        let who = d
            .participant("", &r.from)
            .map(|p| names.apply(&p.name))
            .unwrap_or_else(|_| r.from.to_string());
        v.push(TimelineEntry {
            real_at: r.real_at,
            scenario_at: Some(r.scenario_at),
            kind: TimelineKind::Response,
            inject: r.inject,
            who,
            text: names.apply(&r.text),
        });
    }
    for o in input.observations {
        let who = d
            .observer("", &o.spec.observer)
            .map(|x| names.apply(&x.name))
            .unwrap_or_else(|_| o.spec.observer.to_string());
        v.push(TimelineEntry {
            real_at: o.real_at,
            scenario_at: o.scenario_at,
            kind: TimelineKind::Observation,
            inject: o.spec.inject,
            who,
            text: format!(
                "{} ({}): {}",
                o.spec.objective,
                o.spec.rating,
                names.apply(&o.spec.text)
            ),
        });
    }
    // Real time orders what happened; at the same moment a release comes before what
    // answers it.
    v.sort_by_key(|t| (t.real_at, t.kind, t.inject));
    v
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
