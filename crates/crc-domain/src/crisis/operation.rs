//! An operation established by a decision: kind, host state, area, mandate, the facilities
//! it protects, force ceiling, duration and extensions; from establishment to termination.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::workflow::*;
use crate::codes::StateCode;
use crate::contingent::Coordinates;
use crate::error::DomainError;

/// The kind of operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// Peacekeeping.
    Peacekeeping,
    /// Humanitarian.
    Humanitarian,
    /// Counter-terrorist.
    CounterTerrorist,
    /// Relief of an emergency.
    EmergencyRelief,
    /// Stabilization of a crisis situation.
    Stabilization,
    /// Another kind.
    Other,
}

/// An important facility the force protects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// Name and position.
    #[serde(flatten)]
    pub place: Place,
    /// What it is (airport, power station, ...).
    #[serde(default)]
    pub kind: String,
}

/// The force ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ceiling {
    /// Most personnel.
    pub personnel: i64,
    /// Most units of equipment.
    pub equipment: i64,
}

/// The operation as established.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationSpec {
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: OperationKind,
    /// The host state.
    pub host_state: StateCode,
    /// The area: a polygon's vertices, in order, not closed (the last joins the first).
    pub area: Vec<Coordinates>,
    /// The mandate.
    pub mandate: String,
    /// The facilities to protect.
    #[serde(default)]
    pub facilities: Vec<Facility>,
    /// The force ceiling.
    pub ceiling: Ceiling,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day as decided (extensions move it).
    pub ends_on: NaiveDate,
}

impl OperationSpec {
    /// Checks every field; the area must be a simple polygon.
    pub fn check(&self) -> Result<(), DomainError> {
        check_title("spec.name", &self.name, MAX_TITLE)?;
        check_text("spec.mandate", &self.mandate, true)?;
        check_len("spec.area", &self.area, 3)?;
        check_simple_ring("spec.area", &self.area)?;
        check_len("spec.facilities", &self.facilities, 0)?;
        for (i, f) in self.facilities.iter().enumerate() {
            f.place.check(&format!("spec.facilities[{i}]"))?;
        }
        for (field, v) in [
            ("spec.ceiling.personnel", self.ceiling.personnel),
            ("spec.ceiling.equipment", self.ceiling.equipment),
        ] {
            if !(0..=crate::contingent::MAX_COUNT).contains(&v) {
                return Err(DomainError::invalid(
                    field,
                    format!("must be within 0..{}", crate::contingent::MAX_COUNT),
                ));
            }
        }
        check_dates("spec.ends_on", self.starts_on, self.ends_on)
    }
}

/// Refuses a ring with repeated vertices, no area, or crossing edges. Hand-written: the
/// check is a few orientation tests, and a geometry library would be the domain crate's
/// largest dependency for this one use.
fn check_simple_ring(field: &str, ring: &[Coordinates]) -> Result<(), DomainError> {
    for (i, c) in ring.iter().enumerate() {
        check_coordinates(&format!("{field}[{i}]"), c)?;
    }
    let p: Vec<(f64, f64)> = ring.iter().map(|c| (c.lon(), c.lat())).collect();
    let n = p.len();
    for i in 0..n {
        for j in i + 1..n {
            if p[i] == p[j] {
                return Err(DomainError::invalid(
                    format!("{field}[{j}]"),
                    format!("repeats vertex {i}"),
                ));
            }
        }
    }
    let orient = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        let v = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
        if v > 0.0 {
            1
        } else if v < 0.0 {
            -1
        } else {
            0
        }
    };
    let on_segment = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        c.0 >= a.0.min(b.0) && c.0 <= a.0.max(b.0) && c.1 >= a.1.min(b.1) && c.1 <= a.1.max(b.1)
    };
    for i in 0..n {
        let (a, b) = (p[i], p[(i + 1) % n]);
        for j in i + 1..n {
            // Neighbouring edges share a vertex; they may only meet there.
            if j == i + 1 || (i == 0 && j == n - 1) {
                continue;
            }
            let (c, d) = (p[j], p[(j + 1) % n]);
            let (o1, o2, o3, o4) = (
                orient(a, b, c),
                orient(a, b, d),
                orient(c, d, a),
                orient(c, d, b),
            );
            let crosses = (o1 != o2 && o3 != o4)
                || (o1 == 0 && on_segment(a, b, c))
                || (o2 == 0 && on_segment(a, b, d))
                || (o3 == 0 && on_segment(c, d, a))
                || (o4 == 0 && on_segment(c, d, b));
            if crosses {
                return Err(DomainError::invalid(
                    field,
                    format!("edge {i}-{} crosses edge {j}-{}", (i + 1) % n, (j + 1) % n),
                ));
            }
        }
    }
    let area2: f64 = (0..n)
        .map(|i| {
            let (a, b) = (p[i], p[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    if area2.abs() < 1e-12 {
        return Err(DomainError::invalid(field, "the polygon has no area"));
    }
    Ok(())
}

/// An extension of the operation's term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The previous last day.
    pub from: NaiveDate,
    /// The new last day.
    pub until: NaiveDate,
    /// On what basis (the decision extending it).
    pub basis: String,
}

/// Where an operation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationStatus {
    /// Established by its decision; forces being generated.
    Established,
    /// Contingents moving to the host state.
    Deploying,
    /// Performing its tasks.
    Conducting,
    /// Contingents withdrawing.
    Withdrawing,
    /// Terminated.
    Terminated,
}

/// The operation's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationState {
    /// Where it stands.
    pub status: OperationStatus,
    /// Extensions, oldest first.
    pub extensions: Vec<Extension>,
}

impl OperationState {
    /// A new operation; its decision must be adopted.
    pub fn initial(facts: &Facts) -> Result<Self, DomainError> {
        if facts.parent_status.as_deref() != Some("adopted") {
            return Err(DomainError::invalid(
                "parent",
                "an operation is established by an adopted decision",
            ));
        }
        Ok(OperationState {
            status: OperationStatus::Established,
            extensions: Vec::new(),
        })
    }
}

/// What can be done with an operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum OperationCommand {
    /// Change the area, mandate, facilities or ceiling (not the host state or kind).
    Amend {
        /// The new spec.
        spec: OperationSpec,
    },
    /// Contingents start moving.
    BeginDeployment,
    /// The force starts performing its tasks.
    BeginExecution,
    /// Extend the term.
    Extend {
        /// The new last day.
        until: NaiveDate,
        /// The decision or other basis.
        basis: String,
    },
    /// Contingents start withdrawing.
    BeginWithdrawal,
    /// End the operation once every contingent has stood down.
    Terminate,
}

impl Workflow for OperationState {
    type Spec = OperationSpec;
    type Command = OperationCommand;
    const KIND: &'static str = "operation";

    fn status_name(&self) -> &'static str {
        match self.status {
            OperationStatus::Established => "established",
            OperationStatus::Deploying => "deploying",
            OperationStatus::Conducting => "conducting",
            OperationStatus::Withdrawing => "withdrawing",
            OperationStatus::Terminated => "terminated",
        }
    }

    fn command_name(c: &OperationCommand) -> &'static str {
        match c {
            OperationCommand::Amend { .. } => "amend",
            OperationCommand::BeginDeployment => "begin_deployment",
            OperationCommand::BeginExecution => "begin_execution",
            OperationCommand::Extend { .. } => "extend",
            OperationCommand::BeginWithdrawal => "begin_withdrawal",
            OperationCommand::Terminate => "terminate",
        }
    }

    fn step(
        &self,
        spec: &OperationSpec,
        c: &OperationCommand,
        ctx: &Context,
    ) -> Result<(Option<OperationSpec>, Self), Refusal> {
        use OperationStatus::*;
        let mut next = self.clone();
        match (self.status, c) {
            (Terminated, _) => return refuse("it has ended"),
            (_, OperationCommand::Amend { spec: new }) => {
                new.check()?;
                if new.host_state != spec.host_state || new.kind != spec.kind {
                    return refuse("the host state and kind are fixed by the decision");
                }
                if new.ends_on != spec.ends_on {
                    return refuse("the term changes by an extension");
                }
                if new.ceiling.personnel < ctx.facts.committed_personnel {
                    return refuse(format!(
                        "{} personnel are already accepted, above the new ceiling of {}",
                        ctx.facts.committed_personnel, new.ceiling.personnel
                    ));
                }
                return Ok((Some(new.clone()), next));
            }
            (Established, OperationCommand::BeginDeployment) => next.status = Deploying,
            (_, OperationCommand::BeginDeployment) => {
                return refuse("deployment begins once, right after establishment")
            }
            (Deploying, OperationCommand::BeginExecution) => next.status = Conducting,
            (_, OperationCommand::BeginExecution) => {
                return refuse("execution begins once the force is deploying")
            }
            (_, OperationCommand::Extend { until, basis }) => {
                if self.status == Withdrawing {
                    return refuse("a withdrawing operation is not extended");
                }
                check_title("basis", basis, MAX_TITLE)?;
                if *until <= spec.ends_on {
                    return Err(Refusal::Invalid(DomainError::invalid(
                        "until",
                        format!("must be after the current last day {}", spec.ends_on),
                    )));
                }
                next.extensions.push(Extension {
                    from: spec.ends_on,
                    until: *until,
                    basis: basis.clone(),
                });
                let mut s = spec.clone();
                s.ends_on = *until;
                return Ok((Some(s), next));
            }
            (Deploying | Conducting, OperationCommand::BeginWithdrawal) => {
                next.status = Withdrawing
            }
            (_, OperationCommand::BeginWithdrawal) => {
                return refuse("withdrawal begins from deployment or execution")
            }
            (Withdrawing | Established, OperationCommand::Terminate) => {
                if ctx.facts.forces_in_field > 0 {
                    return refuse(format!(
                        "{} contingent(s) have not stood down",
                        ctx.facts.forces_in_field
                    ));
                }
                next.status = Terminated;
            }
            (_, OperationCommand::Terminate) => {
                return refuse("the contingents must withdraw first (begin withdrawal)")
            }
        }
        Ok((None, next))
    }
}
