//! The design of an exercise: what it trains (objectives and their criteria), who is trained
//! (the training audience), who the exercise control cell plays (simulated actors, the
//! senders of injects), the storylines that group injects, the observers, and the scenario
//! with its fictitious names.
//!
//! A strategic command-staff training drives the crisis response chain itself: its requests,
//! sessions, decisions and operations are crisis records created under the exercise's
//! [`ExerciseMarking`] (docs/crisis.md, "Exercises"), so they stay apart from the real
//! world.

use serde::{Deserialize, Deserializer, Serialize};

use super::key::{check_distinct_keys, Key};
use super::names::NameMapping;
use crate::codes::StateCode;
use crate::crisis::workflow::{check_len, check_text, check_title, MAX_TITLE};
use crate::error::DomainError;

/// The longest exercise marking (the crisis records' `exercise` column takes as much).
pub const MAX_MARKING: usize = 200;

/// The name under which the exercise's crisis records are marked (`"exercise": "NAME"` of a
/// request, session, decision or operation). Checked as the storage checks it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ExerciseMarking(String);

impl ExerciseMarking {
    /// Parses a marking: one line, not blank, at most [`MAX_MARKING`] characters.
    pub fn parse(field: &str, s: &str) -> Result<Self, DomainError> {
        check_title(field, s, MAX_MARKING)?;
        Ok(ExerciseMarking(s.to_owned()))
    }

    /// The marking as the crisis records carry it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for ExerciseMarking {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ExerciseMarking::parse("marking", &s).map_err(|e| match e {
            DomainError::Invalid { message, .. } => serde::de::Error::custom(message),
            other => serde::de::Error::custom(other),
        })
    }
}

/// A training objective and the criteria observers judge it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Its key (`O1`).
    pub id: Key,
    /// What the training audience is to be able to do.
    pub text: String,
    /// Observable criteria of success (at least one: an objective nobody can judge is not
    /// an objective).
    pub criteria: Vec<String>,
}

/// A member of the training audience: a person, a staff cell or a headquarters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Its key (`kaz-ops`), by which injects address it.
    pub id: Key,
    /// Name as shown.
    pub name: String,
    /// Role in the exercise (commander, operations cell, liaison officer...).
    pub role: String,
    /// The member state it belongs to; none for the organization's own bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<StateCode>,
    /// The user names of the people who play it in the console: they read its inbox and
    /// respond for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<String>,
}

/// What a simulated actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A person (a governor, a journalist).
    Person,
    /// An organization (a ministry, a news agency, an armed group).
    Organization,
}

/// Someone the exercise control cell plays: the sender of injects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulatedActor {
    /// Its key (`gov-north`).
    pub id: Key,
    /// Name as shown to the training audience (in the scenario's invented names).
    pub name: String,
    /// Person or organization.
    pub kind: ActorKind,
}

/// A thread of the scenario that groups injects (a border incident, a refugee flow).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Storyline {
    /// Its key (`border`).
    pub id: Key,
    /// Title.
    pub title: String,
    /// What happens in it.
    #[serde(default)]
    pub summary: String,
}

/// An observer (evaluator) and the objectives they watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observer {
    /// Its key.
    pub id: Key,
    /// Name.
    pub name: String,
    /// The objectives assigned (empty: all).
    #[serde(default)]
    pub objectives: Vec<Key>,
    /// The user names of the people who record observations as this observer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<String>,
}

/// The scenario: the situation, the simulated state and the fictitious names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The general situation as the training audience reads it.
    #[serde(default)]
    pub summary: String,
    /// The member state the crisis is played on (a strategic command-staff training's
    /// requests come from it), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simulated_state: Option<StateCode>,
    /// Real names and the invented ones shown in their place.
    #[serde(default)]
    pub names: NameMapping,
}

/// An exercise's design, as its planners write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseDesign {
    /// The exercise's name (`Interaction-2025`).
    pub name: String,
    /// The marking of its crisis records.
    pub marking: ExerciseMarking,
    /// The exercise director's user name: who approves the MSEL.
    pub director: String,
    /// The scenario.
    #[serde(default)]
    pub scenario: Scenario,
    /// What it trains.
    pub objectives: Vec<Objective>,
    /// Who is trained.
    pub audience: Vec<Participant>,
    /// Whom the control cell plays.
    pub actors: Vec<SimulatedActor>,
    /// The scenario's threads.
    #[serde(default)]
    pub storylines: Vec<Storyline>,
    /// Who evaluates.
    #[serde(default)]
    pub observers: Vec<Observer>,
}

impl ExerciseDesign {
    /// Reads a design from JSON and checks it; the error names the field's path.
    pub fn parse(v: serde_json::Value) -> Result<Self, DomainError> {
        let d: ExerciseDesign = super::from_value("spec", v)?;
        d.check()?;
        Ok(d)
    }

    /// Checks every field and that keys are unique and refer to what exists.
    pub fn check(&self) -> Result<(), DomainError> {
        check_title("spec.name", &self.name, MAX_TITLE)?;
        check_title("spec.director", &self.director, MAX_TITLE)?;
        check_text("spec.scenario.summary", &self.scenario.summary, false)?;
        self.scenario.names.check("spec.scenario.names")?;
        check_len("spec.objectives", &self.objectives, 1)?;
        for (i, o) in self.objectives.iter().enumerate() {
            check_text(&format!("spec.objectives[{i}].text"), &o.text, true)?;
            check_len(&format!("spec.objectives[{i}].criteria"), &o.criteria, 1)?;
            for (j, c) in o.criteria.iter().enumerate() {
                check_text(&format!("spec.objectives[{i}].criteria[{j}]"), c, true)?;
            }
        }
        check_distinct_keys("spec.objectives", self.objectives.iter().map(|o| &o.id))?;
        check_len("spec.audience", &self.audience, 1)?;
        for (i, p) in self.audience.iter().enumerate() {
            check_title(&format!("spec.audience[{i}].name"), &p.name, MAX_TITLE)?;
            check_title(&format!("spec.audience[{i}].role"), &p.role, MAX_TITLE)?;
            check_users(&format!("spec.audience[{i}].users"), &p.users)?;
        }
        check_distinct_keys("spec.audience", self.audience.iter().map(|p| &p.id))?;
        check_len("spec.actors", &self.actors, 1)?;
        for (i, a) in self.actors.iter().enumerate() {
            check_title(&format!("spec.actors[{i}].name"), &a.name, MAX_TITLE)?;
        }
        check_distinct_keys("spec.actors", self.actors.iter().map(|a| &a.id))?;
        check_len("spec.storylines", &self.storylines, 0)?;
        for (i, s) in self.storylines.iter().enumerate() {
            check_title(&format!("spec.storylines[{i}].title"), &s.title, MAX_TITLE)?;
            check_text(&format!("spec.storylines[{i}].summary"), &s.summary, false)?;
        }
        check_distinct_keys("spec.storylines", self.storylines.iter().map(|s| &s.id))?;
        check_len("spec.observers", &self.observers, 0)?;
        for (i, o) in self.observers.iter().enumerate() {
            check_title(&format!("spec.observers[{i}].name"), &o.name, MAX_TITLE)?;
            for (j, k) in o.objectives.iter().enumerate() {
                self.objective(&format!("spec.observers[{i}].objectives[{j}]"), k)?;
            }
            check_users(&format!("spec.observers[{i}].users"), &o.users)?;
        }
        check_distinct_keys("spec.observers", self.observers.iter().map(|o| &o.id))?;
        Ok(())
    }

    /// The objective with key `k`, or an error at `field`.
    pub fn objective(&self, field: &str, k: &Key) -> Result<&Objective, DomainError> {
        find(field, k, "objective", &self.objectives, |o| &o.id)
    }

    /// The participant with key `k`, or an error at `field`.
    pub fn participant(&self, field: &str, k: &Key) -> Result<&Participant, DomainError> {
        find(field, k, "participant", &self.audience, |p| &p.id)
    }

    /// The simulated actor with key `k`, or an error at `field`.
    pub fn actor(&self, field: &str, k: &Key) -> Result<&SimulatedActor, DomainError> {
        find(field, k, "simulated actor", &self.actors, |a| &a.id)
    }

    /// The storyline with key `k`, or an error at `field`.
    pub fn storyline(&self, field: &str, k: &Key) -> Result<&Storyline, DomainError> {
        find(field, k, "storyline", &self.storylines, |s| &s.id)
    }

    /// The observer with key `k`, or an error at `field`.
    pub fn observer(&self, field: &str, k: &Key) -> Result<&Observer, DomainError> {
        find(field, k, "observer", &self.observers, |o| &o.id)
    }

    /// The participants the user `username` plays.
    pub fn participants_of<'a>(
        &'a self,
        username: &'a str,
    ) -> impl Iterator<Item = &'a Participant> {
        self.audience
            .iter()
            .filter(move |p| p.users.iter().any(|u| u == username))
    }

    /// The observers the user `username` acts as.
    pub fn observers_of<'a>(&'a self, username: &'a str) -> impl Iterator<Item = &'a Observer> {
        self.observers
            .iter()
            .filter(move |o| o.users.iter().any(|u| u == username))
    }
}

/// User names are one-line titles, each listed once.
fn check_users(field: &str, users: &[String]) -> Result<(), DomainError> {
    for (j, u) in users.iter().enumerate() {
        check_title(&format!("{field}[{j}]"), u, MAX_TITLE)?;
        if users[..j].contains(u) {
            return Err(DomainError::invalid(
                format!("{field}[{j}]"),
                format!("`{u}` is listed twice"),
            ));
        }
    }
    Ok(())
}

fn find<'a, T>(
    field: &str,
    k: &Key,
    what: &str,
    items: &'a [T],
    key: impl Fn(&T) -> &Key,
) -> Result<&'a T, DomainError> {
    items
        .iter()
        .find(|t| key(t) == k)
        .ok_or_else(|| DomainError::invalid(field, format!("no {what} `{k}` in the design")))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::training::names::{BilingualName, FictitiousName, NameKind};

    fn k(s: &str) -> Key {
        Key::parse("k", s).unwrap()
    }

    /// A small design: two objectives, three participants, two actors, two storylines.
    pub(crate) fn design() -> ExerciseDesign {
        ExerciseDesign {
            name: "Interaction-2025".into(),
            marking: ExerciseMarking::parse("marking", "Interaction-2025").unwrap(),
            director: "director".into(),
            scenario: Scenario {
                summary: "Armed groups cross the border of Kazakhstan.".into(),
                simulated_state: Some(StateCode::parse("KAZ").unwrap()),
                names: crate::training::names::NameMapping(vec![FictitiousName {
                    kind: NameKind::State,
                    real: BilingualName {
                        ru: "Казахстан".into(),
                        en: "Kazakhstan".into(),
                    },
                    invented: BilingualName {
                        ru: "Северия".into(),
                        en: "Northland".into(),
                    },
                    forms: Vec::new(),
                }]),
            },
            objectives: vec![
                Objective {
                    id: k("O1"),
                    text: "Decide on the deployment within 6 hours.".into(),
                    criteria: vec!["Draft decision ready by D+0 06:00".into()],
                },
                Objective {
                    id: k("O2"),
                    text: "Keep the member states informed.".into(),
                    criteria: vec!["Every state acknowledges each report".into()],
                },
            ],
            audience: vec![
                Participant {
                    id: k("js-ops"),
                    name: "Joint Staff operations".into(),
                    role: "operations cell".into(),
                    state: None,
                    users: vec!["ops1".into()],
                },
                Participant {
                    id: k("kaz-lo"),
                    name: "Liaison officer of Kazakhstan".into(),
                    role: "liaison officer".into(),
                    state: Some(StateCode::parse("KAZ").unwrap()),
                    users: vec!["kaz1".into()],
                },
                Participant {
                    id: k("rus-lo"),
                    name: "Liaison officer of Russia".into(),
                    role: "liaison officer".into(),
                    state: Some(StateCode::parse("RUS").unwrap()),
                    users: vec![],
                },
            ],
            actors: vec![
                SimulatedActor {
                    id: k("gov"),
                    name: "Government of Northland".into(),
                    kind: ActorKind::Organization,
                },
                SimulatedActor {
                    id: k("press"),
                    name: "Northland Today".into(),
                    kind: ActorKind::Organization,
                },
            ],
            storylines: vec![
                Storyline {
                    id: k("border"),
                    title: "Border incident".into(),
                    summary: String::new(),
                },
                Storyline {
                    id: k("media"),
                    title: "Media pressure".into(),
                    summary: String::new(),
                },
            ],
            observers: vec![Observer {
                id: k("obs1"),
                name: "Colonel Petrov".into(),
                objectives: vec![k("O1")],
                users: vec!["obs1".into()],
            }],
        }
    }

    #[test]
    fn users_say_whom_a_person_plays_and_are_listed_once() {
        let mut d = design();
        let plays: Vec<_> = d.participants_of("kaz1").map(|p| p.id.as_str()).collect();
        assert_eq!(plays, ["kaz-lo"]);
        assert_eq!(d.observers_of("obs1").count(), 1);
        assert_eq!(d.participants_of("obs1").count(), 0);
        d.audience[1].users.push("kaz1".into());
        assert_eq!(
            d.check(),
            Err(DomainError::invalid(
                "spec.audience[1].users[1]",
                "`kaz1` is listed twice"
            ))
        );
    }

    #[test]
    fn a_complete_design_passes_and_round_trips_through_json() {
        let d = design();
        assert_eq!(d.check(), Ok(()));
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["marking"], "Interaction-2025");
        assert_eq!(json["actors"][0]["kind"], "organization");
        let back: ExerciseDesign = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn each_fault_is_refused_at_its_path() {
        type Break = fn(&mut ExerciseDesign);
        let cases: [(Break, &str); 8] = [
            (|d| d.name = " ".into(), "spec.name: must not be empty"),
            (|d| d.objectives.clear(), "spec.objectives: needs at least 1 item(s)"),
            (
                |d| d.objectives[1].criteria.clear(),
                "spec.objectives[1].criteria: needs at least 1 item(s)",
            ),
            (
                |d| d.objectives[1].id = d.objectives[0].id.clone(),
                "spec.objectives[1]: `O1` is listed twice",
            ),
            (
                |d| d.audience[2].id = d.audience[0].id.clone(),
                "spec.audience[2]: `js-ops` is listed twice",
            ),
            (|d| d.actors[0].name = "a\nb".into(), "spec.actors[0].name: must be one line without control characters"),
            (
                |d| d.observers[0].objectives = vec![Key::parse("k", "O9").unwrap()],
                "spec.observers[0].objectives[0]: no objective `O9` in the design",
            ),
            (
                |d| d.scenario.names.0[0].invented.en = "Kazakhstan".into(),
                "spec.scenario.names[0].invented.en: `Kazakhstan` is also a real name in the mapping",
            ),
        ];
        for (fault, want) in cases {
            let mut d = design();
            fault(&mut d);
            assert_eq!(d.check().unwrap_err().to_string(), want);
        }
    }

    #[test]
    fn markings_are_checked_when_parsed() {
        assert!(serde_json::from_str::<ExerciseMarking>("\"Rubezh-2025\"").is_ok());
        assert!(serde_json::from_str::<ExerciseMarking>("\"  \"").is_err());
        let long = format!("\"{}\"", "x".repeat(MAX_MARKING + 1));
        assert!(serde_json::from_str::<ExerciseMarking>(&long).is_err());
    }
}
