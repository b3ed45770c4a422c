//! Who may take which step of the crisis workflows. The Joint Staff's officers (duty
//! officers and planners) and administrators run the chain; a liaison officer acts for
//! their own state only: submits and withdraws its requests, comments and records its
//! delegation's position, offers its contingents and reports their movements, reports on
//! tasks set to it and asks for logistics support. Observers read.

use super::decision::DecisionCommand;
use super::force::{ForceCommand, ForceStatus};
use super::request::RequestCommand;
use super::task::TaskCommand;
use super::{Command, Kind, Spec};
use crate::codes::StateCode;
use crate::error::DomainError;
use crate::identity::{Principal, Role};

fn who(p: &Principal) -> String {
    match (&p.state, p.role) {
        (Some(s), Role::LiaisonOfficer) => format!("a liaison officer of {s}"),
        _ => format!("the role {}", p.role),
    }
}

fn deny(p: &Principal, what: impl std::fmt::Display) -> DomainError {
    DomainError::Forbidden(format!("{} may not {what}", who(p)))
}

fn joint_staff(p: &Principal) -> bool {
    matches!(
        p.role,
        Role::Administrator | Role::DutyOfficer | Role::Planner
    )
}

/// Whether `p` may create a record with `spec` (for a force, with its state already
/// filled from the register).
pub fn may_create(p: &Principal, spec: &Spec) -> Result<(), DomainError> {
    if joint_staff(p) {
        return Ok(());
    }
    if p.role != Role::LiaisonOfficer {
        return Err(deny(p, format!("create {}", spec.kind().a())));
    }
    let own = |s: Option<&StateCode>| s.is_some() && s == p.state.as_ref();
    match spec {
        Spec::Request(s) if own(Some(&s.requesting_state)) => Ok(()),
        Spec::Request(s) => Err(deny(
            p,
            format!("submit a request on behalf of {}", s.requesting_state),
        )),
        Spec::Force(s) if own(s.state.as_ref()) && s.initial == ForceStatus::Offered => Ok(()),
        Spec::Force(s) if own(s.state.as_ref()) => Err(deny(
            p,
            "request a contingent (the Joint Staff requests; a state offers)",
        )),
        Spec::Force(s) => Err(deny(
            p,
            format!(
                "offer a contingent of {}",
                s.state
                    .as_ref()
                    .map(|s| s.as_str())
                    .unwrap_or("another state")
            ),
        )),
        Spec::Logistics(s) if own(Some(&s.state)) => Ok(()),
        Spec::Logistics(s) => Err(deny(
            p,
            format!("ask for logistics support for {}", s.state),
        )),
        _ => Err(deny(p, format!("create {}", spec.kind().a()))),
    }
}

/// Whether `p` may give `command` to the record with `spec`.
pub fn may_command(p: &Principal, spec: &Spec, command: &Command) -> Result<(), DomainError> {
    if joint_staff(p) {
        return Ok(());
    }
    let what = || format!("{} {}", command.name().replace('_', " "), spec.kind().a());
    if p.role != Role::LiaisonOfficer {
        return Err(deny(p, what()));
    }
    let mine = |s: Option<&StateCode>| s.is_some() && s == p.state.as_ref();
    let ok = match (spec, command) {
        (Spec::Request(s), Command::Request(RequestCommand::Withdraw { .. })) => {
            mine(Some(&s.requesting_state))
        }
        (Spec::Decision(_), Command::Decision(DecisionCommand::Comment { state, .. })) => {
            if !mine(Some(state)) {
                return Err(deny(p, format!("comment for the delegation of {state}")));
            }
            true
        }
        (Spec::Decision(_), Command::Decision(DecisionCommand::RecordPosition { state, .. })) => {
            if !mine(Some(state)) {
                return Err(deny(
                    p,
                    format!("record the position of the delegation of {state}"),
                ));
            }
            true
        }
        (Spec::Force(s), Command::Force(c)) => {
            let national = matches!(
                c,
                ForceCommand::Offer
                    | ForceCommand::Withdraw { .. }
                    | ForceCommand::Standby
                    | ForceCommand::Mobilize
                    | ForceCommand::Deploy
                    | ForceCommand::Arrive
                    | ForceCommand::Redeploy
                    | ForceCommand::StandDown
            );
            national && mine(s.state.as_ref())
        }
        (
            Spec::Task(s),
            Command::Task(TaskCommand::Report { .. } | TaskCommand::Complete { .. }),
        ) => mine(s.responsible_state()),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(deny(p, what()))
    }
}

/// The kinds a role may create at all (the console offers only these).
pub fn creatable(p: &Principal) -> Vec<Kind> {
    if joint_staff(p) {
        Kind::ALL.to_vec()
    } else if p.role == Role::LiaisonOfficer {
        vec![Kind::Request, Kind::Force, Kind::Logistics]
    } else {
        Vec::new()
    }
}
