//! Who acts: roles, the acting principal, usernames and password rules.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codes::StateCode;
use crate::error::DomainError;

/// A user's role. Roles are about what one may do; the member state (for liaison officers)
/// is about whose records one may touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the system: users, reference data, audit.
    Administrator,
    /// The Crisis Response Centre's officer on duty.
    DutyOfficer,
    /// A Joint Staff planner.
    Planner,
    /// A member state's national liaison officer; always bound to one state.
    LiaisonOfficer,
    /// Reads what is releasable to them, changes nothing.
    Observer,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 5] = [
        Role::Administrator,
        Role::DutyOfficer,
        Role::Planner,
        Role::LiaisonOfficer,
        Role::Observer,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::DutyOfficer => "duty_officer",
            Role::Planner => "planner",
            Role::LiaisonOfficer => "liaison_officer",
            Role::Observer => "observer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid(
                    "role",
                    format!(
                        "unknown role `{s}` (one of: administrator, duty_officer, planner, liaison_officer, observer)"
                    ),
                )
            })
    }
}

/// A login name: 3-64 characters of lower-case ASCII letters, digits, `.`, `-`, `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

impl Username {
    /// Parses a username.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let ok_len = (3..=64).contains(&s.len());
        let ok_chars = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
        if ok_len && ok_chars {
            Ok(Username(s.to_owned()))
        } else {
            Err(DomainError::invalid(
                "username",
                "3 to 64 characters: lower-case letters, digits, `.`, `-`, `_`",
            ))
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Username {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Username::parse(&s)
    }
}

impl From<Username> for String {
    fn from(u: Username) -> String {
        u.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 12;

/// Checks a new password against the policy (length only: NIST SP 800-63B discourages
/// composition rules).
pub fn check_password(p: &str) -> Result<(), DomainError> {
    let n = p.chars().count();
    if n < MIN_PASSWORD_LEN {
        return Err(DomainError::invalid(
            "password",
            format!("must be at least {MIN_PASSWORD_LEN} characters"),
        ));
    }
    if n > 256 {
        return Err(DomainError::invalid(
            "password",
            "must be at most 256 characters",
        ));
    }
    Ok(())
}

/// Checks that a role and a member state fit together: a liaison officer belongs to exactly
/// one state; other roles may carry a nationality or none.
pub fn check_role_state(role: Role, state: Option<&StateCode>) -> Result<(), DomainError> {
    if role == Role::LiaisonOfficer && state.is_none() {
        return Err(DomainError::invalid(
            "state",
            "a liaison officer must belong to a member state",
        ));
    }
    Ok(())
}

/// An authenticated user acting on the system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    /// User id.
    pub user_id: i64,
    /// Login name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// Member state the user belongs to, if any.
    pub state: Option<StateCode>,
}

/// Whose eyes a storage query serves: every read takes one, so releasability cannot be
/// forgotten by a caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    /// The system itself (export, audit verification, migrations): sees everything.
    System,
    /// A person of the given member state (or of none: organization staff without a
    /// nationality see only organization-wide records).
    Person {
        /// The viewer's member state.
        state: Option<StateCode>,
    },
}

impl Viewer {
    /// The viewer for a principal. Administrators see every record: they answer for the data
    /// as a whole (export, audit) and hold no national mandate.
    pub fn of(p: &Principal) -> Viewer {
        if p.role == Role::Administrator {
            Viewer::System
        } else {
            Viewer::Person {
                state: p.state.clone(),
            }
        }
    }
}
