//! Running an exercise over real HTTP with a time the test moves: control starts the clock
//! and the first inject reaches its recipients' inboxes, the schedule releases the next,
//! a participant responds and an observer rates, a resume after a long pause holds what fell
//! due instead of firing it, control releases the overdue, and the after-action report counts
//! it all; each role sees only its part, and every refusal changes nothing. Then the real
//! ticker releases an inject on schedule by itself.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::TestServer;
use crc_server::{Now, ServerSettings};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const DESIGN: &str = include_str!("../../../docs/examples/exercise-design.json");
const MSEL: &str = include_str!("../../../docs/examples/exercise-msel.csv");

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
    body: Option<Value>,
    status: StatusCode,
) -> Value {
    let before = s.audit_len().await;
    let (st, v, _) = s.call(Some(user), method, path, body, &[]).await;
    assert_eq!(st, status, "{path} as {user}: {v}");
    assert_eq!(s.audit_len().await, before, "a refusal writes nothing");
    v
}

/// A design with its MSEL approved by its director; the MSEL's id.
async fn approved_msel(s: &TestServer) -> (i64, i64) {
    let d = ok(
        s,
        "planner",
        Method::POST,
        "/api/v1/training/designs",
        Some(json!({ "spec": serde_json::from_str::<Value>(DESIGN).unwrap() })),
    )
    .await;
    let design = d["id"].as_i64().unwrap();
    let res = s
        .http
        .post(s.url(&format!("/api/v1/training/designs/{design}/msels/import")))
        .bearer_auth(&s.tokens["planner"])
        .header("Content-Type", "text/csv")
        .body(MSEL)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let m: Value = res.json().await.unwrap();
    let msel = m["id"].as_i64().unwrap();
    let cmd = format!("/api/v1/training/msels/{msel}/commands");
    ok(
        s,
        "duty",
        Method::POST,
        &cmd,
        Some(json!({"command": "submit"})),
    )
    .await;
    ok(
        s,
        "planner",
        Method::POST,
        &cmd,
        Some(json!({"command": "approve"})),
    )
    .await;
    (design, msel)
}

fn numbers(items: &Value) -> Vec<u64> {
    items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["inject"].as_u64().unwrap())
        .collect()
}

async fn conduct(s: TestServer, now: Now) {
    let (design, msel) = approved_msel(&s).await;
    let new_run = json!({"design": design, "msel": msel, "grace_seconds": 60});
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        "/api/v1/training/runs",
        Some(new_run.clone()),
        StatusCode::FORBIDDEN,
    )
    .await;
    let run = ok(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/runs",
        Some(new_run),
    )
    .await;
    assert_eq!(run["status"], "not_started");
    assert_eq!(run["injects"], 8);
    let id = run["id"].as_i64().unwrap();
    let base = format!("/api/v1/training/runs/{id}");
    let clock = format!("{base}/clock");
    let control = format!("{base}/control");
    let inbox = format!("{base}/inbox");

    // StartEx: the inject at D+0 00:00 goes out with the command, to js-ops and kaz-lo.
    let s0 = Utc.with_ymd_and_hms(2025, 9, 1, 6, 0, 0).unwrap();
    let start = json!({"command": "start", "scenario_start": s0});
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        &clock,
        Some(start.clone()),
        StatusCode::FORBIDDEN,
    )
    .await;
    let r = ok(&s, "duty", Method::POST, &clock, Some(start)).await;
    assert_eq!(
        (r["status"].as_str(), r["released"].as_u64()),
        (Some("running"), Some(1))
    );
    let kaz = ok(&s, "lo.kaz", Method::GET, &inbox, None).await;
    assert_eq!(numbers(&kaz), [1]);
    // Shown in the scenario's invented names.
    assert_eq!(kaz["items"][0]["sender"], "Government of Northland");
    assert!(kaz["items"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Northland"));
    assert!(!kaz["items"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Kazakhstan"));
    // Who is not in the audience has no inbox, and reads nobody else's.
    let arm = ok(&s, "lo.arm", Method::GET, &inbox, None).await;
    assert_eq!(arm["items"], json!([]));
    refused(
        &s,
        "lo.arm",
        Method::GET,
        &format!("{inbox}?participant=kaz-lo"),
        None,
        StatusCode::FORBIDDEN,
    )
    .await;
    refused(
        &s,
        "lo.kaz",
        Method::GET,
        &format!("{inbox}?participant=rus-lo"),
        None,
        StatusCode::FORBIDDEN,
    )
    .await;

    // Thirty minutes on, the schedule releases inject 2 (to kaz-lo only).
    now.advance(Duration::minutes(30));
    crc_server::exercise_ticker::tick(&s.store, id, now.get())
        .await
        .unwrap();
    let kaz = ok(&s, "lo.kaz", Method::GET, &inbox, None).await;
    assert_eq!(numbers(&kaz), [2, 1], "newest first");
    let ops = ok(
        &s,
        "duty",
        Method::GET,
        &format!("{inbox}?participant=js-ops"),
        None,
    )
    .await;
    assert_eq!(numbers(&ops), [1]);
    // A tick repeated at the same moment adds nothing.
    let before = s.audit_len().await;
    crc_server::exercise_ticker::tick(&s.store, id, now.get())
        .await
        .unwrap();
    assert_eq!(s.audit_len().await, before);

    // The liaison officer acknowledges and responds for kaz-lo, and for nobody else.
    let item = kaz["items"][0]["id"].as_u64().unwrap();
    refused(
        &s,
        "lo.arm",
        Method::POST,
        &format!("{inbox}/{item}/acknowledge"),
        None,
        StatusCode::FORBIDDEN,
    )
    .await;
    ok(
        &s,
        "lo.kaz",
        Method::POST,
        &format!("{inbox}/{item}/acknowledge"),
        None,
    )
    .await;
    let kaz = ok(&s, "lo.kaz", Method::GET, &inbox, None).await;
    assert!(kaz["items"][0]["acknowledged_at"].is_string());
    let responses = format!("{base}/responses");
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        &responses,
        Some(json!({"from": "js-ops", "text": "Noted."})),
        StatusCode::FORBIDDEN,
    )
    .await;
    let v = refused(
        &s,
        "lo.kaz",
        Method::POST,
        &responses,
        Some(json!({"from": "kaz-lo", "inject": 4, "text": "Noted."})),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(v["details"]["field"], "inject", "{v}");
    ok(
        &s,
        "lo.kaz",
        Method::POST,
        &responses,
        Some(json!({"from": "kaz-lo", "inject": 2,
        "text": "Report passed to the Joint Staff at 06:40."})),
    )
    .await;
    let seen = ok(&s, "duty", Method::GET, &responses, None).await;
    assert_eq!(seen["items"][0]["from"], "kaz-lo");
    let none = ok(&s, "lo.arm", Method::GET, &responses, None).await;
    assert_eq!(none["items"], json!([]));

    // The observer rates; the training audience never sees it, nor the board.
    let observations = format!("{base}/observations");
    refused(
        &s,
        "lo.kaz",
        Method::POST,
        &observations,
        Some(json!({"observer": "obs1",
        "objective": "O2", "rating": "trained", "text": "Quick."})),
        StatusCode::FORBIDDEN,
    )
    .await;
    ok(
        &s,
        "observer",
        Method::POST,
        &observations,
        Some(json!({"observer": "obs1",
        "objective": "O2", "rating": "partially_trained", "inject": 2,
        "text": "Доклад из Казахстана передан с опозданием на десять минут."})),
    )
    .await;
    refused(
        &s,
        "lo.kaz",
        Method::GET,
        &observations,
        None,
        StatusCode::FORBIDDEN,
    )
    .await;
    refused(
        &s,
        "lo.kaz",
        Method::GET,
        &format!("{base}/board"),
        None,
        StatusCode::FORBIDDEN,
    )
    .await;
    let obs = ok(&s, "planner", Method::GET, &observations, None).await;
    assert_eq!(obs["items"][0]["rating"], "partially_trained");

    // Inject 3 falls due at D+0 01:00; control pauses thirty seconds later, before any
    // tick, and resumes two hours on: it is held, not fired.
    now.advance(Duration::seconds(30 * 60 + 30));
    ok(
        &s,
        "duty",
        Method::POST,
        &clock,
        Some(json!({"command": "pause"})),
    )
    .await;
    refused(
        &s,
        "duty",
        Method::POST,
        &clock,
        Some(json!({"command": "pause"})),
        StatusCode::CONFLICT,
    )
    .await;
    now.advance(Duration::hours(2));
    let r = ok(
        &s,
        "duty",
        Method::POST,
        &clock,
        Some(json!({"command": "resume"})),
    )
    .await;
    crc_server::exercise_ticker::tick(&s.store, id, now.get())
        .await
        .unwrap();
    assert_eq!(r["released"], 2, "{r}");
    let board = ok(&s, "observer", Method::GET, &format!("{base}/board"), None).await;
    let third = &board["items"][2];
    assert_eq!(
        (third["inject"].as_u64(), third["status"]["status"].as_str()),
        (Some(3), Some("held")),
        "{board}"
    );
    assert_eq!(
        third["expected_actions"],
        "Agree a line to take with the press centre."
    );
    // A stale version changes nothing.
    let (st, _, _) = s
        .call(
            Some("duty"),
            Method::POST,
            &control,
            Some(json!({"command": "release_overdue"})),
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(st, StatusCode::PRECONDITION_FAILED);
    let r = ok(
        &s,
        "duty",
        Method::POST,
        &control,
        Some(json!({"command": "release_overdue"})),
    )
    .await;
    assert_eq!(r["released"], 3);
    let ops = ok(
        &s,
        "duty",
        Method::GET,
        &format!("{inbox}?participant=js-ops"),
        None,
    )
    .await;
    assert_eq!(numbers(&ops), [3, 1]);
    let v = refused(
        &s,
        "duty",
        Method::POST,
        &control,
        Some(json!({"command": "release", "inject": 99})),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(v["message"].as_str().unwrap().contains("99"), "{v}");
    ok(
        &s,
        "duty",
        Method::POST,
        &control,
        Some(json!({"command": "skip", "inject": 4, "note": "Not needed."})),
    )
    .await;

    // EndEx and the report.
    ok(
        &s,
        "planner",
        Method::POST,
        &clock,
        Some(json!({"command": "end"})),
    )
    .await;
    refused(
        &s,
        "lo.kaz",
        Method::GET,
        &format!("{base}/report"),
        None,
        StatusCode::FORBIDDEN,
    )
    .await;
    // A corrective action agreed for the exercise shows in its report while open.
    ok(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/actions",
        Some(json!({"spec": {
        "title": "Shorten the reporting chain", "owner": "Joint Staff", "due": "2026-02-01",
        "exercise": "Interaction-2025", "objective": "O2"}})),
    )
    .await;
    let rep = ok(&s, "observer", Method::GET, &format!("{base}/report"), None).await;
    assert_eq!(
        rep["open_actions"][0]["title"],
        "Shorten the reporting chain"
    );
    assert_eq!(
        rep["open_actions"][0]["overdue"], true,
        "due before the manual today"
    );
    let c = &rep["injects"];
    assert_eq!(
        (
            c["total"].as_u64(),
            c["on_schedule"].as_u64(),
            c["overdue"].as_u64(),
            c["skipped"].as_u64(),
            c["answered"].as_u64()
        ),
        (Some(8), Some(2), Some(1), Some(1), Some(1)),
        "{rep}"
    );
    assert_eq!(rep["objectives"][1]["ratings"], json!([0, 1, 0]));
    assert_eq!(rep["objectives"][1]["assessment"], "partially_met");
    let kinds: Vec<&str> = rep["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"response") && kinds.contains(&"observation") && kinds.contains(&"hold"),
        "{kinds:?}"
    );
    let res = s
        .http
        .get(s.url(&format!("{base}/report.html")))
        .bearer_auth(&s.tokens["planner"])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(page.contains("EXERCISE Interaction-2025"));
    assert!(page.contains("Report passed to the Joint Staff at 06:40."));
    assert!(page.contains("partially met"));
    assert!(page.contains("Shorten the reporting chain"));
    // Shown in the scenario's invented names, Russian included.
    assert!(page.contains("Доклад из Северии передан"), "{page}");
    assert!(!page.contains("Казахстана"));
    // The same report as a PDF made on the server, read back by an independent reader.
    let res = s
        .http
        .get(s.url(&format!("{base}/report.pdf")))
        .bearer_auth(&s.tokens["observer"])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    for want in [
        "EXERCISE Interaction-2025",
        "After-action report: Interaction-2025 strategic command-staff training",
        "Report passed to the Joint Staff at 06:40.",
        "Доклад из Северии передан",
        "Shorten the reporting chain",
    ] {
        assert!(text.contains(want), "{want} in the PDF's text:\n{text}");
    }
    assert!(!text.contains("Казахстана"));
    let (st, _, _) = s
        .call(
            Some("lo.kaz"),
            Method::GET,
            &format!("{base}/report.pdf"),
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // Runs travel with an export.
    let doc = s.store.export().await.unwrap();
    assert_eq!(doc.exercise_runs.len(), 1);
    assert_eq!(doc.exercise_runs[0].responses.len(), 1);
    s.stop().await;
}

/// The text of a PDF as PyPI `pypdf` extracts it (Python from `target/planner-venv`, or
/// `$CRC_PYTHON`, which `scripts/setup-test-deps.sh` installs pinned), lines joined by spaces
/// so that wrapping does not matter.
fn pdf_text(pdf: &[u8]) -> String {
    let py = std::env::var_os("CRC_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/planner-venv/bin/python")
        });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new(&py)
        .args([
            "-c",
            "import sys, pypdf\nr = pypdf.PdfReader(sys.argv[1])\nprint(' '.join(p.extract_text() for p in r.pages))",
        ])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("no Python at {} ({e}): run scripts/setup-test-deps.sh", py.display()));
    assert!(
        out.status.success(),
        "pypdf could not read the report ({}): run scripts/setup-test-deps.sh",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn manual() -> (ServerSettings, Now) {
    let now = Now::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let settings = ServerSettings {
        exercise_tick: None,
        now: now.clone(),
        ..ServerSettings::default()
    };
    (settings, now)
}

#[tokio::test]
async fn conduct_sqlite() {
    let (settings, now) = manual();
    conduct(TestServer::with_settings(settings).await, now).await;
}

#[tokio::test]
async fn conduct_postgres() {
    let (settings, now) = manual();
    conduct(TestServer::postgres_with_settings(settings).await, now).await;
}

/// The server's own ticker, on real time, releases an inject when it falls due.
#[tokio::test]
async fn the_ticker_releases_on_schedule() {
    let s = TestServer::with_settings(ServerSettings {
        exercise_tick: Some(std::time::Duration::from_millis(50)),
        ..ServerSettings::default()
    })
    .await;
    let (design, msel) = approved_msel(&s).await;
    let run = ok(
        &s,
        "planner",
        Method::POST,
        "/api/v1/training/runs",
        Some(json!({"design": design, "msel": msel})),
    )
    .await;
    let base = format!("/api/v1/training/runs/{}", run["id"]);
    let s0 = Utc.with_ymd_and_hms(2025, 9, 1, 6, 0, 0).unwrap();
    ok(
        &s,
        "duty",
        Method::POST,
        &format!("{base}/clock"),
        Some(json!({"command": "set_speed", "factor": 100})),
    )
    .await;
    ok(
        &s,
        "duty",
        Method::POST,
        &format!("{base}/clock"),
        Some(json!({"command": "start", "scenario_start": s0})),
    )
    .await;
    // Two scenario seconds before inject 2 (D+0 00:30): 20 ms of real time at speed 100.
    let r = ok(
        &s,
        "duty",
        Method::POST,
        &format!("{base}/clock"),
        Some(json!({"command": "jump", "to": s0 + Duration::seconds(30 * 60 - 2)})),
    )
    .await;
    assert_eq!(r["released"], 1);
    let mut released = 1;
    for _ in 0..200 {
        let r = ok(&s, "observer", Method::GET, &base, None).await;
        released = r["released"].as_u64().unwrap();
        if released >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(released, 2, "the ticker released inject 2");
    let log = ok(&s, "duty", Method::GET, &format!("{base}/log"), None).await;
    assert_eq!(log["items"][1]["inject"], 2);
    assert_eq!(log["items"][1]["how"], "scheduled", "{log}");
    s.stop().await;
}
