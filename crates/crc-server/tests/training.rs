//! Planning the joint training year over real HTTP: the catalogue loaded at start, filtered,
//! added to and changed at a version; statistics with the stated figures; the 2025 plan
//! drafted from the catalogue, coordinated with every state by their liaison officers,
//! submitted and approved by both bodies; its conflicts, iCalendar and printable document;
//! and every refusal (roles, states, illegal steps, stale versions, bad input) changing
//! nothing.

mod common;

use common::TestServer;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn ok(s: &TestServer, user: &str, method: Method, path: &str, body: Option<Value>) -> Value {
    let (st, v, _) = s.call(Some(user), method, path, body, &[]).await;
    assert!(st.is_success(), "{path} as {user}: {st} {v}");
    v
}

/// A request that must be refused with `status` and `code`, writing nothing.
async fn refused(
    s: &TestServer,
    user: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
    (status, code): (StatusCode, &str),
) -> Value {
    let before = s.audit_len().await;
    let (st, v, _) = s.call(Some(user), method, path, body, headers).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (status, Some(code)),
        "{path} as {user}: {v}"
    );
    assert_eq!(s.audit_len().await, before, "a refusal writes nothing");
    v
}

fn rubezh_2026() -> Value {
    json!({"key": "rubezh_2026", "series": "rubezh", "year": 2026,
        "name": {"en": "Rubezh-2026", "ru": "Рубеж-2026"}, "kind": "joint", "status": "planned",
        "host": "KGZ", "dates": {"precision": "month", "year": 2026, "month": 9},
        "components": ["crdf_car"]})
}

#[tokio::test]
async fn catalogue_and_statistics() {
    let s = TestServer::sqlite().await;
    let all = ok(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/exercises",
        None,
    )
    .await;
    let n = all["items"].as_array().unwrap().len();
    assert!(n >= 14, "{n}");
    let blr = ok(
        &s,
        "lo.kaz",
        Method::GET,
        "/api/v1/training/exercises?year=2025&host=BLR&kind=joint",
        None,
    )
    .await;
    let keys: Vec<&str> = blr["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["interaction_2025"]);
    let series = ok(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/exercises?series=search",
        None,
    )
    .await;
    assert_eq!(series["items"].as_array().unwrap().len(), 2);
    for (q, field) in [
        ("kind=war", "kind"),
        ("host=K", "host"),
        ("status=done", "status"),
    ] {
        let v = refused(
            &s,
            "observer",
            Method::GET,
            &format!("/api/v1/training/exercises?{q}"),
            None,
            &[],
            (StatusCode::BAD_REQUEST, "invalid_input"),
        )
        .await;
        assert_eq!(v["details"]["field"], field, "{v}");
    }
    refused(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/exercises?colour=red",
        None,
        &[],
        (StatusCode::BAD_REQUEST, "invalid_query"),
    )
    .await;

    // Add an exercise (the Joint Staff), read it, change it at its version.
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        "/api/v1/training/exercises",
        Some(json!({"spec": rubezh_2026()})),
        &[],
        (StatusCode::FORBIDDEN, "forbidden"),
    )
    .await;
    let mut bad = rubezh_2026();
    bad["contingents"] = json!([{"state": "KAZ", "component": "crrf"}]);
    let v = refused(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/exercises",
        Some(json!({"spec": bad})),
        &[],
        (StatusCode::BAD_REQUEST, "invalid_input"),
    )
    .await;
    assert_eq!(
        v["details"]["field"], "spec.contingents[0].component",
        "{v}"
    );
    let (st, x, h) = s
        .call(
            Some("planner"),
            Method::POST,
            "/api/v1/training/exercises",
            Some(json!({"spec": rubezh_2026()})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{x}");
    assert_eq!(h["etag"], "\"1\"");
    assert_eq!(h["location"], "/api/v1/training/exercises/rubezh_2026");
    assert_eq!(
        (x["origin"].as_str(), x["created_by"].as_str()),
        (Some("user"), Some("planner"))
    );
    refused(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/exercises",
        Some(json!({"spec": rubezh_2026()})),
        &[],
        (StatusCode::CONFLICT, "duplicate"),
    )
    .await;
    let mut held = rubezh_2026();
    held["status"] = json!("held");
    let path = "/api/v1/training/exercises/rubezh_2026";
    refused(
        &s,
        "duty",
        Method::PUT,
        path,
        Some(json!({"spec": held})),
        &[],
        (StatusCode::PRECONDITION_REQUIRED, "precondition_required"),
    )
    .await;
    let (st, y, h) = s
        .call(
            Some("duty"),
            Method::PUT,
            path,
            Some(json!({"spec": held})),
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{y}");
    assert_eq!(
        (h["etag"].to_str().unwrap(), y["spec"]["status"].as_str()),
        ("\"2\"", Some("held"))
    );
    refused(
        &s,
        "duty",
        Method::PUT,
        path,
        Some(json!({"spec": rubezh_2026()})),
        &[("If-Match", "\"1\"")],
        (StatusCode::PRECONDITION_FAILED, "version_conflict"),
    )
    .await;
    refused(
        &s,
        "duty",
        Method::GET,
        "/api/v1/training/exercises/nope",
        None,
        &[],
        (StatusCode::NOT_FOUND, "not_found"),
    )
    .await;

    // Statistics: 2024's stated figures beside the sums; 2026 has the exercise just added.
    let st = ok(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/statistics",
        None,
    )
    .await;
    let years = st["statistics"]["years"].as_array().unwrap();
    let y2024 = years.iter().find(|y| y["year"] == 2024).unwrap();
    assert_eq!(
        y2024["tally"]["personnel"]["stated"]["value"], 5000,
        "{y2024}"
    );
    assert_eq!(
        y2024["tally"]["personnel"]["stated"]["qualifier"], "over",
        "{y2024}"
    );
    let y2026 = years.iter().find(|y| y["year"] == 2026).unwrap();
    assert_eq!(
        (
            y2026["tally"]["exercises"].as_i64(),
            y2026["tally"]["held"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert!(st["statistics"]["series"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["series"] == "rubezh"));
    assert!(st["statistics"]["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["state"] == "KGZ"));
    assert!(st["statistics"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["component"] == "crdf_car"));
    assert_eq!(st["statistics"]["since_founding"]["stated"]["value"], 80);
    s.stop().await;
}

async fn year_plan_2025(s: TestServer) {
    let title = json!({"en": "Plan for Joint Training for 2025", "ru": "План совместной подготовки на 2025 год"});
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        "/api/v1/training/plans",
        Some(json!({"year": 2025, "title": title})),
        &[],
        (StatusCode::FORBIDDEN, "forbidden"),
    )
    .await;
    refused(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/plans",
        Some(json!({"year": 2025})),
        &[],
        (StatusCode::BAD_REQUEST, "invalid_input"),
    )
    .await;
    let (st, p, h) = s
        .call(
            Some("planner"),
            Method::POST,
            "/api/v1/training/plans",
            Some(json!({"year": 2025, "title": title})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{p}");
    let id = p["id"].as_i64().unwrap();
    assert_eq!(
        h["location"],
        format!("/api/v1/training/plans/{id}").as_str()
    );
    assert_eq!(
        (p["status"].as_str(), p["plan_version"].as_i64()),
        (Some("drafting"), Some(1))
    );
    assert!(p["spec"]["exercises"].as_array().unwrap().len() >= 7);
    refused(
        &s,
        "duty",
        Method::POST,
        "/api/v1/training/plans",
        Some(json!({"year": 2025, "title": title})),
        &[],
        (StatusCode::CONFLICT, "duplicate"),
    )
    .await;

    let cmd = format!("/api/v1/training/plans/{id}/commands");
    let states = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"];
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        &cmd,
        Some(json!({"command": "send_for_coordination", "states": states})),
        &[],
        (StatusCode::FORBIDDEN, "forbidden"),
    )
    .await;
    refused(
        &s,
        "planner",
        Method::POST,
        &cmd,
        Some(json!({"command": "submit"})),
        &[],
        (StatusCode::CONFLICT, "illegal_transition"),
    )
    .await;
    let v = refused(
        &s,
        "planner",
        Method::POST,
        &cmd,
        Some(json!({"command": "send_for_coordination", "states": "KAZ"})),
        &[],
        (StatusCode::BAD_REQUEST, "invalid_input"),
    )
    .await;
    assert_eq!(v["details"]["field"], "command", "{v}");
    refused(
        &s,
        "planner",
        Method::POST,
        &cmd,
        Some(json!({"command": "launch"})),
        &[],
        (StatusCode::BAD_REQUEST, "invalid_input"),
    )
    .await;
    let p = ok(
        &s,
        "planner",
        Method::POST,
        &cmd,
        Some(json!({"command": "send_for_coordination", "states": states})),
    )
    .await;
    assert_eq!(p["status"], "coordinating");

    // A liaison officer answers for their own state only; the observer for none.
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        &cmd,
        Some(json!({"command": "answer", "state": "ARM", "answer": "agrees"})),
        &[],
        (StatusCode::FORBIDDEN, "forbidden"),
    )
    .await;
    refused(
        &s,
        "observer",
        Method::POST,
        &cmd,
        Some(json!({"command": "answer", "state": "KAZ", "answer": "agrees"})),
        &[],
        (StatusCode::FORBIDDEN, "forbidden"),
    )
    .await;
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        &cmd,
        Some(json!({"command": "answer", "state": "KAZ", "answer": "comments"})),
        &[],
        (StatusCode::BAD_REQUEST, "invalid_input"),
    )
    .await;
    ok(&s, "lo.kaz", Method::POST, &cmd,
        Some(json!({"command": "answer", "state": "KAZ", "answer": "comments", "text": "Move Search-2025 to October"}))).await;
    let v = refused(
        &s,
        "planner",
        Method::POST,
        &cmd,
        Some(json!({"command": "submit"})),
        &[],
        (StatusCode::CONFLICT, "illegal_transition"),
    )
    .await;
    assert!(
        v["message"].as_str().unwrap().contains("KAZ (comments)"),
        "{v}"
    );
    ok(
        &s,
        "lo.kaz",
        Method::POST,
        &cmd,
        Some(json!({"command": "answer", "state": "KAZ", "answer": "agrees"})),
    )
    .await;
    ok(
        &s,
        "lo.arm",
        Method::POST,
        &cmd,
        Some(json!({"command": "answer", "state": "ARM", "answer": "agrees"})),
    )
    .await;
    // The Joint Staff records the answers of the states without an officer here.
    for st in ["BLR", "KGZ", "RUS", "TJK"] {
        ok(
            &s,
            "duty",
            Method::POST,
            &cmd,
            Some(json!({"command": "answer", "state": st, "answer": "agrees"})),
        )
        .await;
    }
    let p = ok(
        &s,
        "planner",
        Method::GET,
        &format!("/api/v1/training/plans/{id}"),
        None,
    )
    .await;
    let version = p["version"].as_i64().unwrap();
    refused(
        &s,
        "planner",
        Method::POST,
        &cmd,
        Some(json!({"command": "submit"})),
        &[("If-Match", &format!("\"{}\"", version - 1))],
        (StatusCode::PRECONDITION_FAILED, "version_conflict"),
    )
    .await;
    ok(
        &s,
        "planner",
        Method::POST,
        &cmd,
        Some(json!({"command": "submit"})),
    )
    .await;
    let today = chrono::Utc::now().date_naive().to_string();
    refused(&s, "lo.kaz", Method::POST, &cmd,
        Some(json!({"command": "approve", "body": "council_of_defence_ministers", "number": 3, "date": today})),
        &[], (StatusCode::FORBIDDEN, "forbidden"),).await;
    let v = refused(&s, "admin", Method::POST, &cmd,
        Some(json!({"command": "approve", "body": "council_of_defence_ministers", "number": 0, "date": today})),
        &[], (StatusCode::BAD_REQUEST, "invalid_input"),).await;
    assert_eq!(v["details"]["field"], "number", "{v}");
    for (who, body) in [
        ("admin", "council_of_defence_ministers"),
        ("duty", "committee_of_secretaries"),
    ] {
        ok(
            &s,
            who,
            Method::POST,
            &cmd,
            Some(json!({"command": "approve", "body": body, "number": 3, "date": today})),
        )
        .await;
    }
    let p = ok(
        &s,
        "observer",
        Method::GET,
        &format!("/api/v1/training/plans/{id}"),
        None,
    )
    .await;
    assert_eq!(
        (p["status"].as_str(), p["in_force"].as_i64()),
        (Some("approved"), Some(1))
    );
    let list = ok(
        &s,
        "lo.arm",
        Method::GET,
        "/api/v1/training/plans?year=2025",
        None,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);

    // Conflicts, calendar and print.
    let c = ok(
        &s,
        "observer",
        Method::GET,
        &format!("/api/v1/training/plans/{id}/conflicts"),
        None,
    )
    .await;
    let findings = c["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "component_without_training"),
        "{c}"
    );
    let (st, ics, h) = s
        .call(
            Some("lo.kaz"),
            Method::GET,
            &format!("/api/v1/training/plans/{id}/calendar.ics"),
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(h["content-type"], "text/calendar; charset=utf-8");
    let ics = ics.as_str().unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(
        ics.contains("UID:interaction_2025@joint-training.crc"),
        "{ics}"
    );
    let (st, html, h) = s
        .call(
            Some("observer"),
            Method::GET,
            &format!("/api/v1/training/plans/{id}/print"),
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
    let html = html.as_str().unwrap();
    assert!(
        html.contains("Interaction-2025") && html.contains("Взаимодействие-2025"),
        "{html}"
    );
    assert!(html.contains("decision No. 3"), "{html}");
    refused(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/plans/999/print",
        None,
        &[],
        (StatusCode::NOT_FOUND, "not_found"),
    )
    .await;
    refused(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/plans/x/conflicts",
        None,
        &[],
        (StatusCode::BAD_REQUEST, "invalid_id"),
    )
    .await;
    s.stop().await;
}

#[tokio::test]
async fn year_plan_2025_sqlite() {
    year_plan_2025(TestServer::sqlite().await).await;
}

#[tokio::test]
async fn year_plan_2025_postgres() {
    year_plan_2025(TestServer::postgres().await).await;
}

#[tokio::test]
async fn a_plan_of_its_own_spec_and_a_malformed_one() {
    let s = TestServer::sqlite().await;
    let spec = json!({"year": 2026, "title": {"en": "Plan 2026", "ru": "План 2026"},
        "exercises": [rubezh_2026()]});
    let mut bad = spec.clone();
    bad["exercises"][0]["links"] = json!([{"kind": "linked_to", "target": "west_2026"}]);
    let v = refused(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/plans",
        Some(json!({"spec": bad})),
        &[],
        (StatusCode::BAD_REQUEST, "invalid_input"),
    )
    .await;
    assert_eq!(
        v["details"]["field"], "spec.exercises[0].links[0].target",
        "{v}"
    );
    refused(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/plans",
        Some(json!({"spec": spec, "year": 2026})),
        &[],
        (StatusCode::BAD_REQUEST, "invalid_input"),
    )
    .await;
    let p = ok(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/plans",
        Some(json!({"spec": spec})),
    )
    .await;
    assert_eq!(p["spec"]["exercises"][0]["key"], "rubezh_2026");
    s.stop().await;
}
