//! Force generation: a contingent of the register requested for an operation or offered by
//! its state, accepted or declined by the Joint Staff, then its deployment status from
//! assignment to standing down.

use serde::{Deserialize, Serialize};

use super::workflow::*;
use crate::codes::StateCode;
use crate::error::DomainError;

/// The contingent as offered: its identity and size when the offer was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForceSpec {
    /// The contingent's id in the register.
    pub contingent_id: i64,
    /// Its state (filled from the register; a different one given is refused).
    #[serde(default)]
    pub state: Option<StateCode>,
    /// Its component (filled from the register).
    #[serde(default)]
    pub component: String,
    /// Its name (filled from the register).
    #[serde(default)]
    pub name: String,
    /// Personnel offered (by default the contingent's strength).
    #[serde(default)]
    pub personnel: i64,
    /// Units of equipment offered (by default the contingent's).
    #[serde(default)]
    pub equipment: i64,
    /// `requested` (the Joint Staff asks the state) or `offered` (the state offers).
    #[serde(default = "offered")]
    pub initial: ForceStatus,
}

fn offered() -> ForceStatus {
    ForceStatus::Offered
}

impl ForceSpec {
    /// Checks the counts and the starting status.
    pub fn check(&self) -> Result<(), DomainError> {
        for (field, v) in [
            ("spec.personnel", self.personnel),
            ("spec.equipment", self.equipment),
        ] {
            if !(0..=crate::contingent::MAX_COUNT).contains(&v) {
                return Err(DomainError::invalid(
                    field,
                    format!("must be within 0..{}", crate::contingent::MAX_COUNT),
                ));
            }
        }
        if !matches!(self.initial, ForceStatus::Requested | ForceStatus::Offered) {
            return Err(DomainError::invalid(
                "spec.initial",
                "a force starts as requested or offered",
            ));
        }
        Ok(())
    }
}

/// A contingent's status in an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForceStatus {
    /// The Joint Staff asked its state for it.
    Requested,
    /// Its state offers it.
    Offered,
    /// The Joint Staff declined the offer.
    Declined,
    /// Its state withdrew the offer (or refused the request).
    Withdrawn,
    /// Accepted into the force.
    Assigned,
    /// Held ready at home.
    Standby,
    /// Mobilized.
    Mobilized,
    /// Moving to the host state.
    Deploying,
    /// Performing tasks in the host state.
    InAction,
    /// Returning home.
    Redeploying,
    /// Stood down.
    StoodDown,
}

impl ForceStatus {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ForceStatus::Requested => "requested",
            ForceStatus::Offered => "offered",
            ForceStatus::Declined => "declined",
            ForceStatus::Withdrawn => "withdrawn",
            ForceStatus::Assigned => "assigned",
            ForceStatus::Standby => "standby",
            ForceStatus::Mobilized => "mobilized",
            ForceStatus::Deploying => "deploying",
            ForceStatus::InAction => "in_action",
            ForceStatus::Redeploying => "redeploying",
            ForceStatus::StoodDown => "stood_down",
        }
    }

    /// Whether a force in this status counts against the ceiling and is part of the force.
    pub fn in_force(self) -> bool {
        matches!(
            self,
            ForceStatus::Assigned
                | ForceStatus::Standby
                | ForceStatus::Mobilized
                | ForceStatus::Deploying
                | ForceStatus::InAction
                | ForceStatus::Redeploying
        )
    }

    /// Whether it is finished with (no further step).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ForceStatus::Declined | ForceStatus::Withdrawn | ForceStatus::StoodDown
        )
    }
}

/// The force's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForceState {
    /// Where it stands.
    pub status: ForceStatus,
}

/// What can be done with a force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum ForceCommand {
    /// The state offers the requested contingent.
    Offer,
    /// The Joint Staff accepts the offer (within the ceiling).
    Accept,
    /// The Joint Staff declines the offer.
    Decline {
        /// Why.
        reason: String,
    },
    /// The state withdraws its offer or refuses the request.
    Withdraw {
        /// Why.
        reason: String,
    },
    /// Hold ready at home.
    Standby,
    /// Mobilize.
    Mobilize,
    /// Start moving to the host state.
    Deploy,
    /// Arrived; performing tasks.
    Arrive,
    /// Start returning home.
    Redeploy,
    /// Stand down.
    StandDown,
}

impl Workflow for ForceState {
    type Spec = ForceSpec;
    type Command = ForceCommand;
    const KIND: &'static str = "force";

    fn status_name(&self) -> &'static str {
        self.status.as_str()
    }

    fn command_name(c: &ForceCommand) -> &'static str {
        match c {
            ForceCommand::Offer => "offer",
            ForceCommand::Accept => "accept",
            ForceCommand::Decline { .. } => "decline",
            ForceCommand::Withdraw { .. } => "withdraw",
            ForceCommand::Standby => "standby",
            ForceCommand::Mobilize => "mobilize",
            ForceCommand::Deploy => "deploy",
            ForceCommand::Arrive => "arrive",
            ForceCommand::Redeploy => "redeploy",
            ForceCommand::StandDown => "stand_down",
        }
    }

    fn step(
        &self,
        spec: &ForceSpec,
        c: &ForceCommand,
        ctx: &Context,
    ) -> Result<(Option<ForceSpec>, Self), Refusal> {
        use ForceStatus::*;
        if self.status.is_final() {
            return refuse("it is finished with");
        }
        let to = match (self.status, c) {
            (Requested, ForceCommand::Offer) => Offered,
            (_, ForceCommand::Offer) => return refuse("only a requested contingent is offered"),
            (Offered, ForceCommand::Accept) => {
                match ctx.facts.parent_status.as_deref() {
                    Some("established" | "deploying" | "conducting") => {}
                    Some(s) => return refuse(format!("the operation is {s}")),
                    None => return refuse("it belongs to no operation"),
                }
                if let Some(ceiling) = ctx.facts.ceiling_personnel {
                    let total = ctx.facts.committed_personnel + spec.personnel;
                    if total > ceiling {
                        return refuse(format!(
                            "{} personnel would bring the force to {total}, above its ceiling of {ceiling}",
                            spec.personnel
                        ));
                    }
                }
                Assigned
            }
            (_, ForceCommand::Accept) => return refuse("only an offer is accepted"),
            (Offered, ForceCommand::Decline { reason }) => {
                check_text("reason", reason, true)?;
                Declined
            }
            (_, ForceCommand::Decline { .. }) => return refuse("only an offer is declined"),
            (Requested | Offered, ForceCommand::Withdraw { reason }) => {
                check_text("reason", reason, true)?;
                Withdrawn
            }
            (_, ForceCommand::Withdraw { .. }) => {
                return refuse("an accepted contingent is stood down, not withdrawn")
            }
            (Assigned, ForceCommand::Standby) => Standby,
            (_, ForceCommand::Standby) => return refuse("only an assigned contingent stands by"),
            (Assigned | Standby, ForceCommand::Mobilize) => Mobilized,
            (_, ForceCommand::Mobilize) => {
                return refuse("a contingent is mobilized once assigned or on standby")
            }
            (Mobilized, ForceCommand::Deploy) => Deploying,
            (_, ForceCommand::Deploy) => return refuse("a contingent deploys once mobilized"),
            (Deploying, ForceCommand::Arrive) => InAction,
            (_, ForceCommand::Arrive) => return refuse("only a deploying contingent arrives"),
            (InAction, ForceCommand::Redeploy) => Redeploying,
            (_, ForceCommand::Redeploy) => return refuse("only a contingent in action redeploys"),
            (Assigned | Standby | Mobilized | Redeploying, ForceCommand::StandDown) => StoodDown,
            (Requested | Offered, ForceCommand::StandDown) => {
                return refuse("a contingent not accepted is withdrawn or declined, not stood down")
            }
            (_, ForceCommand::StandDown) => {
                return refuse("a contingent in the host state redeploys before standing down")
            }
        };
        Ok((None, ForceState { status: to }))
    }
}
