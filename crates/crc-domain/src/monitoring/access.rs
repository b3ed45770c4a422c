//! Who may do what in situation monitoring. Everyone signed in reads what is releasable to
//! them. The duty officers file reports from any source, evaluate them (grade, corroborate,
//! merge) and exchange alerts; a liaison officer files and exchanges the reports of their own
//! state's authorized bodies; administrators run the feeds. Planners and observers read.

use super::report::Source;
use crate::error::DomainError;
use crate::identity::{Principal, Role};

/// Whether `p` may file a report from `source`.
pub fn may_submit(p: &Principal, source: &Source) -> Result<(), DomainError> {
    match p.role {
        Role::DutyOfficer | Role::Administrator => Ok(()),
        Role::LiaisonOfficer => match (source, &p.state) {
            (Source::AuthorizedBody { state, .. }, Some(own)) if state == own => Ok(()),
            _ => Err(DomainError::Forbidden(format!(
                "a liaison officer files the reports of their own state's authorized bodies ({})",
                p.state.as_ref().map_or("none", |s| s.as_str())
            ))),
        },
        _ => Err(DomainError::Forbidden(format!(
            "a {} reads the situation but files no reports",
            p.role.as_str().replace('_', " ")
        ))),
    }
}

/// Whether `p` may evaluate reports: grade them, confirm events, merge duplicates.
pub fn may_assess(p: &Principal) -> Result<(), DomainError> {
    match p.role {
        Role::DutyOfficer => Ok(()),
        _ => Err(DomainError::Forbidden(
            "the duty officers evaluate reports (grades, events, merges)".into(),
        )),
    }
}

/// Whether `p` may import or export alerts.
pub fn may_exchange(p: &Principal) -> Result<(), DomainError> {
    match p.role {
        Role::DutyOfficer | Role::LiaisonOfficer | Role::Administrator => Ok(()),
        _ => Err(DomainError::Forbidden(format!(
            "a {} does not exchange alerts",
            p.role.as_str().replace('_', " ")
        ))),
    }
}
