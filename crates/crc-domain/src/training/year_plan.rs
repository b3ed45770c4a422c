//! The yearly Plan for Joint Training: drafted by the Joint Staff, coordinated with each member
//! state, submitted, approved by both the Council of Defence Ministers and the Committee of
//! Secretaries of Security Councils, then amended in numbered versions, each approved again.
//!
//! The house pattern of the crisis records: a *spec* (the plan's content: its year, title and
//! exercises, checked field by field with its path) and a *state* driven by one transition
//! function ([`Workflow::step`]); a refused step is [`DomainError::Transition`] naming the
//! state, the command and why. Every version ever drafted is kept with its coordination and
//! approvals; the version in force stays in force while an amendment is under way.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalogue::{check_key, Catalogue, ExerciseSpec, ExternalExercise};
use super::from_value;
use crate::codes::StateCode;
use crate::crisis::workflow::{
    check_distinct_states, check_text, check_title, refuse, transition, Context, Note, Refusal,
    Workflow, MAX_ITEMS, MAX_TITLE,
};
use crate::error::DomainError;
use crate::reference::{Names, ReferenceData};

/// The plan's content: one version of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearPlanSpec {
    /// The training year.
    pub year: i32,
    /// Title ("Plan for Joint Training of the CSTO Collective Security System's Management
    /// Bodies and Formations of Forces and Means for 2025").
    pub title: Names,
    /// The exercises planned (their keys are the catalogue's).
    pub exercises: Vec<ExerciseSpec>,
    /// Exercises of others the plan's exercises are linked with.
    #[serde(default)]
    pub external: Vec<ExternalExercise>,
}

impl YearPlanSpec {
    /// Checks every field: the title, each exercise (of the plan's year, unique keys), and that
    /// every link names an exercise of the plan or an external one.
    pub fn check(&self) -> Result<(), DomainError> {
        if !(1990..=2100).contains(&self.year) {
            return Err(DomainError::invalid(
                "spec.year",
                format!("{} is not a plausible training year", self.year),
            ));
        }
        check_title("spec.title.en", &self.title.en, MAX_TITLE)?;
        check_title("spec.title.ru", &self.title.ru, MAX_TITLE)?;
        if self.exercises.len() > MAX_ITEMS {
            return Err(DomainError::invalid(
                "spec.exercises",
                format!("must have at most {MAX_ITEMS} items"),
            ));
        }
        let mut keys = BTreeSet::new();
        for (i, x) in self.exercises.iter().enumerate() {
            let at = format!("spec.exercises[{i}]");
            x.check(&at)?;
            if x.year != self.year {
                return Err(DomainError::invalid(
                    format!("{at}.year"),
                    format!(
                        "{} is of {}, not of the plan's {}",
                        x.name.en, x.year, self.year
                    ),
                ));
            }
            if !keys.insert(x.key.as_str()) {
                return Err(DomainError::invalid(
                    format!("{at}.key"),
                    format!("duplicate key `{}`", x.key),
                ));
            }
        }
        for (i, e) in self.external.iter().enumerate() {
            let at = format!("spec.external[{i}]");
            check_key(&format!("{at}.key"), &e.key)?;
            e.dates.check(&format!("{at}.dates"))?;
            if !keys.insert(e.key.as_str()) {
                return Err(DomainError::invalid(
                    format!("{at}.key"),
                    format!("duplicate key `{}`", e.key),
                ));
            }
        }
        for (i, x) in self.exercises.iter().enumerate() {
            for (j, l) in x.links.iter().enumerate() {
                if !keys.contains(l.target.as_str()) {
                    return Err(DomainError::invalid(
                        format!("spec.exercises[{i}].links[{j}].target"),
                        format!(
                            "`{}` is neither in the plan nor an external exercise",
                            l.target
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Checks the keys the exercises name against the organization's reference data.
    pub fn check_references(&self, org: &ReferenceData) -> Result<(), DomainError> {
        for (i, x) in self.exercises.iter().enumerate() {
            x.check_references(&format!("spec.exercises[{i}]"), org)?;
        }
        Ok(())
    }

    /// Parses and checks a plan from JSON; errors name the field under `spec`.
    pub fn parse(v: serde_json::Value) -> Result<Self, DomainError> {
        let spec: YearPlanSpec = from_value("spec", v)?;
        spec.check()?;
        Ok(spec)
    }

    /// A plan of the catalogue's exercises of `year` (not cancelled), with the external
    /// exercises they are linked with.
    pub fn from_catalogue(cat: &Catalogue, year: i32, title: Names) -> Self {
        let exercises: Vec<ExerciseSpec> = cat
            .year(year)
            .into_iter()
            .filter(|x| x.status != super::catalogue::ExerciseStatus::Cancelled)
            .cloned()
            .collect();
        let external = cat.externals_of(&exercises);
        YearPlanSpec {
            year,
            title,
            exercises,
            external,
        }
    }
}

/// The two bodies that approve the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovingBody {
    /// The Council of Defence Ministers.
    CouncilOfDefenceMinisters,
    /// The Committee of Secretaries of Security Councils.
    CommitteeOfSecretaries,
}

impl ApprovingBody {
    /// Both, in order.
    pub const BOTH: [ApprovingBody; 2] = [
        ApprovingBody::CouncilOfDefenceMinisters,
        ApprovingBody::CommitteeOfSecretaries,
    ];

    /// The body's key in the reference data.
    pub fn key(self) -> &'static str {
        match self {
            ApprovingBody::CouncilOfDefenceMinisters => "council_of_defence_ministers",
            ApprovingBody::CommitteeOfSecretaries => "committee_of_secretaries",
        }
    }
}

/// A member state's answer in coordination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Agrees with the draft as it stands.
    Agrees,
    /// Has comments: does not agree yet.
    Comments,
}

/// A state's answer on one revision of the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateAnswer {
    /// The state.
    pub state: StateCode,
    /// The draft revision answered.
    pub revision: u32,
    /// Agrees or comments.
    pub answer: Answer,
    /// Who recorded it, when, and the comment (empty when simply agreeing).
    #[serde(flatten)]
    pub note: Note,
}

/// A body's decision approving a version, numbered and dated as the body's decisions are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// The body.
    pub body: ApprovingBody,
    /// The decision's number.
    pub number: i64,
    /// The decision's date.
    pub date: NaiveDate,
    /// Adopted as one joint decision of both bodies at a joint meeting.
    pub joint: bool,
    /// Who recorded it, and when.
    pub recorded_by: String,
}

/// Where one version stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionStatus {
    /// Being drafted by the Joint Staff.
    Drafting,
    /// With the member states for coordination.
    Coordinating,
    /// Submitted to the bodies.
    Submitted,
    /// Approved and in force.
    InForce,
    /// Approved, then replaced by an approved amendment.
    Superseded,
    /// An amendment abandoned, or a plan withdrawn, before approval.
    Dropped,
}

/// One version of the plan: the first, or an amendment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanVersion {
    /// 1 for the plan, 2, 3... for amendments.
    pub number: u32,
    /// Why this amendment (none for version 1).
    pub reason: Option<String>,
    /// Where it stands.
    pub status: VersionStatus,
    /// Its content.
    pub spec: YearPlanSpec,
    /// Revisions of the draft before submission (1, 2...): answers are per revision.
    pub revision: u32,
    /// Who drafted it, and when.
    pub drafted: Note,
    /// The states asked to coordinate.
    pub coordinating: Vec<StateCode>,
    /// Their answers, oldest first (earlier revisions' kept).
    pub answers: Vec<StateAnswer>,
    /// The bodies' approvals of this version.
    pub approvals: Vec<Approval>,
}

impl PlanVersion {
    /// Each coordinating state's latest answer on the current revision (none if it has not
    /// answered this revision).
    pub fn current_answers(&self) -> Vec<(StateCode, Option<Answer>)> {
        self.coordinating
            .iter()
            .map(|s| {
                let a = self
                    .answers
                    .iter()
                    .rev()
                    .find(|a| &a.state == s && a.revision == self.revision)
                    .map(|a| a.answer);
                (s.clone(), a)
            })
            .collect()
    }
}

/// Where the plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// The current version is being drafted.
    Drafting,
    /// The current version is with the states.
    Coordinating,
    /// The current version awaits the bodies' approval.
    Submitted,
    /// A version is in force and no amendment is under way.
    Approved,
    /// Withdrawn before ever being approved.
    Withdrawn,
}

/// The plan's workflow state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearPlanState {
    /// Where it stands.
    pub status: PlanStatus,
    /// Every version, oldest first; the last is the one being worked on or in force.
    pub versions: Vec<PlanVersion>,
    /// The number of the version in force, once one is approved.
    pub in_force: Option<u32>,
}

impl YearPlanState {
    /// A new plan: version 1, drafted by the Joint Staff.
    pub fn initial(spec: &YearPlanSpec, ctx: &Context) -> Self {
        YearPlanState {
            status: PlanStatus::Drafting,
            versions: vec![PlanVersion {
                number: 1,
                reason: None,
                status: VersionStatus::Drafting,
                spec: spec.clone(),
                revision: 1,
                drafted: Note::now(ctx, ""),
                coordinating: Vec::new(),
                answers: Vec::new(),
                approvals: Vec::new(),
            }],
            in_force: None,
        }
    }

    /// The version being worked on, or the one in force when none is.
    pub fn current(&self) -> Option<&PlanVersion> {
        self.versions.last()
    }

    /// The version in force, if any.
    pub fn version_in_force(&self) -> Option<&PlanVersion> {
        self.in_force
            .and_then(|n| self.versions.iter().find(|v| v.number == n))
    }

    /// The invariant of every reachable state: exactly the version in force is `in_force`,
    /// an approved plan has nothing after its version in force but dropped amendments, the
    /// last version's status matches the plan's, and a version carries both bodies'
    /// approvals exactly when it is or was in force.
    pub fn is_consistent(&self) -> bool {
        let in_force: Vec<u32> = self
            .versions
            .iter()
            .filter(|v| v.status == VersionStatus::InForce)
            .map(|v| v.number)
            .collect();
        let approved_ok = self.versions.iter().all(|v| {
            let approved = matches!(v.status, VersionStatus::InForce | VersionStatus::Superseded);
            let both = ApprovingBody::BOTH
                .iter()
                .all(|b| v.approvals.iter().any(|a| a.body == *b));
            approved == both
        });
        let last_ok = match (self.status, self.versions.last()) {
            // Amendments dropped after the version in force are kept behind it.
            (PlanStatus::Approved, Some(_)) => self.in_force.is_some_and(|n| {
                self.versions
                    .iter()
                    .filter(|v| v.number > n)
                    .all(|v| v.status == VersionStatus::Dropped)
            }),
            (PlanStatus::Withdrawn, Some(v)) => v.status == VersionStatus::Dropped,
            (PlanStatus::Drafting, Some(v)) => v.status == VersionStatus::Drafting,
            (PlanStatus::Coordinating, Some(v)) => v.status == VersionStatus::Coordinating,
            (PlanStatus::Submitted, Some(v)) => v.status == VersionStatus::Submitted,
            (_, None) => false,
        };
        in_force.len() <= 1 && in_force.first().copied() == self.in_force && approved_ok && last_ok
    }
}

/// What can be done with the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum YearPlanCommand {
    /// A new revision of the draft (while drafting or in coordination: answers given on
    /// earlier revisions then no longer count).
    Revise {
        /// The revised content.
        spec: YearPlanSpec,
    },
    /// Send the draft to the member states for coordination.
    SendForCoordination {
        /// The states asked (normally every member state).
        states: Vec<StateCode>,
    },
    /// A state answers on the current revision; a liaison officer answers for their own state
    /// only.
    Answer {
        /// The state.
        state: StateCode,
        /// Agrees or comments.
        answer: Answer,
        /// The comment (required with `comments`).
        #[serde(default)]
        text: String,
    },
    /// Submit the coordinated draft to the bodies: every state asked agrees with the current
    /// revision.
    Submit,
    /// Take the draft back to drafting (comments to work in, or the bodies sent it back).
    ReturnToDrafting {
        /// Why.
        reason: String,
    },
    /// Record one body's decision approving the submitted version.
    Approve {
        /// The body.
        body: ApprovingBody,
        /// The decision's number.
        number: i64,
        /// The decision's date.
        date: NaiveDate,
    },
    /// Record the joint decision of both bodies (a joint meeting).
    ApproveJointly {
        /// The decision's number.
        number: i64,
        /// The decision's date.
        date: NaiveDate,
    },
    /// Start an amendment of the plan in force: a new version, drafted again.
    Amend {
        /// Why.
        reason: String,
        /// The amended content.
        spec: YearPlanSpec,
    },
    /// Abandon the amendment under way; the version in force stays.
    DropAmendment {
        /// Why.
        reason: String,
    },
    /// Withdraw a plan never approved.
    Withdraw {
        /// Why.
        reason: String,
    },
}

impl YearPlanCommand {
    /// Parses a command from JSON; errors name the field under `command`.
    pub fn parse(v: serde_json::Value) -> Result<Self, DomainError> {
        from_value("command", v)
    }
}

impl Workflow for YearPlanState {
    type Spec = YearPlanSpec;
    type Command = YearPlanCommand;
    const KIND: &'static str = "year plan";

    fn status_name(&self) -> &'static str {
        match self.status {
            PlanStatus::Drafting => "drafting",
            PlanStatus::Coordinating => "coordinating",
            PlanStatus::Submitted => "submitted",
            PlanStatus::Approved => "approved",
            PlanStatus::Withdrawn => "withdrawn",
        }
    }

    fn command_name(c: &YearPlanCommand) -> &'static str {
        match c {
            YearPlanCommand::Revise { .. } => "revise",
            YearPlanCommand::SendForCoordination { .. } => "send_for_coordination",
            YearPlanCommand::Answer { .. } => "answer",
            YearPlanCommand::Submit => "submit",
            YearPlanCommand::ReturnToDrafting { .. } => "return_to_drafting",
            YearPlanCommand::Approve { .. } => "approve",
            YearPlanCommand::ApproveJointly { .. } => "approve_jointly",
            YearPlanCommand::Amend { .. } => "amend",
            YearPlanCommand::DropAmendment { .. } => "drop_amendment",
            YearPlanCommand::Withdraw { .. } => "withdraw",
        }
    }

    fn step(
        &self,
        spec: &YearPlanSpec,
        c: &YearPlanCommand,
        ctx: &Context,
    ) -> Result<(Option<YearPlanSpec>, Self), Refusal> {
        use PlanStatus::*;
        let mut next = self.clone();
        let Some(cur) = next.versions.last_mut() else {
            return refuse("it has no version");
        };
        match c {
            YearPlanCommand::Revise { spec: new } => {
                if !matches!(self.status, Drafting | Coordinating) {
                    return refuse("only a draft being drafted or coordinated is revised");
                }
                same_year(spec, new)?;
                new.check()?;
                cur.spec = new.clone();
                cur.revision += 1;
                return Ok((Some(new.clone()), next));
            }
            YearPlanCommand::SendForCoordination { states } => {
                if self.status != Drafting {
                    return refuse("only a draft being drafted is sent for coordination");
                }
                if states.is_empty() {
                    return Err(DomainError::invalid(
                        "states",
                        "name at least one state to coordinate with",
                    )
                    .into());
                }
                check_distinct_states("states", states)?;
                cur.coordinating = states.clone();
                cur.status = VersionStatus::Coordinating;
                next.status = Coordinating;
            }
            YearPlanCommand::Answer {
                state,
                answer,
                text,
            } => {
                if self.status != Coordinating {
                    return refuse("states answer while the draft is in coordination");
                }
                if !cur.coordinating.contains(state) {
                    return refuse(format!("{state} is not asked to coordinate this draft"));
                }
                if let Some(own) = &ctx.actor_state {
                    if own != state {
                        return refuse(format!(
                            "a liaison officer of {own} answers for {own} only, not for {state}"
                        ));
                    }
                }
                check_text("text", text, *answer == Answer::Comments)?;
                let revision = cur.revision;
                cur.answers.push(StateAnswer {
                    state: state.clone(),
                    revision,
                    answer: *answer,
                    note: Note::now(ctx, text),
                });
            }
            YearPlanCommand::Submit => {
                if self.status != Coordinating {
                    return refuse("only a draft in coordination is submitted");
                }
                let pending: Vec<String> = cur
                    .current_answers()
                    .into_iter()
                    .filter_map(|(s, a)| match a {
                        Some(Answer::Agrees) => None,
                        Some(Answer::Comments) => Some(format!("{s} (comments)")),
                        None => Some(format!("{s} (no answer)")),
                    })
                    .collect();
                if !pending.is_empty() {
                    return refuse(format!(
                        "not every state agrees with revision {}: {}",
                        cur.revision,
                        pending.join(", ")
                    ));
                }
                cur.status = VersionStatus::Submitted;
                next.status = Submitted;
            }
            YearPlanCommand::ReturnToDrafting { reason } => {
                if !matches!(self.status, Coordinating | Submitted) {
                    return refuse("only a draft in coordination or submitted goes back");
                }
                check_text("reason", reason, true)?;
                if self.status == Submitted && !cur.approvals.is_empty() {
                    return refuse("a body has already approved this version");
                }
                // A new revision: whatever the states answered was on the text sent back.
                cur.revision += 1;
                cur.status = VersionStatus::Drafting;
                next.status = Drafting;
            }
            YearPlanCommand::Approve { body, number, date } => {
                if self.status != Submitted {
                    return refuse("only a submitted plan is approved");
                }
                approve(cur, &[*body], *number, *date, false, ctx)?;
                if ApprovingBody::BOTH
                    .iter()
                    .all(|b| cur.approvals.iter().any(|a| a.body == *b))
                {
                    put_in_force(&mut next);
                }
            }
            YearPlanCommand::ApproveJointly { number, date } => {
                if self.status != Submitted {
                    return refuse("only a submitted plan is approved");
                }
                approve(cur, &ApprovingBody::BOTH, *number, *date, true, ctx)?;
                put_in_force(&mut next);
            }
            YearPlanCommand::Amend { reason, spec: new } => {
                if self.status != Approved {
                    return refuse("only an approved plan is amended");
                }
                check_text("reason", reason, true)?;
                same_year(spec, new)?;
                new.check()?;
                let number = cur.number + 1;
                next.versions.push(PlanVersion {
                    number,
                    reason: Some(reason.clone()),
                    status: VersionStatus::Drafting,
                    spec: new.clone(),
                    revision: 1,
                    drafted: Note::now(ctx, reason),
                    coordinating: Vec::new(),
                    answers: Vec::new(),
                    approvals: Vec::new(),
                });
                next.status = Drafting;
                return Ok((Some(new.clone()), next));
            }
            YearPlanCommand::DropAmendment { reason } => {
                if !matches!(self.status, Drafting | Coordinating | Submitted) {
                    return refuse("there is no amendment under way");
                }
                if self.in_force.is_none() {
                    return refuse("the plan has never been approved: withdraw it instead");
                }
                check_text("reason", reason, true)?;
                cur.status = VersionStatus::Dropped;
                next.status = Approved;
                // The content goes back to the version in force.
                let restored = next.version_in_force().map(|v| v.spec.clone());
                return Ok((restored, next));
            }
            YearPlanCommand::Withdraw { reason } => {
                if self.status == Withdrawn {
                    return refuse("it is already withdrawn");
                }
                if self.in_force.is_some() {
                    return refuse(
                        "a plan once approved stays on record: amend it or drop the amendment",
                    );
                }
                check_text("reason", reason, true)?;
                cur.status = VersionStatus::Dropped;
                next.status = Withdrawn;
            }
        }
        Ok((None, next))
    }
}

/// Records the approvals of `bodies` on the submitted version.
fn approve(
    cur: &mut PlanVersion,
    bodies: &[ApprovingBody],
    number: i64,
    date: NaiveDate,
    joint: bool,
    ctx: &Context,
) -> Result<(), Refusal> {
    if number <= 0 {
        return Err(DomainError::invalid("number", "a decision's number is positive").into());
    }
    if date > ctx.now.date_naive() {
        return Err(DomainError::invalid(
            "date",
            format!("{date} is in the future: record a decision once it is taken"),
        )
        .into());
    }
    if date < cur.drafted.at.date_naive() {
        return Err(DomainError::invalid(
            "date",
            format!(
                "{date} is before version {} was drafted ({})",
                cur.number,
                cur.drafted.at.date_naive()
            ),
        )
        .into());
    }
    for b in bodies {
        if cur.approvals.iter().any(|a| a.body == *b) {
            return refuse(format!(
                "the {} has already approved version {}",
                b.key().replace('_', " "),
                cur.number
            ));
        }
    }
    for b in bodies {
        cur.approvals.push(Approval {
            body: *b,
            number,
            date,
            joint,
            recorded_by: ctx.actor.clone(),
        });
    }
    Ok(())
}

/// The current version comes into force; the one before it is superseded.
fn put_in_force(next: &mut YearPlanState) {
    if let Some(v) = next
        .versions
        .iter_mut()
        .find(|v| v.status == VersionStatus::InForce)
    {
        v.status = VersionStatus::Superseded;
    }
    if let Some(cur) = next.versions.last_mut() {
        cur.status = VersionStatus::InForce;
        next.in_force = Some(cur.number);
    }
    next.status = PlanStatus::Approved;
}

fn same_year(old: &YearPlanSpec, new: &YearPlanSpec) -> Result<(), Refusal> {
    if old.year != new.year {
        return Err(DomainError::invalid(
            "spec.year",
            format!(
                "the plan is for {}; a plan for {} is a new plan",
                old.year, new.year
            ),
        )
        .into());
    }
    Ok(())
}

/// Checks a new plan's spec and makes its first state.
pub fn create(
    spec: &YearPlanSpec,
    org: &ReferenceData,
    ctx: &Context,
) -> Result<YearPlanState, DomainError> {
    spec.check()?;
    spec.check_references(org)?;
    Ok(YearPlanState::initial(spec, ctx))
}

/// Takes one step: the new spec (when the command changes the content) and state, or the
/// refusal naming the state, the command and why. Reference keys of a new spec are checked
/// against `org`.
pub fn apply(
    spec: &YearPlanSpec,
    state: &YearPlanState,
    command: &YearPlanCommand,
    org: &ReferenceData,
    ctx: &Context,
) -> Result<(YearPlanSpec, YearPlanState), DomainError> {
    let (new_spec, next) = transition(state, spec, command, ctx)?;
    let spec = match new_spec {
        Some(s) => {
            s.check_references(org)?;
            s
        }
        None => spec.clone(),
    };
    Ok((spec, next))
}
