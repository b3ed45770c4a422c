//! Operational groups sent to the host state: head, members, location.

use serde::{Deserialize, Serialize};

use super::workflow::*;
use crate::error::DomainError;

/// The group as formed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    /// Its name.
    pub name: String,
    /// Its head.
    pub head: Person,
    /// Its members.
    #[serde(default)]
    pub members: Vec<Person>,
    /// Where it works.
    pub location: Place,
}

impl GroupSpec {
    /// Checks every field.
    pub fn check(&self) -> Result<(), DomainError> {
        check_title("spec.name", &self.name, MAX_TITLE)?;
        self.head.check("spec.head")?;
        check_len("spec.members", &self.members, 0)?;
        for (i, m) in self.members.iter().enumerate() {
            m.check(&format!("spec.members[{i}]"))?;
        }
        self.location.check("spec.location")
    }
}

/// Where a group stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupStatus {
    /// Being formed.
    Forming,
    /// Working in the host state.
    Deployed,
    /// Withdrawn.
    Withdrawn,
}

/// The group's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupState {
    /// Where it stands.
    pub status: GroupStatus,
}

/// What can be done with a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum GroupCommand {
    /// Change its composition or location.
    Amend {
        /// The new spec.
        spec: GroupSpec,
    },
    /// It has arrived in the host state.
    Deploy,
    /// It is withdrawn.
    Withdraw,
}

impl Workflow for GroupState {
    type Spec = GroupSpec;
    type Command = GroupCommand;
    const KIND: &'static str = "group";

    fn status_name(&self) -> &'static str {
        match self.status {
            GroupStatus::Forming => "forming",
            GroupStatus::Deployed => "deployed",
            GroupStatus::Withdrawn => "withdrawn",
        }
    }

    fn command_name(c: &GroupCommand) -> &'static str {
        match c {
            GroupCommand::Amend { .. } => "amend",
            GroupCommand::Deploy => "deploy",
            GroupCommand::Withdraw => "withdraw",
        }
    }

    fn step(
        &self,
        _spec: &GroupSpec,
        c: &GroupCommand,
        _ctx: &Context,
    ) -> Result<(Option<GroupSpec>, Self), Refusal> {
        use GroupStatus::*;
        let status = match (self.status, c) {
            (Withdrawn, _) => return refuse("it has been withdrawn"),
            (_, GroupCommand::Amend { spec }) => {
                spec.check()?;
                return Ok((Some(spec.clone()), self.clone()));
            }
            (Forming, GroupCommand::Deploy) => Deployed,
            (_, GroupCommand::Deploy) => return refuse("it is already deployed"),
            (_, GroupCommand::Withdraw) => Withdrawn,
        };
        Ok((None, GroupState { status }))
    }
}
