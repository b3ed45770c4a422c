//! Control of execution: each decision yields tasks for a body or a state, with a deadline,
//! reports of execution and a status; a task past its deadline and not done is overdue.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::workflow::*;
use crate::codes::StateCode;
use crate::error::DomainError;

/// Who must execute a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Responsible {
    /// A body of the organization, by its reference key (`joint_staff`, ...).
    Body(String),
    /// A member state.
    State(StateCode),
}

/// The task as set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSpec {
    /// What is to be done.
    pub title: String,
    /// Details.
    #[serde(default)]
    pub details: String,
    /// Who is responsible.
    pub responsible: Responsible,
    /// By when.
    pub deadline: DateTime<Utc>,
}

impl TaskSpec {
    /// Checks every field.
    pub fn check(&self) -> Result<(), DomainError> {
        check_title("spec.title", &self.title, MAX_TITLE)?;
        check_text("spec.details", &self.details, false)?;
        if let Responsible::Body(b) = &self.responsible {
            check_title("spec.responsible.body", b, MAX_TITLE)?;
        }
        Ok(())
    }

    /// The responsible state, if a state is responsible.
    pub fn responsible_state(&self) -> Option<&StateCode> {
        match &self.responsible {
            Responsible::State(s) => Some(s),
            Responsible::Body(_) => None,
        }
    }
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Set, not yet reported on.
    Assigned,
    /// Reported on, not done.
    InProgress,
    /// Done.
    Done,
    /// Cancelled.
    Cancelled,
}

impl TaskStatus {
    /// Whether it still has to be done.
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::Assigned | TaskStatus::InProgress)
    }
}

/// The task's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskState {
    /// Where it stands.
    pub status: TaskStatus,
    /// Reports of execution, oldest first.
    pub reports: Vec<Note>,
    /// When it was done.
    pub done_at: Option<DateTime<Utc>>,
}

impl TaskState {
    /// A task just set.
    pub fn initial() -> Self {
        TaskState {
            status: TaskStatus::Assigned,
            reports: Vec::new(),
            done_at: None,
        }
    }

    /// Whether the task is past its deadline and still open at `now`.
    pub fn overdue(&self, spec: &TaskSpec, now: DateTime<Utc>) -> bool {
        self.status.is_open() && spec.deadline < now
    }
}

/// What can be done with a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum TaskCommand {
    /// A report of execution.
    Report {
        /// What was done.
        text: String,
    },
    /// The last report: done.
    Complete {
        /// What was done.
        text: String,
    },
    /// A new deadline.
    Reschedule {
        /// The new deadline.
        deadline: DateTime<Utc>,
        /// Why.
        reason: String,
    },
    /// Cancel it.
    Cancel {
        /// Why.
        reason: String,
    },
}

impl Workflow for TaskState {
    type Spec = TaskSpec;
    type Command = TaskCommand;
    const KIND: &'static str = "task";

    fn status_name(&self) -> &'static str {
        match self.status {
            TaskStatus::Assigned => "assigned",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
            TaskStatus::Cancelled => "cancelled",
        }
    }

    fn command_name(c: &TaskCommand) -> &'static str {
        match c {
            TaskCommand::Report { .. } => "report",
            TaskCommand::Complete { .. } => "complete",
            TaskCommand::Reschedule { .. } => "reschedule",
            TaskCommand::Cancel { .. } => "cancel",
        }
    }

    fn step(
        &self,
        spec: &TaskSpec,
        c: &TaskCommand,
        ctx: &Context,
    ) -> Result<(Option<TaskSpec>, Self), Refusal> {
        if !self.status.is_open() {
            return refuse("it is closed");
        }
        let mut next = self.clone();
        match c {
            TaskCommand::Report { text } => {
                check_text("text", text, true)?;
                next.reports.push(Note::now(ctx, text));
                next.status = TaskStatus::InProgress;
            }
            TaskCommand::Complete { text } => {
                check_text("text", text, true)?;
                next.reports.push(Note::now(ctx, text));
                next.status = TaskStatus::Done;
                next.done_at = Some(ctx.now);
            }
            TaskCommand::Reschedule { deadline, reason } => {
                check_text("reason", reason, true)?;
                if *deadline <= spec.deadline {
                    return Err(Refusal::Invalid(DomainError::invalid(
                        "deadline",
                        format!("must be later than the current deadline {}", spec.deadline),
                    )));
                }
                next.reports
                    .push(Note::now(ctx, &format!("Deadline moved: {reason}")));
                let mut s = spec.clone();
                s.deadline = *deadline;
                return Ok((Some(s), next));
            }
            TaskCommand::Cancel { reason } => {
                check_text("reason", reason, true)?;
                next.reports
                    .push(Note::now(ctx, &format!("Cancelled: {reason}")));
                next.status = TaskStatus::Cancelled;
            }
        }
        Ok((None, next))
    }
}
