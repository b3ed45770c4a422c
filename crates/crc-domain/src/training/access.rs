//! Who may do what with the training year's catalogue and plans. Everyone signed in reads. The
//! Joint Staff's officers (duty officers and planners) and administrators keep the catalogue,
//! draft, revise, send for coordination, submit, amend and withdraw the plan, and record the
//! bodies' approval, as they record a body's decision in the crisis chain
//! (`crisis::access`). A liaison officer answers in coordination for their own state only
//! (the workflow itself refuses an answer for another state, from the step's context).
//! Observers read. The Joint Staff also write exercise designs and their MSELs (from a spec or
//! a CSV file) and take the MSEL's steps; approving or returning an MSEL is the design's
//! director's, whoever they are (`msel::apply` checks that against the actor).

use super::msel::{MselCommand, MselState};
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

/// Whether `p` may write or change an exercise design.
pub fn may_edit_design(p: &Principal) -> Result<(), DomainError> {
    if joint_staff(p) {
        Ok(())
    } else {
        Err(deny(p, "write an exercise design"))
    }
}

/// Whether `p` may create an MSEL (from a spec or a CSV file).
pub fn may_create_msel(p: &Principal) -> Result<(), DomainError> {
    if joint_staff(p) {
        Ok(())
    } else {
        Err(deny(p, "create an MSEL"))
    }
}

/// Whether `p` may give `command` to an MSEL. Approving and returning are left to the
/// workflow, which allows only the design's director; the other steps are the Joint Staff's.
pub fn may_command_msel(p: &Principal, command: &MselCommand) -> Result<(), DomainError> {
    if joint_staff(p)
        || matches!(
            command,
            MselCommand::Approve { .. } | MselCommand::Return { .. }
        )
    {
        return Ok(());
    }
    let name = MselState::command_name(command);
    Err(deny(p, &format!("{name} an MSEL")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(role: Role) -> Principal {
        Principal {
            user_id: 1,
            username: "u".into(),
            role,
            state: None,
        }
    }

    #[test]
    fn the_joint_staff_write_designs_and_msels_and_the_director_approves() {
        let submit = MselCommand::Submit {
            note: String::new(),
        };
        let approve = MselCommand::Approve {
            note: String::new(),
        };
        for r in [Role::Administrator, Role::DutyOfficer, Role::Planner] {
            assert!(may_edit_design(&who(r)).is_ok());
            assert!(may_create_msel(&who(r)).is_ok());
            assert!(may_command_msel(&who(r), &submit).is_ok());
        }
        let observer = who(Role::Observer);
        assert!(matches!(
            may_edit_design(&observer),
            Err(DomainError::Forbidden(_))
        ));
        assert!(may_create_msel(&observer).is_err());
        assert_eq!(
            may_command_msel(&observer, &submit),
            Err(DomainError::Forbidden(
                "the role observer may not submit an MSEL".into()
            ))
        );
        // Approval is left to the workflow, which allows the design's director only.
        assert!(may_command_msel(&observer, &approve).is_ok());
    }
}
