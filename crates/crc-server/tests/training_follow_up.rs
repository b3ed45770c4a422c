//! Corrective actions tracked to closure and lessons learned over real HTTP: a liaison
//! officer starts and reports done their own state's action and nobody else's, whoever
//! reported it done cannot verify it, overdue actions are found by date; lessons are found by
//! Russian and English words whatever their endings, and listed for the year's plan they are
//! linked into.

mod common;

use chrono::{TimeZone, Utc};
use common::TestServer;
use crc_server::{Now, ServerSettings};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn ok(s: &TestServer, user: &str, method: Method, path: &str, body: Option<Value>) -> Value {
    let (st, v, _) = s.call(Some(user), method, path, body, &[]).await;
    assert!(st.is_success(), "{path} as {user}: {st} {v}");
    v
}

async fn refused(
    s: &TestServer,
    user: &str,
    method: Method,
    path: &str,
    body: Value,
    status: StatusCode,
) -> Value {
    let before = s.audit_len().await;
    let (st, v, _) = s.call(Some(user), method, path, Some(body), &[]).await;
    assert_eq!(st, status, "{path} as {user}: {v}");
    assert_eq!(s.audit_len().await, before, "a refusal writes nothing");
    v
}

async fn follow_up(s: TestServer) {
    let action = json!({"spec": {"title": "Rehearse the notification chain",
        "owner": "Ministry of Defence of Kazakhstan", "owner_state": "KAZ", "due": "2026-04-01",
        "exercise": "Interaction-2025", "objective": "O2"}});
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        "/api/v1/training/actions",
        action.clone(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let v = refused(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/actions",
        json!({"spec": {"title": "", "owner": "x", "due": "2026-03-01", "exercise": "E"}}),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(v["details"]["field"], "spec.title", "{v}");
    let a = ok(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/actions",
        Some(action),
    )
    .await;
    assert_eq!(
        (a["status"].as_str(), a["overdue"].as_bool()),
        (Some("open"), Some(false))
    );
    ok(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/actions",
        Some(json!({"spec": {
        "title": "Update the press centre's accreditation", "owner": "Joint Staff",
        "due": "2026-01-15", "exercise": "Interaction-2025"}})),
    )
    .await;
    let cmd = format!("/api/v1/training/actions/{}/commands", a["id"]);
    refused(
        &s,
        "lo.arm",
        Method::POST,
        &cmd,
        json!({"command": "start"}),
        StatusCode::FORBIDDEN,
    )
    .await;
    ok(
        &s,
        "lo.kaz",
        Method::POST,
        &cmd,
        Some(json!({"command": "start"})),
    )
    .await;
    ok(
        &s,
        "lo.kaz",
        Method::POST,
        &cmd,
        Some(json!({"command": "complete", "note": "Rehearsed on 12 February."})),
    )
    .await;
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        &cmd,
        json!({"command": "verify"}),
        StatusCode::FORBIDDEN,
    )
    .await;
    let v = ok(
        &s,
        "planner",
        Method::POST,
        &cmd,
        Some(json!({"command": "verify"})),
    )
    .await;
    assert_eq!(v["status"], "verified");
    refused(
        &s,
        "planner",
        Method::POST,
        &cmd,
        json!({"command": "start"}),
        StatusCode::CONFLICT,
    )
    .await;
    // Today is 2 March 2026: the second action, due in January and open, is overdue.
    let overdue = ok(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/actions?overdue=true",
        None,
    )
    .await;
    let titles: Vec<&str> = overdue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["spec"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Update the press centre's accreditation"]);
    let verified = ok(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/actions?exercise=Interaction-2025&status=verified",
        None,
    )
    .await;
    assert_eq!(verified["items"].as_array().unwrap().len(), 1);
    let (st, _, _) = s
        .call(
            Some("observer"),
            Method::GET,
            "/api/v1/training/actions?status=closed",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);

    // Lessons, found whatever the words' endings, and linked into the 2026 plan.
    for (title, observation, tags, year) in [
        (
            "Notification of the liaison officers was delayed",
            "Two officers learned of the request an hour late.",
            vec!["notification"],
            Some(2026),
        ),
        (
            "Проведение учений требует резервного канала связи",
            "На учениях основной канал связи был перегружен.",
            vec!["связь"],
            None,
        ),
    ] {
        let mut spec = json!({"title": title, "observation": observation,
            "recommendation": "Rehearse it before the next exercise.", "tags": tags, "exercise": "Interaction-2025"});
        if let Some(y) = year {
            spec["applies_to"] = json!({"year": y, "exercise": "Interaction-2026"});
        }
        ok(
            &s,
            "planner",
            Method::POST,
            "/api/v1/training/lessons",
            Some(json!({ "spec": spec })),
        )
        .await;
    }
    refused(
        &s,
        "observer",
        Method::POST,
        "/api/v1/training/lessons",
        json!({"spec": {"title": "t", "observation": "o", "recommendation": "r"}}),
        StatusCode::FORBIDDEN,
    )
    .await;
    let found = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["lesson"]["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let en = ok(
        &s,
        "lo.kaz",
        Method::GET,
        "/api/v1/training/lessons?q=delay",
        None,
    )
    .await;
    assert_eq!(
        found(&en),
        ["Notification of the liaison officers was delayed"]
    );
    let ru = ok(
        &s,
        "lo.kaz",
        Method::GET,
        "/api/v1/training/lessons?q=%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D1%8F",
        None,
    )
    .await;
    assert_eq!(
        found(&ru),
        ["Проведение учений требует резервного канала связи"]
    );
    let plan = ok(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/lessons?year=2026",
        None,
    )
    .await;
    assert_eq!(
        found(&plan),
        ["Notification of the liaison officers was delayed"]
    );
    // Linked into 2027 at the version read; a stale version changes nothing.
    let l = &ok(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/lessons/2",
        None,
    )
    .await;
    let mut spec = l["lesson"].clone();
    spec["applies_to"] = json!({"year": 2027});
    let (st, _, _) = s
        .call(
            Some("planner"),
            Method::PUT,
            "/api/v1/training/lessons/2",
            Some(json!({ "spec": spec })),
            &[("If-Match", "\"9\"")],
        )
        .await;
    assert_eq!(st, StatusCode::PRECONDITION_FAILED);
    let (st, v, _) = s
        .call(
            Some("planner"),
            Method::PUT,
            "/api/v1/training/lessons/2",
            Some(json!({ "spec": spec })),
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let plan = ok(
        &s,
        "observer",
        Method::GET,
        "/api/v1/training/lessons?year=2027",
        None,
    )
    .await;
    assert_eq!(
        found(&plan),
        ["Проведение учений требует резервного канала связи"]
    );
    let doc = s.store.export().await.unwrap();
    assert_eq!((doc.corrective_actions.len(), doc.lessons.len()), (2, 2));
    s.stop().await;
}

fn settings() -> ServerSettings {
    ServerSettings {
        exercise_tick: None,
        now: Now::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()),
        ..ServerSettings::default()
    }
}

#[tokio::test]
async fn follow_up_sqlite() {
    follow_up(TestServer::with_settings(settings()).await).await;
}

#[tokio::test]
async fn follow_up_postgres() {
    follow_up(TestServer::postgres_with_settings(settings()).await).await;
}
