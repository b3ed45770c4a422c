//! Who may take which step of the crisis workflows: the Joint Staff and administrators run
//! the chain, a liaison officer acts for their own state only, observers read.

mod crisis_common;

use crc_domain::crisis::access::{creatable, may_command, may_create};
use crc_domain::crisis::decision::{DecisionCommand, Position};
use crc_domain::crisis::{Command, Kind, Spec};
use crc_domain::identity::{Principal, Role};
use crc_domain::{DomainError, StateCode};
use crisis_common::*;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::RngAlgorithm;
use serde_json::json;

fn liaison(state: &str) -> Principal {
    Principal {
        user_id: 7,
        username: format!("lo.{}", state.to_lowercase()),
        role: Role::LiaisonOfficer,
        state: Some(sc(state)),
    }
}

fn with_role(role: Role) -> Principal {
    Principal {
        user_id: 1,
        username: role.as_str().into(),
        role,
        state: None,
    }
}

/// The message of a refusal; fails unless it is `Forbidden`.
fn forbidden(r: Result<(), DomainError>) -> String {
    match r {
        Err(e @ DomainError::Forbidden(_)) => e.to_string(),
        other => panic!("expected forbidden, got {other:?}"),
    }
}

fn record_position(state: &str) -> Command {
    cmd(
        Kind::Decision,
        json!({"command": "record_position", "state": state, "position": "agrees"}),
    )
}

fn comment(state: &str) -> Command {
    cmd(
        Kind::Decision,
        json!({"command": "comment", "state": state, "text": "Our delegation supports it"}),
    )
}

fn command(kind: Kind, name: &str) -> Command {
    every_command(kind)
        .into_iter()
        .find(|c| c.name() == name)
        .unwrap_or_else(|| panic!("no {name} command for a {kind}"))
}

#[test]
fn a_liaison_officer_submits_requests_only_for_their_state() {
    let kaz = liaison("KAZ");
    assert_eq!(may_create(&kaz, &request_spec("KAZ")), Ok(()));
    assert_eq!(
        forbidden(may_create(&kaz, &request_spec("ARM"))),
        "forbidden: a liaison officer of KAZ may not submit a request on behalf of ARM"
    );
}

#[test]
fn a_liaison_officer_offers_only_their_states_contingents() {
    let kaz = liaison("KAZ");
    assert_eq!(
        may_create(&kaz, &force_spec(Some("KAZ"), 300, "offered")),
        Ok(())
    );
    assert_eq!(
        forbidden(may_create(&kaz, &force_spec(Some("ARM"), 300, "offered"))),
        "forbidden: a liaison officer of KAZ may not offer a contingent of ARM"
    );
    assert_eq!(
        forbidden(may_create(&kaz, &force_spec(None, 300, "offered"))),
        "forbidden: a liaison officer of KAZ may not offer a contingent of another state"
    );
}

#[test]
fn a_liaison_officer_cannot_request_a_contingent() {
    let kaz = liaison("KAZ");
    assert_eq!(
        forbidden(may_create(&kaz, &force_spec(Some("KAZ"), 300, "requested"))),
        "forbidden: a liaison officer of KAZ may not request a contingent \
         (the Joint Staff requests; a state offers)"
    );
    let msg = forbidden(may_create(&kaz, &force_spec(Some("ARM"), 300, "requested")));
    assert!(msg.contains("ARM"), "{msg}");
}

#[test]
fn a_liaison_officer_asks_for_logistics_support_only_for_their_state() {
    let kaz = liaison("KAZ");
    assert_eq!(may_create(&kaz, &logistics_spec("KAZ")), Ok(()));
    assert_eq!(
        forbidden(may_create(&kaz, &logistics_spec("ARM"))),
        "forbidden: a liaison officer of KAZ may not ask for logistics support for ARM"
    );
}

#[test]
fn a_liaison_officer_creates_no_record_of_the_joint_staff() {
    let kaz = liaison("KAZ");
    for spec in every_spec() {
        let kind = spec.kind();
        if matches!(kind, Kind::Request | Kind::Force | Kind::Logistics) {
            continue;
        }
        assert_eq!(
            forbidden(may_create(&kaz, &spec)),
            format!(
                "forbidden: a liaison officer of KAZ may not create {}",
                kind.a()
            )
        );
    }
}

#[test]
fn a_liaison_officer_records_only_their_delegations_position() {
    let kaz = liaison("KAZ");
    let decision = decision_spec("no_objection");
    assert_eq!(
        may_command(&kaz, &decision, &record_position("KAZ")),
        Ok(())
    );
    assert_eq!(
        forbidden(may_command(&kaz, &decision, &record_position("ARM"))),
        "forbidden: a liaison officer of KAZ may not record the position of the delegation of ARM"
    );
}

#[test]
fn a_liaison_officer_comments_only_for_their_delegation() {
    let kaz = liaison("KAZ");
    let decision = decision_spec("no_objection");
    assert_eq!(may_command(&kaz, &decision, &comment("KAZ")), Ok(()));
    assert_eq!(
        forbidden(may_command(&kaz, &decision, &comment("ARM"))),
        "forbidden: a liaison officer of KAZ may not comment for the delegation of ARM"
    );
}

#[test]
fn a_liaison_officer_takes_no_other_step_of_a_decision() {
    let kaz = liaison("KAZ");
    let decision = decision_spec("no_objection");
    for (name, words) in [
        ("revise", "revise a decision"),
        ("table", "table a decision"),
        ("conclude", "conclude a decision"),
        ("withdraw", "withdraw a decision"),
    ] {
        assert_eq!(
            forbidden(may_command(&kaz, &decision, &command(Kind::Decision, name))),
            format!("forbidden: a liaison officer of KAZ may not {words}")
        );
    }
}

#[test]
fn a_liaison_officer_reports_only_on_tasks_set_to_their_state() {
    let kaz = liaison("KAZ");
    let own = task_spec(json!({"state": "KAZ"}));
    let other = task_spec(json!({"state": "ARM"}));
    let body = task_spec(json!({"body": "joint_staff"}));
    for name in ["report", "complete"] {
        let c = command(Kind::Task, name);
        assert_eq!(may_command(&kaz, &own, &c), Ok(()));
        assert_eq!(
            forbidden(may_command(&kaz, &other, &c)),
            format!("forbidden: a liaison officer of KAZ may not {name} a task")
        );
        forbidden(may_command(&kaz, &body, &c));
    }
    // The deadline and cancellation are the Joint Staff's, even on the state's own task.
    for name in ["reschedule", "cancel"] {
        let msg = forbidden(may_command(&kaz, &own, &command(Kind::Task, name)));
        assert!(msg.contains(&format!("may not {name} a task")), "{msg}");
    }
}

#[test]
fn a_liaison_officer_withdraws_only_their_states_requests() {
    let kaz = liaison("KAZ");
    let own = request_spec("KAZ");
    let other = request_spec("ARM");
    let withdraw = command(Kind::Request, "withdraw");
    assert_eq!(may_command(&kaz, &own, &withdraw), Ok(()));
    assert_eq!(
        forbidden(may_command(&kaz, &other, &withdraw)),
        "forbidden: a liaison officer of KAZ may not withdraw a request"
    );
    for name in ["consider", "decide", "close"] {
        let msg = forbidden(may_command(&kaz, &own, &command(Kind::Request, name)));
        assert!(msg.contains(&format!("may not {name} a request")), "{msg}");
    }
}

#[test]
fn a_liaison_officer_moves_only_their_states_contingents() {
    let kaz = liaison("KAZ");
    let own = force_spec(Some("KAZ"), 300, "requested");
    let other = force_spec(Some("ARM"), 300, "requested");
    for name in [
        "offer",
        "withdraw",
        "standby",
        "mobilize",
        "deploy",
        "arrive",
        "redeploy",
        "stand_down",
    ] {
        let c = command(Kind::Force, name);
        assert_eq!(may_command(&kaz, &own, &c), Ok(()), "{name}");
        let msg = forbidden(may_command(&kaz, &other, &c));
        assert!(msg.contains("a liaison officer of KAZ may not"), "{msg}");
    }
    // Accepting and declining are the Joint Staff's.
    assert_eq!(
        forbidden(may_command(&kaz, &own, &command(Kind::Force, "accept"))),
        "forbidden: a liaison officer of KAZ may not accept a force"
    );
    forbidden(may_command(&kaz, &own, &command(Kind::Force, "decline")));
}

#[test]
fn a_liaison_officer_takes_no_step_of_the_joint_staffs_records() {
    let kaz = liaison("KAZ");
    let own_logistics = logistics_spec("KAZ");
    for c in every_command(Kind::Logistics) {
        forbidden(may_command(&kaz, &own_logistics, &c));
    }
    for (spec, kind) in [
        (session_spec(), Kind::Session),
        (operation_spec(), Kind::Operation),
        (shift_spec(), Kind::Shift),
        (group_spec(), Kind::Group),
    ] {
        for c in every_command(kind) {
            let msg = forbidden(may_command(&kaz, &spec, &c));
            assert!(
                msg.ends_with(kind.a()),
                "{msg} should name the command and the kind"
            );
        }
    }
}

#[test]
fn a_liaison_officer_bound_to_no_state_may_do_nothing() {
    let lost = Principal {
        state: None,
        ..liaison("KAZ")
    };
    for spec in every_spec() {
        forbidden(may_create(&lost, &spec));
        for c in every_command(spec.kind()) {
            forbidden(may_command(&lost, &spec, &c));
        }
    }
    forbidden(may_create(&lost, &force_spec(None, 1, "offered")));
}

#[test]
fn the_joint_staff_and_administrators_may_do_everything() {
    let mut specs = every_spec();
    specs.push(request_spec("ARM"));
    specs.push(force_spec(Some("ARM"), 10, "requested"));
    specs.push(force_spec(None, 10, "offered"));
    specs.push(task_spec(json!({"body": "joint_staff"})));
    specs.push(logistics_spec("ARM"));
    for role in [Role::DutyOfficer, Role::Planner, Role::Administrator] {
        let p = with_role(role);
        assert_eq!(creatable(&p), Kind::ALL.to_vec());
        for spec in &specs {
            assert_eq!(may_create(&p, spec), Ok(()), "{role} creating {spec:?}");
            for c in every_command(spec.kind()) {
                assert_eq!(may_command(&p, spec, &c), Ok(()), "{role}: {}", c.name());
            }
        }
    }
}

#[test]
fn an_observer_may_do_nothing() {
    let p = with_role(Role::Observer);
    assert!(creatable(&p).is_empty());
    for spec in every_spec() {
        let kind = spec.kind();
        assert_eq!(
            forbidden(may_create(&p, &spec)),
            format!("forbidden: the role observer may not create {}", kind.a())
        );
        for c in every_command(kind) {
            assert_eq!(
                forbidden(may_command(&p, &spec, &c)),
                format!(
                    "forbidden: the role observer may not {} {}",
                    c.name().replace('_', " "),
                    kind.a()
                )
            );
        }
    }
}

#[test]
fn a_liaison_officer_creates_only_requests_offers_and_logistics() {
    assert_eq!(
        creatable(&liaison("KAZ")),
        vec![Kind::Request, Kind::Force, Kind::Logistics]
    );
}

// ---------------------------------------------------------------------------------------
// The rule as a property: whatever a liaison officer may do, they do for their own state.
// ---------------------------------------------------------------------------------------

/// The state a step is taken for: the delegation named by a comment or a position, or else
/// the record's owner.
fn acted_for(spec: &Spec, c: &Command) -> Option<StateCode> {
    match c {
        Command::Decision(
            DecisionCommand::Comment { state, .. } | DecisionCommand::RecordPosition { state, .. },
        ) => Some(state.clone()),
        _ => spec.owner_state().cloned(),
    }
}

fn any_spec() -> impl Strategy<Value = Spec> {
    let state = select(POOL.to_vec());
    (0usize..10, state, any::<bool>()).prop_map(|(i, s, flag)| match i {
        0 => request_spec(s),
        1 => force_spec(
            if flag { Some(s) } else { None },
            100,
            if flag { "offered" } else { "requested" },
        ),
        2 => force_spec(Some(s), 100, if flag { "requested" } else { "offered" }),
        3 => task_spec(if flag {
            json!({"state": s})
        } else {
            json!({"body": "joint_staff"})
        }),
        4 => logistics_spec(s),
        5 => {
            let mut v = operation_json();
            v["host_state"] = json!(s);
            spec(Kind::Operation, v)
        }
        6 => decision_spec("no_objection"),
        7 => session_spec(),
        8 => group_spec(),
        _ => shift_spec(),
    })
}

fn any_command_for(spec: &Spec) -> BoxedStrategy<Command> {
    let mut all = every_command(spec.kind());
    if spec.kind() == Kind::Decision {
        for s in POOL {
            all.push(comment(s));
            all.push(Command::Decision(DecisionCommand::RecordPosition {
                state: sc(s),
                position: Position::Objects,
            }));
        }
    }
    select(all).boxed()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        rng_algorithm: RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

    /// A liaison officer may create a record, or take a step, only for their own state.
    #[test]
    fn a_liaison_officer_acts_for_their_own_state_only(
        own in select(POOL.to_vec()),
        (spec, c) in any_spec().prop_flat_map(|s| (Just(s.clone()), any_command_for(&s))),
    ) {
        let p = liaison(own);
        match may_create(&p, &spec) {
            Ok(()) => prop_assert_eq!(spec.owner_state(), Some(&sc(own))),
            Err(e) => {
                let text = e.to_string();
                prop_assert!(matches!(e, DomainError::Forbidden(_)), "{text}");
                prop_assert!(text.starts_with(&format!("forbidden: a liaison officer of {own} may not ")), "{text}");
            }
        }
        match may_command(&p, &spec, &c) {
            Ok(()) => prop_assert_eq!(acted_for(&spec, &c), Some(sc(own))),
            Err(e) => {
                let text = e.to_string();
                prop_assert!(matches!(e, DomainError::Forbidden(_)), "{text}");
                prop_assert!(text.starts_with(&format!("forbidden: a liaison officer of {own} may not ")), "{text}");
            }
        }
    }
}
