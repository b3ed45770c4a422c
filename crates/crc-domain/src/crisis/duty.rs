//! The centre's operating mode (routine, enhanced, round-the-clock) with the log of its
//! changes, and the duty roster of shifts with their handover notes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::workflow::*;
use crate::error::DomainError;

/// How the centre works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatingMode {
    /// Everyday working hours.
    Routine,
    /// Enhanced mode: extended hours, reinforced duty.
    Enhanced,
    /// Round-the-clock work.
    RoundTheClock,
}

impl OperatingMode {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            OperatingMode::Routine => "routine",
            OperatingMode::Enhanced => "enhanced",
            OperatingMode::RoundTheClock => "round_the_clock",
        }
    }

    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            OperatingMode::Routine,
            OperatingMode::Enhanced,
            OperatingMode::RoundTheClock,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

/// A change of the operating mode (one entry of its log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModeSpec {
    /// The new mode.
    pub mode: OperatingMode,
    /// Why (the situation, the order).
    pub reason: String,
}

impl ModeSpec {
    /// Checks the reason.
    pub fn check(&self) -> Result<(), DomainError> {
        check_text("spec.reason", &self.reason, true)
    }
}

/// The recorded change: from which mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeState {
    /// The mode before (routine when none was recorded).
    pub from: OperatingMode,
}

impl ModeState {
    /// The one transition of the operating mode: any mode to a different one.
    pub fn change(spec: &ModeSpec, facts: &Facts) -> Result<Self, DomainError> {
        let from = facts
            .current_mode
            .as_deref()
            .and_then(OperatingMode::parse)
            .unwrap_or(OperatingMode::Routine);
        if from == spec.mode {
            return Err(DomainError::Transition {
                kind: "operating mode".into(),
                state: from.as_str().replace('_', " "),
                command: format!("change to {}", spec.mode.as_str().replace('_', " ")),
                reason: "the centre already works in that mode".into(),
            });
        }
        Ok(ModeState { from })
    }
}

/// A duty shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShiftSpec {
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// The officers on duty (the first leads).
    pub officers: Vec<Person>,
}

impl ShiftSpec {
    /// Checks every field.
    pub fn check(&self) -> Result<(), DomainError> {
        if self.ends_at <= self.starts_at {
            return Err(DomainError::invalid(
                "spec.ends_at",
                "must be after starts_at",
            ));
        }
        if self.ends_at - self.starts_at > chrono::Duration::hours(48) {
            return Err(DomainError::invalid(
                "spec.ends_at",
                "a shift lasts at most 48 hours",
            ));
        }
        check_len("spec.officers", &self.officers, 1)?;
        for (i, o) in self.officers.iter().enumerate() {
            o.check(&format!("spec.officers[{i}]"))?;
        }
        Ok(())
    }
}

/// Where a shift stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShiftStatus {
    /// On the roster.
    Planned,
    /// On duty.
    OnDuty,
    /// Handed over to the next shift.
    HandedOver,
}

/// The shift's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftState {
    /// Where it stands.
    pub status: ShiftStatus,
    /// The handover notes.
    pub handover: Option<Note>,
    /// When it took over.
    pub took_over_at: Option<DateTime<Utc>>,
}

impl ShiftState {
    /// A shift on the roster.
    pub fn initial() -> Self {
        ShiftState {
            status: ShiftStatus::Planned,
            handover: None,
            took_over_at: None,
        }
    }
}

/// What can be done with a shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum ShiftCommand {
    /// Take over duty.
    TakeOver,
    /// Hand over duty with notes.
    HandOver {
        /// The handover notes: situation, open tasks, what to watch.
        notes: String,
    },
}

impl Workflow for ShiftState {
    type Spec = ShiftSpec;
    type Command = ShiftCommand;
    const KIND: &'static str = "shift";

    fn status_name(&self) -> &'static str {
        match self.status {
            ShiftStatus::Planned => "planned",
            ShiftStatus::OnDuty => "on_duty",
            ShiftStatus::HandedOver => "handed_over",
        }
    }

    fn command_name(c: &ShiftCommand) -> &'static str {
        match c {
            ShiftCommand::TakeOver => "take_over",
            ShiftCommand::HandOver { .. } => "hand_over",
        }
    }

    fn step(
        &self,
        _spec: &ShiftSpec,
        c: &ShiftCommand,
        ctx: &Context,
    ) -> Result<(Option<ShiftSpec>, Self), Refusal> {
        let mut next = self.clone();
        match (self.status, c) {
            (ShiftStatus::Planned, ShiftCommand::TakeOver) => {
                next.status = ShiftStatus::OnDuty;
                next.took_over_at = Some(ctx.now);
            }
            (_, ShiftCommand::TakeOver) => return refuse("only a planned shift takes over"),
            (ShiftStatus::OnDuty, ShiftCommand::HandOver { notes }) => {
                check_text("notes", notes, true)?;
                next.status = ShiftStatus::HandedOver;
                next.handover = Some(Note::now(ctx, notes));
            }
            (_, ShiftCommand::HandOver { .. }) => {
                return refuse("only the shift on duty hands over")
            }
        }
        Ok((None, next))
    }
}
