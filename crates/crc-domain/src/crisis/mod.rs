//! Crisis response: from a member state's request for assistance, through the sessions and
//! decisions of the bodies, to an operation, its force, its tasks and its closure.
//!
//! Every kind of record is a pair: a *spec* (what people write: titles, dates, places,
//! checked when parsed) and a *state* (what its workflow made of it). Each workflow is a
//! closed enum of states with one transition function ([`workflow::Workflow::step`]); the
//! storage only ever stores what [`create`] and [`apply`] return, so no record reaches a
//! state its workflow cannot produce.

pub mod access;
pub mod decision;
pub mod duty;
pub mod force;
pub mod group;
pub mod logistics;
pub mod operation;
pub mod request;
pub mod session;
pub mod task;
pub mod workflow;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::codes::StateCode;
use crate::error::DomainError;
use workflow::{transition, Context};

use decision::{DecisionCommand, DecisionSpec, DecisionState};
use duty::{ModeSpec, ModeState, ShiftCommand, ShiftSpec, ShiftState};
use force::{ForceCommand, ForceSpec, ForceState};
use group::{GroupCommand, GroupSpec, GroupState, GroupStatus};
use logistics::{LogisticsCommand, LogisticsSpec, LogisticsState};
use operation::{OperationCommand, OperationSpec, OperationState};
use request::{RequestCommand, RequestSpec, RequestState};
use session::{SessionCommand, SessionSpec, SessionState};
use task::{TaskCommand, TaskSpec, TaskState};

/// The kinds of crisis record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A request for assistance.
    Request,
    /// A session of a body.
    Session,
    /// A draft decision (adopted or not).
    Decision,
    /// An operation.
    Operation,
    /// A contingent in an operation's force.
    Force,
    /// A task of a decision.
    Task,
    /// A logistics support request.
    Logistics,
    /// A change of the centre's operating mode.
    Mode,
    /// A duty shift.
    Shift,
    /// An operational group.
    Group,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 10] = [
        Kind::Request,
        Kind::Session,
        Kind::Decision,
        Kind::Operation,
        Kind::Force,
        Kind::Task,
        Kind::Logistics,
        Kind::Mode,
        Kind::Shift,
        Kind::Group,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Session => "session",
            Kind::Decision => "decision",
            Kind::Operation => "operation",
            Kind::Force => "force",
            Kind::Task => "task",
            Kind::Logistics => "logistics",
            Kind::Mode => "mode",
            Kind::Shift => "shift",
            Kind::Group => "group",
        }
    }

    /// Parses a wire name (singular or the plural used in paths).
    pub fn parse(s: &str) -> Result<Kind, DomainError> {
        let singular = match s {
            "requests" => "request",
            "sessions" => "session",
            "decisions" => "decision",
            "operations" => "operation",
            "forces" => "force",
            "tasks" => "task",
            "modes" => "mode",
            "shifts" => "shift",
            "groups" => "group",
            other => other,
        };
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == singular)
            .ok_or_else(|| {
                DomainError::invalid(
                    "kind",
                    format!(
                        "unknown kind `{s}` (request, session, decision, operation, force, task, logistics, mode, shift, group)"
                    ),
                )
            })
    }

    /// The name with its article: "a request", "an operation".
    pub fn a(self) -> &'static str {
        match self {
            Kind::Request => "a request",
            Kind::Session => "a session",
            Kind::Decision => "a decision",
            Kind::Operation => "an operation",
            Kind::Force => "a force",
            Kind::Task => "a task",
            Kind::Logistics => "a logistics request",
            Kind::Mode => "a mode change",
            Kind::Shift => "a shift",
            Kind::Group => "a group",
        }
    }

    /// The kind of parent a record of this kind has, and whether it must have one.
    pub fn parent(self) -> Option<(Kind, bool)> {
        match self {
            Kind::Request | Kind::Shift => None,
            Kind::Session | Kind::Mode => Some((Kind::Request, false)),
            Kind::Decision => Some((Kind::Session, true)),
            Kind::Operation | Kind::Task => Some((Kind::Decision, true)),
            Kind::Force | Kind::Logistics | Kind::Group => Some((Kind::Operation, true)),
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! kinds {
    ($($variant:ident => $spec:ty, $state:ty, $cmd:ty;)*) => {
        /// What people write, per kind.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        pub enum Spec { $(#[doc = concat!("A ", stringify!($variant), ".")] $variant($spec),)* }

        /// What the workflow made of it, per kind.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        pub enum State { $(#[doc = concat!("A ", stringify!($variant), ".")] $variant($state),)* }

        /// A command, per kind.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        pub enum Command { $(#[doc = concat!("A ", stringify!($variant), ".")] $variant($cmd),)* }

        impl Spec {
            /// The kind.
            pub fn kind(&self) -> Kind {
                match self { $(Spec::$variant(_) => Kind::$variant,)* }
            }

            /// Parses a spec of `kind` from JSON; unknown fields are refused.
            pub fn parse(kind: Kind, v: serde_json::Value) -> Result<Spec, DomainError> {
                match kind {
                    $(Kind::$variant => from_value::<$spec>("spec", v).map(Spec::$variant),)*
                }
            }
        }

        impl State {
            /// Reads a stored state of `kind`.
            pub fn parse(kind: Kind, v: serde_json::Value) -> Result<State, DomainError> {
                match kind {
                    $(Kind::$variant => from_value::<$state>("state", v).map(State::$variant),)*
                }
            }
        }

        impl Command {
            /// Parses a command for a record of `kind`; unknown fields are refused.
            pub fn parse(kind: Kind, v: serde_json::Value) -> Result<Command, DomainError> {
                let given = v.clone();
                let parsed = match kind {
                    $(Kind::$variant => from_value::<$cmd>("command", v).map(Command::$variant),)*
                };
                check_command(kind, &given, parsed)
            }

            /// The command's wire name.
            pub fn name(&self) -> &'static str {
                match self { $(Command::$variant(c) => command_name::<$state>(c),)* }
            }
        }
    };
}

/// Modes have no commands: a new mode is a new record of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum ModeCommand {}

kinds! {
    Request => RequestSpec, RequestState, RequestCommand;
    Session => SessionSpec, SessionState, SessionCommand;
    Decision => DecisionSpec, DecisionState, DecisionCommand;
    Operation => OperationSpec, OperationState, OperationCommand;
    Force => ForceSpec, ForceState, ForceCommand;
    Task => TaskSpec, TaskState, TaskCommand;
    Logistics => LogisticsSpec, LogisticsState, LogisticsCommand;
    Mode => ModeSpec, ModeState, ModeCommand;
    Shift => ShiftSpec, ShiftState, ShiftCommand;
    Group => GroupSpec, GroupState, GroupCommand;
}

fn command_name<W: CommandName>(c: &W::Command) -> &'static str {
    W::name(c)
}

/// The name of a command (a [`workflow::Workflow`]'s, or none for modes).
pub trait CommandName {
    /// The command type.
    type Command;
    /// Its wire name.
    fn name(c: &Self::Command) -> &'static str;
}

impl<W: workflow::Workflow> CommandName for W {
    type Command = W::Command;
    fn name(c: &W::Command) -> &'static str {
        W::command_name(c)
    }
}

impl CommandName for ModeState {
    type Command = ModeCommand;
    fn name(c: &ModeCommand) -> &'static str {
        match *c {}
    }
}

/// What serde does not do for the internally tagged commands: it refuses no unknown field
/// of a command without arguments (`open`, `accept`, ...), and it loses the path of an error
/// inside an amended spec.
fn check_command(
    kind: Kind,
    given: &serde_json::Value,
    parsed: Result<Command, DomainError>,
) -> Result<Command, DomainError> {
    let command = match parsed {
        Ok(c) => c,
        Err(e) => {
            let amends = matches!(kind, Kind::Session | Kind::Operation | Kind::Group);
            if amends && given.get("command").and_then(|c| c.as_str()) == Some("amend") {
                if let Some(Err(DomainError::Invalid { field, message })) =
                    given.get("spec").map(|s| Spec::parse(kind, s.clone()))
                {
                    return Err(DomainError::invalid(format!("command.{field}"), message));
                }
            }
            return Err(e);
        }
    };
    let known = serde_json::to_value(&command).unwrap_or_default();
    if let (Some(given), Some(known)) = (given.as_object(), known.as_object()) {
        if let Some(k) = given.keys().find(|k| !known.contains_key(*k)) {
            return Err(DomainError::invalid(
                format!("command.{k}"),
                format!("unknown field `{k}`"),
            ));
        }
    }
    Ok(command)
}

fn from_value<T: serde::de::DeserializeOwned>(
    field: &str,
    v: serde_json::Value,
) -> Result<T, DomainError> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." || path == field {
            field.to_owned()
        } else {
            format!("{field}.{path}")
        };
        DomainError::invalid(at, e.inner().to_string())
    })
}

impl Spec {
    /// Points the record at a register contingent: a force's contingent, a logistics request's
    /// contingent; other kinds name none.
    pub fn set_contingent(&mut self, id: i64) {
        match self {
            Spec::Force(s) => s.contingent_id = id,
            Spec::Logistics(s) => s.contingent_id = Some(id),
            _ => {}
        }
    }

    /// Checks every field.
    pub fn check(&self) -> Result<(), DomainError> {
        match self {
            Spec::Request(s) => s.check(),
            Spec::Session(s) => s.check(),
            Spec::Decision(s) => s.check(),
            Spec::Operation(s) => s.check(),
            Spec::Force(s) => s.check(),
            Spec::Task(s) => s.check(),
            Spec::Logistics(s) => s.check(),
            Spec::Mode(s) => s.check(),
            Spec::Shift(s) => s.check(),
            Spec::Group(s) => s.check(),
        }
    }

    /// The member state the record belongs to, if one: the requesting state, the host
    /// state, the contingent's state, the responsible state. Releasability labels are
    /// relative to it, and a liaison officer acts on their own state's records.
    pub fn owner_state(&self) -> Option<&StateCode> {
        match self {
            Spec::Request(s) => Some(&s.requesting_state),
            Spec::Operation(s) => Some(&s.host_state),
            Spec::Force(s) => s.state.as_ref(),
            Spec::Task(s) => s.responsible_state(),
            Spec::Logistics(s) => Some(&s.state),
            Spec::Session(_)
            | Spec::Decision(_)
            | Spec::Mode(_)
            | Spec::Shift(_)
            | Spec::Group(_) => None,
        }
    }

    /// A one-line title for lists and the journal.
    pub fn title(&self, state: &State) -> String {
        let t = match (self, state) {
            (Spec::Request(s), _) => format!("Request of {} from {}", s.requesting_state, s.from),
            (Spec::Session(s), State::Session(st)) => {
                let kind = match s.kind {
                    session::SessionKind::Regular => "Session",
                    session::SessionKind::Extraordinary => "Extraordinary session",
                };
                format!("{kind} No. {} of {}", st.number, s.body)
            }
            (Spec::Decision(s), _) => s.title.clone(),
            (Spec::Operation(s), _) => s.name.clone(),
            (Spec::Force(s), _) => format!(
                "{} ({})",
                s.name,
                s.state.as_ref().map(|s| s.as_str()).unwrap_or("")
            ),
            (Spec::Task(s), _) => s.title.clone(),
            (Spec::Logistics(s), _) => format!("Logistics for {}: {}", s.state, s.items),
            (Spec::Mode(s), _) => format!("Operating mode: {}", s.mode.as_str().replace('_', " ")),
            (Spec::Shift(s), _) => format!(
                "Duty shift {} to {} ({})",
                s.starts_at.format("%Y-%m-%d %H:%M"),
                s.ends_at.format("%Y-%m-%d %H:%M"),
                s.officers.first().map(|o| o.name.as_str()).unwrap_or("")
            ),
            (Spec::Group(s), _) => s.name.clone(),
            _ => String::new(),
        };
        t.chars().take(300).collect()
    }

    /// The record's main time: received, scheduled, started, due.
    pub fn main_time(&self) -> Option<DateTime<Utc>> {
        match self {
            Spec::Request(s) => Some(s.received_at),
            Spec::Session(s) => Some(s.scheduled_at),
            Spec::Operation(s) => s.starts_on.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
            Spec::Task(s) => Some(s.deadline),
            Spec::Shift(s) => Some(s.starts_at),
            Spec::Logistics(s) => s.needed_by,
            _ => None,
        }
    }

    /// The deadline of an open task.
    pub fn due(&self, state: &State) -> Option<DateTime<Utc>> {
        match (self, state) {
            (Spec::Task(s), State::Task(st)) if st.status.is_open() => Some(s.deadline),
            _ => None,
        }
    }
}

impl State {
    /// The status's wire name (a mode change's is the new mode).
    pub fn status(&self, spec: &Spec) -> &'static str {
        use workflow::Workflow;
        match (self, spec) {
            (State::Request(s), _) => s.status_name(),
            (State::Session(s), _) => s.status_name(),
            (State::Decision(s), _) => s.status_name(),
            (State::Operation(s), _) => s.status_name(),
            (State::Force(s), _) => s.status_name(),
            (State::Task(s), _) => s.status_name(),
            (State::Logistics(s), _) => s.status_name(),
            (State::Mode(_), Spec::Mode(m)) => m.mode.as_str(),
            (State::Mode(_), _) => "recorded",
            (State::Shift(s), _) => s.status_name(),
            (State::Group(s), _) => s.status_name(),
        }
    }
}

/// A new record's first state, from its checked spec and the facts of its parent.
pub fn create(spec: &Spec, ctx: &Context) -> Result<State, DomainError> {
    spec.check()?;
    let parent = ctx.facts.parent_status.as_deref();
    match spec.kind() {
        Kind::Task if parent != Some("adopted") => {
            return Err(DomainError::invalid(
                "parent",
                "tasks are set by an adopted decision",
            ))
        }
        Kind::Force | Kind::Logistics | Kind::Group
            if matches!(parent, Some("withdrawing" | "terminated")) =>
        {
            return Err(DomainError::invalid(
                "parent",
                format!("the operation is {}", parent.unwrap_or_default()),
            ))
        }
        _ => {}
    }
    Ok(match spec {
        Spec::Request(_) => State::Request(RequestState::initial()),
        Spec::Session(_) => State::Session(SessionState::initial(&ctx.facts)?),
        Spec::Decision(s) => State::Decision(DecisionState::initial(s, ctx)),
        Spec::Operation(_) => State::Operation(OperationState::initial(&ctx.facts)?),
        Spec::Force(s) => State::Force(ForceState { status: s.initial }),
        Spec::Task(_) => State::Task(TaskState::initial()),
        Spec::Logistics(_) => State::Logistics(LogisticsState::initial()),
        Spec::Mode(s) => State::Mode(ModeState::change(s, &ctx.facts)?),
        Spec::Shift(_) => State::Shift(ShiftState::initial()),
        Spec::Group(_) => State::Group(GroupState {
            status: GroupStatus::Forming,
        }),
    })
}

/// Takes one step: the record's next spec and state, or the error naming its state, the
/// command and why not.
pub fn apply(
    spec: &Spec,
    state: &State,
    command: &Command,
    ctx: &Context,
) -> Result<(Spec, State), DomainError> {
    macro_rules! step {
        ($variant:ident, $sp:expr, $st:expr, $c:expr) => {{
            let (s, st) = transition($st, $sp, $c, ctx)?;
            (
                Spec::$variant(s.unwrap_or_else(|| $sp.clone())),
                State::$variant(st),
            )
        }};
    }
    Ok(match (spec, state, command) {
        (Spec::Request(sp), State::Request(st), Command::Request(c)) => step!(Request, sp, st, c),
        (Spec::Session(sp), State::Session(st), Command::Session(c)) => step!(Session, sp, st, c),
        (Spec::Decision(sp), State::Decision(st), Command::Decision(c)) => {
            step!(Decision, sp, st, c)
        }
        (Spec::Operation(sp), State::Operation(st), Command::Operation(c)) => {
            step!(Operation, sp, st, c)
        }
        (Spec::Force(sp), State::Force(st), Command::Force(c)) => step!(Force, sp, st, c),
        (Spec::Task(sp), State::Task(st), Command::Task(c)) => step!(Task, sp, st, c),
        (Spec::Logistics(sp), State::Logistics(st), Command::Logistics(c)) => {
            step!(Logistics, sp, st, c)
        }
        (Spec::Shift(sp), State::Shift(st), Command::Shift(c)) => step!(Shift, sp, st, c),
        (Spec::Group(sp), State::Group(st), Command::Group(c)) => step!(Group, sp, st, c),
        (Spec::Mode(_), _, _) => {
            return Err(DomainError::invalid(
                "command",
                "a mode change is a record of the log; record a new change instead",
            ))
        }
        _ => {
            return Err(DomainError::invalid(
                "command",
                format!("not a command for {}", spec.kind().a()),
            ))
        }
    })
}
