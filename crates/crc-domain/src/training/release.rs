//! The release of injects: what falls due as scenario time passes, and what the exercise
//! control cell does by hand. The release log is append-only; every function here reads it
//! and returns the entries to append, so a server tick is `tick(now)` and storing its answer.
//!
//! The policy (docs/training-conduct.md, "Release"):
//! - While the clock runs, an inject falls due when scenario time reaches its offset, and a
//!   tick within the grace window after that moment (real time) releases it on schedule.
//! - An inject that fell due longer ago than the grace window (the clock was paused, the
//!   server was down, the MSEL was being amended) or that a jump passed over is not released
//!   automatically: it is held for control, who release it by hand, release all overdue at
//!   once, or skip it. So resuming after a pause never fires a burst of stale injects.
//! - Control may release an inject before it is due (recorded as released by hand), hold a
//!   pending one, or skip it.
//! - An inject is released at most once; a tick repeated with the same `now` adds nothing.
//! - Only an approved MSEL releases; a tick on one being amended releases nothing.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::clock::{ClockStatus, ExerciseClock};
use super::msel::{Inject, MselSpec, MselState};
use crate::crisis::workflow::check_text;
use crate::error::DomainError;

/// How long after an inject falls due a tick may still release it on schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleasePolicy {
    /// The grace window in real seconds (a server ticks every few seconds; a minute covers
    /// a slow tick, not an outage).
    pub grace_seconds: u32,
}

impl Default for ReleasePolicy {
    fn default() -> Self {
        ReleasePolicy { grace_seconds: 60 }
    }
}

/// How an inject was released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseHow {
    /// By the tick, on schedule.
    Scheduled,
    /// By hand (held, or before it was due).
    Manual,
    /// With control's command to release every overdue inject.
    Overdue,
}

/// Why an inject is held for control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum HoldReason {
    /// A jump of scenario time passed over it.
    JumpedOver,
    /// It fell due longer ago than the grace window.
    Late {
        /// By how many real seconds.
        seconds: i64,
    },
    /// Control held it.
    Control,
}

impl HoldReason {
    /// Whether the inject is held only because it is overdue (what "release all overdue"
    /// takes), not by control's choice.
    pub fn is_overdue(self) -> bool {
        !matches!(self, HoldReason::Control)
    }
}

/// What happened to an inject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum LogAction {
    /// Released to its recipients.
    Released {
        /// How.
        how: ReleaseHow,
    },
    /// Held for control.
    Held {
        /// Why.
        #[serde(flatten)]
        reason: HoldReason,
    },
    /// Skipped: it will not be released.
    Skipped,
}

/// One entry of the release log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// The inject's number.
    pub inject: u32,
    /// What happened.
    #[serde(flatten)]
    pub action: LogAction,
    /// Real time.
    pub real_at: DateTime<Utc>,
    /// Scenario time.
    pub scenario_at: DateTime<Utc>,
    /// The controller who did it; none for the schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The MSEL version it was released from.
    pub msel_version: u32,
    /// Note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Where an inject stands, from the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum InjectStatus {
    /// Nothing has happened to it yet.
    Pending,
    /// Held for control.
    Held {
        /// Why.
        #[serde(flatten)]
        reason: HoldReason,
    },
    /// Released.
    Released {
        /// How.
        how: ReleaseHow,
        /// When (real time).
        at: DateTime<Utc>,
    },
    /// Skipped.
    Skipped,
}

impl InjectStatus {
    fn name(self) -> &'static str {
        match self {
            InjectStatus::Pending => "pending",
            InjectStatus::Held { .. } => "held",
            InjectStatus::Released { .. } => "released",
            InjectStatus::Skipped => "skipped",
        }
    }
}

/// The release log: every entry, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReleaseLog(pub Vec<LogEntry>);

impl ReleaseLog {
    /// Where inject `number` stands: its latest entry.
    pub fn status(&self, number: u32) -> InjectStatus {
        match self.0.iter().rev().find(|e| e.inject == number) {
            None => InjectStatus::Pending,
            Some(e) => match e.action {
                LogAction::Released { how } => InjectStatus::Released { how, at: e.real_at },
                LogAction::Held { reason } => InjectStatus::Held { reason },
                LogAction::Skipped => InjectStatus::Skipped,
            },
        }
    }

    /// The entries that released an inject.
    pub fn releases(&self) -> impl Iterator<Item = &LogEntry> {
        self.0
            .iter()
            .filter(|e| matches!(e.action, LogAction::Released { .. }))
    }
}

/// What control does with injects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum ControlCommand {
    /// Release one inject now: a held one, or one not yet due.
    Release {
        /// Its number.
        inject: u32,
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Release every inject held because it is overdue (not those control held).
    ReleaseOverdue {
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Hold a pending inject: the schedule will not release it.
    Hold {
        /// Its number.
        inject: u32,
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Skip a pending or held inject for good.
    Skip {
        /// Its number.
        inject: u32,
        /// Why.
        note: String,
    },
}

impl ControlCommand {
    /// The command's wire name.
    pub fn name(&self) -> &'static str {
        match self {
            ControlCommand::Release { .. } => "release",
            ControlCommand::ReleaseOverdue { .. } => "release_overdue",
            ControlCommand::Hold { .. } => "hold",
            ControlCommand::Skip { .. } => "skip",
        }
    }
}

/// An exercise being conducted: what release decisions read.
#[derive(Debug, Clone, Copy)]
pub struct Conduct<'a> {
    /// The MSEL.
    pub msel: &'a MselSpec,
    /// Its state (only an approved MSEL releases).
    pub msel_state: &'a MselState,
    /// The clock.
    pub clock: &'a ExerciseClock,
    /// The release log so far.
    pub log: &'a ReleaseLog,
    /// The grace window.
    pub policy: ReleasePolicy,
}

/// What the schedule makes of a pending inject at a moment.
enum Due {
    NotYet,
    Now,
    Overdue(HoldReason),
}

impl<'a> Conduct<'a> {
    /// The server's tick: the entries to append at real time `now`, releasing what falls
    /// due on schedule and holding what became overdue. Empty unless the MSEL is approved
    /// and the clock started and not ended; empty when repeated with the same `now`.
    pub fn tick(&self, now: DateTime<Utc>) -> Vec<LogEntry> {
        let (true, Some(scenario_now)) = (
            self.msel_state.is_approved() && self.clock.status() != ClockStatus::Ended,
            self.clock.scenario_time(now),
        ) else {
            return Vec::new();
        };
        let running = self.clock.is_running_at(now);
        let mut out = Vec::new();
        for inject in self.msel.schedule() {
            if self.log.status(inject.number) != InjectStatus::Pending {
                continue;
            }
            let action = match self.due(inject, now) {
                Due::NotYet => continue,
                // A pause stops releases; what fell due just before it is judged on resume.
                Due::Now if !running => continue,
                Due::Now => LogAction::Released {
                    how: ReleaseHow::Scheduled,
                },
                Due::Overdue(reason) => LogAction::Held { reason },
            };
            out.push(self.entry(inject.number, action, now, scenario_now, None, ""));
        }
        out
    }

    /// Control's command at real time `now` by `actor`: the entries to append, or why not.
    pub fn control(
        &self,
        command: &ControlCommand,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<LogEntry>, DomainError> {
        let refuse = |kind: &str, state: &str, reason: String| DomainError::Transition {
            kind: kind.into(),
            state: state.into(),
            command: command.name().replace('_', " "),
            reason,
        };
        if !self.msel_state.is_approved() {
            let state = crate::crisis::workflow::Workflow::status_name(self.msel_state);
            return Err(refuse(
                "msel",
                state,
                "injects are released from an approved MSEL only".into(),
            ));
        }
        let scenario_now = match (self.clock.status(), self.clock.scenario_time(now)) {
            (ClockStatus::Running | ClockStatus::Paused, Some(s)) => s,
            (status, _) => {
                let reason = match status {
                    ClockStatus::Ended => "the exercise has ended",
                    _ => "the exercise has not started",
                };
                return Err(refuse(
                    "exercise clock",
                    &status.as_str().replace('_', " "),
                    reason.into(),
                ));
            }
        };
        let by = Some(actor);
        let one = |inject: u32, field: &str| -> Result<(&Inject, InjectStatus), DomainError> {
            let i = self.msel.inject(inject).ok_or_else(|| {
                DomainError::invalid(field, format!("no inject {inject} in the MSEL"))
            })?;
            Ok((i, self.log.status(inject)))
        };
        let entry = |n, action, note: &str| self.entry(n, action, now, scenario_now, by, note);
        match command {
            ControlCommand::Release { inject, note } => {
                check_text("note", note, false)?;
                let (i, status) = one(*inject, "inject")?;
                match status {
                    InjectStatus::Pending | InjectStatus::Held { .. } => Ok(vec![entry(
                        i.number,
                        LogAction::Released {
                            how: ReleaseHow::Manual,
                        },
                        note,
                    )]),
                    other => Err(refuse("inject", other.name(), already(other))),
                }
            }
            ControlCommand::ReleaseOverdue { note } => {
                check_text("note", note, false)?;
                let overdue = LogAction::Released {
                    how: ReleaseHow::Overdue,
                };
                Ok(self
                    .msel
                    .schedule()
                    .into_iter()
                    .filter(|i| match self.log.status(i.number) {
                        InjectStatus::Held { reason } => reason.is_overdue(),
                        InjectStatus::Pending => matches!(self.due(i, now), Due::Overdue(_)),
                        _ => false,
                    })
                    .map(|i| entry(i.number, overdue, note))
                    .collect())
            }
            ControlCommand::Hold { inject, note } => {
                check_text("note", note, false)?;
                let (i, status) = one(*inject, "inject")?;
                match status {
                    InjectStatus::Pending => Ok(vec![entry(
                        i.number,
                        LogAction::Held {
                            reason: HoldReason::Control,
                        },
                        note,
                    )]),
                    InjectStatus::Held { .. } => {
                        Err(refuse("inject", "held", "it is already held".into()))
                    }
                    other => Err(refuse("inject", other.name(), already(other))),
                }
            }
            ControlCommand::Skip { inject, note } => {
                check_text("note", note, true)?;
                let (i, status) = one(*inject, "inject")?;
                match status {
                    InjectStatus::Pending | InjectStatus::Held { .. } => {
                        Ok(vec![entry(i.number, LogAction::Skipped, note)])
                    }
                    other => Err(refuse("inject", other.name(), already(other))),
                }
            }
        }
    }

    /// Every inject in schedule order with its status and, for a pending one, whether it is
    /// due or overdue now (what the control console shows).
    pub fn board(&self, now: DateTime<Utc>) -> Vec<BoardRow> {
        self.msel
            .schedule()
            .into_iter()
            .map(|i| {
                let status = self.log.status(i.number);
                let (due, overdue) = match (status, self.due(i, now)) {
                    (InjectStatus::Pending, Due::Now) => (true, false),
                    (InjectStatus::Pending, Due::Overdue(_)) => (true, true),
                    _ => (false, false),
                };
                BoardRow {
                    inject: i.number,
                    scenario_due: self.clock.scenario_start().map(|s| s + i.offset.duration()),
                    status,
                    due,
                    overdue,
                }
            })
            .collect()
    }

    /// What the schedule makes of `inject` at `now`.
    fn due(&self, inject: &Inject, now: DateTime<Utc>) -> Due {
        let Some(start) = self.clock.scenario_start() else {
            return Due::NotYet;
        };
        let Some(reach) = self.clock.reached(start + inject.offset.duration(), now) else {
            return Due::NotYet;
        };
        let late = now - reach.real_at;
        if reach.by_jump {
            Due::Overdue(HoldReason::JumpedOver)
        } else if late > Duration::seconds(i64::from(self.policy.grace_seconds)) {
            Due::Overdue(HoldReason::Late {
                seconds: late.num_seconds(),
            })
        } else {
            Due::Now
        }
    }

    fn entry(
        &self,
        inject: u32,
        action: LogAction,
        now: DateTime<Utc>,
        scenario_now: DateTime<Utc>,
        by: Option<&str>,
        note: &str,
    ) -> LogEntry {
        LogEntry {
            inject,
            action,
            real_at: now,
            scenario_at: scenario_now,
            by: by.map(str::to_owned),
            msel_version: self.msel_state.version,
            note: note.to_owned(),
        }
    }
}

/// Why an inject already released or skipped cannot be again.
fn already(status: InjectStatus) -> String {
    match status {
        InjectStatus::Released { at, .. } => format!("it was released at {at}"),
        InjectStatus::Skipped => "it was skipped".into(),
        InjectStatus::Held { .. } => "it is held".into(),
        InjectStatus::Pending => "it is pending".into(),
    }
}

/// One inject on the control console's board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRow {
    /// The inject's number.
    pub inject: u32,
    /// The scenario time it falls due, once the clock has started.
    pub scenario_due: Option<DateTime<Utc>>,
    /// Where it stands.
    pub status: InjectStatus,
    /// Pending and due by the schedule.
    pub due: bool,
    /// Pending and overdue: the next tick holds it.
    pub overdue: bool,
}

#[cfg(test)]
#[path = "release_tests.rs"]
mod tests;
