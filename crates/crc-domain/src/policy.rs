//! Authorization: what each role may do, and to which member state's records. Pure
//! decisions; the server asks before acting and the matrix test walks every case.

use crate::codes::StateCode;
use crate::error::DomainError;
use crate::identity::{Principal, Role};

/// Something a principal wants to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<'a> {
    /// Read reference data and releasable records.
    Read,
    /// Create a contingent of a state.
    CreateContingent(&'a StateCode),
    /// Change a contingent from one state's to (possibly) another's.
    UpdateContingent {
        /// The state it belongs to now.
        from: &'a StateCode,
        /// The state it will belong to.
        to: &'a StateCode,
    },
    /// Delete a contingent of a state.
    DeleteContingent(&'a StateCode),
    /// Create, change and disable users.
    ManageUsers,
    /// Read and verify the audit log.
    ReadAudit,
    /// Load reference data.
    LoadReference,
    /// Read service metrics.
    ReadMetrics,
}

/// Decides whether `p` may perform `a`; the error says why not.
pub fn authorize(p: &Principal, a: &Action<'_>) -> Result<(), DomainError> {
    let own = |s: &StateCode| p.state.as_ref() == Some(s);
    let allowed = match (p.role, a) {
        (_, Action::Read) => true,
        (Role::Administrator, _) => true,
        (Role::DutyOfficer | Role::Planner, Action::CreateContingent(_))
        | (Role::DutyOfficer | Role::Planner, Action::UpdateContingent { .. }) => true,
        (Role::Planner, Action::DeleteContingent(_)) => true,
        (Role::LiaisonOfficer, Action::CreateContingent(s))
        | (Role::LiaisonOfficer, Action::DeleteContingent(s)) => own(s),
        (Role::LiaisonOfficer, Action::UpdateContingent { from, to }) => own(from) && own(to),
        (Role::DutyOfficer, Action::ReadMetrics) => true,
        _ => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(DomainError::Forbidden(describe(p, a)))
    }
}

fn describe(p: &Principal, a: &Action<'_>) -> String {
    let who = match &p.state {
        Some(s) if p.role == Role::LiaisonOfficer => format!("a liaison officer of {s}"),
        _ => format!("the role {}", p.role),
    };
    let what = match a {
        Action::Read => "read".to_owned(),
        Action::CreateContingent(s) => format!("create contingents of {s}"),
        Action::UpdateContingent { from, to } if from == to => {
            format!("change contingents of {from}")
        }
        Action::UpdateContingent { from, to } => {
            format!("move a contingent from {from} to {to}")
        }
        Action::DeleteContingent(s) => format!("delete contingents of {s}"),
        Action::ManageUsers => "manage users".to_owned(),
        Action::ReadAudit => "read the audit log".to_owned(),
        Action::LoadReference => "load reference data".to_owned(),
        Action::ReadMetrics => "read metrics".to_owned(),
    };
    format!("{who} may not {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(role: Role, state: Option<&str>) -> Principal {
        Principal {
            user_id: 1,
            username: "u".into(),
            role,
            state: state.map(|s| StateCode::parse(s).unwrap()),
        }
    }

    #[test]
    fn liaison_officer_touches_only_own_state() {
        let kaz = StateCode::parse("KAZ").unwrap();
        let arm = StateCode::parse("ARM").unwrap();
        let lo = p(Role::LiaisonOfficer, Some("KAZ"));
        assert!(authorize(&lo, &Action::CreateContingent(&kaz)).is_ok());
        assert!(authorize(&lo, &Action::CreateContingent(&arm)).is_err());
        assert!(authorize(
            &lo,
            &Action::UpdateContingent {
                from: &kaz,
                to: &arm
            }
        )
        .is_err());
        assert!(authorize(&lo, &Action::DeleteContingent(&arm)).is_err());
        assert!(authorize(&lo, &Action::ManageUsers).is_err());
        let e = authorize(&lo, &Action::CreateContingent(&arm)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "forbidden: a liaison officer of KAZ may not create contingents of ARM"
        );
    }

    #[test]
    fn observer_only_reads() {
        let kaz = StateCode::parse("KAZ").unwrap();
        let o = p(Role::Observer, Some("KAZ"));
        assert!(authorize(&o, &Action::Read).is_ok());
        assert!(authorize(&o, &Action::CreateContingent(&kaz)).is_err());
        assert!(authorize(&o, &Action::ReadMetrics).is_err());
    }
}
