//! The catalogue of joint training: each series' yearly exercises (planned or held), the
//! exercises of others they are linked with, and the figures the organization stated for a
//! year or its whole history.
//!
//! An exercise here is a planned training event, not a real-world record: it never enters the
//! crisis chain. The catalogue's data lives in `reference/joint-training.toml`; [`Catalogue`]
//! parses it with the path of any wrong field and checks every key against the organization's
//! reference data (series, states, components, partners).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::period::Period;
use crate::codes::{PartialDate, StateCode};
use crate::crisis::workflow::{check_text, check_title, MAX_ITEMS, MAX_TITLE};
use crate::error::DomainError;
use crate::reference::{Names, ReferenceData};

/// The kind of training, as the organization names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseKind {
    /// Strategic command-staff training of the Joint Staff, the Secretariat and the ministries
    /// (March; sets the initial data for the year).
    StrategicCommandStaff,
    /// Command-staff training.
    CommandStaff,
    /// Joint training.
    Joint,
    /// Special training (intelligence, logistics, NBC protection, aviation).
    Special,
    /// Joint operational-strategic training (Combat Brotherhood), the highest form.
    OperationalStrategic,
    /// Joint tactical and special training (rescue units).
    TacticalSpecial,
}

impl ExerciseKind {
    /// The kind in English and Russian.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            ExerciseKind::StrategicCommandStaff => (
                "strategic command-staff training",
                "стратегическая командно-штабная тренировка",
            ),
            ExerciseKind::CommandStaff => ("command-staff training", "командно-штабное учение"),
            ExerciseKind::Joint => ("joint training", "совместное учение"),
            ExerciseKind::Special => ("special training", "специальное учение"),
            ExerciseKind::OperationalStrategic => (
                "joint operational-strategic training",
                "совместное оперативно-стратегическое учение",
            ),
            ExerciseKind::TacticalSpecial => (
                "joint tactical and special training",
                "совместное тактико-специальное учение",
            ),
        }
    }
}

/// Whether an exercise is still a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseStatus {
    /// Planned.
    Planned,
    /// Held.
    Held,
    /// Cancelled (kept for the record).
    Cancelled,
}

/// How a stated number is meant: "5,000", "over 5,000", "about 5,000".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Exactly this many.
    Exact,
    /// More than this many.
    Over,
    /// About this many.
    About,
    /// This many or more: a sum of known figures when some are missing or themselves
    /// "over" (never said by a source; made by the statistics).
    AtLeast,
}

/// A number as the source states it, with its qualifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The number.
    pub value: u64,
    /// How it is meant.
    pub qualifier: Qualifier,
}

impl Figure {
    /// "over 5,000" / "более 5 000".
    pub fn label_en(&self) -> String {
        let n = thousands(self.value, ',');
        match self.qualifier {
            Qualifier::Exact => n,
            Qualifier::Over => format!("over {n}"),
            Qualifier::About => format!("about {n}"),
            Qualifier::AtLeast => format!("at least {n}"),
        }
    }

    /// The figure in Russian ("более 5 000").
    pub fn label_ru(&self) -> String {
        let n = thousands(self.value, '\u{a0}');
        match self.qualifier {
            Qualifier::Exact => n,
            Qualifier::Over => format!("более {n}"),
            Qualifier::About => format!("около {n}"),
            Qualifier::AtLeast => format!("не менее {n}"),
        }
    }
}

fn thousands(v: u64, sep: char) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The most personnel or equipment one exercise can state: far above any real exercise, it
/// catches a misplaced digit.
pub const MAX_FIGURE: u64 = 1_000_000;

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document (a seed file, a decision, a news item).
    pub document: String,
    /// Its date, as precisely as known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The words that state the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

impl Source {
    fn check(&self, at: &str) -> Result<(), DomainError> {
        check_title(&format!("{at}.document"), &self.document, MAX_TITLE)?;
        if let Some(q) = &self.quote {
            check_text(&format!("{at}.quote"), q, true)?;
        }
        Ok(())
    }
}

/// How two exercises belong together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// Held together: the same place and time, by design (they are expected to overlap).
    HeldTogether,
    /// Their intentions are linked (Interaction-2025 with West-2025): near in time, not
    /// necessarily at one place.
    LinkedTo,
    /// This exercise supplies the initial data for the other (the March strategic
    /// command-staff training for the year's trainings): it must end before the other begins.
    SuppliesInitialData,
}

impl LinkKind {
    /// The link in English and Russian.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            LinkKind::HeldTogether => ("held together with", "проводится совместно с"),
            LinkKind::LinkedTo => ("linked to", "увязано с"),
            LinkKind::SuppliesInitialData => (
                "supplies the initial data for",
                "определяет исходные данные для",
            ),
        }
    }
}

/// A link from an exercise to another, in the catalogue or outside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseLink {
    /// How they belong together.
    pub kind: LinkKind,
    /// The other exercise's key (an exercise or an external exercise).
    pub target: String,
    /// What the link is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A member state's contingent of one component in an exercise.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseContingent {
    /// The contributing state.
    pub state: StateCode,
    /// The component the contingent belongs to.
    pub component: String,
    /// Personnel, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnel: Option<u64>,
    /// Units of weapons, military and special equipment, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equipment: Option<u64>,
}

/// One yearly exercise, as people write it: checked field by field with its path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseSpec {
    /// Stable key (`interaction_2025`); also the iCalendar UID's stem, so it never changes.
    pub key: String,
    /// The series (`interaction`), if the exercise belongs to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// The training year.
    pub year: i32,
    /// Name ("Interaction-2025" / "Взаимодействие-2025").
    pub name: Names,
    /// Kind of training.
    pub kind: ExerciseKind,
    /// Planned, held or cancelled.
    pub status: ExerciseStatus,
    /// The host state.
    pub host: StateCode,
    /// The place, when the source names one (a training ground, a city).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Names>,
    /// When, as precisely as known.
    pub dates: Period,
    /// Components of the Collective Forces trained (empty for staff trainings of bodies).
    #[serde(default)]
    pub components: Vec<String>,
    /// National contingents taking part, where known.
    #[serde(default)]
    pub contingents: Vec<ExerciseContingent>,
    /// Personnel taking part, where stated for this exercise alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnel: Option<Figure>,
    /// Units of weapons, military and special equipment, where stated for this exercise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equipment: Option<Figure>,
    /// Media stories, where stated for this exercise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_stories: Option<Figure>,
    /// Links to other exercises.
    #[serde(default)]
    pub links: Vec<ExerciseLink>,
    /// Events held with it (an operational meeting of the Command).
    #[serde(default)]
    pub side_events: Vec<Names>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<Source>,
}

impl ExerciseSpec {
    /// Checks every field on its own; `at` is the path prefix (`spec`, `exercises[3]`).
    pub fn check(&self, at: &str) -> Result<(), DomainError> {
        check_key(&format!("{at}.key"), &self.key)?;
        if let Some(s) = &self.series {
            check_key(&format!("{at}.series"), s)?;
        }
        check_names(&format!("{at}.name"), &self.name)?;
        self.dates.check(&format!("{at}.dates"))?;
        if self.dates.year() != self.year {
            return Err(DomainError::invalid(
                format!("{at}.year"),
                format!(
                    "the exercise is of {} but its dates start in {}",
                    self.year,
                    self.dates.year()
                ),
            ));
        }
        if let Some(p) = &self.place {
            check_names(&format!("{at}.place"), p)?;
        }
        list_len(&format!("{at}.components"), &self.components)?;
        let mut seen = BTreeSet::new();
        for (i, c) in self.components.iter().enumerate() {
            check_key(&format!("{at}.components[{i}]"), c)?;
            if !seen.insert(c) {
                return Err(DomainError::invalid(
                    format!("{at}.components[{i}]"),
                    format!("component `{c}` is listed twice"),
                ));
            }
        }
        list_len(&format!("{at}.contingents"), &self.contingents)?;
        let mut pairs = BTreeSet::new();
        for (i, c) in self.contingents.iter().enumerate() {
            let here = format!("{at}.contingents[{i}]");
            if !self.components.contains(&c.component) {
                return Err(DomainError::invalid(
                    format!("{here}.component"),
                    format!("component `{}` is not one the exercise trains", c.component),
                ));
            }
            if !pairs.insert((&c.state, &c.component)) {
                return Err(DomainError::invalid(
                    here,
                    format!(
                        "the contingent of {} in `{}` is listed twice",
                        c.state, c.component
                    ),
                ));
            }
            check_count(&format!("{here}.personnel"), c.personnel)?;
            check_count(&format!("{here}.equipment"), c.equipment)?;
        }
        for (name, f) in [
            ("personnel", &self.personnel),
            ("equipment", &self.equipment),
            ("media_stories", &self.media_stories),
        ] {
            check_count(&format!("{at}.{name}.value"), f.map(|f| f.value))?;
        }
        list_len(&format!("{at}.links"), &self.links)?;
        let mut links = BTreeSet::new();
        for (i, l) in self.links.iter().enumerate() {
            let here = format!("{at}.links[{i}]");
            check_key(&format!("{here}.target"), &l.target)?;
            if l.target == self.key {
                return Err(DomainError::invalid(
                    format!("{here}.target"),
                    "an exercise is not linked to itself",
                ));
            }
            if !links.insert((l.kind, &l.target)) {
                return Err(DomainError::invalid(
                    here,
                    format!("the link to `{}` is listed twice", l.target),
                ));
            }
            if let Some(n) = &l.note {
                check_text(&format!("{here}.note"), n, true)?;
            }
        }
        list_len(&format!("{at}.side_events"), &self.side_events)?;
        for (i, e) in self.side_events.iter().enumerate() {
            check_names(&format!("{at}.side_events[{i}]"), e)?;
        }
        if let Some(n) = &self.notes {
            check_text(&format!("{at}.notes"), n, false)?;
        }
        list_len(&format!("{at}.sources"), &self.sources)?;
        for (i, s) in self.sources.iter().enumerate() {
            s.check(&format!("{at}.sources[{i}]"))?;
        }
        Ok(())
    }

    /// Checks the keys the exercise names against the organization's reference data: its
    /// series, host state, components and contingents' states.
    pub fn check_references(&self, at: &str, org: &ReferenceData) -> Result<(), DomainError> {
        if let Some(s) = &self.series {
            if !org.exercise_series.iter().any(|x| &x.key == s) {
                return Err(DomainError::invalid(
                    format!("{at}.series"),
                    format!("unknown exercise series `{s}`"),
                ));
            }
        }
        let state_known = |s: &StateCode| org.states.iter().any(|x| &x.code == s);
        if !state_known(&self.host) {
            return Err(DomainError::invalid(
                format!("{at}.host"),
                format!("`{}` is not a member state", self.host),
            ));
        }
        for (i, c) in self.components.iter().enumerate() {
            if !org.components.iter().any(|x| &x.key == c) {
                return Err(DomainError::invalid(
                    format!("{at}.components[{i}]"),
                    format!("unknown component `{c}`"),
                ));
            }
        }
        for (i, c) in self.contingents.iter().enumerate() {
            if !state_known(&c.state) {
                return Err(DomainError::invalid(
                    format!("{at}.contingents[{i}].state"),
                    format!("`{}` is not a member state", c.state),
                ));
            }
        }
        Ok(())
    }

    /// Parses and checks an exercise from JSON (a form, an API body): errors name the field
    /// under `spec`.
    pub fn parse(v: serde_json::Value) -> Result<Self, DomainError> {
        let spec: ExerciseSpec = serde_path_to_error::deserialize(v).map_err(|e| {
            let path = e.path().to_string();
            let at = if path == "." {
                "spec".to_owned()
            } else {
                format!("spec.{path}")
            };
            DomainError::invalid(at, e.inner().to_string())
        })?;
        spec.check("spec")?;
        Ok(spec)
    }
}

/// An exercise of others that a catalogue exercise is linked with (the Belarus-Russia
/// strategic training West-2025, the CIS anti-terrorist training).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalExercise {
    /// Stable key.
    pub key: String,
    /// Name.
    pub name: Names,
    /// Who conducts it, in words.
    pub conducted_by: String,
    /// The partner organization's key, when a partner conducts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// Member states whose forces or authorities take part, where known.
    #[serde(default)]
    pub states: Vec<StateCode>,
    /// Host state, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<StateCode>,
    /// When, as precisely as known.
    pub dates: Period,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// What a stated total counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Personnel taking part.
    Personnel,
    /// Units of weapons, military and special equipment used.
    Equipment,
    /// Stories and television reports in the media.
    MediaStories,
    /// Joint trainings conducted.
    JointTrainings,
}

/// A figure the organization stated for a whole year or its whole history, never spread over
/// exercises: "over 5,000 personnel took part in the joint trainings" of 2024.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatedFigure {
    /// What it counts.
    pub measure: Measure,
    /// The year it covers; none for the whole history since the founding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The figure.
    pub figure: Figure,
    /// The exercises the statement covers, where the source names them.
    #[serde(default)]
    pub covers: Vec<String>,
    /// The date the figure was true at (for a running total).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
    /// Where it is stated.
    pub source: Source,
}

/// The catalogue: exercises by year, the external exercises they link to, and stated totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Data set version.
    pub version: String,
    /// Totals stated for a year or since the founding.
    #[serde(default)]
    pub stated: Vec<StatedFigure>,
    /// The exercises, in any order.
    #[serde(default)]
    pub exercises: Vec<ExerciseSpec>,
    /// Exercises of others that catalogue exercises are linked with.
    #[serde(default)]
    pub external: Vec<ExternalExercise>,
}

/// The catalogue shipped with this build.
pub const BUNDLED: &str = include_str!("../../../../reference/joint-training.toml");

impl Catalogue {
    /// Parses and checks a catalogue file against the organization's reference data; an error
    /// names the path of the wrong field (`exercises[3].dates.month`).
    pub fn parse(text: &str, org: &ReferenceData) -> Result<Self, DomainError> {
        let de = toml::Deserializer::new(text);
        let cat: Catalogue = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let msg = e.inner().message().to_owned();
            DomainError::invalid(
                if path == "." {
                    "catalogue".into()
                } else {
                    path
                },
                msg,
            )
        })?;
        cat.check(org)?;
        Ok(cat)
    }

    /// The bundled catalogue, checked against the bundled reference data.
    pub fn bundled() -> Result<Self, DomainError> {
        Self::parse(BUNDLED, &ReferenceData::bundled()?)
    }

    /// Checks every exercise, unique keys, and that every link and stated figure names a known
    /// exercise.
    pub fn check(&self, org: &ReferenceData) -> Result<(), DomainError> {
        let mut keys = BTreeSet::new();
        for (i, x) in self.exercises.iter().enumerate() {
            let at = format!("exercises[{i}]");
            x.check(&at)?;
            x.check_references(&at, org)?;
            if !keys.insert(x.key.as_str()) {
                return Err(DomainError::invalid(
                    format!("{at}.key"),
                    format!("duplicate key `{}`", x.key),
                ));
            }
        }
        for (i, x) in self.external.iter().enumerate() {
            let at = format!("external[{i}]");
            check_key(&format!("{at}.key"), &x.key)?;
            check_names(&format!("{at}.name"), &x.name)?;
            check_title(&format!("{at}.conducted_by"), &x.conducted_by, MAX_TITLE)?;
            x.dates.check(&format!("{at}.dates"))?;
            if let Some(p) = &x.partner {
                if !org.partners.iter().any(|q| &q.key == p) {
                    return Err(DomainError::invalid(
                        format!("{at}.partner"),
                        format!("unknown partner `{p}`"),
                    ));
                }
            }
            for (j, s) in x.states.iter().chain(x.host.iter()).enumerate() {
                if !org.states.iter().any(|m| &m.code == s) {
                    return Err(DomainError::invalid(
                        format!("{at}.states[{j}]"),
                        format!("`{s}` is not a member state"),
                    ));
                }
            }
            for (j, s) in x.sources.iter().enumerate() {
                s.check(&format!("{at}.sources[{j}]"))?;
            }
            if !keys.insert(x.key.as_str()) {
                return Err(DomainError::invalid(
                    format!("{at}.key"),
                    format!("duplicate key `{}`", x.key),
                ));
            }
        }
        for (i, x) in self.exercises.iter().enumerate() {
            for (j, l) in x.links.iter().enumerate() {
                if !keys.contains(l.target.as_str()) {
                    return Err(DomainError::invalid(
                        format!("exercises[{i}].links[{j}].target"),
                        format!("unknown exercise `{}`", l.target),
                    ));
                }
            }
        }
        for (i, s) in self.stated.iter().enumerate() {
            let at = format!("stated[{i}]");
            s.source.check(&format!("{at}.source"))?;
            for (j, k) in s.covers.iter().enumerate() {
                let Some(x) = self.exercise(k) else {
                    return Err(DomainError::invalid(
                        format!("{at}.covers[{j}]"),
                        format!("unknown exercise `{k}`"),
                    ));
                };
                if s.year.is_some_and(|y| y != x.year) {
                    return Err(DomainError::invalid(
                        format!("{at}.covers[{j}]"),
                        format!("`{k}` is not of {}", s.year.unwrap_or_default()),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The exercise with this key.
    pub fn exercise(&self, key: &str) -> Option<&ExerciseSpec> {
        self.exercises.iter().find(|x| x.key == key)
    }

    /// The external exercise with this key.
    pub fn external(&self, key: &str) -> Option<&ExternalExercise> {
        self.external.iter().find(|x| x.key == key)
    }

    /// The exercises of a year, by earliest date then key.
    pub fn year(&self, year: i32) -> Vec<&ExerciseSpec> {
        let mut v: Vec<&ExerciseSpec> = self.exercises.iter().filter(|x| x.year == year).collect();
        v.sort_by(|a, b| (a.dates.earliest(), &a.key).cmp(&(b.dates.earliest(), &b.key)));
        v
    }

    /// The external exercises the given exercises link to.
    pub fn externals_of(&self, exercises: &[ExerciseSpec]) -> Vec<ExternalExercise> {
        self.external
            .iter()
            .filter(|e| {
                exercises
                    .iter()
                    .any(|x| x.links.iter().any(|l| l.target == e.key))
            })
            .cloned()
            .collect()
    }
}

/// Checks a key: 1-100 characters of `a-z`, `0-9` and `_`.
pub(crate) fn check_key(field: &str, k: &str) -> Result<(), DomainError> {
    let ok = !k.is_empty()
        && k.len() <= 100
        && k.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(DomainError::invalid(
            field,
            format!("`{k}` is not a key (1-100 of a-z, 0-9, _)"),
        ))
    }
}

fn check_names(field: &str, n: &Names) -> Result<(), DomainError> {
    check_title(&format!("{field}.en"), &n.en, MAX_TITLE)?;
    check_title(&format!("{field}.ru"), &n.ru, MAX_TITLE)
}

fn check_count(field: &str, v: Option<u64>) -> Result<(), DomainError> {
    match v {
        Some(n) if n > MAX_FIGURE => Err(DomainError::invalid(
            field,
            format!("{n} is more than {MAX_FIGURE}"),
        )),
        _ => Ok(()),
    }
}

fn list_len<T>(field: &str, v: &[T]) -> Result<(), DomainError> {
    if v.len() > MAX_ITEMS {
        return Err(DomainError::invalid(
            field,
            format!("must have at most {MAX_ITEMS} items"),
        ));
    }
    Ok(())
}
