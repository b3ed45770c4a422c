//! The master scenario events list (MSEL): the injects the exercise control cell sends to the
//! training audience, each at an offset from the start, and the MSEL's approval.
//!
//! The MSEL is a spec and a state like a crisis record: [`create`] and [`apply`] are the only
//! ways to a new state. It is written as a draft, submitted to the exercise director, and
//! approved by them; only an approved MSEL releases injects. Amending an approved MSEL takes
//! it back to draft with the next version, so what was approved is never changed silently.

use serde::{Deserialize, Serialize};

use super::design::ExerciseDesign;
use super::key::Key;
use super::offset::Offset;
use crate::crisis::workflow::{
    check_len, check_text, check_title, refuse, transition, Context, Note, Refusal, Workflow,
    MAX_TITLE,
};
use crate::error::DomainError;

/// How an inject reaches its recipients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// E-mail.
    Email,
    /// A telephone call.
    Phone,
    /// A radio message.
    Radio,
    /// A formal message (a signal, a letter).
    Message,
    /// Press, television, social media.
    Media,
    /// In person (a visitor, a briefing).
    InPerson,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 6] = [
        Channel::Email,
        Channel::Phone,
        Channel::Radio,
        Channel::Message,
        Channel::Media,
        Channel::InPerson,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Radio => "radio",
            Channel::Message => "message",
            Channel::Media => "media",
            Channel::InPerson => "in_person",
        }
    }

    /// Parses a wire name.
    pub fn parse(field: &str, s: &str) -> Result<Channel, DomainError> {
        Channel::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid(
                    field,
                    format!(
                        "`{s}` is not a channel (email, phone, radio, message, media, in_person)"
                    ),
                )
            })
    }
}

/// One inject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    /// Its serial number in the MSEL (from 1; kept when the MSEL is amended, so the release
    /// log's references stay true).
    pub number: u32,
    /// When, from the start of the exercise, in scenario time.
    pub offset: Offset,
    /// The storyline it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storyline: Option<Key>,
    /// The simulated actor who sends it.
    pub sender: Key,
    /// The participants who receive it.
    pub recipients: Vec<Key>,
    /// How it arrives.
    pub channel: Channel,
    /// Subject line.
    pub subject: String,
    /// The message as the recipients read it.
    pub message: String,
    /// What the training audience is expected to do (for controllers and observers; never
    /// delivered).
    #[serde(default)]
    pub expected_actions: String,
    /// The objectives it exercises.
    #[serde(default)]
    pub objectives: Vec<Key>,
}

impl Inject {
    /// Every problem of the inject as (field, message), checked against the design: the
    /// sender, recipients, storyline and objectives must exist in it. The CSV import reports
    /// them all; [`MselSpec::check`] the first.
    pub fn problems(&self, design: &ExerciseDesign) -> Vec<(&'static str, String)> {
        let mut v = Vec::new();
        let mut note = |field: &'static str, r: Result<(), DomainError>| {
            if let Err(DomainError::Invalid { message, .. }) = r {
                v.push((field, message));
            }
        };
        if self.number == 0 {
            note("number", Err(DomainError::invalid("", "must be 1 or more")));
        }
        if let Some(s) = &self.storyline {
            note("storyline", design.storyline("", s).map(|_| ()));
        }
        note("sender", design.actor("", &self.sender).map(|_| ()));
        note("recipients", check_len("", &self.recipients, 1));
        note(
            "recipients",
            super::key::check_distinct_keys("", &self.recipients),
        );
        for r in &self.recipients {
            note("recipients", design.participant("", r).map(|_| ()));
        }
        note("subject", check_title("", &self.subject, MAX_TITLE));
        note("message", check_text("", &self.message, true));
        note(
            "expected_actions",
            check_text("", &self.expected_actions, false),
        );
        note("objectives", check_len("", &self.objectives, 0));
        note(
            "objectives",
            super::key::check_distinct_keys("", &self.objectives),
        );
        for o in &self.objectives {
            note("objectives", design.objective("", o).map(|_| ()));
        }
        v
    }
}

/// The MSEL as written: its injects.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MselSpec {
    /// The injects, in any order (see [`MselSpec::schedule`]).
    pub injects: Vec<Inject>,
}

/// The most injects in one MSEL (a large exercise has a few hundred).
pub const MAX_INJECTS: usize = 5_000;

impl MselSpec {
    /// Reads the injects from JSON (unchecked: they are checked against the design).
    pub fn parse(v: serde_json::Value) -> Result<Self, DomainError> {
        super::from_value("spec", v)
    }

    /// Checks every inject against the design and that numbers are unique; the error names
    /// the first problem with its path (`spec.injects[3].sender`).
    pub fn check(&self, design: &ExerciseDesign) -> Result<(), DomainError> {
        if self.injects.len() > MAX_INJECTS {
            return Err(DomainError::invalid(
                "spec.injects",
                format!("must have at most {MAX_INJECTS} injects"),
            ));
        }
        let mut seen = std::collections::BTreeMap::new();
        for (i, inj) in self.injects.iter().enumerate() {
            if let Some((field, message)) = inj.problems(design).into_iter().next() {
                return Err(DomainError::invalid(
                    format!("spec.injects[{i}].{field}"),
                    message,
                ));
            }
            if let Some(first) = seen.insert(inj.number, i) {
                return Err(DomainError::invalid(
                    format!("spec.injects[{i}].number"),
                    format!("{} is also the number of injects[{first}]", inj.number),
                ));
            }
        }
        Ok(())
    }

    /// The injects in the order they fall due: by offset, then number.
    pub fn schedule(&self) -> Vec<&Inject> {
        let mut v: Vec<&Inject> = self.injects.iter().collect();
        v.sort_by_key(|i| (i.offset, i.number));
        v
    }

    /// The inject with this number.
    pub fn inject(&self, number: u32) -> Option<&Inject> {
        self.injects.iter().find(|i| i.number == number)
    }
}

/// Where the MSEL stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MselStatus {
    /// Being written.
    Draft,
    /// Before the exercise director.
    Submitted,
    /// Approved: injects may be released.
    Approved,
}

/// Who approved the MSEL, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// The director's user name.
    pub by: String,
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The MSEL's workflow state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MselState {
    /// Where it stands.
    pub status: MselStatus,
    /// The version: 1 at first, one more each time an approved MSEL is amended.
    pub version: u32,
    /// The approval of this version, while approved.
    pub approval: Option<Approval>,
    /// Notes of the steps taken.
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// What can be done with an MSEL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum MselCommand {
    /// Put it before the exercise director.
    Submit {
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// The director sends it back to draft.
    Return {
        /// Why.
        note: String,
    },
    /// The director approves it.
    Approve {
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Replace the injects (a draft stays at its version; an approved MSEL goes back to
    /// draft at the next version).
    Amend {
        /// The new injects.
        spec: MselSpec,
        /// What changed.
        #[serde(default)]
        note: String,
    },
}

impl MselCommand {
    /// Reads a command from JSON (`{"command": "approve", "note": "..."}`).
    pub fn parse(v: serde_json::Value) -> Result<Self, DomainError> {
        super::from_value("command", v)
    }
}

impl Workflow for MselState {
    type Spec = MselSpec;
    type Command = MselCommand;
    const KIND: &'static str = "msel";

    fn status_name(&self) -> &'static str {
        match self.status {
            MselStatus::Draft => "draft",
            MselStatus::Submitted => "submitted",
            MselStatus::Approved => "approved",
        }
    }

    fn command_name(c: &MselCommand) -> &'static str {
        match c {
            MselCommand::Submit { .. } => "submit",
            MselCommand::Return { .. } => "return",
            MselCommand::Approve { .. } => "approve",
            MselCommand::Amend { .. } => "amend",
        }
    }

    fn step(
        &self,
        spec: &MselSpec,
        c: &MselCommand,
        ctx: &Context,
    ) -> Result<(Option<MselSpec>, Self), Refusal> {
        use MselStatus::*;
        let mut next = self.clone();
        let mut amended = None;
        let note = match (self.status, c) {
            (Draft, MselCommand::Submit { note }) => {
                if spec.injects.is_empty() {
                    return refuse("it has no injects");
                }
                next.status = Submitted;
                note
            }
            (_, MselCommand::Submit { .. }) => return refuse("only a draft is submitted"),
            (Submitted, MselCommand::Return { note }) => {
                check_text("note", note, true)?;
                next.status = Draft;
                note
            }
            (_, MselCommand::Return { .. }) => return refuse("only a submitted MSEL is returned"),
            (Submitted, MselCommand::Approve { note }) => {
                next.status = Approved;
                next.approval = Some(Approval {
                    by: ctx.actor.clone(),
                    at: ctx.now,
                });
                note
            }
            (Draft, MselCommand::Approve { .. }) => return refuse("it must be submitted first"),
            (Approved, MselCommand::Approve { .. }) => return refuse("it is already approved"),
            (Draft, MselCommand::Amend { spec, note }) => {
                amended = Some(spec.clone());
                note
            }
            (Approved, MselCommand::Amend { spec, note }) => {
                next.status = Draft;
                next.version += 1;
                next.approval = None;
                amended = Some(spec.clone());
                note
            }
            (Submitted, MselCommand::Amend { .. }) => {
                return refuse("it is before the director; have it returned first")
            }
        };
        check_text("note", note, false)?;
        if !note.trim().is_empty() {
            next.notes.push(Note::now(ctx, note));
        }
        Ok((amended, next))
    }
}

impl MselState {
    /// Whether injects may be released.
    pub fn is_approved(&self) -> bool {
        self.status == MselStatus::Approved
    }
}

/// A new MSEL's first state: a draft at version 1, its spec checked against the design.
pub fn create(spec: &MselSpec, design: &ExerciseDesign) -> Result<MselState, DomainError> {
    spec.check(design)?;
    Ok(MselState {
        status: MselStatus::Draft,
        version: 1,
        approval: None,
        notes: Vec::new(),
    })
}

/// Takes one step: the MSEL's next spec and state, or why not. Only the design's director
/// approves or returns it; an amended spec is checked against the design.
pub fn apply(
    spec: &MselSpec,
    state: &MselState,
    command: &MselCommand,
    design: &ExerciseDesign,
    ctx: &Context,
) -> Result<(MselSpec, MselState), DomainError> {
    if matches!(
        command,
        MselCommand::Approve { .. } | MselCommand::Return { .. }
    ) && ctx.actor != design.director
    {
        return Err(DomainError::Forbidden(format!(
            "only the exercise director ({}) approves or returns the MSEL",
            design.director
        )));
    }
    if let MselCommand::Amend { spec: new, .. } = command {
        new.check(design).map_err(|e| match e {
            DomainError::Invalid { field, message } => {
                DomainError::invalid(format!("command.{field}"), message)
            }
            other => other,
        })?;
    }
    let (new, next) = transition(state, spec, command, ctx)?;
    Ok((new.unwrap_or_else(|| spec.clone()), next))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::training::design::tests::design;

    pub(crate) fn k(s: &str) -> Key {
        Key::parse("k", s).unwrap()
    }

    pub(crate) fn inject(number: u32, offset: &str) -> Inject {
        Inject {
            number,
            offset: Offset::parse("offset", offset).unwrap(),
            storyline: Some(k("border")),
            sender: k("gov"),
            recipients: vec![k("js-ops"), k("kaz-lo")],
            channel: Channel::Message,
            subject: format!("Inject {number}"),
            message: "Armed groups crossed the border of Kazakhstan at 05:40.".into(),
            expected_actions: "Report to the Secretary General.".into(),
            objectives: vec![k("O1")],
        }
    }

    pub(crate) fn msel() -> MselSpec {
        MselSpec {
            injects: vec![
                inject(1, "D+0 00:00"),
                inject(2, "D+0 01:00"),
                inject(3, "D+0 01:00"),
                inject(4, "D+1 06:30"),
            ],
        }
    }

    fn ctx(actor: &str) -> Context {
        Context {
            actor: actor.into(),
            ..Context::default()
        }
    }

    #[test]
    fn injects_are_checked_against_the_design() {
        let d = design();
        assert_eq!(msel().check(&d), Ok(()));
        type Break = fn(&mut Inject);
        let cases: [(Break, &str); 7] = [
            (
                |i| i.sender = k("nobody"),
                "spec.injects[1].sender: no simulated actor `nobody` in the design",
            ),
            (
                |i| i.recipients.clear(),
                "spec.injects[1].recipients: needs at least 1 item(s)",
            ),
            (
                |i| i.recipients.push(k("js-ops")),
                "spec.injects[1].recipients: `js-ops` is listed twice",
            ),
            (
                |i| i.storyline = Some(k("x")),
                "spec.injects[1].storyline: no storyline `x` in the design",
            ),
            (
                |i| i.objectives = vec![k("O7")],
                "spec.injects[1].objectives: no objective `O7` in the design",
            ),
            (
                |i| i.message = "".into(),
                "spec.injects[1].message: must not be empty",
            ),
            (
                |i| i.number = 1,
                "spec.injects[1].number: 1 is also the number of injects[0]",
            ),
        ];
        for (fault, want) in cases {
            let mut m = msel();
            fault(&mut m.injects[1]);
            assert_eq!(m.check(&d).unwrap_err().to_string(), want);
        }
    }

    #[test]
    fn the_schedule_orders_by_offset_then_number() {
        let mut m = msel();
        m.injects.reverse();
        let order: Vec<u32> = m.schedule().iter().map(|i| i.number).collect();
        assert_eq!(order, [1, 2, 3, 4]);
    }

    #[test]
    fn draft_submit_approve_amend_bumps_the_version() {
        let d = design();
        let spec = msel();
        let s0 = create(&spec, &d).unwrap();
        assert_eq!((s0.status, s0.version), (MselStatus::Draft, 1));
        let step = |spec: &MselSpec, st: &MselState, c: MselCommand, who: &str| {
            apply(spec, st, &c, &d, &ctx(who))
        };
        let submit = MselCommand::Submit {
            note: String::new(),
        };
        let approve = MselCommand::Approve {
            note: String::new(),
        };
        let (spec, s1) = step(&spec, &s0, submit.clone(), "planner").unwrap();
        // Only the director approves.
        assert!(matches!(
            step(&spec, &s1, approve.clone(), "planner"),
            Err(DomainError::Forbidden(_))
        ));
        let (spec, s2) = step(&spec, &s1, approve.clone(), "director").unwrap();
        assert!(s2.is_approved());
        assert_eq!(
            s2.approval.as_ref().map(|a| a.by.as_str()),
            Some("director")
        );
        let mut changed = spec.clone();
        changed.injects.push(inject(5, "D+2 00:00"));
        let amend = MselCommand::Amend {
            spec: changed.clone(),
            note: "added a media inject".into(),
        };
        let (spec, s3) = step(&spec, &s2, amend, "planner").unwrap();
        assert_eq!(
            (s3.status, s3.version, s3.approval.is_none()),
            (MselStatus::Draft, 2, true)
        );
        assert_eq!(spec, changed);
        assert_eq!(s3.notes.len(), 1);
        // Amending a draft keeps its version.
        let amend = MselCommand::Amend {
            spec: msel(),
            note: String::new(),
        };
        let (_, s4) = step(&spec, &s3, amend, "planner").unwrap();
        assert_eq!(s4.version, 2);
    }

    #[test]
    fn illegal_steps_are_refused_naming_the_state() {
        let d = design();
        let spec = msel();
        let draft = create(&spec, &d).unwrap();
        let submitted = MselState {
            status: MselStatus::Submitted,
            ..draft.clone()
        };
        let approved = MselState {
            status: MselStatus::Approved,
            ..draft.clone()
        };
        let cases = [
            (&draft, MselCommand::Approve { note: String::new() }, "cannot approve a msel that is draft: it must be submitted first"),
            (&draft, MselCommand::Return { note: "x".into() }, "cannot return a msel that is draft: only a submitted MSEL is returned"),
            (&approved, MselCommand::Submit { note: String::new() }, "cannot submit a msel that is approved: only a draft is submitted"),
            (&approved, MselCommand::Approve { note: String::new() }, "cannot approve a msel that is approved: it is already approved"),
            (&submitted, MselCommand::Amend { spec: msel(), note: String::new() }, "cannot amend a msel that is submitted: it is before the director; have it returned first"),
        ];
        for (st, c, want) in cases {
            let e = apply(&spec, st, &c, &d, &ctx("director")).unwrap_err();
            assert_eq!(e.to_string(), want);
        }
        // An empty MSEL is not submitted; a bad amendment names its path.
        let empty = MselSpec::default();
        let e = apply(
            &empty,
            &draft,
            &MselCommand::Submit {
                note: String::new(),
            },
            &d,
            &ctx("p"),
        );
        assert!(e.unwrap_err().to_string().ends_with("it has no injects"));
        let mut bad = msel();
        bad.injects[0].sender = k("ghost");
        let e = apply(
            &spec,
            &draft,
            &MselCommand::Amend {
                spec: bad,
                note: String::new(),
            },
            &d,
            &ctx("p"),
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "command.spec.injects[0].sender: no simulated actor `ghost` in the design"
        );
        let e = apply(
            &spec,
            &submitted,
            &MselCommand::Return { note: " ".into() },
            &d,
            &ctx("director"),
        );
        assert_eq!(e.unwrap_err().to_string(), "note: must not be empty");
    }

    #[test]
    fn the_msel_serializes_as_a_stored_spec() {
        let json = serde_json::to_value(msel()).unwrap();
        assert_eq!(json["injects"][3]["offset"], "D+1 06:30");
        assert_eq!(json["injects"][0]["channel"], "message");
        let back: MselSpec = serde_json::from_value(json).unwrap();
        assert_eq!(back, msel());
        let c: MselCommand = serde_json::from_str(r#"{"command":"approve"}"#).unwrap();
        assert_eq!(
            c,
            MselCommand::Approve {
                note: String::new()
            }
        );
    }
}
