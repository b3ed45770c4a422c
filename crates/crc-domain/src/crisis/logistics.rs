//! Logistics support requests from a contingent: material and technical support,
//! replenishment. Requested, then approved and fulfilled, or refused.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::workflow::*;
use crate::codes::StateCode;
use crate::error::DomainError;

/// What kind of support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportKind {
    /// Material and technical support.
    MaterialTechnical,
    /// Replenishment of stocks.
    Replenishment,
    /// Fuel and lubricants.
    Fuel,
    /// Food.
    Food,
    /// Medical.
    Medical,
    /// Transport.
    Transport,
    /// Anything else.
    Other,
}

/// The request as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogisticsSpec {
    /// The requesting contingent's state.
    pub state: StateCode,
    /// The requesting contingent (register id), if one.
    #[serde(default)]
    pub contingent_id: Option<i64>,
    /// What kind.
    pub kind: SupportKind,
    /// What is needed, and how much.
    pub items: String,
    /// Needed by.
    #[serde(default)]
    pub needed_by: Option<DateTime<Utc>>,
}

impl LogisticsSpec {
    /// Checks every field.
    pub fn check(&self) -> Result<(), DomainError> {
        check_text("spec.items", &self.items, true)
    }
}

/// Where a logistics request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogisticsStatus {
    /// Asked for.
    Requested,
    /// Approved, being provided.
    Approved,
    /// Provided.
    Fulfilled,
    /// Refused.
    Refused,
}

/// The request's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogisticsState {
    /// Where it stands.
    pub status: LogisticsStatus,
    /// Notes of the steps.
    pub notes: Vec<Note>,
}

impl LogisticsState {
    /// A request just made.
    pub fn initial() -> Self {
        LogisticsState {
            status: LogisticsStatus::Requested,
            notes: Vec::new(),
        }
    }
}

/// What can be done with a logistics request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum LogisticsCommand {
    /// Approve it.
    Approve {
        /// Note (who provides, how).
        #[serde(default)]
        note: String,
    },
    /// Refuse it.
    Refuse {
        /// Why.
        reason: String,
    },
    /// It has been provided.
    Fulfil {
        /// Note.
        #[serde(default)]
        note: String,
    },
}

impl Workflow for LogisticsState {
    type Spec = LogisticsSpec;
    type Command = LogisticsCommand;
    const KIND: &'static str = "logistics";

    fn status_name(&self) -> &'static str {
        match self.status {
            LogisticsStatus::Requested => "requested",
            LogisticsStatus::Approved => "approved",
            LogisticsStatus::Fulfilled => "fulfilled",
            LogisticsStatus::Refused => "refused",
        }
    }

    fn command_name(c: &LogisticsCommand) -> &'static str {
        match c {
            LogisticsCommand::Approve { .. } => "approve",
            LogisticsCommand::Refuse { .. } => "refuse",
            LogisticsCommand::Fulfil { .. } => "fulfil",
        }
    }

    fn step(
        &self,
        _spec: &LogisticsSpec,
        c: &LogisticsCommand,
        ctx: &Context,
    ) -> Result<(Option<LogisticsSpec>, Self), Refusal> {
        use LogisticsStatus::*;
        let (to, note) = match (self.status, c) {
            (Requested, LogisticsCommand::Approve { note }) => (Approved, note),
            (_, LogisticsCommand::Approve { .. }) => {
                return refuse("only a request not yet decided is approved")
            }
            (Requested, LogisticsCommand::Refuse { reason }) => {
                check_text("reason", reason, true)?;
                (Refused, reason)
            }
            (_, LogisticsCommand::Refuse { .. }) => {
                return refuse("only a request not yet decided is refused")
            }
            (Approved, LogisticsCommand::Fulfil { note }) => (Fulfilled, note),
            (_, LogisticsCommand::Fulfil { .. }) => {
                return refuse("only an approved request is fulfilled")
            }
        };
        check_text("note", note, false)?;
        let mut next = LogisticsState {
            status: to,
            notes: self.notes.clone(),
        };
        if !note.trim().is_empty() {
            next.notes.push(Note::now(ctx, note));
        }
        Ok((None, next))
    }
}
