//! Draft decisions and their adoption by consensus: versions of the text, comments of the
//! delegations, each participating delegation's position, and the rule that decides.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::workflow::*;
use crate::codes::StateCode;
use crate::error::DomainError;

/// Who prepared the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preparer {
    /// The Joint Staff.
    JointStaff,
    /// The Secretariat.
    Secretariat,
}

/// A delegation's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Agrees.
    Agrees,
    /// Objects.
    Objects,
    /// Abstains.
    Abstains,
}

/// The rule that decides adoption from the positions of those taking part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsensusRule {
    /// Consensus: no delegation taking part objects, and at least one agrees (abstaining
    /// does not block). The organization's default.
    #[default]
    NoObjection,
    /// Every delegation taking part agrees; an abstention blocks.
    Unanimity,
}

impl ConsensusRule {
    /// Whether positions adopt the decision under this rule. All participants must have a
    /// position (the caller checks).
    pub fn adopts(self, positions: &BTreeMap<StateCode, Position>) -> bool {
        match self {
            ConsensusRule::NoObjection => {
                !positions.values().any(|p| *p == Position::Objects)
                    && positions.values().any(|p| *p == Position::Agrees)
            }
            ConsensusRule::Unanimity => {
                !positions.is_empty() && positions.values().all(|p| *p == Position::Agrees)
            }
        }
    }
}

/// The draft as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionSpec {
    /// Title ("On conducting a peacekeeping operation...").
    pub title: String,
    /// Who prepared it.
    pub prepared_by: Preparer,
    /// The rule that decides adoption.
    #[serde(default)]
    pub rule: ConsensusRule,
    /// The current text of the draft (earlier ones are kept in the state's versions).
    pub text: String,
}

impl DecisionSpec {
    /// Checks every field.
    pub fn check(&self) -> Result<(), DomainError> {
        check_title("spec.title", &self.title, MAX_TITLE)?;
        check_text("spec.text", &self.text, true)
    }
}

/// One version of the draft's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftVersion {
    /// 1, 2, ...
    pub number: i64,
    /// The note (author, time, text).
    #[serde(flatten)]
    pub note: Note,
}

/// A delegation's comment on a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// The delegation's state.
    pub state: StateCode,
    /// The version commented on.
    pub version: i64,
    /// The note.
    #[serde(flatten)]
    pub note: Note,
}

/// Where a draft decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    /// Being drafted and commented on.
    Drafting,
    /// Put to the session; positions are being recorded.
    Tabled,
    /// Adopted: numbered, dated, in the register of decisions.
    Adopted,
    /// Not adopted; kept with its positions.
    NotAdopted,
    /// Withdrawn by its authors.
    Withdrawn,
}

/// The decision's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionState {
    /// Where it stands.
    pub status: DecisionStatus,
    /// Every version of the text, oldest first.
    pub versions: Vec<DraftVersion>,
    /// The delegations' comments.
    pub comments: Vec<Comment>,
    /// The delegations taking part, fixed when tabled.
    pub participants: Vec<StateCode>,
    /// Each delegation's position.
    pub positions: BTreeMap<StateCode, Position>,
    /// The number in the register of decisions, once adopted.
    pub number: Option<i64>,
    /// The date of adoption.
    pub adopted_on: Option<NaiveDate>,
}

impl DecisionState {
    /// A new draft: version 1 of its text.
    pub fn initial(spec: &DecisionSpec, ctx: &Context) -> Self {
        DecisionState {
            status: DecisionStatus::Drafting,
            versions: vec![DraftVersion {
                number: 1,
                note: Note::now(ctx, &spec.text),
            }],
            comments: Vec::new(),
            participants: Vec::new(),
            positions: BTreeMap::new(),
            number: None,
            adopted_on: None,
        }
    }

    /// The invariant of every reachable state: a number and date exactly when adopted,
    /// positions only from participants, and an adopted decision's positions satisfy no
    /// objection or unanimity (whichever its rule was).
    pub fn is_consistent(&self) -> bool {
        let adopted = self.status == DecisionStatus::Adopted;
        adopted == self.number.is_some()
            && adopted == self.adopted_on.is_some()
            && self.positions.keys().all(|s| self.participants.contains(s))
            && !self.versions.is_empty()
    }
}

/// What can be done with a draft decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum DecisionCommand {
    /// A new version of the text.
    Revise {
        /// The new text.
        text: String,
    },
    /// A delegation comments on the current version.
    Comment {
        /// The delegation; a liaison officer comments for their own state only.
        state: StateCode,
        /// The comment.
        text: String,
    },
    /// Put the draft to its session: the session's participants become the decision's.
    Table,
    /// Record a delegation's position.
    RecordPosition {
        /// The delegation.
        state: StateCode,
        /// Its position.
        position: Position,
    },
    /// Apply the rule to the recorded positions: adopted (numbered, dated) or not.
    Conclude,
    /// Withdraw the draft.
    Withdraw {
        /// Why.
        reason: String,
    },
}

impl Workflow for DecisionState {
    type Spec = DecisionSpec;
    type Command = DecisionCommand;
    const KIND: &'static str = "decision";

    fn status_name(&self) -> &'static str {
        match self.status {
            DecisionStatus::Drafting => "drafting",
            DecisionStatus::Tabled => "tabled",
            DecisionStatus::Adopted => "adopted",
            DecisionStatus::NotAdopted => "not_adopted",
            DecisionStatus::Withdrawn => "withdrawn",
        }
    }

    fn command_name(c: &DecisionCommand) -> &'static str {
        match c {
            DecisionCommand::Revise { .. } => "revise",
            DecisionCommand::Comment { .. } => "comment",
            DecisionCommand::Table => "table",
            DecisionCommand::RecordPosition { .. } => "record_position",
            DecisionCommand::Conclude => "conclude",
            DecisionCommand::Withdraw { .. } => "withdraw",
        }
    }

    fn step(
        &self,
        spec: &DecisionSpec,
        c: &DecisionCommand,
        ctx: &Context,
    ) -> Result<(Option<DecisionSpec>, Self), Refusal> {
        use DecisionStatus::*;
        let mut next = self.clone();
        let open = matches!(self.status, Drafting | Tabled);
        match c {
            DecisionCommand::Revise { text } => {
                if self.status != Drafting {
                    return refuse("only a draft being drafted gets a new version");
                }
                check_text("text", text, true)?;
                let number = self.versions.len() as i64 + 1;
                next.versions.push(DraftVersion {
                    number,
                    note: Note::now(ctx, text),
                });
                let mut s = spec.clone();
                s.text = text.clone();
                return Ok((Some(s), next));
            }
            DecisionCommand::Comment { state, text } => {
                if !open {
                    return refuse("comments are taken while the draft is open");
                }
                check_text("text", text, true)?;
                next.comments.push(Comment {
                    state: state.clone(),
                    version: self.versions.len() as i64,
                    note: Note::now(ctx, text),
                });
            }
            DecisionCommand::Table => {
                if self.status != Drafting {
                    return refuse("only a draft being drafted is tabled");
                }
                match ctx.facts.parent_status.as_deref() {
                    Some("scheduled" | "open") => {}
                    Some(s) => return refuse(format!("its session is {s}")),
                    None => return refuse("it has no session"),
                }
                let participants = ctx.facts.session_participants.clone().unwrap_or_default();
                if participants.is_empty() {
                    return refuse("its session has no participating delegations");
                }
                next.status = Tabled;
                next.participants = participants;
            }
            DecisionCommand::RecordPosition { state, position } => {
                if self.status != Tabled {
                    return refuse(
                        "positions are recorded once the draft is tabled, until concluded",
                    );
                }
                if !self.participants.contains(state) {
                    return refuse(format!(
                        "the delegation of {state} does not take part in the session"
                    ));
                }
                next.positions.insert(state.clone(), *position);
            }
            DecisionCommand::Conclude => {
                if self.status != Tabled {
                    return refuse("only a tabled draft is concluded");
                }
                if ctx.facts.parent_status.as_deref() != Some("open") {
                    return refuse("a decision is taken while its session is open");
                }
                let missing: Vec<&str> = self
                    .participants
                    .iter()
                    .filter(|s| !self.positions.contains_key(*s))
                    .map(|s| s.as_str())
                    .collect();
                if !missing.is_empty() {
                    return refuse(format!(
                        "the position of {} is not recorded",
                        missing.join(", ")
                    ));
                }
                if spec.rule.adopts(&self.positions) {
                    let number = ctx.facts.next_number.ok_or_else(|| {
                        Refusal::Rule("no number is available in the register".into())
                    })?;
                    next.status = Adopted;
                    next.number = Some(number);
                    next.adopted_on = Some(ctx.now.date_naive());
                } else {
                    next.status = NotAdopted;
                }
            }
            DecisionCommand::Withdraw { reason } => {
                if self.status == Withdrawn {
                    return refuse("it is already withdrawn");
                }
                if !open {
                    return refuse("a concluded decision is not withdrawn");
                }
                check_text("reason", reason, true)?;
                next.status = Withdrawn;
            }
        }
        Ok((None, next))
    }
}
