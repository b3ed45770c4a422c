//! A request for assistance from the head of a member state to the Chairman of the
//! Collective Security Council: received, under consideration, decided, closed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::workflow::*;
use crate::codes::StateCode;
use crate::error::DomainError;

/// What is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AskKind {
    /// Forces (contingents).
    Forces,
    /// Equipment and materiel.
    Equipment,
    /// Humanitarian help.
    Humanitarian,
}

/// One thing asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// Of what kind.
    pub kind: AskKind,
    /// Details (numbers, types).
    #[serde(default)]
    pub details: String,
}

/// An attachment, by title and reference (a registry number or file reference).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// Title.
    pub title: String,
    /// Registry number, file name or other reference.
    #[serde(default)]
    pub reference: String,
}

/// The request as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// The requesting member state.
    pub requesting_state: StateCode,
    /// Who signed it (the head of state).
    pub from: String,
    /// To whom (by default the Chairman of the Collective Security Council).
    #[serde(default = "chairman")]
    pub addressed_to: String,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// What is asked.
    pub asks: Vec<Ask>,
    /// The situation in brief.
    pub summary: String,
    /// Attached documents.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

fn chairman() -> String {
    "Chairman of the Collective Security Council".to_owned()
}

impl RequestSpec {
    /// Checks every field.
    pub fn check(&self) -> Result<(), DomainError> {
        check_title("spec.from", &self.from, MAX_TITLE)?;
        check_title("spec.addressed_to", &self.addressed_to, MAX_TITLE)?;
        check_len("spec.asks", &self.asks, 1)?;
        for (i, a) in self.asks.iter().enumerate() {
            check_text(&format!("spec.asks[{i}].details"), &a.details, false)?;
        }
        check_text("spec.summary", &self.summary, true)?;
        check_len("spec.attachments", &self.attachments, 0)?;
        for (i, a) in self.attachments.iter().enumerate() {
            check_title(&format!("spec.attachments[{i}].title"), &a.title, MAX_TITLE)?;
        }
        Ok(())
    }
}

/// The decision on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Granted in full.
    Granted,
    /// Granted in part.
    PartlyGranted,
    /// Refused.
    Refused,
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Registered by the centre.
    Received,
    /// Before the Council.
    UnderConsideration,
    /// The Council decided (see the outcome).
    Decided,
    /// Closed: done with, or withdrawn before a decision.
    Closed,
}

/// The request's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestState {
    /// Where it stands.
    pub status: RequestStatus,
    /// The decision, once decided (kept when closed).
    pub outcome: Option<Outcome>,
    /// Notes of the steps taken.
    #[serde(default)]
    pub notes: Vec<Note>,
}

impl RequestState {
    /// A request just received.
    pub fn initial() -> Self {
        RequestState {
            status: RequestStatus::Received,
            outcome: None,
            notes: Vec::new(),
        }
    }
}

/// What can be done with a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum RequestCommand {
    /// Put it before the Council.
    Consider {
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Record the Council's decision.
    Decide {
        /// Granted, partly granted or refused.
        outcome: Outcome,
        /// Note (e.g. the decision's number).
        #[serde(default)]
        note: String,
    },
    /// Close a decided request.
    Close {
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// The requesting state withdraws it before a decision.
    Withdraw {
        /// Why.
        note: String,
    },
}

impl Workflow for RequestState {
    type Spec = RequestSpec;
    type Command = RequestCommand;
    const KIND: &'static str = "request";

    fn status_name(&self) -> &'static str {
        match self.status {
            RequestStatus::Received => "received",
            RequestStatus::UnderConsideration => "under_consideration",
            RequestStatus::Decided => "decided",
            RequestStatus::Closed => "closed",
        }
    }

    fn command_name(c: &RequestCommand) -> &'static str {
        match c {
            RequestCommand::Consider { .. } => "consider",
            RequestCommand::Decide { .. } => "decide",
            RequestCommand::Close { .. } => "close",
            RequestCommand::Withdraw { .. } => "withdraw",
        }
    }

    fn step(
        &self,
        _spec: &RequestSpec,
        c: &RequestCommand,
        ctx: &Context,
    ) -> Result<(Option<RequestSpec>, Self), Refusal> {
        use RequestStatus::*;
        let (status, outcome, note) = match (self.status, c) {
            (Received, RequestCommand::Consider { note }) => (UnderConsideration, None, note),
            (_, RequestCommand::Consider { .. }) => {
                return refuse("only a request just received is put before the Council")
            }
            (UnderConsideration, RequestCommand::Decide { outcome, note }) => {
                (Decided, Some(*outcome), note)
            }
            (Received, RequestCommand::Decide { .. }) => {
                return refuse("it must be put before the Council (consider) first")
            }
            (Closed, RequestCommand::Decide { .. }) => return refuse("it is closed"),
            (_, RequestCommand::Decide { .. }) => return refuse("it is already decided"),
            (Decided, RequestCommand::Close { note }) => (Closed, self.outcome, note),
            (Closed, RequestCommand::Close { .. }) => return refuse("it is already closed"),
            (_, RequestCommand::Close { .. }) => {
                return refuse("a request is closed after the decision (or withdrawn before it)")
            }
            (Received | UnderConsideration, RequestCommand::Withdraw { note }) => {
                check_text("note", note, true)?;
                (Closed, None, note)
            }
            (Closed, RequestCommand::Withdraw { .. }) => return refuse("it is already closed"),
            (_, RequestCommand::Withdraw { .. }) => {
                return refuse("a decided request cannot be withdrawn")
            }
        };
        check_text("note", note, false)?;
        let mut notes = self.notes.clone();
        if !note.trim().is_empty() {
            notes.push(Note::now(ctx, note));
        }
        Ok((
            None,
            RequestState {
                status,
                outcome,
                notes,
            },
        ))
    }
}

impl RequestState {
    /// The invariant every reachable state keeps: an outcome exactly when decided, or
    /// closed after a decision.
    pub fn is_consistent(&self) -> bool {
        match self.status {
            RequestStatus::Received | RequestStatus::UnderConsideration => self.outcome.is_none(),
            RequestStatus::Decided => self.outcome.is_some(),
            RequestStatus::Closed => true,
        }
    }
}
