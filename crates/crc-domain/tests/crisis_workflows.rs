//! The crisis workflows: random command sequences through `crisis::apply` never reach an
//! invalid state, every status of every workflow is reachable, final states never change,
//! and the rules users rely on (consensus, numbering, areas, extensions, ceilings, parsing).

mod crisis_common;

use std::collections::BTreeSet;
use std::fmt::Debug;

use chrono::{Duration, NaiveDate};
use crc_domain::crisis::decision::{
    ConsensusRule, DecisionCommand, DecisionState, DecisionStatus, Position,
};
use crc_domain::crisis::duty::{ShiftCommand, ShiftState, ShiftStatus};
use crc_domain::crisis::force::{ForceCommand, ForceSpec, ForceState, ForceStatus};
use crc_domain::crisis::group::{GroupCommand, GroupSpec, GroupState, GroupStatus};
use crc_domain::crisis::logistics::{LogisticsCommand, LogisticsState, LogisticsStatus};
use crc_domain::crisis::operation::{
    OperationCommand, OperationKind, OperationSpec, OperationState, OperationStatus,
};
use crc_domain::crisis::request::{Outcome, RequestCommand, RequestState, RequestStatus};
use crc_domain::crisis::session::{SessionCommand, SessionFormat, SessionSpec, SessionState};
use crc_domain::crisis::task::{TaskCommand, TaskSpec, TaskState, TaskStatus};
use crc_domain::crisis::workflow::{Context, Facts, Note};
use crc_domain::crisis::{self, Command, Kind, Spec, State};
use crc_domain::{DomainError, StateCode};
use crisis_common::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::RngAlgorithm;
use serde_json::json;

// ---------------------------------------------------------------------------------------
// What every workflow shares: its statuses, its final ones, and the checks of one step.
// ---------------------------------------------------------------------------------------

/// A workflow's wire names: every status, and those that never change again.
struct Wf {
    kind: Kind,
    statuses: &'static [&'static str],
    finals: &'static [&'static str],
}

const REQUEST: Wf = Wf {
    kind: Kind::Request,
    statuses: &["received", "under_consideration", "decided", "closed"],
    finals: &["closed"],
};
const SESSION: Wf = Wf {
    kind: Kind::Session,
    statuses: &["scheduled", "open", "closed", "cancelled"],
    finals: &["closed", "cancelled"],
};
const DECISION: Wf = Wf {
    kind: Kind::Decision,
    statuses: &["drafting", "tabled", "adopted", "not_adopted", "withdrawn"],
    finals: &["adopted", "not_adopted", "withdrawn"],
};
const OPERATION: Wf = Wf {
    kind: Kind::Operation,
    statuses: &[
        "established",
        "deploying",
        "conducting",
        "withdrawing",
        "terminated",
    ],
    finals: &["terminated"],
};
const FORCE: Wf = Wf {
    kind: Kind::Force,
    statuses: &[
        "requested",
        "offered",
        "declined",
        "withdrawn",
        "assigned",
        "standby",
        "mobilized",
        "deploying",
        "in_action",
        "redeploying",
        "stood_down",
    ],
    finals: &["declined", "withdrawn", "stood_down"],
};
const TASK: Wf = Wf {
    kind: Kind::Task,
    statuses: &["assigned", "in_progress", "done", "cancelled"],
    finals: &["done", "cancelled"],
};
const LOGISTICS: Wf = Wf {
    kind: Kind::Logistics,
    statuses: &["requested", "approved", "fulfilled", "refused"],
    finals: &["fulfilled", "refused"],
};
const SHIFT: Wf = Wf {
    kind: Kind::Shift,
    statuses: &["planned", "on_duty", "handed_over"],
    finals: &["handed_over"],
};
const GROUP: Wf = Wf {
    kind: Kind::Group,
    statuses: &["forming", "deployed", "withdrawn"],
    finals: &["withdrawn"],
};
const MODES: [&str; 3] = ["routine", "enhanced", "round_the_clock"];

const WORKFLOWS: [&Wf; 9] = [
    &REQUEST, &SESSION, &DECISION, &OPERATION, &FORCE, &TASK, &LOGISTICS, &SHIFT, &GROUP,
];

fn wf(kind: Kind) -> &'static Wf {
    WORKFLOWS
        .into_iter()
        .find(|w| w.kind == kind)
        .expect("a workflow")
}

/// What holds of every record a workflow produced: its status is one of the enum's wire
/// names (and the one stored), its spec still passes the checks, and both read back as
/// written.
fn check_record(wf: &Wf, spec: &Spec, state: &State) -> Result<(), TestCaseError> {
    prop_assert_eq!(spec.kind(), wf.kind);
    let status = state.status(spec);
    prop_assert!(
        wf.statuses.contains(&status),
        "{} reports status {status}, not one of {:?}",
        wf.kind,
        wf.statuses
    );
    let stored = serde_json::to_value(state).unwrap();
    prop_assert_eq!(stored["status"].as_str(), Some(status));
    prop_assert_eq!(State::parse(wf.kind, stored), Ok(state.clone()));
    let written = serde_json::to_value(spec).unwrap();
    prop_assert_eq!(Spec::parse(wf.kind, written), Ok(spec.clone()));
    prop_assert_eq!(spec.check(), Ok(()));
    Ok(())
}

/// Takes one step through `crisis::apply` and checks what holds of every step: it is a pure
/// function; a refusal leaves the record as it was and says why (by rule: naming the kind,
/// the state and the command); a final state refuses every command by rule; a new state is
/// a valid record.
fn step(
    wf: &Wf,
    spec: &Spec,
    state: &State,
    c: &Command,
    ctx: &Context,
) -> Result<Option<(Spec, State)>, TestCaseError> {
    let (spec_before, state_before) = (spec.clone(), state.clone());
    let status = state.status(spec);
    let result = crisis::apply(spec, state, c, ctx);
    prop_assert_eq!(&result, &crisis::apply(spec, state, c, ctx));
    prop_assert_eq!(spec, &spec_before);
    prop_assert_eq!(state, &state_before);
    match result {
        Err(e) => {
            match &e {
                DomainError::Transition {
                    kind,
                    state: st,
                    command,
                    reason,
                } => {
                    prop_assert_eq!(kind.as_str(), wf.kind.as_str());
                    prop_assert_eq!(st, &status.replace('_', " "));
                    prop_assert_eq!(command, &c.name().replace('_', " "));
                    prop_assert!(!reason.trim().is_empty());
                    let text = e.to_string();
                    // The command reads as a verb phrase ("record a position on"): its
                    // verb is there.
                    let verb = command.split(' ').next().unwrap_or_default();
                    for part in [kind.as_str(), st.as_str(), verb, reason.as_str()] {
                        prop_assert!(text.contains(part), "`{text}` lacks `{part}`");
                    }
                }
                DomainError::Invalid { field, message } => {
                    prop_assert!(
                        !wf.finals.contains(&status),
                        "a {} that is {status} must refuse {} by rule, not with `{e}`",
                        wf.kind,
                        c.name()
                    );
                    prop_assert!(!field.is_empty() && !message.is_empty());
                }
                DomainError::Forbidden(_) => prop_assert!(false, "apply answered `{e}`"),
            }
            Ok(None)
        }
        Ok((next_spec, next_state)) => {
            prop_assert!(
                !wf.finals.contains(&status),
                "a {} that is {status} (final) took the command {}",
                wf.kind,
                c.name()
            );
            check_record(wf, &next_spec, &next_state)?;
            Ok(Some((next_spec, next_state)))
        }
    }
}

/// `after` is `before` with `added` more items at its end.
fn appended<T: PartialEq + Debug>(
    before: &[T],
    after: &[T],
    added: usize,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(after.len(), before.len() + added);
    prop_assert_eq!(&after[..before.len()], before);
    Ok(())
}

/// A note was written by the context's actor, now, with `text`.
fn written_now(note: &Note, ctx: &Context, text: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(note.at, ctx.now);
    prop_assert_eq!(&note.by, &ctx.actor);
    prop_assert_eq!(note.text.as_str(), text);
    Ok(())
}

macro_rules! typed {
    ($name:ident, $outer:ident :: $variant:ident, $ty:ty) => {
        fn $name(x: &$outer) -> &$ty {
            match x {
                $outer::$variant(v) => v,
                other => panic!("not a {}: {other:?}", stringify!($variant)),
            }
        }
    };
}

typed!(request_of, State::Request, RequestState);
typed!(session_of, State::Session, SessionState);
typed!(decision_of, State::Decision, DecisionState);
typed!(operation_of, State::Operation, OperationState);
typed!(force_of, State::Force, ForceState);
typed!(task_of, State::Task, TaskState);
typed!(logistics_of, State::Logistics, LogisticsState);
typed!(shift_of, State::Shift, ShiftState);
typed!(group_of, State::Group, GroupState);
typed!(session_spec_of, Spec::Session, SessionSpec);
typed!(operation_spec_of, Spec::Operation, OperationSpec);
typed!(force_spec_of, Spec::Force, ForceSpec);
typed!(task_spec_of, Spec::Task, TaskSpec);
typed!(group_spec_of, Spec::Group, GroupSpec);

// ---------------------------------------------------------------------------------------
// Strategies: random but plausible commands and facts.
// ---------------------------------------------------------------------------------------

const MAX_STEPS: usize = 30;

/// 256 sequences per workflow; XorShift, because the default generator dominates the run
/// time of an unoptimized test build.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        rng_algorithm: RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    }
}

const SESSION_STATUSES: &[&str] = &[
    "scheduled",
    "open",
    "open",
    "open",
    "open",
    "open",
    "closed",
    "cancelled",
];
const DECISION_STATUSES: &[&str] = &["drafting", "tabled", "adopted", "not_adopted", "withdrawn"];
const OPERATION_STATUSES: &[&str] = &[
    "established",
    "established",
    "deploying",
    "conducting",
    "withdrawing",
    "terminated",
];

fn state_code() -> impl Strategy<Value = StateCode> {
    select(POOL.to_vec()).prop_map(sc)
}

fn some_states(min: usize) -> impl Strategy<Value = Vec<StateCode>> {
    subsequence(POOL.to_vec(), min..=POOL.len()).prop_map(|v| v.into_iter().map(sc).collect())
}

/// Free text: mostly words, sometimes empty or blank (which required texts refuse).
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => Just(" \n ".to_owned()),
        6 => select(vec![
            "Agreed",
            "See the annex",
            "Delivered by air to Almaty",
            "No. 12/345 of 2 March",
            "Погода нелётная",
            "x",
        ])
        .prop_map(String::from),
    ]
    .boxed()
}

/// Facts as the storage would read them: the parent's status from `parents`, the session's
/// participants mostly `world`, ceilings, committed personnel and forces in the field.
fn facts(parents: &'static [&'static str], world: Vec<StateCode>) -> BoxedStrategy<Facts> {
    let parent = if parents.is_empty() {
        Just(None).boxed()
    } else {
        prop::option::weighted(0.9, select(parents.to_vec()).prop_map(String::from)).boxed()
    };
    (
        parent,
        prop::option::weighted(0.9, 1i64..500),
        prop_oneof![
            6 => Just(Some(world)),
            1 => Just(None),
            1 => some_states(0).prop_map(Some),
        ],
        prop::option::weighted(0.8, 0i64..3000),
        0i64..2500,
        prop_oneof![3 => Just(0i64), 1 => 1i64..4],
        prop::option::of(select(MODES.to_vec()).prop_map(String::from)),
    )
        .prop_map(
            |(
                parent_status,
                next_number,
                session_participants,
                ceiling_personnel,
                committed_personnel,
                forces_in_field,
                current_mode,
            )| Facts {
                parent_status,
                next_number,
                session_participants,
                ceiling_personnel,
                committed_personnel,
                forces_in_field,
                current_mode,
            },
        )
        .boxed()
}

/// A context: a random moment, a random actor (some bound to a state), and facts.
fn context(facts: BoxedStrategy<Facts>) -> impl Strategy<Value = Context> {
    (
        0i64..10_000_000,
        select(vec!["duty.officer", "planner", "lo.kaz", "lo.arm", "admin"]),
        prop::option::of(state_code()),
        facts,
    )
        .prop_map(|(secs, actor, actor_state, facts)| Context {
            now: t0() + Duration::seconds(secs),
            actor: actor.to_owned(),
            actor_state,
            facts,
        })
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 6).unwrap() + Duration::days(n)
}

/// How a generated amendment changes the current spec (built at the step, from the spec
/// the record has then).
#[derive(Debug, Clone, Copy)]
enum Amend {
    /// A change the workflow accepts (if the state allows it).
    Valid(i64),
    /// A change of what is fixed (body, host state, kind, term).
    Fixed(u8),
    /// A malformed spec.
    Malformed(u8),
}

fn amend() -> impl Strategy<Value = Amend> {
    prop_oneof![
        3 => (0i64..3000).prop_map(Amend::Valid),
        1 => (0u8..3).prop_map(Amend::Fixed),
        1 => (0u8..3).prop_map(Amend::Malformed),
    ]
}

// ---------------------------------------------------------------------------------------
// Properties, one workflow at a time.
// ---------------------------------------------------------------------------------------

fn request_command() -> impl Strategy<Value = RequestCommand> {
    let outcome = select(vec![
        Outcome::Granted,
        Outcome::PartlyGranted,
        Outcome::Refused,
    ]);
    prop_oneof![
        text().prop_map(|note| RequestCommand::Consider { note }),
        (outcome, text()).prop_map(|(outcome, note)| RequestCommand::Decide { outcome, note }),
        text().prop_map(|note| RequestCommand::Close { note }),
        text().prop_map(|note| RequestCommand::Withdraw { note }),
    ]
}

fn note_of(c: &RequestCommand) -> &str {
    match c {
        RequestCommand::Consider { note }
        | RequestCommand::Decide { note, .. }
        | RequestCommand::Close { note }
        | RequestCommand::Withdraw { note } => note,
    }
}

proptest! {
    #![proptest_config(config())]

    /// A request has an outcome exactly when it was decided, its notes only grow, and once
    /// closed it never changes.
    #[test]
    fn request_never_reaches_an_invalid_state(
        steps in vec((request_command(), context(facts(&[], vec![]))), 0..MAX_STEPS)
    ) {
        let mut spec = request_spec("KAZ");
        let mut state = crisis::create(&spec, &ctx(Facts::default())).unwrap();
        check_record(&REQUEST, &spec, &state)?;
        let mut decided = false;
        for (c, cx) in steps {
            let before = request_of(&state).clone();
            let Some((s, st)) = step(&REQUEST, &spec, &state, &Command::Request(c.clone()), &cx)?
            else { continue };
            let r = request_of(&st);
            prop_assert!(r.is_consistent(), "{r:?}");
            if let RequestCommand::Decide { outcome, .. } = &c {
                prop_assert_eq!(before.status, RequestStatus::UnderConsideration);
                prop_assert_eq!(r.outcome, Some(*outcome));
                decided = true;
            }
            prop_assert_eq!(r.outcome.is_some(), decided, "{:?}", r);
            if r.status == RequestStatus::Decided {
                prop_assert!(decided);
            }
            let note = note_of(&c);
            let added = usize::from(!note.trim().is_empty());
            appended(&before.notes, &r.notes, added)?;
            if added == 1 {
                written_now(r.notes.last().unwrap(), &cx, note)?;
            }
            spec = s;
            state = st;
        }
    }
}

#[derive(Debug, Clone)]
enum SessionAct {
    Amend(Amend),
    Command(SessionCommand),
}

fn session_act() -> impl Strategy<Value = SessionAct> {
    prop_oneof![
        1 => amend().prop_map(SessionAct::Amend),
        2 => Just(SessionAct::Command(SessionCommand::Open)),
        2 => text().prop_map(|minutes| SessionAct::Command(SessionCommand::Close { minutes })),
        1 => text().prop_map(|reason| SessionAct::Command(SessionCommand::Cancel { reason })),
    ]
}

fn session_amendment(current: &SessionSpec, a: Amend) -> SessionSpec {
    let mut s = current.clone();
    match a {
        Amend::Valid(n) => {
            s.agenda.push(format!("Item {n}"));
            s.scheduled_at += Duration::minutes(n);
            if n % 2 == 0 {
                s.format = SessionFormat::InPerson;
                s.link = None;
                s.place = "Moscow".into();
            }
            s.participants.truncate(1 + (n as usize) % POOL.len());
        }
        Amend::Fixed(_) => s.body = "council_of_foreign_ministers".into(),
        Amend::Malformed(0) => {
            s.format = SessionFormat::Videoconference;
            s.link = None;
        }
        Amend::Malformed(1) => s.participants.push(s.participants[0].clone()),
        Amend::Malformed(_) => s.agenda.clear(),
    }
    s
}

proptest! {
    #![proptest_config(config())]

    /// A session keeps its number and body; it has minutes exactly when closed and a reason
    /// exactly when cancelled; closed and cancelled sessions never change.
    #[test]
    fn session_never_reaches_an_invalid_state(
        number in 1i64..200,
        steps in vec((session_act(), context(facts(&[], vec![]))), 0..MAX_STEPS)
    ) {
        let mut spec = session_spec();
        let created = ctx(Facts { next_number: Some(number), ..Facts::default() });
        let mut state = crisis::create(&spec, &created).unwrap();
        check_record(&SESSION, &spec, &state)?;
        for (act, cx) in steps {
            let c = match act {
                SessionAct::Amend(a) => SessionCommand::Amend {
                    spec: session_amendment(session_spec_of(&spec), a),
                },
                SessionAct::Command(c) => c,
            };
            let Some((s, st)) = step(&SESSION, &spec, &state, &Command::Session(c.clone()), &cx)?
            else { continue };
            let (ss, sst) = (session_spec_of(&s), session_of(&st));
            prop_assert_eq!(sst.number, number);
            prop_assert_eq!(&ss.body, &session_spec_of(&spec).body);
            prop_assert_eq!(sst.minutes.is_some(), st.status(&s) == "closed");
            prop_assert_eq!(sst.cancelled_because.is_some(), st.status(&s) == "cancelled");
            spec = s;
            state = st;
        }
    }
}

/// A decision's commands; positions are mostly those of the session's participants, and
/// mostly in favour, so that sequences reach adoption as well as its refusal.
fn decision_command(world: Vec<StateCode>) -> impl Strategy<Value = DecisionCommand> {
    let position = prop_oneof![
        4 => Just(Position::Agrees),
        1 => Just(Position::Objects),
        1 => Just(Position::Abstains),
    ];
    let delegation = prop_oneof![4 => select(world), 1 => state_code()];
    prop_oneof![
        1 => text().prop_map(|text| DecisionCommand::Revise { text }),
        1 => (state_code(), text()).prop_map(|(state, text)| DecisionCommand::Comment { state, text }),
        2 => Just(DecisionCommand::Table),
        10 => (delegation, position)
            .prop_map(|(state, position)| DecisionCommand::RecordPosition { state, position }),
        4 => Just(DecisionCommand::Conclude),
        1 => text().prop_map(|reason| DecisionCommand::Withdraw { reason }),
    ]
}

/// A decision's rule, its session's participants, and its steps: half the time tabled first,
/// then commands in contexts mostly naming those participants.
fn decision_case() -> impl Strategy<Value = (ConsensusRule, Vec<(DecisionCommand, Context)>)> {
    (
        select(vec![ConsensusRule::NoObjection, ConsensusRule::Unanimity]),
        subsequence(POOL.to_vec(), 1..=4).prop_map(|v| v.into_iter().map(sc).collect::<Vec<_>>()),
        any::<bool>(),
    )
        .prop_flat_map(|(rule, world, tabled_first)| {
            let first = participants(&world.iter().map(|s| s.as_str()).collect::<Vec<_>>());
            let step = (
                decision_command(world.clone()),
                context(facts(SESSION_STATUSES, world)),
            );
            vec(step, 0..MAX_STEPS).prop_map(move |mut steps| {
                if tabled_first {
                    steps.insert(0, (DecisionCommand::Table, first.clone()));
                }
                (rule, steps)
            })
        })
}

proptest! {
    #![proptest_config(config())]

    /// A decision is consistent after every step; its participants are its session's when
    /// tabled and never change after; an adopted decision's positions satisfy its rule and
    /// cover every participant, with the number from the facts and the date of the day; a
    /// decision not adopted has every position and fails its rule; concluded and withdrawn
    /// decisions never change.
    #[test]
    fn decision_never_reaches_an_invalid_state((rule, steps) in decision_case()) {
        let rule_name = match rule {
            ConsensusRule::NoObjection => "no_objection",
            ConsensusRule::Unanimity => "unanimity",
        };
        let mut spec = decision_spec(rule_name);
        let mut state = crisis::create(&spec, &ctx(Facts::default())).unwrap();
        check_record(&DECISION, &spec, &state)?;
        prop_assert!(decision_of(&state).is_consistent());
        for (c, cx) in steps {
            let before = decision_of(&state).clone();
            let Some((s, st)) = step(&DECISION, &spec, &state, &Command::Decision(c.clone()), &cx)?
            else { continue };
            let d = decision_of(&st);
            prop_assert!(d.is_consistent(), "{d:?}");
            let Spec::Decision(ds) = &s else { unreachable!() };
            prop_assert_eq!(ds.rule, rule);
            // Versions are numbered 1, 2, ... and the spec holds the last one's text.
            for (i, v) in d.versions.iter().enumerate() {
                prop_assert_eq!(v.number, i as i64 + 1);
            }
            prop_assert_eq!(&d.versions.last().unwrap().note.text, &ds.text);
            let revised = usize::from(matches!(c, DecisionCommand::Revise { .. }));
            appended(&before.versions, &d.versions, revised)?;
            let commented = usize::from(matches!(c, DecisionCommand::Comment { .. }));
            appended(&before.comments, &d.comments, commented)?;
            if commented == 1 {
                prop_assert_eq!(d.comments.last().unwrap().version, d.versions.len() as i64);
            }
            // Participants: the session's, fixed when tabled.
            match &c {
                DecisionCommand::Table => {
                    prop_assert!(matches!(cx.facts.parent_status.as_deref(), Some("scheduled" | "open")));
                    prop_assert_eq!(Some(&d.participants), cx.facts.session_participants.as_ref());
                    prop_assert!(!d.participants.is_empty());
                }
                _ => prop_assert_eq!(&d.participants, &before.participants),
            }
            if !matches!(c, DecisionCommand::RecordPosition { .. }) {
                prop_assert_eq!(&d.positions, &before.positions);
            }
            let all_positions = d.participants.iter().all(|p| d.positions.contains_key(p))
                && d.positions.len() == d.participants.len();
            match d.status {
                DecisionStatus::Adopted => {
                    prop_assert!(all_positions, "{d:?}");
                    prop_assert!(rule.adopts(&d.positions), "{d:?}");
                    prop_assert!(!d.participants.is_empty());
                    prop_assert_eq!(&c, &DecisionCommand::Conclude);
                    prop_assert_eq!(cx.facts.parent_status.as_deref(), Some("open"));
                    prop_assert_eq!(d.number, cx.facts.next_number);
                    prop_assert_eq!(d.adopted_on, Some(cx.now.date_naive()));
                }
                DecisionStatus::NotAdopted => {
                    prop_assert!(all_positions, "{d:?}");
                    prop_assert!(!rule.adopts(&d.positions), "{d:?}");
                    prop_assert_eq!(cx.facts.parent_status.as_deref(), Some("open"));
                }
                DecisionStatus::Tabled => prop_assert!(!d.participants.is_empty()),
                DecisionStatus::Drafting | DecisionStatus::Withdrawn => {}
            }
            spec = s;
            state = st;
        }
    }
}

#[derive(Debug, Clone)]
enum OperationAct {
    Amend(Amend),
    Command(OperationCommand),
}

fn operation_act() -> impl Strategy<Value = OperationAct> {
    use OperationCommand::*;
    prop_oneof![
        2 => amend().prop_map(OperationAct::Amend),
        2 => Just(OperationAct::Command(BeginDeployment)),
        2 => Just(OperationAct::Command(BeginExecution)),
        2 => (0i64..120, text())
            .prop_map(|(d, basis)| OperationAct::Command(Extend { until: day(d), basis })),
        2 => Just(OperationAct::Command(BeginWithdrawal)),
        2 => Just(OperationAct::Command(Terminate)),
    ]
}

fn operation_amendment(current: &OperationSpec, a: Amend) -> OperationSpec {
    let mut s = current.clone();
    match a {
        Amend::Valid(n) => {
            s.ceiling.personnel = n;
            s.mandate = format!("Mandate, revision {n}");
            if n % 3 == 0 {
                s.facilities.clear();
            }
        }
        Amend::Fixed(0) => s.host_state = sc("ARM"),
        Amend::Fixed(1) => s.kind = OperationKind::Humanitarian,
        Amend::Fixed(_) => s.ends_on += Duration::days(1),
        Amend::Malformed(0) => s.area.swap(1, 2),
        Amend::Malformed(1) => s.area.truncate(2),
        Amend::Malformed(_) => s.ceiling.personnel = -1,
    }
    s
}

fn operation_rank(s: OperationStatus) -> u8 {
    match s {
        OperationStatus::Established => 0,
        OperationStatus::Deploying => 1,
        OperationStatus::Conducting => 2,
        OperationStatus::Withdrawing => 3,
        OperationStatus::Terminated => 4,
    }
}

proptest! {
    #![proptest_config(config())]

    /// An operation keeps its host state and kind, its area stays a simple polygon, its term
    /// moves only later and only by recorded extensions, its ceiling is never amended below
    /// the personnel already accepted, it only moves forward, it terminates only with no
    /// force in the field, and once terminated it never changes.
    #[test]
    fn operation_never_reaches_an_invalid_state(
        steps in vec((operation_act(), context(facts(&[], vec![]))), 0..MAX_STEPS)
    ) {
        let mut spec = operation_spec();
        let first = operation_spec_of(&spec).clone();
        let mut state = crisis::create(&spec, &with_parent("adopted")).unwrap();
        check_record(&OPERATION, &spec, &state)?;
        for (act, cx) in steps {
            let c = match act {
                OperationAct::Amend(a) => OperationCommand::Amend {
                    spec: operation_amendment(operation_spec_of(&spec), a),
                },
                OperationAct::Command(c) => c,
            };
            let before = operation_of(&state).clone();
            let Some((s, st)) = step(&OPERATION, &spec, &state, &Command::Operation(c.clone()), &cx)?
            else { continue };
            let (os, o) = (operation_spec_of(&s), operation_of(&st));
            prop_assert_eq!(&os.host_state, &first.host_state);
            prop_assert_eq!(os.kind, first.kind);
            prop_assert!(operation_rank(o.status) >= operation_rank(before.status));
            // The term: the first last day, then each extension's, the last one in force.
            let mut end = first.ends_on;
            for e in &o.extensions {
                prop_assert_eq!(e.from, end);
                prop_assert!(e.until > e.from);
                end = e.until;
            }
            prop_assert_eq!(os.ends_on, end);
            let extended = usize::from(matches!(c, OperationCommand::Extend { .. }));
            appended(&before.extensions, &o.extensions, extended)?;
            match &c {
                OperationCommand::Amend { .. } => {
                    prop_assert!(os.ceiling.personnel >= cx.facts.committed_personnel);
                    prop_assert_eq!(o, &before);
                }
                OperationCommand::Terminate => prop_assert!(cx.facts.forces_in_field <= 0),
                _ => {}
            }
            spec = s;
            state = st;
        }
    }
}

fn force_command() -> impl Strategy<Value = ForceCommand> {
    use ForceCommand::*;
    prop_oneof![
        2 => Just(Offer),
        3 => Just(Accept),
        1 => text().prop_map(|reason| Decline { reason }),
        1 => text().prop_map(|reason| Withdraw { reason }),
        2 => Just(Standby),
        3 => Just(Mobilize),
        3 => Just(Deploy),
        3 => Just(Arrive),
        3 => Just(Redeploy),
        1 => Just(StandDown),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Accepting a contingent never brings the committed personnel above the ceiling given
    /// in the facts, and happens only while the operation is generating or using its force;
    /// only an accepted contingent moves; declined, withdrawn and stood-down contingents
    /// never change.
    #[test]
    fn force_never_reaches_an_invalid_state(
        personnel in 0i64..1500,
        requested in any::<bool>(),
        steps in vec((force_command(), context(facts(OPERATION_STATUSES, vec![]))), 0..MAX_STEPS)
    ) {
        let initial = if requested { "requested" } else { "offered" };
        let mut spec = force_spec(Some("RUS"), personnel, initial);
        let mut state = crisis::create(&spec, &ctx(Facts::default())).unwrap();
        check_record(&FORCE, &spec, &state)?;
        let mut accepted = false;
        for (c, cx) in steps {
            let before = force_of(&state).status;
            let Some((s, st)) = step(&FORCE, &spec, &state, &Command::Force(c.clone()), &cx)?
            else { continue };
            let status = force_of(&st).status;
            prop_assert_eq!(force_spec_of(&s), force_spec_of(&spec));
            prop_assert_eq!(status.is_final(), FORCE.finals.contains(&status.as_str()));
            if c == ForceCommand::Accept {
                prop_assert_eq!(before, ForceStatus::Offered);
                prop_assert!(matches!(
                    cx.facts.parent_status.as_deref(),
                    Some("established" | "deploying" | "conducting")
                ));
                if let Some(ceiling) = cx.facts.ceiling_personnel {
                    prop_assert!(
                        cx.facts.committed_personnel + personnel <= ceiling,
                        "{} + {personnel} accepted above the ceiling {ceiling}",
                        cx.facts.committed_personnel
                    );
                }
                accepted = true;
            }
            if status.in_force() || status == ForceStatus::StoodDown {
                prop_assert!(accepted, "{status:?} without being accepted");
            }
            spec = s;
            state = st;
        }
    }
}

fn task_command() -> impl Strategy<Value = TaskCommand> {
    prop_oneof![
        3 => text().prop_map(|text| TaskCommand::Report { text }),
        1 => text().prop_map(|text| TaskCommand::Complete { text }),
        2 => (-10i64..40, text()).prop_map(|(d, reason)| TaskCommand::Reschedule {
            deadline: t0() + Duration::days(d),
            reason,
        }),
        1 => text().prop_map(|reason| TaskCommand::Cancel { reason }),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// A task is done exactly when it has the time it was done; every step adds one report;
    /// its deadline only moves later; done and cancelled tasks never change (nor are they
    /// overdue).
    #[test]
    fn task_never_reaches_an_invalid_state(
        by_state in any::<bool>(),
        steps in vec((task_command(), context(facts(DECISION_STATUSES, vec![]))), 0..MAX_STEPS)
    ) {
        let responsible = if by_state { json!({"state": "KAZ"}) } else { json!({"body": "joint_staff"}) };
        let mut spec = task_spec(responsible);
        let mut state = crisis::create(&spec, &with_parent("adopted")).unwrap();
        check_record(&TASK, &spec, &state)?;
        for (c, cx) in steps {
            let before = task_of(&state).clone();
            let Some((s, st)) = step(&TASK, &spec, &state, &Command::Task(c.clone()), &cx)?
            else { continue };
            let (ts, t) = (task_spec_of(&s), task_of(&st));
            prop_assert_eq!(t.done_at.is_some(), t.status == TaskStatus::Done);
            if t.status == TaskStatus::Done {
                prop_assert_eq!(t.done_at, Some(cx.now));
            }
            prop_assert_eq!(t.status.is_open(), !TASK.finals.contains(&st.status(&s)));
            appended(&before.reports, &t.reports, 1)?;
            prop_assert_eq!(t.reports.last().unwrap().at, cx.now);
            let old = task_spec_of(&spec).deadline;
            match &c {
                TaskCommand::Reschedule { deadline, .. } => {
                    prop_assert!(*deadline > old);
                    prop_assert_eq!(ts.deadline, *deadline);
                }
                _ => prop_assert_eq!(ts.deadline, old),
            }
            if !t.status.is_open() {
                prop_assert!(!t.overdue(ts, cx.now + Duration::days(3650)));
                prop_assert_eq!(s.due(&st), None);
            }
            spec = s;
            state = st;
        }
    }
}

fn logistics_command() -> impl Strategy<Value = LogisticsCommand> {
    prop_oneof![
        text().prop_map(|note| LogisticsCommand::Approve { note }),
        text().prop_map(|reason| LogisticsCommand::Refuse { reason }),
        text().prop_map(|note| LogisticsCommand::Fulfil { note }),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// A logistics request moves requested → approved → fulfilled or requested → refused,
    /// keeps every note, and once fulfilled or refused never changes.
    #[test]
    fn logistics_never_reaches_an_invalid_state(
        steps in vec((logistics_command(), context(facts(OPERATION_STATUSES, vec![]))), 0..MAX_STEPS)
    ) {
        let mut spec = logistics_spec("KAZ");
        let mut state = crisis::create(&spec, &ctx(Facts::default())).unwrap();
        check_record(&LOGISTICS, &spec, &state)?;
        for (c, cx) in steps {
            let before = logistics_of(&state).clone();
            let Some((s, st)) = step(&LOGISTICS, &spec, &state, &Command::Logistics(c.clone()), &cx)?
            else { continue };
            let l = logistics_of(&st);
            let (expected, note) = match &c {
                LogisticsCommand::Approve { note } => ((LogisticsStatus::Requested, LogisticsStatus::Approved), note),
                LogisticsCommand::Refuse { reason } => ((LogisticsStatus::Requested, LogisticsStatus::Refused), reason),
                LogisticsCommand::Fulfil { note } => ((LogisticsStatus::Approved, LogisticsStatus::Fulfilled), note),
            };
            prop_assert_eq!((before.status, l.status), expected);
            let added = usize::from(!note.trim().is_empty());
            appended(&before.notes, &l.notes, added)?;
            if added == 1 {
                written_now(l.notes.last().unwrap(), &cx, note)?;
            }
            spec = s;
            state = st;
        }
    }
}

fn shift_command() -> impl Strategy<Value = ShiftCommand> {
    prop_oneof![
        Just(ShiftCommand::TakeOver),
        text().prop_map(|notes| ShiftCommand::HandOver { notes }),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// A shift has taken over exactly when it is on duty or handed over, has handover notes
    /// exactly when handed over, and once handed over never changes.
    #[test]
    fn shift_never_reaches_an_invalid_state(
        steps in vec((shift_command(), context(facts(&[], vec![]))), 0..MAX_STEPS)
    ) {
        let mut spec = shift_spec();
        let mut state = crisis::create(&spec, &ctx(Facts::default())).unwrap();
        check_record(&SHIFT, &spec, &state)?;
        for (c, cx) in steps {
            let Some((s, st)) = step(&SHIFT, &spec, &state, &Command::Shift(c.clone()), &cx)?
            else { continue };
            let sh = shift_of(&st);
            prop_assert_eq!(sh.took_over_at.is_some(), sh.status != ShiftStatus::Planned);
            prop_assert_eq!(sh.handover.is_some(), sh.status == ShiftStatus::HandedOver);
            match &c {
                ShiftCommand::TakeOver => prop_assert_eq!(sh.took_over_at, Some(cx.now)),
                ShiftCommand::HandOver { notes } => {
                    written_now(sh.handover.as_ref().unwrap(), &cx, notes)?
                }
            }
            spec = s;
            state = st;
        }
    }
}

#[derive(Debug, Clone)]
enum GroupAct {
    Amend(Amend),
    Command(GroupCommand),
}

fn group_act() -> impl Strategy<Value = GroupAct> {
    prop_oneof![
        amend().prop_map(GroupAct::Amend),
        Just(GroupAct::Command(GroupCommand::Deploy)),
        Just(GroupAct::Command(GroupCommand::Withdraw)),
    ]
}

fn group_amendment(current: &GroupSpec, a: Amend) -> GroupSpec {
    let mut s = current.clone();
    match a {
        Amend::Valid(n) => s.name = format!("Operational group {n}"),
        Amend::Fixed(_) => s.members.clear(),
        Amend::Malformed(0) => s.name = " ".into(),
        Amend::Malformed(1) => s.head.name.clear(),
        Amend::Malformed(_) => s.location.name = "a\nb".into(),
    }
    s
}

proptest! {
    #![proptest_config(config())]

    /// An operational group is amended without changing its status, deploys once, and once
    /// withdrawn never changes.
    #[test]
    fn group_never_reaches_an_invalid_state(
        steps in vec((group_act(), context(facts(OPERATION_STATUSES, vec![]))), 0..MAX_STEPS)
    ) {
        let mut spec = group_spec();
        let mut state = crisis::create(&spec, &ctx(Facts::default())).unwrap();
        check_record(&GROUP, &spec, &state)?;
        for (act, cx) in steps {
            let c = match act {
                GroupAct::Amend(a) => GroupCommand::Amend { spec: group_amendment(group_spec_of(&spec), a) },
                GroupAct::Command(c) => c,
            };
            let before = group_of(&state).status;
            let Some((s, st)) = step(&GROUP, &spec, &state, &Command::Group(c.clone()), &cx)?
            else { continue };
            let after = group_of(&st).status;
            match &c {
                GroupCommand::Amend { spec: new } => {
                    prop_assert_eq!(after, before);
                    prop_assert_eq!(group_spec_of(&s), new);
                }
                GroupCommand::Deploy => prop_assert_eq!((before, after), (GroupStatus::Forming, GroupStatus::Deployed)),
                GroupCommand::Withdraw => prop_assert_eq!(after, GroupStatus::Withdrawn),
            }
            spec = s;
            state = st;
        }
    }

    /// A change of operating mode is recorded from the current mode (routine when none is
    /// known) to a different one, and a recorded change takes no command.
    #[test]
    fn mode_changes_only_to_a_different_mode(
        current in prop::option::of(select(vec!["routine", "enhanced", "round_the_clock", "unknown"])),
        to in select(MODES.to_vec()),
        c in request_command(),
    ) {
        let spec = mode_spec(to);
        let facts = Facts { current_mode: current.map(String::from), ..Facts::default() };
        let from = match current {
            Some(m) if m != "unknown" => m,
            _ => "routine",
        };
        match crisis::create(&spec, &ctx(facts)) {
            Ok(state) => {
                prop_assert_ne!(from, to);
                prop_assert_eq!(state.status(&spec), to);
                let stored = serde_json::to_value(&state).unwrap();
                prop_assert_eq!(stored["from"].as_str(), Some(from));
                prop_assert_eq!(State::parse(Kind::Mode, stored), Ok(state.clone()));
                let refused = crisis::apply(&spec, &state, &Command::Request(c), &ctx(Facts::default()));
                let is_command_error =
                    matches!(&refused, Err(DomainError::Invalid { field, .. }) if field == "command");
                prop_assert!(is_command_error, "{:?}", refused);
            }
            Err(e) => {
                prop_assert_eq!(from, to);
                let text = e.to_string();
                prop_assert!(text.contains("operating mode"), "{text}");
                prop_assert!(text.contains(&to.replace('_', " ")), "{text}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reachability: every status of every workflow is reached by a targeted sequence, so the
// properties above are about states that exist; and every final state refuses every
// command, in any context.
// ---------------------------------------------------------------------------------------

/// Runs `commands` from the record created with `spec`, every step accepted, and returns
/// every record visited (the first included).
fn walk(spec: Spec, created: &Context, commands: &[(Command, Context)]) -> Vec<(Spec, State)> {
    let w = wf(spec.kind());
    let state = crisis::create(&spec, created).unwrap();
    check_record(w, &spec, &state).unwrap();
    let mut visited = vec![(spec, state)];
    for (c, cx) in commands {
        let (spec, state) = visited.last().unwrap();
        let next = step(w, spec, state, c, cx).unwrap().unwrap_or_else(|| {
            panic!(
                "{} refused: {:?}",
                c.name(),
                crisis::apply(spec, state, c, cx).unwrap_err().to_string()
            )
        });
        visited.push(next);
    }
    visited
}

/// Every context a step may come in: each parent status (and none), with permissive facts.
fn every_context() -> Vec<Context> {
    let parents = [
        None,
        Some("scheduled"),
        Some("open"),
        Some("closed"),
        Some("cancelled"),
        Some("adopted"),
        Some("established"),
        Some("deploying"),
        Some("conducting"),
        Some("withdrawing"),
        Some("terminated"),
    ];
    parents
        .into_iter()
        .map(|p| {
            ctx(Facts {
                parent_status: p.map(String::from),
                next_number: Some(1),
                session_participants: Some(POOL.iter().map(|s| sc(s)).collect()),
                ceiling_personnel: None,
                committed_personnel: 0,
                forces_in_field: 0,
                current_mode: None,
            })
        })
        .collect()
}

fn c(kind: Kind, v: serde_json::Value) -> Command {
    cmd(kind, v)
}

fn participants(states: &[&str]) -> Context {
    ctx(Facts {
        parent_status: Some("open".into()),
        next_number: Some(17),
        session_participants: Some(states.iter().map(|s| sc(s)).collect()),
        ..Facts::default()
    })
}

/// Targeted sequences through every workflow, covering every status.
fn reaching_every_status() -> Vec<Vec<(Spec, State)>> {
    let any = ctx(Facts::default());
    let open = participants(&["KAZ", "ARM"]);
    let position = |s: &str, p: &str| {
        (
            c(
                Kind::Decision,
                json!({"command": "record_position", "state": s, "position": p}),
            ),
            open.clone(),
        )
    };
    let r = |v| (c(Kind::Request, v), any.clone());
    let se = |v| (c(Kind::Session, v), any.clone());
    let o = |v| (c(Kind::Operation, v), any.clone());
    let established = ctx(Facts {
        parent_status: Some("established".into()),
        ceiling_personnel: Some(2500),
        committed_personnel: 1000,
        ..Facts::default()
    });
    let f = |v| (c(Kind::Force, v), established.clone());
    let t = |v| (c(Kind::Task, v), any.clone());
    let l = |v| (c(Kind::Logistics, v), any.clone());
    let sh = |v| (c(Kind::Shift, v), any.clone());
    let g = |v| (c(Kind::Group, v), any.clone());
    let numbered = ctx(Facts {
        next_number: Some(4),
        ..Facts::default()
    });
    vec![
        walk(
            request_spec("KAZ"),
            &any,
            &[
                r(json!({"command": "consider"})),
                r(json!({"command": "decide", "outcome": "partly_granted"})),
                r(json!({"command": "close"})),
            ],
        ),
        walk(
            request_spec("KAZ"),
            &any,
            &[r(json!({"command": "withdraw", "note": "Resolved"}))],
        ),
        walk(
            session_spec(),
            &numbered,
            &[
                se(json!({"command": "amend", "spec": session_json()})),
                se(json!({"command": "open"})),
                se(json!({"command": "close", "minutes": "Decided on the operation"})),
            ],
        ),
        walk(
            session_spec(),
            &numbered,
            &[se(json!({"command": "cancel", "reason": "Postponed"}))],
        ),
        walk(
            decision_spec("no_objection"),
            &any,
            &[
                (
                    c(
                        Kind::Decision,
                        json!({"command": "comment", "state": "KAZ", "text": "Agreed"}),
                    ),
                    any.clone(),
                ),
                (
                    c(
                        Kind::Decision,
                        json!({"command": "revise", "text": "Second text"}),
                    ),
                    any.clone(),
                ),
                (c(Kind::Decision, json!({"command": "table"})), open.clone()),
                position("KAZ", "agrees"),
                position("ARM", "abstains"),
                (
                    c(Kind::Decision, json!({"command": "conclude"})),
                    open.clone(),
                ),
            ],
        ),
        walk(
            decision_spec("no_objection"),
            &any,
            &[
                (c(Kind::Decision, json!({"command": "table"})), open.clone()),
                position("KAZ", "agrees"),
                position("ARM", "objects"),
                (
                    c(Kind::Decision, json!({"command": "conclude"})),
                    open.clone(),
                ),
            ],
        ),
        walk(
            decision_spec("unanimity"),
            &any,
            &[(
                c(
                    Kind::Decision,
                    json!({"command": "withdraw", "reason": "Superseded"}),
                ),
                any.clone(),
            )],
        ),
        walk(
            operation_spec(),
            &with_parent("adopted"),
            &[
                o(json!({"command": "begin_deployment"})),
                o(json!({"command": "begin_execution"})),
                o(json!({"command": "extend", "until": "2025-05-06", "basis": "Decision No. 18"})),
                o(json!({"command": "begin_withdrawal"})),
                o(json!({"command": "terminate"})),
            ],
        ),
        walk(
            force_spec(Some("RUS"), 600, "requested"),
            &any,
            &[
                f(json!({"command": "offer"})),
                f(json!({"command": "accept"})),
                f(json!({"command": "standby"})),
                f(json!({"command": "mobilize"})),
                f(json!({"command": "deploy"})),
                f(json!({"command": "arrive"})),
                f(json!({"command": "redeploy"})),
                f(json!({"command": "stand_down"})),
            ],
        ),
        walk(
            force_spec(Some("RUS"), 600, "offered"),
            &any,
            &[f(json!({"command": "decline", "reason": "Not needed"}))],
        ),
        walk(
            force_spec(Some("RUS"), 600, "requested"),
            &any,
            &[f(
                json!({"command": "withdraw", "reason": "Needed at home"}),
            )],
        ),
        walk(
            task_spec(json!({"state": "KAZ"})),
            &with_parent("adopted"),
            &[
                t(json!({"command": "report", "text": "Half done"})),
                t(json!({"command": "complete", "text": "Done"})),
            ],
        ),
        walk(
            task_spec(json!({"body": "joint_staff"})),
            &with_parent("adopted"),
            &[t(json!({"command": "cancel", "reason": "Overtaken"}))],
        ),
        walk(
            logistics_spec("KAZ"),
            &any,
            &[
                l(json!({"command": "approve"})),
                l(json!({"command": "fulfil", "note": "Delivered"})),
            ],
        ),
        walk(
            logistics_spec("KAZ"),
            &any,
            &[l(json!({"command": "refuse", "reason": "No stocks"}))],
        ),
        walk(
            shift_spec(),
            &any,
            &[
                sh(json!({"command": "take_over"})),
                sh(json!({"command": "hand_over", "notes": "Quiet"})),
            ],
        ),
        walk(
            group_spec(),
            &any,
            &[
                g(json!({"command": "deploy"})),
                g(json!({"command": "amend", "spec": group_json()})),
                g(json!({"command": "withdraw"})),
            ],
        ),
    ]
}

#[test]
fn every_status_of_every_workflow_is_reachable() {
    let walks = reaching_every_status();
    for w in WORKFLOWS {
        let reached: BTreeSet<&str> = walks
            .iter()
            .flatten()
            .filter(|(spec, _)| spec.kind() == w.kind)
            .map(|(spec, state)| state.status(spec))
            .collect();
        let all: BTreeSet<&str> = w.statuses.iter().copied().collect();
        assert_eq!(reached, all, "statuses of {} reached", w.kind);
    }
    // Modes: each of the three is reached from another.
    let mut reached = BTreeSet::new();
    for (from, to) in [
        ("routine", "enhanced"),
        ("enhanced", "round_the_clock"),
        ("round_the_clock", "routine"),
    ] {
        let spec = mode_spec(to);
        let facts = Facts {
            current_mode: Some(from.into()),
            ..Facts::default()
        };
        let state = crisis::create(&spec, &ctx(facts)).unwrap();
        reached.insert(state.status(&spec));
    }
    assert_eq!(reached, MODES.into_iter().collect());
}

#[test]
fn every_final_state_refuses_every_command_by_rule() {
    let mut finals = BTreeSet::new();
    for (spec, state) in reaching_every_status().into_iter().flatten() {
        let w = wf(spec.kind());
        let status = state.status(&spec);
        if !w.finals.contains(&status) {
            continue;
        }
        finals.insert((spec.kind(), status));
        for command in every_command(spec.kind()) {
            for cx in every_context() {
                let e = crisis::apply(&spec, &state, &command, &cx).expect_err(&format!(
                    "a {} that is {status} took {}",
                    spec.kind(),
                    command.name()
                ));
                assert!(
                    matches!(e, DomainError::Transition { .. }),
                    "a {} that is {status} refused {} with `{e}`",
                    spec.kind(),
                    command.name()
                );
            }
        }
    }
    let expected: usize = WORKFLOWS.iter().map(|w| w.finals.len()).sum();
    assert_eq!(finals.len(), expected);
}

#[test]
fn every_command_has_its_wire_name_and_belongs_to_its_kind() {
    for spec in every_spec() {
        for command in every_command(spec.kind()) {
            let v = serde_json::to_value(&command).unwrap();
            assert_eq!(v["command"].as_str(), Some(command.name()));
            assert_eq!(Command::parse(spec.kind(), v), Ok(command.clone()));
        }
        for other in Kind::ALL.into_iter().filter(|k| *k != spec.kind()) {
            for command in every_command(other) {
                let state = match spec.kind() {
                    Kind::Mode => crisis::create(&spec, &ctx(Facts::default())).unwrap(),
                    _ => crisis::create(&spec, &participants(&["KAZ"])).unwrap_or_else(|_| {
                        crisis::create(&spec, &with_parent("adopted")).unwrap()
                    }),
                };
                let e = crisis::apply(&spec, &state, &command, &any_ctx()).unwrap_err();
                assert!(
                    matches!(&e, DomainError::Invalid { field, .. } if field == "command"),
                    "{e}"
                );
            }
        }
    }
}

fn any_ctx() -> Context {
    ctx(Facts::default())
}

// ---------------------------------------------------------------------------------------
// Examples: the rules users rely on.
// ---------------------------------------------------------------------------------------

fn positions(list: &[(&str, Position)]) -> std::collections::BTreeMap<StateCode, Position> {
    list.iter().map(|(s, p)| (sc(s), *p)).collect()
}

/// Tables a decision before a session of `states`, records their positions, concludes.
fn conclude_with(rule: &str, list: &[(&str, Position)]) -> Result<DecisionState, DomainError> {
    let states: Vec<&str> = list.iter().map(|(s, _)| *s).collect();
    let open = participants(&states);
    let spec = decision_spec(rule);
    let mut state = crisis::create(&spec, &open)?;
    let table = c(Kind::Decision, json!({"command": "table"}));
    state = crisis::apply(&spec, &state, &table, &open)?.1;
    for (s, p) in list {
        let record = Command::Decision(DecisionCommand::RecordPosition {
            state: sc(s),
            position: *p,
        });
        state = crisis::apply(&spec, &state, &record, &open)?.1;
    }
    let conclude = c(Kind::Decision, json!({"command": "conclude"}));
    let (_, state) = crisis::apply(&spec, &state, &conclude, &open)?;
    Ok(decision_of(&state).clone())
}

#[test]
fn consensus_by_default_is_no_objection_among_those_taking_part() {
    let Spec::Decision(d) = spec(
        Kind::Decision,
        json!({"title": "T", "prepared_by": "secretariat", "text": "Text"}),
    ) else {
        unreachable!()
    };
    assert_eq!(d.rule, ConsensusRule::NoObjection);
    let rule = ConsensusRule::default();
    use Position::*;
    assert!(rule.adopts(&positions(&[("KAZ", Agrees), ("ARM", Abstains)])));
    assert!(!rule.adopts(&positions(&[
        ("KAZ", Agrees),
        ("ARM", Agrees),
        ("RUS", Objects)
    ])));
    assert!(!rule.adopts(&positions(&[("KAZ", Abstains), ("ARM", Abstains)])));
    assert!(!rule.adopts(&positions(&[])));

    let adopted = conclude_with("no_objection", &[("KAZ", Agrees), ("ARM", Abstains)]).unwrap();
    assert_eq!(adopted.status, DecisionStatus::Adopted);
    let blocked = conclude_with(
        "no_objection",
        &[("KAZ", Agrees), ("ARM", Agrees), ("RUS", Objects)],
    )
    .unwrap();
    assert_eq!(blocked.status, DecisionStatus::NotAdopted);
    assert_eq!(blocked.number, None);
    let nobody_agrees =
        conclude_with("no_objection", &[("KAZ", Abstains), ("ARM", Abstains)]).unwrap();
    assert_eq!(nobody_agrees.status, DecisionStatus::NotAdopted);
}

#[test]
fn unanimity_blocks_on_abstention() {
    use Position::*;
    let rule = ConsensusRule::Unanimity;
    assert!(rule.adopts(&positions(&[("KAZ", Agrees), ("ARM", Agrees)])));
    assert!(!rule.adopts(&positions(&[("KAZ", Agrees), ("ARM", Abstains)])));
    assert!(!rule.adopts(&positions(&[])));
    let d = conclude_with("unanimity", &[("KAZ", Agrees), ("ARM", Abstains)]).unwrap();
    assert_eq!(d.status, DecisionStatus::NotAdopted);
    let d = conclude_with("unanimity", &[("KAZ", Agrees), ("ARM", Agrees)]).unwrap();
    assert_eq!(d.status, DecisionStatus::Adopted);
}

#[test]
fn conclude_is_refused_while_a_position_is_missing_and_names_the_state() {
    let open = participants(&["ARM", "KAZ", "RUS"]);
    let spec = decision_spec("no_objection");
    let mut state = crisis::create(&spec, &open).unwrap();
    for v in [
        json!({"command": "table"}),
        json!({"command": "record_position", "state": "KAZ", "position": "agrees"}),
    ] {
        state = crisis::apply(&spec, &state, &c(Kind::Decision, v), &open)
            .unwrap()
            .1;
    }
    let conclude = c(Kind::Decision, json!({"command": "conclude"}));
    let e = crisis::apply(&spec, &state, &conclude, &open).unwrap_err();
    let DomainError::Transition { reason, .. } = &e else {
        panic!("{e}")
    };
    assert!(reason.contains("ARM") && reason.contains("RUS"), "{e}");
    assert!(!reason.contains("KAZ"), "{e}");
    assert_eq!(
        e.to_string(),
        "cannot conclude a decision that is tabled: the position of ARM, RUS is not recorded"
    );
}

#[test]
fn conclude_is_refused_unless_the_session_is_open() {
    let open = participants(&["KAZ"]);
    let spec = decision_spec("no_objection");
    let mut state = crisis::create(&spec, &open).unwrap();
    for v in [
        json!({"command": "table"}),
        json!({"command": "record_position", "state": "KAZ", "position": "agrees"}),
    ] {
        state = crisis::apply(&spec, &state, &c(Kind::Decision, v), &open)
            .unwrap()
            .1;
    }
    let conclude = c(Kind::Decision, json!({"command": "conclude"}));
    for s in ["scheduled", "closed", "cancelled"] {
        let mut cx = open.clone();
        cx.facts.parent_status = Some(s.into());
        let e = crisis::apply(&spec, &state, &conclude, &cx).unwrap_err();
        assert!(e.to_string().contains("while its session is open"), "{e}");
    }
}

#[test]
fn the_position_of_a_delegation_not_taking_part_is_refused() {
    let open = participants(&["KAZ", "ARM"]);
    let spec = decision_spec("no_objection");
    let state = crisis::create(&spec, &open).unwrap();
    let table = c(Kind::Decision, json!({"command": "table"}));
    let (_, state) = crisis::apply(&spec, &state, &table, &open).unwrap();
    let record = c(
        Kind::Decision,
        json!({"command": "record_position", "state": "TJK", "position": "agrees"}),
    );
    let e = crisis::apply(&spec, &state, &record, &open).unwrap_err();
    assert_eq!(
        e,
        DomainError::Transition {
            kind: "decision".into(),
            state: "tabled".into(),
            command: "record position".into(),
            reason: "the delegation of TJK does not take part in the session".into(),
        }
    );
}

#[test]
fn an_adopted_decision_takes_its_number_from_the_register_and_its_date_from_now() {
    let spec = decision_spec("no_objection");
    let mut cx = participants(&["KAZ"]);
    cx.now = t0() + Duration::days(3);
    cx.facts.next_number = Some(42);
    let mut state = crisis::create(&spec, &cx).unwrap();
    for v in [
        json!({"command": "table"}),
        json!({"command": "record_position", "state": "KAZ", "position": "agrees"}),
        json!({"command": "conclude"}),
    ] {
        state = crisis::apply(&spec, &state, &c(Kind::Decision, v), &cx)
            .unwrap()
            .1;
    }
    let d = decision_of(&state);
    assert_eq!(d.status, DecisionStatus::Adopted);
    assert_eq!(d.number, Some(42));
    assert_eq!(d.adopted_on, NaiveDate::from_ymd_opt(2025, 3, 4));

    // Without a number in the register, it is not adopted by accident.
    let mut state = crisis::create(&spec, &cx).unwrap();
    cx.facts.next_number = None;
    for v in [
        json!({"command": "table"}),
        json!({"command": "record_position", "state": "KAZ", "position": "agrees"}),
    ] {
        state = crisis::apply(&spec, &state, &c(Kind::Decision, v), &cx)
            .unwrap()
            .1;
    }
    let conclude = c(Kind::Decision, json!({"command": "conclude"}));
    let e = crisis::apply(&spec, &state, &conclude, &cx).unwrap_err();
    assert!(e.to_string().contains("no number"), "{e}");
}

fn operation_with_area(area: serde_json::Value) -> Result<State, DomainError> {
    let mut v = operation_json();
    v["area"] = area;
    let spec = Spec::parse(Kind::Operation, v)?;
    crisis::create(&spec, &with_parent("adopted"))
}

fn field_of(e: &DomainError) -> &str {
    match e {
        DomainError::Invalid { field, .. } => field,
        other => panic!("not an invalid field: {other}"),
    }
}

#[test]
fn an_operation_area_must_be_a_simple_polygon() {
    assert!(operation_with_area(square()).is_ok());
    // A concave polygon is simple.
    let concave = json!([
        {"lat": 0.0, "lon": 0.0}, {"lat": 0.0, "lon": 4.0}, {"lat": 2.0, "lon": 2.0},
        {"lat": 4.0, "lon": 4.0}, {"lat": 4.0, "lon": 0.0}
    ]);
    assert!(operation_with_area(concave).is_ok());

    let bow_tie = json!([
        {"lat": 0.0, "lon": 0.0}, {"lat": 1.0, "lon": 1.0},
        {"lat": 0.0, "lon": 1.0}, {"lat": 1.0, "lon": 0.0}
    ]);
    let e = operation_with_area(bow_tie).unwrap_err();
    assert_eq!(field_of(&e), "spec.area", "{e}");
    assert!(e.to_string().contains("crosses"), "{e}");

    let repeated = json!([
        {"lat": 0.0, "lon": 0.0}, {"lat": 0.0, "lon": 1.0},
        {"lat": 1.0, "lon": 1.0}, {"lat": 0.0, "lon": 1.0}
    ]);
    let e = operation_with_area(repeated).unwrap_err();
    assert!(field_of(&e).starts_with("spec.area"), "{e}");
    assert!(e.to_string().contains("repeats vertex 1"), "{e}");

    let flat =
        json!([{"lat": 0.0, "lon": 0.0}, {"lat": 1.0, "lon": 1.0}, {"lat": 2.0, "lon": 2.0}]);
    let e = operation_with_area(flat).unwrap_err();
    assert_eq!(field_of(&e), "spec.area", "{e}");

    let two = json!([{"lat": 0.0, "lon": 0.0}, {"lat": 1.0, "lon": 1.0}]);
    assert_eq!(
        field_of(&operation_with_area(two).unwrap_err()),
        "spec.area"
    );

    // A vertex touching another edge is not simple either.
    let touching = json!([
        {"lat": 0.0, "lon": 0.0}, {"lat": 0.0, "lon": 4.0}, {"lat": 4.0, "lon": 4.0},
        {"lat": 0.0, "lon": 2.0}, {"lat": 4.0, "lon": 0.0}
    ]);
    assert_eq!(
        field_of(&operation_with_area(touching).unwrap_err()),
        "spec.area"
    );

    // The same checks apply when the operation is amended.
    let spec = operation_spec();
    let state = crisis::create(&spec, &with_parent("adopted")).unwrap();
    let mut v = operation_json();
    v["area"] = json!([
        {"lat": 0.0, "lon": 0.0}, {"lat": 1.0, "lon": 1.0},
        {"lat": 0.0, "lon": 1.0}, {"lat": 1.0, "lon": 0.0}
    ]);
    let amend = c(Kind::Operation, json!({"command": "amend", "spec": v}));
    let e = crisis::apply(&spec, &state, &amend, &any_ctx()).unwrap_err();
    assert_eq!(field_of(&e), "spec.area", "{e}");
}

#[test]
fn coordinates_out_of_range_are_refused() {
    let far = json!([
        {"lat": 0.0, "lon": 0.0}, {"lat": 95.0, "lon": 0.0}, {"lat": 1.0, "lon": 1.0}
    ]);
    let e = operation_with_area(far).unwrap_err();
    assert!(field_of(&e).starts_with("spec.area[1]"), "{e}");

    let mut v = operation_json();
    v["facilities"][0]["position"] = json!({"lat": 43.0, "lon": 200.0});
    let spec = Spec::parse(Kind::Operation, v).unwrap();
    let e = spec.check().unwrap_err();
    assert!(field_of(&e).starts_with("spec.facilities[0]"), "{e}");

    let mut v = group_json();
    v["location"]["position"] = json!({"lat": -91.0, "lon": 0.0});
    let spec = Spec::parse(Kind::Group, v).unwrap();
    let e = spec.check().unwrap_err();
    assert!(field_of(&e).starts_with("spec.location"), "{e}");
}

#[test]
fn an_extension_must_move_the_last_day_later() {
    let spec = operation_spec();
    let state = crisis::create(&spec, &with_parent("adopted")).unwrap();
    let extend = |until: &str| {
        c(
            Kind::Operation,
            json!({"command": "extend", "until": until, "basis": "Decision No. 20"}),
        )
    };
    for until in ["2025-04-06", "2025-04-01"] {
        let e = crisis::apply(&spec, &state, &extend(until), &any_ctx()).unwrap_err();
        assert_eq!(field_of(&e), "until");
        assert!(e.to_string().contains("2025-04-06"), "{e}");
    }
    let (spec2, state2) = crisis::apply(&spec, &state, &extend("2025-05-06"), &any_ctx()).unwrap();
    assert_eq!(
        operation_spec_of(&spec2).ends_on,
        NaiveDate::from_ymd_opt(2025, 5, 6).unwrap()
    );
    let ext = &operation_of(&state2).extensions;
    assert_eq!(ext.len(), 1);
    assert_eq!(ext[0].from, NaiveDate::from_ymd_opt(2025, 4, 6).unwrap());
    assert_eq!(ext[0].basis, "Decision No. 20");
    // The term itself is not amended.
    let mut v = operation_json();
    v["ends_on"] = json!("2025-06-06");
    let amend = c(Kind::Operation, json!({"command": "amend", "spec": v}));
    let e = crisis::apply(&spec, &state, &amend, &any_ctx()).unwrap_err();
    assert!(e.to_string().contains("extension"), "{e}");
}

#[test]
fn terminate_is_refused_while_forces_are_in_the_field() {
    let spec = operation_spec();
    let state = crisis::create(&spec, &with_parent("adopted")).unwrap();
    let terminate = c(Kind::Operation, json!({"command": "terminate"}));
    let busy = ctx(Facts {
        forces_in_field: 2,
        ..Facts::default()
    });
    let e = crisis::apply(&spec, &state, &terminate, &busy).unwrap_err();
    assert_eq!(
        e,
        DomainError::Transition {
            kind: "operation".into(),
            state: "established".into(),
            command: "terminate".into(),
            reason: "2 contingent(s) have not stood down".into(),
        }
    );
    let (_, done) = crisis::apply(&spec, &state, &terminate, &any_ctx()).unwrap();
    assert_eq!(done.status(&spec), "terminated");
}

#[test]
fn an_operation_needs_an_adopted_decision() {
    for s in ["drafting", "tabled", "not_adopted", "withdrawn"] {
        let e = crisis::create(&operation_spec(), &with_parent(s)).unwrap_err();
        assert_eq!(field_of(&e), "parent");
    }
    assert!(crisis::create(&operation_spec(), &any_ctx()).is_err());
}

#[test]
fn accepting_a_force_over_the_ceiling_is_refused_with_the_figures() {
    let spec = force_spec(Some("RUS"), 600, "offered");
    let state = crisis::create(&spec, &any_ctx()).unwrap();
    let accept = c(Kind::Force, json!({"command": "accept"}));
    let facts = |committed| {
        ctx(Facts {
            parent_status: Some("deploying".into()),
            ceiling_personnel: Some(2500),
            committed_personnel: committed,
            ..Facts::default()
        })
    };
    let e = crisis::apply(&spec, &state, &accept, &facts(2000)).unwrap_err();
    let text = e.to_string();
    for figure in ["600", "2600", "2500"] {
        assert!(text.contains(figure), "{text} lacks {figure}");
    }
    assert_eq!(
        text,
        "cannot accept a force that is offered: \
         600 personnel would bring the force to 2600, above its ceiling of 2500"
    );
    // Exactly at the ceiling is within it.
    let (_, st) = crisis::apply(&spec, &state, &accept, &facts(1900)).unwrap();
    assert_eq!(st.status(&spec), "assigned");
    // A withdrawing or terminated operation accepts no force.
    for s in ["withdrawing", "terminated"] {
        let mut cx = facts(0);
        cx.facts.parent_status = Some(s.into());
        let e = crisis::apply(&spec, &state, &accept, &cx).unwrap_err();
        assert!(e.to_string().contains(s), "{e}");
    }
}

#[test]
fn a_force_starts_as_requested_or_offered() {
    let e = Spec::parse(
        Kind::Force,
        json!({"contingent_id": 1, "initial": "assigned"}),
    )
    .unwrap()
    .check()
    .unwrap_err();
    assert_eq!(field_of(&e), "spec.initial");
}

#[test]
fn changing_the_operating_mode_to_the_same_mode_is_refused() {
    let facts = Facts {
        current_mode: Some("enhanced".into()),
        ..Facts::default()
    };
    let e = crisis::create(&mode_spec("enhanced"), &ctx(facts.clone())).unwrap_err();
    assert!(matches!(e, DomainError::Transition { .. }), "{e}");
    assert!(e.to_string().contains("already works in that mode"), "{e}");
    // With no mode recorded, the centre works in routine.
    assert!(crisis::create(&mode_spec("routine"), &any_ctx()).is_err());
    let state = crisis::create(&mode_spec("round_the_clock"), &ctx(facts)).unwrap();
    assert_eq!(
        state.status(&mode_spec("round_the_clock")),
        "round_the_clock"
    );
}

#[test]
fn specs_refuse_unknown_fields_with_their_path() {
    let mut v = request_json("KAZ");
    v["priority"] = json!("high");
    let e = Spec::parse(Kind::Request, v).unwrap_err();
    assert!(field_of(&e).starts_with("spec"), "{e}");
    assert!(e.to_string().contains("unknown field `priority`"), "{e}");

    let mut v = request_json("KAZ");
    v["asks"][0]["urgent"] = json!(true);
    let e = Spec::parse(Kind::Request, v).unwrap_err();
    assert!(field_of(&e).starts_with("spec.asks[0]"), "{e}");
    assert!(e.to_string().contains("unknown field `urgent`"), "{e}");

    let mut v = operation_json();
    v["ceiling"]["aircraft"] = json!(3);
    let e = Spec::parse(Kind::Operation, v).unwrap_err();
    assert!(field_of(&e).starts_with("spec.ceiling"), "{e}");
    assert!(e.to_string().contains("aircraft"), "{e}");

    let mut v = operation_json();
    v["facilities"][0]["guards"] = json!(12);
    let e = Spec::parse(Kind::Operation, v).unwrap_err();
    assert!(field_of(&e).starts_with("spec.facilities[0]"), "{e}");
    assert!(e.to_string().contains("guards"), "{e}");

    let mut v = group_json();
    v["head"]["rank"] = json!("general");
    let e = Spec::parse(Kind::Group, v).unwrap_err();
    assert!(field_of(&e).starts_with("spec.head"), "{e}");

    let mut v = session_json();
    v["participants"][0] = json!("KAZAKHSTAN");
    let e = Spec::parse(Kind::Session, v).unwrap_err();
    assert!(field_of(&e).starts_with("spec.participants[0]"), "{e}");
}

#[test]
fn commands_refuse_unknown_fields_with_their_path() {
    let cases = [
        (
            Kind::Request,
            json!({"command": "consider", "note": "", "urgent": true}),
        ),
        (
            Kind::Decision,
            json!({"command": "record_position", "state": "KAZ", "position": "agrees", "weight": 2}),
        ),
        (
            Kind::Task,
            json!({"command": "report", "text": "x", "percent": 50}),
        ),
        (Kind::Session, json!({"command": "open", "at": "now"})),
        (
            Kind::Operation,
            json!({"command": "terminate", "force": true}),
        ),
        (Kind::Force, json!({"command": "accept", "personnel": 10})),
        (Kind::Shift, json!({"command": "take_over", "by": "x"})),
        (Kind::Group, json!({"command": "deploy", "to": "x"})),
        (Kind::Decision, json!({"command": "table", "session": 3})),
    ];
    for (kind, v) in cases {
        let e = Command::parse(kind, v.clone()).expect_err(&format!("{kind}: {v}"));
        assert!(field_of(&e).starts_with("command"), "{e}");
        assert!(e.to_string().contains("unknown field"), "{kind}: {e}");
    }
    let mut spec = operation_json();
    spec["colour"] = json!("blue");
    let e = Command::parse(Kind::Operation, json!({"command": "amend", "spec": spec})).unwrap_err();
    assert!(field_of(&e).starts_with("command.spec"), "{e}");
    assert!(e.to_string().contains("colour"), "{e}");

    let e = Command::parse(Kind::Request, json!({"command": "approve"})).unwrap_err();
    assert!(field_of(&e).starts_with("command"), "{e}");
    let e = Command::parse(Kind::Mode, json!({"command": "change"})).unwrap_err();
    assert!(field_of(&e).starts_with("command"), "{e}");
}

#[test]
fn a_videoconference_needs_its_link() {
    let mut v = session_json();
    v.as_object_mut().unwrap().remove("link");
    let spec = Spec::parse(Kind::Session, v.clone()).unwrap();
    let numbered = ctx(Facts {
        next_number: Some(1),
        ..Facts::default()
    });
    let e = crisis::create(&spec, &numbered).unwrap_err();
    assert_eq!(field_of(&e), "spec.link");
    assert!(
        e.to_string().contains("videoconference needs its link"),
        "{e}"
    );

    let good = session_spec();
    let state = crisis::create(&good, &numbered).unwrap();
    let amend = c(Kind::Session, json!({"command": "amend", "spec": v}));
    let e = crisis::apply(&good, &state, &amend, &any_ctx()).unwrap_err();
    assert_eq!(field_of(&e), "spec.link");

    let mut v = session_json();
    v["link"] = json!("javascript:alert(1)");
    let e = crisis::create(&Spec::parse(Kind::Session, v).unwrap(), &numbered).unwrap_err();
    assert_eq!(field_of(&e), "spec.link");

    let mut v = session_json();
    v["format"] = json!("in_person");
    v.as_object_mut().unwrap().remove("link");
    v["place"] = json!("Moscow");
    assert!(crisis::create(&Spec::parse(Kind::Session, v).unwrap(), &numbered).is_ok());
}

#[test]
fn a_session_is_numbered_from_the_facts_and_stays_with_its_body() {
    let spec = session_spec();
    assert!(crisis::create(&spec, &any_ctx()).is_err());
    let state = crisis::create(
        &spec,
        &ctx(Facts {
            next_number: Some(12),
            ..Facts::default()
        }),
    )
    .unwrap();
    assert_eq!(session_of(&state).number, 12);
    assert_eq!(
        spec.title(&state),
        "Extraordinary session No. 12 of collective_security_council"
    );
    let mut v = session_json();
    v["body"] = json!("council_of_defence_ministers");
    let amend = c(Kind::Session, json!({"command": "amend", "spec": v}));
    let e = crisis::apply(&spec, &state, &amend, &any_ctx()).unwrap_err();
    assert!(e.to_string().contains("stays with its body"), "{e}");
}

#[test]
fn a_withdrawn_request_is_not_said_to_be_decided() {
    let spec = request_spec("KAZ");
    let state = crisis::create(&spec, &any_ctx()).unwrap();
    let withdraw = c(
        Kind::Request,
        json!({"command": "withdraw", "note": "Resolved"}),
    );
    let (_, closed) = crisis::apply(&spec, &state, &withdraw, &any_ctx()).unwrap();
    assert_eq!(request_of(&closed).outcome, None);
    for command in every_command(Kind::Request) {
        let e = crisis::apply(&spec, &closed, &command, &any_ctx()).unwrap_err();
        assert!(!e.to_string().contains("decided"), "{e}");
    }
    // Withdrawing needs a reason.
    let blank = c(Kind::Request, json!({"command": "withdraw", "note": " "}));
    let e = crisis::apply(&spec, &state, &blank, &any_ctx()).unwrap_err();
    assert_eq!(field_of(&e), "note");
}

#[test]
fn a_task_is_overdue_past_its_deadline_until_done() {
    let spec = task_spec(json!({"state": "KAZ"}));
    let state = crisis::create(&spec, &with_parent("adopted")).unwrap();
    let t = task_of(&state);
    let ts = task_spec_of(&spec);
    assert!(!t.overdue(ts, ts.deadline));
    assert!(t.overdue(ts, ts.deadline + Duration::seconds(1)));
    assert_eq!(spec.due(&state), Some(ts.deadline));
    let earlier = c(
        Kind::Task,
        json!({"command": "reschedule", "deadline": "2025-03-09T00:00:00Z", "reason": "Sooner"}),
    );
    let e = crisis::apply(&spec, &state, &earlier, &any_ctx()).unwrap_err();
    assert_eq!(field_of(&e), "deadline");
    let complete = c(Kind::Task, json!({"command": "complete", "text": "Done"}));
    let (_, done) = crisis::apply(&spec, &state, &complete, &any_ctx()).unwrap();
    assert!(!task_of(&done).overdue(ts, ts.deadline + Duration::days(30)));
    assert_eq!(spec.due(&done), None);
}

#[test]
fn kinds_parse_from_singular_and_plural_names() {
    for k in Kind::ALL {
        assert_eq!(Kind::parse(k.as_str()), Ok(k));
        assert_eq!(k.to_string(), k.as_str());
    }
    assert_eq!(Kind::parse("requests"), Ok(Kind::Request));
    assert_eq!(Kind::parse("groups"), Ok(Kind::Group));
    let e = Kind::parse("missions").unwrap_err();
    assert_eq!(field_of(&e), "kind");
}

#[test]
fn tasks_are_set_by_an_adopted_decision() {
    let spec = task_spec(json!({"body": "joint_staff"}));
    for parent in [None, Some("drafting"), Some("tabled"), Some("not_adopted")] {
        let cx = ctx(Facts {
            parent_status: parent.map(String::from),
            ..Facts::default()
        });
        let e = crisis::create(&spec, &cx).unwrap_err();
        assert_eq!(field_of(&e), "parent", "{e}");
    }
    assert!(crisis::create(&spec, &with_parent("adopted")).is_ok());
}

#[test]
fn nothing_is_added_to_a_withdrawing_or_terminated_operation() {
    for spec in [
        force_spec(Some("RUS"), 100, "offered"),
        logistics_spec("KAZ"),
        group_spec(),
    ] {
        for parent in ["withdrawing", "terminated"] {
            let e = crisis::create(&spec, &with_parent(parent)).unwrap_err();
            assert_eq!(field_of(&e), "parent", "{e}");
            assert!(e.to_string().contains(parent), "{e}");
        }
        for parent in ["established", "deploying", "conducting"] {
            assert!(crisis::create(&spec, &with_parent(parent)).is_ok());
        }
    }
}

#[test]
fn a_refusal_describes_the_state_the_record_is_in() {
    let reason = |spec: &Spec, path: &[serde_json::Value], last: serde_json::Value| {
        let kind = spec.kind();
        let cx = participants(&["KAZ"]);
        let mut state = crisis::create(spec, &with_parent("established")).unwrap();
        for v in path {
            state = crisis::apply(spec, &state, &c(kind, v.clone()), &cx)
                .unwrap()
                .1;
        }
        match crisis::apply(spec, &state, &c(kind, last), &cx).unwrap_err() {
            DomainError::Transition { reason, .. } => reason,
            other => panic!("{other}"),
        }
    };
    let withdraw = json!({"command": "withdraw", "reason": "Superseded"});
    assert_eq!(
        reason(
            &decision_spec("no_objection"),
            std::slice::from_ref(&withdraw),
            withdraw.clone()
        ),
        "it is already withdrawn"
    );
    let offered = force_spec(Some("RUS"), 10, "offered");
    let text = reason(&offered, &[], json!({"command": "stand_down"}));
    assert!(text.contains("withdrawn or declined"), "{text}");
    let request = request_spec("KAZ");
    let withdrawn = [json!({"command": "withdraw", "note": "Resolved"})];
    for last in [
        json!({"command": "decide", "outcome": "granted"}),
        json!({"command": "withdraw", "note": "Again"}),
    ] {
        let text = reason(&request, &withdrawn, last);
        assert!(
            text.contains("closed") && !text.contains("decided"),
            "{text}"
        );
    }
}
