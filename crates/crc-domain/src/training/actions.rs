//! Corrective actions: what the after-action review decides to fix, tracked to closure.
//! Open → in progress → done → verified, or cancelled with a reason; a done action that does
//! not pass verification goes back to in progress. Verification is by someone other than
//! who reported it done, so nobody closes their own action.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::design::ExerciseMarking;
use super::key::Key;
use crate::codes::StateCode;
use crate::crisis::workflow::{
    check_len, check_text, check_title, refuse, transition, Context, Note, Refusal, Workflow,
    MAX_TITLE,
};
use crate::error::DomainError;

/// A corrective action as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionSpec {
    /// What is to be done, in a line.
    pub title: String,
    /// Details.
    #[serde(default)]
    pub details: String,
    /// Who answers for it (a body, a post, a person).
    pub owner: String,
    /// The member state that answers for it, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_state: Option<StateCode>,
    /// By when.
    pub due: NaiveDate,
    /// The exercise it comes from.
    pub exercise: ExerciseMarking,
    /// The objective it concerns, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Key>,
    /// The stored observations it answers (their ids).
    #[serde(default)]
    pub observations: Vec<i64>,
}

impl ActionSpec {
    /// Checks every field.
    pub fn check(&self) -> Result<(), DomainError> {
        check_title("spec.title", &self.title, MAX_TITLE)?;
        check_text("spec.details", &self.details, false)?;
        check_title("spec.owner", &self.owner, MAX_TITLE)?;
        check_len("spec.observations", &self.observations, 0)
    }
}

/// Where a corrective action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Agreed, not started.
    Open,
    /// Being worked on.
    InProgress,
    /// Reported done, awaiting verification.
    Done,
    /// Verified: closed.
    Verified,
    /// Cancelled (see the notes for why): closed.
    Cancelled,
}

/// A corrective action's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionState {
    /// Where it stands.
    pub status: ActionStatus,
    /// Who reported it done, and when (kept until it is reopened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Note>,
    /// Notes of the steps taken.
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// What can be done with a corrective action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum ActionCommand {
    /// Work begins.
    Start {
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Report it done.
    Complete {
        /// What was done.
        note: String,
    },
    /// Confirm it is done.
    Verify {
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// It is not done after all: back to in progress.
    Reject {
        /// Why.
        note: String,
    },
    /// Drop it.
    Cancel {
        /// Why.
        note: String,
    },
    /// Change the spec (owner, due date...) while it is open or in progress.
    Amend {
        /// The new spec.
        spec: ActionSpec,
        /// What changed.
        #[serde(default)]
        note: String,
    },
}

impl ActionState {
    /// A new action: open.
    pub fn initial() -> Self {
        ActionState {
            status: ActionStatus::Open,
            done: None,
            notes: Vec::new(),
        }
    }

    /// Whether it is still to be closed.
    pub fn is_open(&self) -> bool {
        !matches!(
            self.status,
            ActionStatus::Verified | ActionStatus::Cancelled
        )
    }

    /// Whether it is past its due date on `today` and not yet reported done.
    pub fn is_overdue(&self, spec: &ActionSpec, today: NaiveDate) -> bool {
        matches!(self.status, ActionStatus::Open | ActionStatus::InProgress) && spec.due < today
    }
}

impl Workflow for ActionState {
    type Spec = ActionSpec;
    type Command = ActionCommand;
    const KIND: &'static str = "corrective action";

    fn status_name(&self) -> &'static str {
        match self.status {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Verified => "verified",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    fn command_name(c: &ActionCommand) -> &'static str {
        match c {
            ActionCommand::Start { .. } => "start",
            ActionCommand::Complete { .. } => "complete",
            ActionCommand::Verify { .. } => "verify",
            ActionCommand::Reject { .. } => "reject",
            ActionCommand::Cancel { .. } => "cancel",
            ActionCommand::Amend { .. } => "amend",
        }
    }

    fn step(
        &self,
        _spec: &ActionSpec,
        c: &ActionCommand,
        ctx: &Context,
    ) -> Result<(Option<ActionSpec>, Self), Refusal> {
        use ActionStatus::*;
        let mut next = self.clone();
        let mut amended = None;
        if !self.is_open() {
            return refuse("it is closed");
        }
        let note = match (self.status, c) {
            (Open, ActionCommand::Start { note }) => {
                next.status = InProgress;
                note
            }
            (_, ActionCommand::Start { .. }) => return refuse("it has already started"),
            (Open | InProgress, ActionCommand::Complete { note }) => {
                check_text("note", note, true)?;
                next.status = Done;
                next.done = Some(Note::now(ctx, note));
                note
            }
            (_, ActionCommand::Complete { .. }) => return refuse("it is already done"),
            (Done, ActionCommand::Verify { note }) => {
                if self.done.as_ref().is_some_and(|d| d.by == ctx.actor) {
                    return refuse("it is verified by someone other than who reported it done");
                }
                next.status = Verified;
                note
            }
            (Done, ActionCommand::Reject { note }) => {
                check_text("note", note, true)?;
                next.status = InProgress;
                next.done = None;
                note
            }
            (_, ActionCommand::Verify { .. } | ActionCommand::Reject { .. }) => {
                return refuse("it has not been reported done")
            }
            (_, ActionCommand::Cancel { note }) => {
                check_text("note", note, true)?;
                next.status = Cancelled;
                note
            }
            (Open | InProgress, ActionCommand::Amend { spec, note }) => {
                amended = Some(spec.clone());
                note
            }
            (_, ActionCommand::Amend { .. }) => {
                return refuse("it is reported done; reject it first to change it")
            }
        };
        check_text("note", note, false)?;
        if !note.trim().is_empty() {
            next.notes.push(Note::now(ctx, note));
        }
        Ok((amended, next))
    }
}

/// A new action's first state, from its checked spec.
pub fn create(spec: &ActionSpec) -> Result<ActionState, DomainError> {
    spec.check()?;
    Ok(ActionState::initial())
}

/// Takes one step: the action's next spec and state, or why not.
pub fn apply(
    spec: &ActionSpec,
    state: &ActionState,
    command: &ActionCommand,
    ctx: &Context,
) -> Result<(ActionSpec, ActionState), DomainError> {
    if let ActionCommand::Amend { spec: new, .. } = command {
        new.check().map_err(|e| match e {
            DomainError::Invalid { field, message } => {
                DomainError::invalid(format!("command.{field}"), message)
            }
            other => other,
        })?;
    }
    let (new, next) = transition(state, spec, command, ctx)?;
    Ok((new.unwrap_or_else(|| spec.clone()), next))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn action(due: &str) -> ActionSpec {
        ActionSpec {
            title: "Train duty officers on the alert procedure".into(),
            details: String::new(),
            owner: "Joint Staff, operations directorate".into(),
            owner_state: None,
            due: due.parse().unwrap(),
            exercise: ExerciseMarking::parse("m", "Interaction-2025").unwrap(),
            objective: None,
            observations: vec![1, 4],
        }
    }

    fn ctx(actor: &str) -> Context {
        Context {
            actor: actor.into(),
            ..Context::default()
        }
    }

    fn note(s: &str) -> String {
        s.into()
    }

    #[test]
    fn an_action_is_tracked_to_verification_by_another_person() {
        let spec = action("2025-12-01");
        let s = create(&spec).unwrap();
        let (spec, s) = apply(
            &spec,
            &s,
            &ActionCommand::Start { note: note("") },
            &ctx("owner"),
        )
        .unwrap();
        let done = ActionCommand::Complete {
            note: note("Two sessions held"),
        };
        let (spec, s) = apply(&spec, &s, &done, &ctx("owner")).unwrap();
        assert_eq!(s.status, ActionStatus::Done);
        let verify = ActionCommand::Verify { note: note("") };
        let e = apply(&spec, &s, &verify, &ctx("owner")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot verify a corrective action that is done: it is verified by someone other than who reported it done"
        );
        let reject = ActionCommand::Reject {
            note: note("Only one directorate trained"),
        };
        let (spec, back) = apply(&spec, &s, &reject, &ctx("inspector")).unwrap();
        assert_eq!(
            (back.status, back.done.is_none()),
            (ActionStatus::InProgress, true)
        );
        let (spec, s) = apply(&spec, &back, &done, &ctx("owner")).unwrap();
        let (_, s) = apply(&spec, &s, &verify, &ctx("inspector")).unwrap();
        assert_eq!(s.status, ActionStatus::Verified);
        assert!(!s.is_open());
        let e = apply(
            &spec,
            &s,
            &ActionCommand::Cancel { note: note("x") },
            &ctx("x"),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot cancel a corrective action that is verified: it is closed"
        );
    }

    #[test]
    fn refusals_name_the_state_and_why() {
        let spec = action("2025-12-01");
        let open = ActionState::initial();
        let cases = [
            (
                ActionCommand::Verify { note: note("") },
                "cannot verify a corrective action that is open: it has not been reported done",
            ),
            (
                ActionCommand::Cancel { note: note(" ") },
                "note: must not be empty",
            ),
            (
                ActionCommand::Complete { note: note("") },
                "note: must not be empty",
            ),
        ];
        for (c, want) in cases {
            assert_eq!(
                apply(&spec, &open, &c, &ctx("a")).unwrap_err().to_string(),
                want
            );
        }
        let mut bad = action("2025-12-01");
        bad.owner = String::new();
        let amend = ActionCommand::Amend {
            spec: bad,
            note: note(""),
        };
        assert_eq!(
            apply(&spec, &open, &amend, &ctx("a"))
                .unwrap_err()
                .to_string(),
            "command.spec.owner: must not be empty"
        );
        let (_, cancelled) = apply(
            &spec,
            &open,
            &ActionCommand::Cancel {
                note: note("superseded"),
            },
            &ctx("a"),
        )
        .unwrap();
        assert_eq!(cancelled.status, ActionStatus::Cancelled);
        assert_eq!(cancelled.notes[0].text, "superseded");
    }

    #[test]
    fn overdue_while_not_reported_done() {
        let spec = action("2025-12-01");
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut s = ActionState::initial();
        assert!(!s.is_overdue(&spec, day("2025-12-01")));
        assert!(s.is_overdue(&spec, day("2025-12-02")));
        s.status = ActionStatus::Done;
        assert!(!s.is_overdue(&spec, day("2026-01-01")));
    }
}
