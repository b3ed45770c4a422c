//! Who may do what with the training year's catalogue and plans. Everyone signed in reads. The
//! Joint Staff's officers (duty officers and planners) and administrators keep the catalogue,
//! draft, revise, send for coordination, submit, amend and withdraw the plan, and record the
//! bodies' approval, as they record a body's decision in the crisis chain
//! (`crisis::access`). A liaison officer answers in coordination for their own state only
//! (the workflow itself refuses an answer for another state, from the step's context).
//! Observers read.

use super::year_plan::{YearPlanCommand, YearPlanState};
use crate::crisis::workflow::Workflow;
use crate::error::DomainError;
use crate::identity::{Principal, Role};

fn joint_staff(p: &Principal) -> bool {
    matches!(
        p.role,
        Role::Administrator | Role::DutyOfficer | Role::Planner
    )
}

fn deny(p: &Principal, what: &str) -> DomainError {
    let who = match (&p.state, p.role) {
        (Some(s), Role::LiaisonOfficer) => format!("a liaison officer of {s}"),
        _ => format!("the role {}", p.role),
    };
    DomainError::Forbidden(format!("{who} may not {what}"))
}

/// Whether `p` may add an exercise to the catalogue or change one.
pub fn may_edit_catalogue(p: &Principal) -> Result<(), DomainError> {
    if joint_staff(p) {
        Ok(())
    } else {
        Err(deny(p, "change the catalogue of joint training"))
    }
}

/// Whether `p` may draft a new year plan.
pub fn may_create_plan(p: &Principal) -> Result<(), DomainError> {
    if joint_staff(p) {
        Ok(())
    } else {
        Err(deny(p, "draft a year plan"))
    }
}

/// Whether `p` may give `command` to a year plan. A liaison officer's answer is for their own
/// state: the workflow checks that against the actor's state in its context.
pub fn may_command_plan(p: &Principal, command: &YearPlanCommand) -> Result<(), DomainError> {
    if joint_staff(p) {
        return Ok(());
    }
    match (p.role, command) {
        (Role::LiaisonOfficer, YearPlanCommand::Answer { state, .. }) => {
            if p.state.as_ref() == Some(state) {
                Ok(())
            } else {
                Err(deny(p, &format!("answer for {state}")))
            }
        }
        _ => {
            let name = YearPlanState::command_name(command);
            Err(deny(p, &format!("{} a year plan", name.replace('_', " "))))
        }
    }
}
