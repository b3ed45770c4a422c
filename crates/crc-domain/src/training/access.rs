//! Who may do what with the training year's catalogue and plans. Everyone signed in reads. The
//! Joint Staff's officers (duty officers and planners) and administrators keep the catalogue,
//! draft, revise, send for coordination, submit, amend and withdraw the plan, and record the
//! bodies' approval, as they record a body's decision in the crisis chain
//! (`crisis::access`). A liaison officer answers in coordination for their own state only
//! (the workflow itself refuses an answer for another state, from the step's context).
//! Observers read. The Joint Staff also write exercise designs and their MSELs (from a spec or
//! a CSV file) and take the MSEL's steps; approving or returning an MSEL is the design's
//! director's, whoever they are (`msel::apply` checks that against the actor).

use super::actions::{ActionCommand, ActionSpec, ActionState};
use super::design::ExerciseDesign;
use super::key::Key;
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

/// Whether `p` may agree a corrective action or write a lesson learned.
pub fn may_write_follow_up(p: &Principal) -> Result<(), DomainError> {
    if joint_staff(p) {
        Ok(())
    } else {
        Err(deny(p, "write corrective actions or lessons learned"))
    }
}

/// Whether `p` may give `command` to the corrective action `spec`: the Joint Staff steer
/// every action; a liaison officer starts and reports done those their state owns.
pub fn may_command_action(
    p: &Principal,
    spec: &ActionSpec,
    command: &ActionCommand,
) -> Result<(), DomainError> {
    if joint_staff(p) {
        return Ok(());
    }
    let own = p.role == Role::LiaisonOfficer
        && p.state.is_some()
        && p.state.as_ref() == spec.owner_state.as_ref();
    if own
        && matches!(
            command,
            ActionCommand::Start { .. } | ActionCommand::Complete { .. }
        )
    {
        return Ok(());
    }
    let name = ActionState::command_name(command);
    Err(deny(p, &format!("{name} this corrective action")))
}

/// What the user is in a run of `design`: control (the director or the Joint Staff), the
/// participants they play, the observers they act as. One person may be several.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RunRoles {
    /// Runs the clock and releases injects; reads everything.
    pub control: bool,
    /// The participants played.
    pub participants: Vec<Key>,
    /// The observers acted as.
    pub observers: Vec<Key>,
}

impl RunRoles {
    /// The roles of `p` in a run of `design`.
    pub fn of(p: &Principal, design: &ExerciseDesign) -> RunRoles {
        RunRoles {
            control: joint_staff(p) || p.username == design.director,
            participants: design
                .participants_of(&p.username)
                .map(|x| x.id.clone())
                .collect(),
            observers: design
                .observers_of(&p.username)
                .map(|x| x.id.clone())
                .collect(),
        }
    }

    /// Control and observers see the whole run: the board, the release log with the
    /// expected actions, every inbox and response, the observations, the report.
    pub fn sees_all(&self) -> bool {
        self.control || !self.observers.is_empty()
    }

    /// Whether they may read `participant`'s inbox.
    pub fn may_read_inbox(&self, participant: &Key) -> bool {
        self.sees_all() || self.participants.contains(participant)
    }

    /// Refused unless control.
    pub fn must_control(&self, p: &Principal, what: &str) -> Result<(), DomainError> {
        if self.control {
            Ok(())
        } else {
            Err(deny(p, what))
        }
    }

    /// Refused unless control or an observer.
    pub fn must_see_all(&self, p: &Principal, what: &str) -> Result<(), DomainError> {
        if self.sees_all() {
            Ok(())
        } else {
            Err(deny(p, what))
        }
    }

    /// Refused unless they play `participant`.
    pub fn must_play(&self, p: &Principal, participant: &Key) -> Result<(), DomainError> {
        if self.participants.contains(participant) {
            Ok(())
        } else {
            Err(deny(p, &format!("act for the participant `{participant}`")))
        }
    }

    /// Refused unless they act as `observer`.
    pub fn must_observe_as(&self, p: &Principal, observer: &Key) -> Result<(), DomainError> {
        if self.observers.contains(observer) {
            Ok(())
        } else {
            Err(deny(p, &format!("record observations as `{observer}`")))
        }
    }
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

    #[test]
    fn a_run_is_controlled_by_the_director_and_the_joint_staff_and_played_by_its_users() {
        let d = crate::training::design::tests::design();
        let named = |username: &str, role: Role| Principal {
            user_id: 2,
            username: username.into(),
            role,
            state: None,
        };
        // The director controls whatever their role.
        let director = RunRoles::of(&named("director", Role::Observer), &d);
        assert!(director.control && director.sees_all());
        assert!(RunRoles::of(&who(Role::DutyOfficer), &d).control);
        // A participant reads their own inbox only, and controls nothing.
        let kaz = named("kaz1", Role::LiaisonOfficer);
        let r = RunRoles::of(&kaz, &d);
        assert!(!r.control && !r.sees_all());
        assert!(r.may_read_inbox(&Key::parse("k", "kaz-lo").unwrap()));
        assert!(!r.may_read_inbox(&Key::parse("k", "rus-lo").unwrap()));
        assert_eq!(
            r.must_control(&kaz, "release an inject"),
            Err(DomainError::Forbidden(
                "the role liaison_officer may not release an inject".into()
            ))
        );
        assert!(r
            .must_play(&kaz, &Key::parse("k", "rus-lo").unwrap())
            .is_err());
        // An observer sees everything and records as themselves only.
        let obs = named("obs1", Role::Observer);
        let o = RunRoles::of(&obs, &d);
        assert!(!o.control && o.sees_all());
        assert!(o
            .must_observe_as(&obs, &Key::parse("k", "obs1").unwrap())
            .is_ok());
        assert!(RunRoles::of(&who(Role::Observer), &d)
            .must_see_all(&who(Role::Observer), "read the board")
            .is_err());
    }

    #[test]
    fn a_liaison_officer_starts_and_completes_only_their_own_states_actions() {
        let spec: ActionSpec = serde_json::from_value(serde_json::json!({
            "title": "Rehearse the notification chain", "owner": "Ministry of Defence",
            "owner_state": "KAZ", "due": "2026-03-01", "exercise": "Interaction-2025"}))
        .unwrap();
        let lo = |s: &str| Principal {
            user_id: 3,
            username: "lo".into(),
            role: Role::LiaisonOfficer,
            state: Some(crate::StateCode::parse(s).unwrap()),
        };
        let start = ActionCommand::Start {
            note: String::new(),
        };
        let verify = ActionCommand::Verify {
            note: String::new(),
        };
        assert!(may_command_action(&lo("KAZ"), &spec, &start).is_ok());
        assert!(may_command_action(&lo("ARM"), &spec, &start).is_err());
        assert_eq!(
            may_command_action(&lo("KAZ"), &spec, &verify),
            Err(DomainError::Forbidden(
                "a liaison officer of KAZ may not verify this corrective action".into()
            ))
        );
        assert!(may_command_action(&who(Role::Planner), &spec, &verify).is_ok());
        assert!(may_write_follow_up(&who(Role::Observer)).is_err());
    }
}
