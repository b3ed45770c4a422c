//! Exercise designs and their MSELs over real HTTP: a design written and changed at a
//! version, an MSEL imported from CSV, exported and imported again unchanged, a refused CSV
//! file answered with every problem's line and column and nothing stored, and the MSEL's
//! approval left to the exercise director.

mod common;

use common::TestServer;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const DESIGN: &str = include_str!("../../../docs/examples/exercise-design.json");
const MSEL: &str = include_str!("../../../docs/examples/exercise-msel.csv");

fn design() -> Value {
    serde_json::from_str(DESIGN).unwrap()
}

async fn ok(s: &TestServer, user: &str, method: Method, path: &str, body: Option<Value>) -> Value {
    let (st, v, _) = s.call(Some(user), method, path, body, &[]).await;
    assert!(st.is_success(), "{path} as {user}: {st} {v}");
    v
}

/// Posts a CSV body as `user`: the status and the body (JSON when it is).
async fn post_csv(
    s: &TestServer,
    user: &str,
    path: &str,
    content_type: &str,
    csv: &str,
) -> (StatusCode, Value) {
    let res = s
        .http
        .post(s.url(path))
        .bearer_auth(&s.tokens[user])
        .header("Content-Type", content_type)
        .body(csv.to_owned())
        .send()
        .await
        .unwrap();
    let st = res.status();
    let text = res.text().await.unwrap();
    (
        st,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

async fn get_text(s: &TestServer, user: &str, path: &str) -> (StatusCode, String, String) {
    let res = s
        .http
        .get(s.url(path))
        .bearer_auth(&s.tokens[user])
        .send()
        .await
        .unwrap();
    let st = res.status();
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (st, ct, res.text().await.unwrap())
}

fn injects(m: &Value) -> Vec<Value> {
    let mut v = m["spec"]["injects"].as_array().unwrap().clone();
    v.sort_by_key(|i| i["number"].as_u64());
    v
}

async fn designs_and_msels(s: TestServer) {
    // A design, written by a planner; its fault is named with its path.
    let mut bad = design();
    bad["objectives"][1]["criteria"] = json!([]);
    let before = s.audit_len().await;
    let (st, v, _) = s
        .call(
            Some("planner"),
            Method::POST,
            "/api/v1/training/designs",
            Some(json!({ "spec": bad })),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["details"]["field"], "spec.objectives[1].criteria", "{v}");
    assert_eq!(s.audit_len().await, before);
    let (st, v, _) = s
        .call(
            Some("lo.kaz"),
            Method::POST,
            "/api/v1/training/designs",
            Some(json!({ "spec": design() })),
            &[],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    let (st, v, _) = s
        .call(
            Some("planner"),
            Method::POST,
            "/api/v1/training/designs",
            Some(json!({ "spec": design(), "exercise": "no_such_exercise" })),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["details"]["field"], "exercise");
    let d = ok(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/designs",
        Some(json!({ "spec": design(), "exercise": "interaction_2025" })),
    )
    .await;
    let id = d["id"].as_i64().unwrap();
    assert_eq!(d["version"], 1);
    assert!(d["exercise_id"].as_i64().is_some());
    assert_eq!(d["spec"]["audience"][1]["users"], json!(["lo.kaz"]));
    let list = ok(&s, "lo.kaz", Method::GET, "/api/v1/training/designs", None).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);

    // Changed at the version read; a stale version is refused and changes nothing.
    let mut changed = design();
    changed["scenario"]["summary"] = json!("The border is crossed at three places.");
    let path = format!("/api/v1/training/designs/{id}");
    let (st, v, h) = s
        .call(
            Some("duty"),
            Method::PUT,
            &path,
            Some(json!({ "spec": changed })),
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(h["etag"], "\"2\"");
    let (st, v, _) = s
        .call(
            Some("duty"),
            Method::PUT,
            &path,
            Some(json!({ "spec": design() })),
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(st, StatusCode::PRECONDITION_FAILED, "{v}");
    let now = ok(&s, "observer", Method::GET, &path, None).await;
    assert_eq!(
        now["spec"]["scenario"]["summary"],
        "The border is crossed at three places."
    );

    // A refused CSV file: every problem with its line and column, nothing stored.
    let import = format!("/api/v1/training/designs/{id}/msels/import");
    let before = s.audit_len().await;
    let (st, v) = post_csv(
        &s,
        "planner",
        &import,
        "text/csv",
        "number,offset,sender,sender,recipient,channel,subject,message,expected_actions,objectives\n",
    )
    .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_csv")),
        "{v}"
    );
    let header_problems = v["details"]["errors"].as_array().unwrap();
    let text = header_problems
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join(" | ");
    for word in ["storyline", "recipients", "recipient", "sender"] {
        assert!(text.contains(word), "{word} in {text}");
    }
    let mut lines: Vec<&str> = MSEL.lines().collect();
    lines[2] = "2,D+0 0:30,border,gov,kaz-lo,phone,Situation,Two groups.,Pass it on.,O2";
    lines[3] = "3,D+0 01:00,media,ghost,js-ops,media,Press,Asks.,Agree a line.,O2";
    lines[4] = "1,D+0 02:00,border,gov,js-ops,email,Support,Airfield.,Plan it.,O1";
    lines[5] = "5,D+0 04:00,border";
    let bad = lines.join("\n");
    let (st, v) = post_csv(&s, "planner", &import, "text/csv; charset=utf-8", &bad).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_csv")),
        "{v}"
    );
    let found: Vec<(u64, &str)> = v["details"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["line"].as_u64().unwrap(), p["column"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [(3, "offset"), (4, "sender"), (5, "number"), (6, "")],
        "{v}"
    );
    assert!(v["details"]["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("D+0 0:30"));
    assert_eq!(s.audit_len().await, before, "a refused file writes nothing");
    let msels = format!("/api/v1/training/designs/{id}/msels");
    let none = ok(&s, "planner", Method::GET, &msels, None).await;
    assert_eq!(none["items"], json!([]));
    // Not CSV at all.
    let (st, v) = post_csv(&s, "planner", &import, "application/json", MSEL).await;
    assert_eq!(st, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    // Only the Joint Staff import.
    let (st, v) = post_csv(&s, "lo.kaz", &import, "text/csv", MSEL).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );

    // A good file, with a byte-order mark, exported and imported again unchanged.
    let (st, m) = post_csv(
        &s,
        "planner",
        &import,
        "text/csv",
        &format!("\u{feff}{MSEL}"),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{m}");
    assert_eq!(m["status"], "draft");
    let first = injects(&m);
    assert_eq!(first.len(), 8);
    assert_eq!(
        first[6]["recipients"],
        json!(["js-ops", "kaz-lo", "rus-lo"])
    );
    let mid = m["id"].as_i64().unwrap();
    let (st, ct, csv) = get_text(
        &s,
        "lo.kaz",
        &format!("/api/v1/training/msels/{mid}/export.csv"),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(ct, "text/csv; charset=utf-8");
    assert!(
        csv.starts_with("number,offset,storyline,sender,recipients"),
        "{csv}"
    );
    let (st, again) = post_csv(&s, "duty", &import, "text/csv", &csv).await;
    assert_eq!(st, StatusCode::CREATED, "{again}");
    assert_eq!(injects(&again), first);
    let two = ok(&s, "observer", Method::GET, &msels, None).await;
    assert_eq!(two["items"].as_array().unwrap().len(), 2);

    // The MSEL's steps: the Joint Staff submit, only the director (planner) approves.
    let cmd = format!("/api/v1/training/msels/{mid}/commands");
    ok(
        &s,
        "duty",
        Method::POST,
        &cmd,
        Some(json!({"command": "submit"})),
    )
    .await;
    for who in ["duty", "lo.kaz", "admin"] {
        let before = s.audit_len().await;
        let (st, v, _) = s
            .call(
                Some(who),
                Method::POST,
                &cmd,
                Some(json!({"command": "approve"})),
                &[],
            )
            .await;
        assert_eq!(
            (st, v["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden")),
            "{who}: {v}"
        );
        assert_eq!(s.audit_len().await, before);
    }
    let (st, v, _) = s
        .call(
            Some("planner"),
            Method::POST,
            &cmd,
            Some(json!({"command": "approve", "bogus": 1})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{v}");
    let approved = ok(
        &s,
        "planner",
        Method::POST,
        &cmd,
        Some(json!({"command": "approve", "note": "ready"})),
    )
    .await;
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["state"]["approval"]["by"], "planner");
    // Submitting an approved MSEL is out of turn.
    let (st, v, _) = s
        .call(
            Some("duty"),
            Method::POST,
            &cmd,
            Some(json!({"command": "submit"})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    // A design change that would leave injects addressed to no one is refused.
    let path = format!("/api/v1/training/designs/{id}");
    let current = ok(&s, "planner", Method::GET, &path, None).await;
    let mut without = current["spec"].clone();
    without["audience"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["id"] != "rus-lo");
    let before = s.audit_len().await;
    let (st, v, _) = s
        .call(
            Some("planner"),
            Method::PUT,
            &path,
            Some(json!({ "spec": without })),
            &[("If-Match", "*")],
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("would no longer hold"),
        "{v}"
    );
    assert!(v["message"].as_str().unwrap().contains("rus-lo"), "{v}");
    assert_eq!(s.audit_len().await, before);
    // Unknown ids.
    let (st, _, _) = s
        .call(
            Some("duty"),
            Method::GET,
            "/api/v1/training/msels/999",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = post_csv(
        &s,
        "planner",
        "/api/v1/training/designs/999/msels/import",
        "text/csv",
        MSEL,
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    s.stop().await;
}

#[tokio::test]
async fn designs_and_msels_sqlite() {
    designs_and_msels(TestServer::sqlite().await).await;
}

#[tokio::test]
async fn designs_and_msels_postgres() {
    designs_and_msels(TestServer::postgres().await).await;
}
