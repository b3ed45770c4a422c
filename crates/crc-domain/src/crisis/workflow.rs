//! What every crisis workflow shares: the context a step is taken in, the facts the storage
//! supplies from other records, and the checks of free text and places.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::codes::StateCode;
use crate::contingent::Coordinates;
use crate::error::DomainError;

/// The longest title or name.
pub const MAX_TITLE: usize = 300;
/// The longest free text (a summary, minutes, a decision's text).
pub const MAX_TEXT: usize = 50_000;
/// The most items in any list of a record (agenda points, facilities, reports...).
pub const MAX_ITEMS: usize = 500;

/// One workflow: a closed set of states, a closed set of commands and one transition
/// function. `step` says why a command is refused; [`transition`] turns that into the error
/// that names the kind, the state and the command.
pub trait Workflow: Sized {
    /// The spec: what people write (title, dates, places).
    type Spec;
    /// The commands.
    type Command;
    /// The record kind's wire name.
    const KIND: &'static str;
    /// The current state's wire name.
    fn status_name(&self) -> &'static str;
    /// A command's wire name.
    fn command_name(c: &Self::Command) -> &'static str;
    /// The one transition function: the next state (and possibly an amended spec), or why
    /// not.
    fn step(
        &self,
        spec: &Self::Spec,
        c: &Self::Command,
        ctx: &Context,
    ) -> Result<(Option<Self::Spec>, Self), Refusal>;
}

/// Why a step was refused: a rule of the workflow, or a malformed argument of the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The workflow does not allow it now.
    Rule(String),
    /// An argument of the command is wrong (`field`, `message`).
    Invalid(DomainError),
}

impl From<DomainError> for Refusal {
    fn from(e: DomainError) -> Self {
        Refusal::Invalid(e)
    }
}

/// Shorthand for a refusal by rule.
pub fn refuse<T>(reason: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::Rule(reason.into()))
}

/// Takes one step of `w`, turning a refusal into [`DomainError::Transition`].
pub fn transition<W: Workflow>(
    w: &W,
    spec: &W::Spec,
    c: &W::Command,
    ctx: &Context,
) -> Result<(Option<W::Spec>, W), DomainError> {
    w.step(spec, c, ctx).map_err(|r| match r {
        Refusal::Rule(reason) => DomainError::Transition {
            kind: W::KIND.to_owned(),
            state: w.status_name().replace('_', " "),
            command: W::command_name(c).replace('_', " "),
            reason,
        },
        Refusal::Invalid(e) => e,
    })
}

/// Who takes a step, and when, with the facts of other records the step depends on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Context {
    /// Now (the storage's clock, inside the write transaction).
    pub now: DateTime<Utc>,
    /// The acting user's name.
    pub actor: String,
    /// The acting user's member state, if bound to one (liaison officers).
    pub actor_state: Option<StateCode>,
    /// Facts read from other records in the same transaction.
    pub facts: Facts,
}

/// What a step needs to know of other records. The storage fills what the record's kind
/// needs, read inside the same transaction as the change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts {
    /// The parent record's status (a decision's session, an operation's decision, ...).
    pub parent_status: Option<String>,
    /// The next number in the record's numbering scope (sessions per body, decisions per
    /// body and year).
    pub next_number: Option<i64>,
    /// The delegations taking part in the decision's session.
    pub session_participants: Option<Vec<StateCode>>,
    /// The operation's personnel ceiling (for accepting a force).
    pub ceiling_personnel: Option<i64>,
    /// Personnel of the operation's other forces already accepted and not stood down.
    pub committed_personnel: i64,
    /// Forces of the operation not yet stood down, declined or withdrawn.
    pub forces_in_field: i64,
    /// The centre's operating mode now (for a mode change).
    pub current_mode: Option<String>,
}

/// Checks a required single-line text: not blank, at most `max` characters.
pub fn check_title(field: &str, s: &str, max: usize) -> Result<(), DomainError> {
    if s.trim().is_empty() {
        return Err(DomainError::invalid(field, "must not be empty"));
    }
    if s.chars().count() > max {
        return Err(DomainError::invalid(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    if s.chars().any(|c| c.is_control()) {
        return Err(DomainError::invalid(
            field,
            "must be one line without control characters",
        ));
    }
    Ok(())
}

/// Checks a free text: at most [`MAX_TEXT`] characters; `required` refuses a blank one.
pub fn check_text(field: &str, s: &str, required: bool) -> Result<(), DomainError> {
    if required && s.trim().is_empty() {
        return Err(DomainError::invalid(field, "must not be empty"));
    }
    if s.chars().count() > MAX_TEXT {
        return Err(DomainError::invalid(
            field,
            format!("must be at most {MAX_TEXT} characters"),
        ));
    }
    Ok(())
}

/// Checks a list's length.
pub fn check_len<T>(field: &str, v: &[T], min: usize) -> Result<(), DomainError> {
    if v.len() < min {
        return Err(DomainError::invalid(
            field,
            format!("needs at least {min} item(s)"),
        ));
    }
    if v.len() > MAX_ITEMS {
        return Err(DomainError::invalid(
            field,
            format!("must have at most {MAX_ITEMS} items"),
        ));
    }
    Ok(())
}

/// A named place on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Its name.
    pub name: String,
    /// Where.
    pub position: Coordinates,
}

impl Place {
    /// Checks the name and the coordinates' ranges.
    pub fn check(&self, field: &str) -> Result<(), DomainError> {
        check_title(&format!("{field}.name"), &self.name, MAX_TITLE)?;
        check_coordinates(&format!("{field}.position"), &self.position)
    }
}

/// Checks coordinates read from JSON are within range (parsing them does not check).
pub(crate) fn check_coordinates(field: &str, c: &Coordinates) -> Result<(), DomainError> {
    Coordinates::new(c.lat(), c.lon())
        .map(|_| ())
        .map_err(|e| match e {
            DomainError::Invalid { field: at, message } => {
                DomainError::invalid(format!("{field}.{at}"), message)
            }
            other => other,
        })
}

/// A person by name and post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Post or rank.
    #[serde(default)]
    pub post: String,
    /// The member state they belong to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<StateCode>,
}

impl Person {
    /// Checks the name and post.
    pub fn check(&self, field: &str) -> Result<(), DomainError> {
        check_title(&format!("{field}.name"), &self.name, MAX_TITLE)?;
        if !self.post.is_empty() {
            check_title(&format!("{field}.post"), &self.post, MAX_TITLE)?;
        }
        Ok(())
    }
}

/// A dated note written by someone: a report of execution, a comment, a handover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// When written.
    pub at: DateTime<Utc>,
    /// Who wrote it.
    pub by: String,
    /// Text.
    pub text: String,
}

impl Note {
    /// A note by the context's actor, now.
    pub fn now(ctx: &Context, text: &str) -> Note {
        Note {
            at: ctx.now,
            by: ctx.actor.clone(),
            text: text.to_owned(),
        }
    }
}

/// Checks a list of states has no repeats.
pub fn check_distinct_states(field: &str, v: &[StateCode]) -> Result<(), DomainError> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, s) in v.iter().enumerate() {
        if !seen.insert(s) {
            return Err(DomainError::invalid(
                format!("{field}[{i}]"),
                format!("{s} is listed twice"),
            ));
        }
    }
    Ok(())
}

/// Checks `end` is not before `start`.
pub fn check_dates(field: &str, start: NaiveDate, end: NaiveDate) -> Result<(), DomainError> {
    if end < start {
        return Err(DomainError::invalid(
            field,
            format!("ends on {end}, before it starts on {start}"),
        ));
    }
    Ok(())
}
