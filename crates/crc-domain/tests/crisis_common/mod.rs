//! Records of every crisis kind, written as people write them (JSON through `Spec::parse`),
//! shared by the crisis test files.

#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use crc_domain::crisis::workflow::{Context, Facts};
use crc_domain::crisis::{Command, Kind, Spec};
use crc_domain::StateCode;
use serde_json::{json, Value};

/// The member states the tests draw from.
pub const POOL: [&str; 6] = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"];

/// A state code.
pub fn sc(s: &str) -> StateCode {
    StateCode::parse(s).expect("a state code")
}

/// A fixed moment: 1 March 2025, 08:00 UTC.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap()
}

/// Parses a spec, failing the test with the error.
pub fn spec(kind: Kind, v: Value) -> Spec {
    Spec::parse(kind, v).unwrap_or_else(|e| panic!("{kind} spec: {e}"))
}

/// Parses a command, failing the test with the error.
pub fn cmd(kind: Kind, v: Value) -> Command {
    Command::parse(kind, v).unwrap_or_else(|e| panic!("{kind} command: {e}"))
}

/// A context at `t0` by a duty officer with the given facts.
pub fn ctx(facts: Facts) -> Context {
    Context {
        now: t0(),
        actor: "duty.officer".into(),
        actor_state: None,
        facts,
    }
}

/// A context whose parent has the given status.
pub fn with_parent(status: &str) -> Context {
    ctx(Facts {
        parent_status: Some(status.into()),
        ..Facts::default()
    })
}

pub fn request_json(state: &str) -> Value {
    json!({
        "requesting_state": state,
        "from": "President of the Republic",
        "received_at": "2025-03-01T06:00:00Z",
        "asks": [{"kind": "forces", "details": "two battalions"}],
        "summary": "Mass unrest; key facilities under threat.",
        "attachments": [{"title": "Letter", "reference": "No. 12/345"}]
    })
}

pub fn request_spec(state: &str) -> Spec {
    spec(Kind::Request, request_json(state))
}

pub fn session_json() -> Value {
    json!({
        "body": "collective_security_council",
        "kind": "extraordinary",
        "format": "videoconference",
        "link": "https://vc.example.org/csc",
        "scheduled_at": "2025-03-02T10:00:00Z",
        "agenda": ["On the request of the Republic of Kazakhstan"],
        "participants": POOL,
    })
}

pub fn session_spec() -> Spec {
    spec(Kind::Session, session_json())
}

pub fn decision_spec(rule: &str) -> Spec {
    spec(
        Kind::Decision,
        json!({
            "title": "On conducting a peacekeeping operation",
            "prepared_by": "joint_staff",
            "rule": rule,
            "text": "The Council decides to establish an operation."
        }),
    )
}

pub fn square() -> Value {
    json!([
        {"lat": 43.0, "lon": 76.0},
        {"lat": 43.5, "lon": 76.0},
        {"lat": 43.5, "lon": 77.0},
        {"lat": 43.0, "lon": 77.0}
    ])
}

pub fn operation_json() -> Value {
    json!({
        "name": "Operation Steppe Shield",
        "kind": "peacekeeping",
        "host_state": "KAZ",
        "area": square(),
        "mandate": "Protect the important facilities listed.",
        "facilities": [
            {"name": "Almaty airport", "position": {"lat": 43.35, "lon": 77.04}, "kind": "airport"}
        ],
        "ceiling": {"personnel": 2500, "equipment": 300},
        "starts_on": "2025-03-06",
        "ends_on": "2025-04-06"
    })
}

pub fn operation_spec() -> Spec {
    spec(Kind::Operation, operation_json())
}

pub fn force_spec(state: Option<&str>, personnel: i64, initial: &str) -> Spec {
    spec(
        Kind::Force,
        json!({
            "contingent_id": 7,
            "state": state,
            "component": "collective_rapid_deployment_forces",
            "name": "Airborne battalion",
            "personnel": personnel,
            "equipment": 40,
            "initial": initial
        }),
    )
}

/// A task; `responsible` is `{"state": "KAZ"}` or `{"body": "joint_staff"}`.
pub fn task_spec(responsible: Value) -> Spec {
    spec(
        Kind::Task,
        json!({
            "title": "Secure the airport",
            "responsible": responsible,
            "deadline": "2025-03-10T00:00:00Z"
        }),
    )
}

pub fn logistics_spec(state: &str) -> Spec {
    spec(
        Kind::Logistics,
        json!({"state": state, "contingent_id": 7, "kind": "fuel", "items": "Diesel, 20 t"}),
    )
}

pub fn mode_spec(mode: &str) -> Spec {
    spec(
        Kind::Mode,
        json!({"mode": mode, "reason": "Order of the Secretary General"}),
    )
}

pub fn shift_spec() -> Spec {
    spec(
        Kind::Shift,
        json!({
            "starts_at": "2025-03-01T08:00:00Z",
            "ends_at": "2025-03-01T20:00:00Z",
            "officers": [{"name": "Col. A. Ivanov", "post": "Senior duty officer"}]
        }),
    )
}

pub fn group_json() -> Value {
    json!({
        "name": "Operational group 1",
        "head": {"name": "Maj. Gen. B. Petrov", "post": "Head", "state": "RUS"},
        "members": [{"name": "Lt. Col. C. Sidorov"}],
        "location": {"name": "Almaty", "position": {"lat": 43.24, "lon": 76.89}}
    })
}

pub fn group_spec() -> Spec {
    spec(Kind::Group, group_json())
}

/// One record of every kind.
pub fn every_spec() -> Vec<Spec> {
    vec![
        request_spec("KAZ"),
        session_spec(),
        decision_spec("no_objection"),
        operation_spec(),
        force_spec(Some("KAZ"), 300, "offered"),
        task_spec(json!({"state": "KAZ"})),
        logistics_spec("KAZ"),
        mode_spec("enhanced"),
        shift_spec(),
        group_spec(),
    ]
}

/// Every command of `kind`, with well-formed arguments.
pub fn every_command(kind: Kind) -> Vec<Command> {
    let all: Vec<Value> = match kind {
        Kind::Request => vec![
            json!({"command": "consider"}),
            json!({"command": "decide", "outcome": "granted"}),
            json!({"command": "decide", "outcome": "partly_granted"}),
            json!({"command": "decide", "outcome": "refused"}),
            json!({"command": "close", "note": "Done with"}),
            json!({"command": "withdraw", "note": "Situation stabilized"}),
        ],
        Kind::Session => vec![
            json!({"command": "amend", "spec": session_json()}),
            json!({"command": "open"}),
            json!({"command": "close", "minutes": "Minutes of the session"}),
            json!({"command": "cancel", "reason": "Postponed"}),
        ],
        Kind::Decision => {
            let mut v = vec![
                json!({"command": "revise", "text": "New text"}),
                json!({"command": "comment", "state": "KAZ", "text": "We support it"}),
                json!({"command": "table"}),
                json!({"command": "conclude"}),
                json!({"command": "withdraw", "reason": "Superseded"}),
            ];
            for s in POOL {
                for p in ["agrees", "objects", "abstains"] {
                    v.push(json!({"command": "record_position", "state": s, "position": p}));
                }
            }
            v
        }
        Kind::Operation => vec![
            json!({"command": "amend", "spec": operation_json()}),
            json!({"command": "begin_deployment"}),
            json!({"command": "begin_execution"}),
            json!({"command": "extend", "until": "2030-01-01", "basis": "Decision No. 9"}),
            json!({"command": "begin_withdrawal"}),
            json!({"command": "terminate"}),
        ],
        Kind::Force => vec![
            json!({"command": "offer"}),
            json!({"command": "accept"}),
            json!({"command": "decline", "reason": "Not needed"}),
            json!({"command": "withdraw", "reason": "Needed at home"}),
            json!({"command": "standby"}),
            json!({"command": "mobilize"}),
            json!({"command": "deploy"}),
            json!({"command": "arrive"}),
            json!({"command": "redeploy"}),
            json!({"command": "stand_down"}),
        ],
        Kind::Task => vec![
            json!({"command": "report", "text": "Half done"}),
            json!({"command": "complete", "text": "Done"}),
            json!({"command": "reschedule", "deadline": "2030-01-01T00:00:00Z", "reason": "Weather"}),
            json!({"command": "cancel", "reason": "Overtaken by events"}),
        ],
        Kind::Logistics => vec![
            json!({"command": "approve", "note": "From the reserve"}),
            json!({"command": "refuse", "reason": "No stocks"}),
            json!({"command": "fulfil", "note": "Delivered"}),
        ],
        Kind::Mode => vec![],
        Kind::Shift => vec![
            json!({"command": "take_over"}),
            json!({"command": "hand_over", "notes": "Quiet night"}),
        ],
        Kind::Group => vec![
            json!({"command": "amend", "spec": group_json()}),
            json!({"command": "deploy"}),
            json!({"command": "withdraw"}),
        ],
    };
    all.into_iter().map(|v| cmd(kind, v)).collect()
}
