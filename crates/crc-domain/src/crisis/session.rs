//! Sessions of the organization's bodies, regular and extraordinary, numbered per body, in
//! person or by videoconference.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::workflow::*;
use crate::codes::StateCode;
use crate::error::DomainError;

/// Regular or extraordinary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// In the yearly order.
    Regular,
    /// Called for a crisis.
    Extraordinary,
}

/// How it meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionFormat {
    /// Delegations in one room.
    InPerson,
    /// By videoconference (a link is required).
    Videoconference,
}

/// The session as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSpec {
    /// The body's key in the reference data (`collective_security_council`, ...).
    pub body: String,
    /// Regular or extraordinary.
    pub kind: SessionKind,
    /// In person or by videoconference.
    pub format: SessionFormat,
    /// The videoconference link (https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Where, for an in-person session.
    #[serde(default)]
    pub place: String,
    /// When.
    pub scheduled_at: DateTime<Utc>,
    /// The agenda's points.
    pub agenda: Vec<String>,
    /// The delegations taking part.
    pub participants: Vec<StateCode>,
}

impl SessionSpec {
    /// Checks every field.
    pub fn check(&self) -> Result<(), DomainError> {
        check_title("spec.body", &self.body, MAX_TITLE)?;
        match (self.format, &self.link) {
            (SessionFormat::Videoconference, None) => {
                return Err(DomainError::invalid(
                    "spec.link",
                    "a videoconference needs its link",
                ))
            }
            (_, Some(l)) => {
                let ok = (l.starts_with("https://") || l.starts_with("http://"))
                    && l.len() <= 2000
                    && !l.chars().any(|c| c.is_whitespace() || c.is_control());
                if !ok {
                    return Err(DomainError::invalid(
                        "spec.link",
                        "must be an http(s) address without spaces",
                    ));
                }
            }
            _ => {}
        }
        if !self.place.is_empty() {
            check_title("spec.place", &self.place, MAX_TITLE)?;
        }
        check_len("spec.agenda", &self.agenda, 1)?;
        for (i, a) in self.agenda.iter().enumerate() {
            check_title(&format!("spec.agenda[{i}]"), a, 2000)?;
        }
        check_len("spec.participants", &self.participants, 1)?;
        check_distinct_states("spec.participants", &self.participants)
    }
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Called, not yet opened.
    Scheduled,
    /// Sitting.
    Open,
    /// Closed with its minutes.
    Closed,
    /// Called off.
    Cancelled,
}

/// The session's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionState {
    /// Where it stands.
    pub status: SessionStatus,
    /// Its number within the body (1, 2, ...), given when it is called.
    pub number: i64,
    /// The minutes, when closed.
    pub minutes: Option<String>,
    /// Why it was cancelled.
    pub cancelled_because: Option<String>,
}

impl SessionState {
    /// A session just called, with its number.
    pub fn initial(facts: &Facts) -> Result<Self, DomainError> {
        let number = facts
            .next_number
            .ok_or_else(|| DomainError::invalid("spec.body", "no numbering for this body"))?;
        Ok(SessionState {
            status: SessionStatus::Scheduled,
            number,
            minutes: None,
            cancelled_because: None,
        })
    }
}

/// What can be done with a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum SessionCommand {
    /// Change the agenda, participants, time or link before it closes.
    Amend {
        /// The new spec (the body cannot change).
        spec: SessionSpec,
    },
    /// Open the sitting.
    Open,
    /// Close it with its minutes.
    Close {
        /// The minutes.
        minutes: String,
    },
    /// Call it off before it opens.
    Cancel {
        /// Why.
        reason: String,
    },
}

impl Workflow for SessionState {
    type Spec = SessionSpec;
    type Command = SessionCommand;
    const KIND: &'static str = "session";

    fn status_name(&self) -> &'static str {
        match self.status {
            SessionStatus::Scheduled => "scheduled",
            SessionStatus::Open => "open",
            SessionStatus::Closed => "closed",
            SessionStatus::Cancelled => "cancelled",
        }
    }

    fn command_name(c: &SessionCommand) -> &'static str {
        match c {
            SessionCommand::Amend { .. } => "amend",
            SessionCommand::Open => "open",
            SessionCommand::Close { .. } => "close",
            SessionCommand::Cancel { .. } => "cancel",
        }
    }

    fn step(
        &self,
        spec: &SessionSpec,
        c: &SessionCommand,
        _ctx: &Context,
    ) -> Result<(Option<SessionSpec>, Self), Refusal> {
        use SessionStatus::*;
        let mut next = self.clone();
        match (self.status, c) {
            (Scheduled | Open, SessionCommand::Amend { spec: new }) => {
                new.check()?;
                if new.body != spec.body {
                    return refuse("a session stays with its body; call a new one instead");
                }
                return Ok((Some(new.clone()), next));
            }
            (_, SessionCommand::Amend { .. }) => {
                return refuse("a closed or cancelled session is no longer amended")
            }
            (Scheduled, SessionCommand::Open) => next.status = Open,
            (_, SessionCommand::Open) => return refuse("only a scheduled session opens"),
            (Open, SessionCommand::Close { minutes }) => {
                check_text("minutes", minutes, true)?;
                next.status = Closed;
                next.minutes = Some(minutes.clone());
            }
            (_, SessionCommand::Close { .. }) => return refuse("only an open session closes"),
            (Scheduled, SessionCommand::Cancel { reason }) => {
                check_text("reason", reason, true)?;
                next.status = Cancelled;
                next.cancelled_because = Some(reason.clone());
            }
            (_, SessionCommand::Cancel { .. }) => {
                return refuse("only a session not yet opened is cancelled")
            }
        }
        Ok((None, next))
    }
}
