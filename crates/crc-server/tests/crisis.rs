//! The crisis chain over real HTTP: the January 2022 operation and the March 2024 strategic
//! command-staff training replayed as the seeds tell them, with the state asserted at each
//! step; the per-state rules; illegal steps; releasability; exercise separation.

mod common;

use common::{contingent, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const STATES: [&str; 6] = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"];

async fn create(s: &TestServer, user: &str, kind: &str, body: Value) -> Value {
    let (st, v, h) = s
        .call(
            Some(user),
            Method::POST,
            &format!("/api/v1/crisis/{kind}"),
            Some(body),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "create {kind} as {user}: {v}");
    assert_eq!(h["etag"], format!("\"{}\"", v["version"]).as_str());
    v
}

async fn step(s: &TestServer, user: &str, kind: &str, id: &Value, cmd: Value) -> Value {
    let path = format!("/api/v1/crisis/{kind}/{}/commands", id.as_i64().unwrap());
    let (st, v, _) = s
        .call(Some(user), Method::POST, &path, Some(cmd.clone()), &[])
        .await;
    assert_eq!(st, StatusCode::OK, "{cmd} on {kind} {id} as {user}: {v}");
    v
}

async fn get(s: &TestServer, user: &str, path: &str) -> (StatusCode, Value) {
    let (st, v, _) = s.call(Some(user), Method::GET, path, None, &[]).await;
    (st, v)
}

async fn refused(
    s: &TestServer,
    user: &str,
    kind: &str,
    id: &Value,
    cmd: Value,
) -> (StatusCode, Value) {
    let before = s.audit_len().await;
    let path = format!("/api/v1/crisis/{kind}/{}/commands", id.as_i64().unwrap());
    let (st, v, _) = s
        .call(Some(user), Method::POST, &path, Some(cmd), &[])
        .await;
    assert!(st.is_client_error(), "expected a refusal, got {st}: {v}");
    assert_eq!(s.audit_len().await, before, "a refused step writes nothing");
    (st, v)
}

async fn register(s: &TestServer, state: &str, name: &str, personnel: i64) -> i64 {
    let mut c = contingent(state, name);
    c["component"] = json!("peacekeeping");
    c["personnel"] = json!(personnel);
    let (st, v, _) = s
        .call(
            Some("planner"),
            Method::POST,
            "/api/v1/contingents",
            Some(c),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    v["id"].as_i64().unwrap()
}

fn area() -> Value {
    json!([
        {"lat": 43.9, "lon": 76.2}, {"lat": 43.9, "lon": 77.6},
        {"lat": 42.9, "lon": 77.6}, {"lat": 42.9, "lon": 76.2}
    ])
}

/// The crisis as the seeds tell it; `exercise` marks every record of a training.
async fn crisis_chain(s: &TestServer, exercise: Option<&str>) -> (Value, Value, Value) {
    let ex = exercise.map(|e| json!(e)).unwrap_or(Value::Null);
    // 1. The head of a member state requests assistance from the Chairman of the Council.
    let request = create(
        s,
        "lo.kaz",
        "requests",
        json!({"exercise": ex, "spec": {
            "requesting_state": "KAZ",
            "from": "President of the Republic of Kazakhstan",
            "received_at": "2022-01-05T21:30:00Z",
            "asks": [{"kind": "forces", "details": "Collective Peacekeeping Forces"}],
            "summary": "Threat to national security and sovereignty; request for assistance under Article 4 of the Treaty."
        }}),
    )
    .await;
    assert_eq!(request["status"], "received");
    assert_eq!(request["crisis_id"], request["id"]);
    assert_eq!(request["exercise"], ex);
    let request = step(
        s,
        "duty",
        "requests",
        &request["id"],
        json!({"command": "consider"}),
    )
    .await;
    assert_eq!(request["status"], "under_consideration");

    // 2. An extraordinary session of the Council decides.
    let session = create(
        s,
        "duty",
        "sessions",
        json!({"parent": request["id"], "spec": {
            "body": "collective_security_council", "kind": "extraordinary",
            "format": "videoconference", "link": "https://vc.example.org/csc",
            "scheduled_at": "2022-01-06T08:00:00Z",
            "agenda": ["The request of the Republic of Kazakhstan"],
            "participants": STATES
        }}),
    )
    .await;
    assert_eq!(session["status"], "scheduled");
    assert_eq!(
        session["number"], 1,
        "the first session of the body is No. 1"
    );
    assert_eq!(
        session["title"],
        "Extraordinary session No. 1 of the Collective Security Council"
    );
    assert_eq!(
        session["exercise"], ex,
        "a session takes its request's exercise marking"
    );
    let decision = create(
        s,
        "planner",
        "decisions",
        json!({"parent": session["id"], "spec": {
            "title": "On conducting a peacekeeping operation on the territory of the Republic of Kazakhstan",
            "prepared_by": "joint_staff",
            "text": "To conduct a peacekeeping operation of the Collective Peacekeeping Forces."
        }}),
    )
    .await;
    assert_eq!(decision["status"], "drafting");
    let d = step(s, "planner", "decisions", &decision["id"], json!({"command": "revise", "text": "To conduct a peacekeeping operation of the Collective Peacekeeping Forces, for a limited time."})).await;
    assert_eq!(d["state"]["versions"].as_array().unwrap().len(), 2);
    step(
        s,
        "lo.arm",
        "decisions",
        &decision["id"],
        json!({"command": "comment", "state": "ARM", "text": "Agreed in substance."}),
    )
    .await;
    step(
        s,
        "duty",
        "sessions",
        &session["id"],
        json!({"command": "open"}),
    )
    .await;
    let d = step(
        s,
        "planner",
        "decisions",
        &decision["id"],
        json!({"command": "table"}),
    )
    .await;
    assert_eq!(d["status"], "tabled");
    assert_eq!(d["state"]["participants"], json!(STATES));
    // Each delegation's position: the liaison officers their own, the secretary the rest.
    step(
        s,
        "lo.kaz",
        "decisions",
        &decision["id"],
        json!({"command": "record_position", "state": "KAZ", "position": "agrees"}),
    )
    .await;
    step(
        s,
        "lo.arm",
        "decisions",
        &decision["id"],
        json!({"command": "record_position", "state": "ARM", "position": "agrees"}),
    )
    .await;
    let (st, e) = refused(
        s,
        "planner",
        "decisions",
        &decision["id"],
        json!({"command": "conclude"}),
    )
    .await;
    assert_eq!(st, StatusCode::CONFLICT);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("BLR, KGZ, RUS, TJK"),
        "{e}"
    );
    for st in ["BLR", "KGZ", "RUS", "TJK"] {
        step(
            s,
            "duty",
            "decisions",
            &decision["id"],
            json!({"command": "record_position", "state": st, "position": "agrees"}),
        )
        .await;
    }
    let d = step(
        s,
        "planner",
        "decisions",
        &decision["id"],
        json!({"command": "conclude"}),
    )
    .await;
    assert_eq!(d["status"], "adopted");
    assert_eq!(d["number"], 1);
    assert!(d["state"]["adopted_on"].is_string());
    let r = step(
        s,
        "duty",
        "requests",
        &request["id"],
        json!({"command": "decide", "outcome": "granted"}),
    )
    .await;
    assert_eq!(r["status"], "decided");
    assert_eq!(r["state"]["outcome"], "granted");
    step(
        s,
        "duty",
        "sessions",
        &session["id"],
        json!({"command": "close", "minutes": "Decision No. 1 adopted by consensus."}),
    )
    .await;

    // 3. The centre goes to enhanced mode, then day-and-night work.
    let m = create(s, "duty", "modes", json!({"parent": request["id"], "spec": {"mode": "enhanced", "reason": "Aggravation of the situation in the requesting state"}})).await;
    assert_eq!(m["status"], "enhanced");
    assert_eq!(m["state"]["from"], "routine");
    let m = create(s, "duty", "modes", json!({"parent": request["id"], "spec": {"mode": "round_the_clock", "reason": "Day-and-night work of the Crisis Response Centre"}})).await;
    assert_eq!(m["state"]["from"], "enhanced");

    // 4. The operation; states send contingents.
    let op = create(
        s,
        "planner",
        "operations",
        json!({"parent": decision["id"], "spec": {
            "name": "Peacekeeping operation in the Republic of Kazakhstan",
            "kind": "peacekeeping", "host_state": "KAZ", "area": area(),
            "mandate": "Protection of important state and military facilities",
            "facilities": [{"name": "Almaty International Airport", "kind": "airport",
                            "position": {"lat": 43.352, "lon": 77.04}}],
            "ceiling": {"personnel": 2500, "equipment": 300},
            "starts_on": "2022-01-06", "ends_on": "2022-01-19"
        }}),
    )
    .await;
    assert_eq!(op["status"], "established");
    assert_eq!(op["crisis_id"], request["id"]);
    let mut forces = Vec::new();
    for (state, n) in [
        ("ARM", 100),
        ("BLR", 500),
        ("KGZ", 150),
        ("RUS", 1500),
        ("TJK", 200),
    ] {
        let name = format!("{state} peacekeeping unit {}", exercise.unwrap_or("2022"));
        let cid = register(s, state, &name, n).await;
        let f = create(
            s,
            "planner",
            "forces",
            json!({"parent": op["id"], "spec": {"contingent_id": cid}}),
        )
        .await;
        assert_eq!(f["status"], "offered");
        assert_eq!(
            f["spec"]["state"], state,
            "the state comes from the register"
        );
        assert_eq!(f["spec"]["personnel"], n);
        forces.push(f);
    }
    for f in &forces {
        let f = step(s, "duty", "forces", &f["id"], json!({"command": "accept"})).await;
        assert_eq!(f["status"], "assigned");
    }
    let (_, comp) = get(
        s,
        "observer",
        &format!("/api/v1/crisis/operations/{}/composition", op["id"]),
    )
    .await;
    assert_eq!(comp["personnel"], 2450);
    assert_eq!(comp["ceiling_personnel"], 2500);
    assert_eq!(comp["rows"].as_array().unwrap().len(), 5);
    step(
        s,
        "planner",
        "operations",
        &op["id"],
        json!({"command": "begin_deployment"}),
    )
    .await;
    for f in &forces {
        for c in ["mobilize", "deploy", "arrive"] {
            step(s, "duty", "forces", &f["id"], json!({"command": c})).await;
        }
    }
    let op2 = step(
        s,
        "planner",
        "operations",
        &op["id"],
        json!({"command": "begin_execution"}),
    )
    .await;
    assert_eq!(op2["status"], "conducting");

    // 5. The operational group; 6. tasks, control, logistics.
    let g = create(s, "planner", "groups", json!({"parent": op["id"], "spec": {
        "name": "Operational group of the Joint Staff",
        "head": {"name": "Deputy Chief of the Joint Staff", "post": "Deputy Chief of the Joint Staff"},
        "location": {"name": "Almaty", "position": {"lat": 43.238, "lon": 76.945}}}})).await;
    step(
        s,
        "planner",
        "groups",
        &g["id"],
        json!({"command": "deploy"}),
    )
    .await;
    let t1 = create(
        s,
        "planner",
        "tasks",
        json!({"parent": decision["id"], "spec": {
        "title": "Organize material and technical support of the contingents",
        "responsible": {"body": "joint_staff"}, "deadline": "2022-01-08T12:00:00Z"}}),
    )
    .await;
    let t2 = create(
        s,
        "planner",
        "tasks",
        json!({"parent": decision["id"], "spec": {
        "title": "Provide host-nation support to the arriving contingents",
        "responsible": {"state": "KAZ"}, "deadline": "2099-01-08T12:00:00Z"}}),
    )
    .await;
    assert_eq!(
        t1["overdue"], true,
        "an open task past its deadline is overdue"
    );
    assert_eq!(t2["overdue"], false);
    step(
        s,
        "lo.kaz",
        "tasks",
        &t2["id"],
        json!({"command": "report", "text": "Airfields and accommodation made ready."}),
    )
    .await;
    let (_, ctl) = get(
        s,
        "duty",
        &format!("/api/v1/crisis/decisions/{}/control", decision["id"]),
    )
    .await;
    assert_eq!(
        (ctl["open"].as_i64(), ctl["overdue"].as_i64()),
        (Some(2), Some(1)),
        "{ctl}"
    );
    step(
        s,
        "duty",
        "tasks",
        &t1["id"],
        json!({"command": "complete", "text": "Support organized with the defence ministries."}),
    )
    .await;
    let lg = create(s, "planner", "logistics", json!({"parent": op["id"], "spec": {
        "state": "BLR", "kind": "replenishment", "items": "Fuel and food for 500 personnel, 10 days"}})).await;
    step(
        s,
        "duty",
        "logistics",
        &lg["id"],
        json!({"command": "approve"}),
    )
    .await;
    let lg = step(
        s,
        "duty",
        "logistics",
        &lg["id"],
        json!({"command": "fulfil"}),
    )
    .await;
    assert_eq!(lg["status"], "fulfilled");

    // 7. Closure: withdrawal and termination; the request is closed.
    let (st, e) = refused(
        s,
        "planner",
        "operations",
        &op["id"],
        json!({"command": "terminate"}),
    )
    .await;
    assert_eq!(
        (st, e["code"].as_str()),
        (StatusCode::CONFLICT, Some("illegal_transition"))
    );
    step(
        s,
        "planner",
        "operations",
        &op["id"],
        json!({"command": "begin_withdrawal"}),
    )
    .await;
    let (st, e) = refused(
        s,
        "planner",
        "operations",
        &op["id"],
        json!({"command": "terminate"}),
    )
    .await;
    assert_eq!(st, StatusCode::CONFLICT);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("5 contingent(s) have not stood down"),
        "{e}"
    );
    for f in &forces {
        step(
            s,
            "duty",
            "forces",
            &f["id"],
            json!({"command": "redeploy"}),
        )
        .await;
        let f = step(
            s,
            "duty",
            "forces",
            &f["id"],
            json!({"command": "stand_down"}),
        )
        .await;
        assert_eq!(f["status"], "stood_down");
    }
    step(
        s,
        "planner",
        "groups",
        &g["id"],
        json!({"command": "withdraw"}),
    )
    .await;
    let op = step(
        s,
        "planner",
        "operations",
        &op["id"],
        json!({"command": "terminate"}),
    )
    .await;
    assert_eq!(op["status"], "terminated");
    let r = step(
        s,
        "duty",
        "requests",
        &request["id"],
        json!({"command": "close"}),
    )
    .await;
    assert_eq!(r["status"], "closed");
    assert_eq!(r["state"]["outcome"], "granted");
    (request, decision, op)
}

async fn january_2022(s: TestServer) {
    let (request, _decision, _op) = crisis_chain(&s, None).await;
    let id = request["id"].as_i64().unwrap();
    // The journal: one chronological record of the whole crisis.
    let (st, doc) = get(
        &s,
        "lo.arm",
        &format!("/api/v1/crisis/requests/{id}/journal"),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{doc}");
    assert_eq!(doc["marking"], Value::Null);
    let entries = doc["entries"].as_array().unwrap();
    let ids: Vec<i64> = entries.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in order");
    let actions: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["action"].as_str().unwrap()))
        .collect();
    for needed in [
        ("request", "create"),
        ("request", "decide"),
        ("session", "open"),
        ("decision", "conclude"),
        ("mode", "create"),
        ("force", "arrive"),
        ("task", "report"),
        ("operation", "terminate"),
        ("request", "close"),
    ] {
        assert!(actions.contains(&needed), "the journal has {needed:?}");
    }
    assert_eq!(actions.first(), Some(&("request", "create")));
    assert_eq!(actions.last(), Some(&("request", "close")));
    let (st, html, h) = s
        .call(
            Some("duty"),
            Method::GET,
            &format!("/api/v1/crisis/requests/{id}/journal/print"),
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
    let html = html.as_str().unwrap();
    assert!(html.contains("Crisis journal") && html.contains("terminate"));
    assert!(!html.contains("EXERCISE"));
    // Every step went through the audit chain, which still verifies.
    let report = s.store.verify_audit().await.unwrap();
    assert!(report.problems.is_empty());
    s.stop().await;
}

#[tokio::test]
async fn january_2022_operation_sqlite() {
    january_2022(TestServer::sqlite().await).await;
}

#[tokio::test]
async fn january_2022_operation_postgres() {
    january_2022(TestServer::postgres().await).await;
}

/// The March 2024 strategic command-staff training rehearsed the same chain on a simulated
/// state: every record is exercise-marked and stays apart from real-world ones.
#[tokio::test]
async fn march_2024_training_stays_apart_from_the_real_world() {
    let s = TestServer::sqlite().await;
    let ex = "Strategic command-staff training 2024";
    // A real-world session of the Council exists: the training's numbering is its own.
    create(
        &s,
        "duty",
        "sessions",
        json!({"spec": {
        "body": "collective_security_council", "kind": "regular", "format": "in_person",
        "place": "Minsk", "scheduled_at": "2023-11-23T08:00:00Z",
        "agenda": ["Measures to develop the crisis response system"], "participants": STATES}}),
    )
    .await;
    let (request, decision, op) = crisis_chain(&s, Some(ex)).await;
    for r in [&request, &decision, &op] {
        assert_eq!(r["exercise"], ex);
        assert_eq!(r["marking"], "EXERCISE");
    }
    // Left out of real-world lists and the board unless asked for.
    let (_, real) = get(&s, "duty", "/api/v1/crisis/requests").await;
    assert_eq!(real["total"], 0);
    let (_, real) = get(&s, "duty", "/api/v1/crisis/sessions").await;
    assert_eq!(real["total"], 1);
    assert_eq!(real["items"][0]["number"], 1);
    let (_, exs) = get(&s, "duty", "/api/v1/crisis/sessions?exercise=exercises").await;
    assert_eq!(exs["total"], 1);
    assert_eq!(exs["items"][0]["number"], 1, "exercises number apart");
    let (_, all) = get(&s, "duty", "/api/v1/crisis/operations?exercise=all").await;
    assert_eq!(all["total"], 1);
    let (_, board) = get(&s, "duty", "/api/v1/crisis/board").await;
    assert!(
        board["counts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] == "session"),
        "{board}"
    );
    assert!(
        board["mode"].is_null(),
        "the exercise's mode changes are not the centre's mode"
    );
    let (_, board) = get(
        &s,
        "duty",
        &format!("/api/v1/crisis/board?exercise=exercise:{ex}"),
    )
    .await;
    assert_eq!(board["mode"]["status"], "round_the_clock");
    // A child never mixes with a different marking.
    let (st, e, _) = s
        .call(Some("planner"), Method::POST, "/api/v1/crisis/tasks", Some(json!({
            "parent": decision["id"], "exercise": "Another exercise",
            "spec": {"title": "t", "responsible": {"body": "joint_staff"}, "deadline": "2024-03-13T00:00:00Z"}})), &[])
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{e}");
    assert_eq!(e["details"]["field"], "exercise");
    // Exported marked.
    let id = request["id"].as_i64().unwrap();
    let (_, doc) = get(&s, "duty", &format!("/api/v1/crisis/requests/{id}/journal")).await;
    assert_eq!(doc["marking"], "EXERCISE");
    assert!(doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["marking"] == "EXERCISE"));
    let (_, html, _) = s
        .call(
            Some("duty"),
            Method::GET,
            &format!("/api/v1/crisis/requests/{id}/journal/print"),
            None,
            &[],
        )
        .await;
    assert!(html
        .as_str()
        .unwrap()
        .contains("EXERCISE EXERCISE EXERCISE"));
    // The real-world journal has none of it.
    let (_, j) = get(&s, "duty", "/api/v1/crisis/journal").await;
    assert!(j
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["exercise"].is_null()));
    s.stop().await;
}

#[tokio::test]
async fn liaison_officers_act_for_their_own_state_only() {
    let s = TestServer::sqlite().await;
    let before = s.audit_len().await;
    let (st, e, _) = s
        .call(
            Some("lo.kaz"),
            Method::POST,
            "/api/v1/crisis/requests",
            Some(json!({"spec": {
            "requesting_state": "ARM", "from": "x", "received_at": "2022-01-05T00:00:00Z",
            "asks": [{"kind": "forces"}], "summary": "s"}})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("a liaison officer of KAZ may not submit a request on behalf of ARM"),
        "{e}"
    );
    let (st, _, _) = s
        .call(
            Some("observer"),
            Method::POST,
            "/api/v1/crisis/sessions",
            Some(json!({"spec": {}})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(s.audit_len().await, before, "nothing written");

    let request = create(
        &s,
        "duty",
        "requests",
        json!({"spec": {
        "requesting_state": "KAZ", "from": "President", "received_at": "2022-01-05T00:00:00Z",
        "asks": [{"kind": "forces"}], "summary": "s"}}),
    )
    .await;
    let session = create(
        &s,
        "duty",
        "sessions",
        json!({"parent": request["id"], "spec": {
        "body": "collective_security_council", "kind": "extraordinary", "format": "in_person",
        "scheduled_at": "2022-01-06T00:00:00Z", "agenda": ["a"], "participants": STATES}}),
    )
    .await;
    let decision = create(
        &s,
        "planner",
        "decisions",
        json!({"parent": session["id"], "spec": {
        "title": "D", "prepared_by": "secretariat", "text": "T"}}),
    )
    .await;
    step(
        &s,
        "duty",
        "sessions",
        &session["id"],
        json!({"command": "open"}),
    )
    .await;
    step(
        &s,
        "duty",
        "decisions",
        &decision["id"],
        json!({"command": "table"}),
    )
    .await;
    let (st, e) = refused(
        &s,
        "lo.kaz",
        "decisions",
        &decision["id"],
        json!({"command": "record_position", "state": "ARM", "position": "objects"}),
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("record the position of the delegation of ARM"),
        "{e}"
    );
    let (st, _) = refused(
        &s,
        "lo.kaz",
        "decisions",
        &decision["id"],
        json!({"command": "conclude"}),
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // A liaison officer offers only their own state's contingents.
    for st in STATES {
        step(
            &s,
            "duty",
            "decisions",
            &decision["id"],
            json!({"command": "record_position", "state": st, "position": "agrees"}),
        )
        .await;
    }
    step(
        &s,
        "duty",
        "decisions",
        &decision["id"],
        json!({"command": "conclude"}),
    )
    .await;
    let op = create(&s, "planner", "operations", json!({"parent": decision["id"], "spec": {
        "name": "Op", "kind": "peacekeeping", "host_state": "KAZ", "area": area(), "mandate": "m",
        "ceiling": {"personnel": 1000, "equipment": 10}, "starts_on": "2022-01-06", "ends_on": "2022-01-19"}})).await;
    let kaz = register(&s, "KAZ", "KAZ unit", 600).await;
    let arm = register(&s, "ARM", "ARM unit", 600).await;
    let before = s.audit_len().await;
    let (st, e, _) = s
        .call(
            Some("lo.kaz"),
            Method::POST,
            "/api/v1/crisis/forces",
            Some(json!({"parent": op["id"], "spec": {"contingent_id": arm}})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{e}");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("offer a contingent of ARM"));
    assert_eq!(s.audit_len().await, before);
    let fk = create(
        &s,
        "lo.kaz",
        "forces",
        json!({"parent": op["id"], "spec": {"contingent_id": kaz}}),
    )
    .await;
    let fa = create(
        &s,
        "lo.arm",
        "forces",
        json!({"parent": op["id"], "spec": {"contingent_id": arm}}),
    )
    .await;
    let (st, _) = refused(
        &s,
        "lo.kaz",
        "forces",
        &fk["id"],
        json!({"command": "accept"}),
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "the Joint Staff accepts offers");
    step(
        &s,
        "duty",
        "forces",
        &fk["id"],
        json!({"command": "accept"}),
    )
    .await;
    // The ceiling holds: 600 + 600 > 1000.
    let (st, e) = refused(
        &s,
        "duty",
        "forces",
        &fa["id"],
        json!({"command": "accept"}),
    )
    .await;
    assert_eq!(st, StatusCode::CONFLICT);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("above its ceiling of 1000"),
        "{e}"
    );
    // Offering the same contingent twice is refused.
    let (st, e, _) = s
        .call(
            Some("lo.kaz"),
            Method::POST,
            "/api/v1/crisis/forces",
            Some(json!({"parent": op["id"], "spec": {"contingent_id": kaz}})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{e}");
    s.stop().await;
}

#[tokio::test]
async fn illegal_steps_and_bad_input_are_refused_clearly() {
    let s = TestServer::sqlite().await;
    let r = create(
        &s,
        "duty",
        "requests",
        json!({"spec": {
        "requesting_state": "KGZ", "from": "President", "received_at": "2022-01-05T00:00:00Z",
        "asks": [{"kind": "humanitarian", "details": "tents"}], "summary": "Flood"}}),
    )
    .await;
    let (st, e) = refused(
        &s,
        "duty",
        "requests",
        &r["id"],
        json!({"command": "decide", "outcome": "granted"}),
    )
    .await;
    assert_eq!(st, StatusCode::CONFLICT);
    assert_eq!(e["code"], "illegal_transition");
    assert_eq!(
        e["message"],
        "cannot decide a request that is received: it must be put before the Council (consider) first"
    );
    assert_eq!(e["details"]["state"], "received");
    let (st, e) = refused(&s, "duty", "requests", &r["id"], json!({"command": "fly"})).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(e["details"]["field"], "command", "{e}");
    let (st, e) = refused(
        &s,
        "duty",
        "requests",
        &r["id"],
        json!({"command": "decide", "outcome": "maybe"}),
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{e}");
    // Stale versions are refused with the current record.
    let path = format!("/api/v1/crisis/requests/{}/commands", r["id"]);
    let (st, e, _) = s
        .call(
            Some("duty"),
            Method::POST,
            &path,
            Some(json!({"command": "consider"})),
            &[("If-Match", "\"7\"")],
        )
        .await;
    assert_eq!(st, StatusCode::PRECONDITION_FAILED);
    assert_eq!(e["details"]["current"]["version"], 1);
    // Bad specs name the field.
    let before = s.audit_len().await;
    for (kind, spec, field) in [
        (
            "requests",
            json!({"requesting_state": "KGZ", "from": "", "received_at": "2022-01-05T00:00:00Z", "asks": [{"kind": "forces"}], "summary": "s"}),
            "spec.from",
        ),
        (
            "requests",
            json!({"requesting_state": "XYZ", "from": "P", "received_at": "2022-01-05T00:00:00Z", "asks": [{"kind": "forces"}], "summary": "s"}),
            "spec.requesting_state",
        ),
        (
            "requests",
            json!({"requesting_state": "KGZ", "from": "P", "received_at": "2022-01-05T00:00:00Z", "asks": [], "summary": "s"}),
            "spec.asks",
        ),
        (
            "requests",
            json!({"requesting_state": "KGZ", "from": "P", "received_at": "yesterday", "asks": [{"kind": "forces"}], "summary": "s"}),
            "spec.received_at",
        ),
        (
            "requests",
            json!({"requesting_state": "KGZ", "from": "P", "received_at": "2022-01-05T00:00:00Z", "asks": [{"kind": "forces"}], "summary": "s", "colour": 1}),
            "spec",
        ),
        (
            "sessions",
            json!({"body": "no_such_body", "kind": "regular", "format": "in_person", "scheduled_at": "2022-01-06T00:00:00Z", "agenda": ["a"], "participants": ["KAZ"]}),
            "spec.body",
        ),
        (
            "sessions",
            json!({"body": "collective_security_council", "kind": "regular", "format": "videoconference", "scheduled_at": "2022-01-06T00:00:00Z", "agenda": ["a"], "participants": ["KAZ"]}),
            "spec.link",
        ),
    ] {
        let (st, e, _) = s
            .call(
                Some("duty"),
                Method::POST,
                &format!("/api/v1/crisis/{kind}"),
                Some(json!({"spec": spec})),
                &[],
            )
            .await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{field}: {e}");
        assert!(
            e["details"]["field"].as_str().unwrap().starts_with(field),
            "{field}: {e}"
        );
    }
    // A record under the wrong kind of parent, or an operation without an adopted decision.
    let (st, e, _) = s
        .call(Some("planner"), Method::POST, "/api/v1/crisis/operations", Some(json!({"parent": r["id"], "spec": {
            "name": "Op", "kind": "humanitarian", "host_state": "KGZ", "area": area(), "mandate": "m",
            "ceiling": {"personnel": 10, "equipment": 1}, "starts_on": "2022-01-06", "ends_on": "2022-01-19"}})), &[])
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(
        e["message"],
        "parent: an operation belongs to a decision; record 1 is a request"
    );
    assert_eq!(s.audit_len().await, before, "nothing written");
    let (st, _, _) = s
        .call(
            Some("duty"),
            Method::GET,
            "/api/v1/crisis/wizards",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _, _) = s
        .call(
            Some("duty"),
            Method::GET,
            &format!("/api/v1/crisis/sessions/{}", r["id"]),
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND, "a request is not a session");
    s.stop().await;
}

#[tokio::test]
async fn a_national_request_is_seen_by_its_state_only() {
    let s = TestServer::sqlite().await;
    let r = create(
        &s,
        "lo.kaz",
        "requests",
        json!({"releasability": {"label": "national"}, "spec": {
        "requesting_state": "KAZ", "from": "President", "received_at": "2022-01-05T00:00:00Z",
        "asks": [{"kind": "equipment"}], "summary": "confidential"}}),
    )
    .await;
    let path = format!("/api/v1/crisis/requests/{}", r["id"]);
    assert_eq!(get(&s, "lo.kaz", &path).await.0, StatusCode::OK);
    assert_eq!(get(&s, "admin", &path).await.0, StatusCode::OK);
    assert_eq!(get(&s, "lo.arm", &path).await.0, StatusCode::NOT_FOUND);
    let (_, list) = get(&s, "lo.arm", "/api/v1/crisis/requests").await;
    assert_eq!(list["total"], 0);
    let (_, j) = get(&s, "lo.arm", "/api/v1/crisis/journal").await;
    assert_eq!(j, json!([]));
    let (_, b) = get(&s, "lo.arm", "/api/v1/crisis/board").await;
    assert_eq!(b["requests"], json!([]));
    let (st, _) = get(
        &s,
        "lo.arm",
        &format!("/api/v1/crisis/requests/{}/journal", r["id"]),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    // Nor does its change reach the other state's event stream.
    let viewer_arm = crc_domain::identity::Viewer::Person {
        state: Some(crc_domain::StateCode::parse("ARM").unwrap()),
    };
    let viewer_kaz = crc_domain::identity::Viewer::Person {
        state: Some(crc_domain::StateCode::parse("KAZ").unwrap()),
    };
    let arm = s.store.changes_after(&viewer_arm, 0, 1000).await.unwrap();
    let kaz = s.store.changes_after(&viewer_kaz, 0, 1000).await.unwrap();
    assert!(!arm.events.iter().any(|e| e.entity == "crisis"));
    assert!(kaz
        .events
        .iter()
        .any(|e| e.entity == "crisis" && e.entity_id.parse::<i64>().ok() == r["id"].as_i64()));
    s.stop().await;
}
