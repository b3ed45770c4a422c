//! Every endpoint x every role and member state, with the expected allow or deny. A
//! contingent of Kazakhstan is the object of the per-state rules.

mod common;

use common::{contingent, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Who: admin, duty, planner, observer, lo.kaz (owner state), lo.arm (another state).
const WHO: [&str; 6] = ["admin", "duty", "planner", "observer", "lo.kaz", "lo.arm"];

/// One row: the request, and for each of WHO whether it is allowed (`Y`) or denied (`.`).
struct Row {
    name: &'static str,
    method: Method,
    path: &'static str,
    body: Option<fn(i64) -> Value>,
    allowed: &'static str,
}

fn kaz_update(_: i64) -> Value {
    contingent("KAZ", "Target")
}
fn kaz_to_arm(_: i64) -> Value {
    contingent("ARM", "Target")
}
fn new_kaz(_: i64) -> Value {
    contingent("KAZ", "New")
}
fn new_arm(_: i64) -> Value {
    contingent("ARM", "New")
}
fn new_user(_: i64) -> Value {
    json!({"username": "new.user", "display_name": "New", "role": "observer", "password": "a long enough password"})
}
fn patch_user(_: i64) -> Value {
    json!({"locale": "ru"})
}
fn new_token(_: i64) -> Value {
    json!({"name": "mine"})
}
fn prefs(_: i64) -> Value {
    json!({"locale": "en"})
}

fn request(state: &str) -> Value {
    json!({"spec": {"requesting_state": state, "from": "Head of state",
        "received_at": "2022-01-05T00:00:00Z", "asks": [{"kind": "forces"}], "summary": "s"}})
}
fn kaz_request(_: i64) -> Value {
    request("KAZ")
}
fn arm_request(_: i64) -> Value {
    request("ARM")
}
fn new_session(_: i64) -> Value {
    json!({"spec": {"body": "collective_security_council", "kind": "extraordinary",
        "format": "in_person", "scheduled_at": "2022-01-06T00:00:00Z", "agenda": ["a"],
        "participants": ["KAZ", "ARM"]}})
}
fn consider(_: i64) -> Value {
    json!({"command": "consider"})
}
fn withdraw(_: i64) -> Value {
    json!({"command": "withdraw", "note": "resolved"})
}

fn user_exercise(_: i64) -> Value {
    json!({"spec": {"key": "rubezh_2026", "series": "rubezh", "year": 2026,
        "name": {"en": "Rubezh-2026", "ru": "Рубеж-2026"}, "kind": "joint", "status": "planned",
        "host": "KGZ", "dates": {"precision": "year", "year": 2026}, "components": ["crdf_car"]}})
}
fn rock_held(_: i64) -> Value {
    let mut spec = crc_domain::training::catalogue::Catalogue::bundled()
        .unwrap()
        .exercise("rock_2024")
        .unwrap()
        .clone();
    spec.status = crc_domain::training::catalogue::ExerciseStatus::Held;
    json!({ "spec": spec })
}
fn plan_2026(_: i64) -> Value {
    json!({"year": 2026, "title": {"en": "Plan for 2026", "ru": "План на 2026 год"}})
}
fn send_for_coordination(_: i64) -> Value {
    json!({"command": "send_for_coordination", "states": ["KAZ", "ARM"]})
}
fn kaz_agrees(_: i64) -> Value {
    json!({"command": "answer", "state": "KAZ", "answer": "agrees"})
}
fn council_approves(_: i64) -> Value {
    json!({"command": "approve", "body": "council_of_defence_ministers", "number": 1,
        "date": chrono::Utc::now().date_naive()})
}

/// Year plans the fixture makes: 1 (2025) drafting, 2 (2024) in coordination with KAZ and
/// ARM, 3 (2027, no exercises) submitted.
async fn year_plans(s: &TestServer) {
    let title = json!({"en": "Plan", "ru": "План"});
    for (year, steps) in [
        (2025, vec![]),
        (2024, vec![send_for_coordination(0)]),
        (
            2027,
            vec![
                json!({"command": "send_for_coordination", "states": ["KAZ"]}),
                kaz_agrees(0),
                json!({"command": "submit"}),
            ],
        ),
    ] {
        let (st, p, _) = s
            .call(
                Some("admin"),
                Method::POST,
                "/api/v1/training/plans",
                Some(json!({"year": year, "title": title})),
                &[],
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{p}");
        let path = format!("/api/v1/training/plans/{}/commands", p["id"]);
        for c in steps {
            let (st, v, _) = s
                .call(Some("admin"), Method::POST, &path, Some(c), &[])
                .await;
            assert_eq!(st, StatusCode::OK, "{v}");
        }
    }
}

fn exercise_design(_: i64) -> Value {
    let spec: Value =
        serde_json::from_str(include_str!("../../../docs/examples/exercise-design.json")).unwrap();
    json!({ "spec": spec })
}
fn one_inject(_: i64) -> Value {
    json!({"spec": {"injects": [{"number": 1, "offset": "D+0 00:00", "sender": "gov",
        "recipients": ["kaz-lo"], "channel": "message", "subject": "Request",
        "message": "Help is asked.", "expected_actions": "Register it.", "objectives": ["O1"]}]}})
}
fn approve(_: i64) -> Value {
    json!({"command": "approve"})
}

/// The fixture's design 1 (its director is `planner`) and its MSEL 1, submitted.
async fn design_and_msel(s: &TestServer) {
    let (st, v, _) = s
        .call(
            Some("admin"),
            Method::POST,
            "/api/v1/training/designs",
            Some(exercise_design(0)),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let (st, v, _) = s
        .call(
            Some("admin"),
            Method::POST,
            "/api/v1/training/designs/1/msels",
            Some(one_inject(0)),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let (st, v, _) = s
        .call(
            Some("admin"),
            Method::POST,
            "/api/v1/training/msels/1/commands",
            Some(json!({"command": "submit"})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
}

fn new_run(_: i64) -> Value {
    json!({"design": 1, "msel": 1})
}
fn start_clock(_: i64) -> Value {
    json!({"command": "start", "scenario_start": "2025-09-01T06:00:00Z"})
}

fn corrective_action(_: i64) -> Value {
    json!({"spec": {"title": "Rehearse the notification chain", "owner": "Joint Staff",
        "due": "2026-04-01", "exercise": "Interaction-2025"}})
}
fn lesson(_: i64) -> Value {
    json!({"spec": {"title": "Notification was late", "observation": "An hour late.",
        "recommendation": "Rehearse it."}})
}

/// The fixture's design and MSEL, approved by its director, and run 1 of it.
async fn exercise_run(s: &TestServer) {
    design_and_msel(s).await;
    for (who, path, body) in [
        ("planner", "/api/v1/training/msels/1/commands", approve(0)),
        ("planner", "/api/v1/training/runs", new_run(0)),
    ] {
        let (st, v, _) = s.call(Some(who), Method::POST, path, Some(body), &[]).await;
        assert!(st.is_success(), "{v}");
    }
}

/// A small scenario of the planner's generator.
fn xs_scenario() -> Value {
    serde_json::to_value(crc_planner::generate::generate(
        crc_planner::generate::Size::Xs,
        1,
        &crc_planner::generate::Knobs::default(),
    ))
    .unwrap()
}
fn new_plan(_: i64) -> Value {
    json!({"scenario": xs_scenario(), "time_limit_ms": 1000})
}
fn no_change(_: i64) -> Value {
    json!({"changes": [], "time_limit_ms": 1000})
}

fn kaz_report(_: i64) -> Value {
    json!({"reports": [{"spec": {
        "observed_at": "2026-11-20T06:00:00Z", "reported_at": "2026-11-20T06:30:00Z",
        "place": {"type": "Point", "coordinates": [76.9, 43.2]}, "category": "border_incident",
        "title": "Shots at a post", "text": "Shots at a post",
        "source": {"kind": "authorized_body", "state": "KAZ", "body": "Border Service"},
        "grade": {"reliability": "B", "credibility": 3}}}]})
}
fn a2(_: i64) -> Value {
    json!({"grade": "A2"})
}
fn merge_into_1(_: i64) -> Value {
    json!({"into": 1})
}
fn event_of_2(_: i64) -> Value {
    json!({"title": "Shots at a post", "reports": [2]})
}
fn add_2(_: i64) -> Value {
    json!({"report": 2, "action": "add"})
}

/// Two reports of Kazakhstan's border service, the first confirmed as event 1.
async fn monitoring(s: &TestServer) {
    for _ in 0..2 {
        let (st, v, _) = s
            .call(
                Some("admin"),
                Method::POST,
                "/api/v1/monitoring/reports",
                Some(kaz_report(0)),
                &[],
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{v}");
    }
    let (st, v, _) = s
        .call(
            Some("duty"),
            Method::POST,
            "/api/v1/monitoring/events",
            Some(json!({"title": "Shots", "reports": [1]})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
}

fn rows() -> Vec<Row> {
    let r = |name, method, path, body, allowed| Row {
        name,
        method,
        path,
        body,
        allowed,
    };
    vec![
        //                                                                          admin duty planner observer lo.kaz lo.arm
        r(
            "list contingents",
            Method::GET,
            "/api/v1/contingents",
            None,
            "YYYYYY",
        ),
        r(
            "read contingent",
            Method::GET,
            "/api/v1/contingents/{id}",
            None,
            "YYYYYY",
        ),
        r(
            "totals",
            Method::GET,
            "/api/v1/contingents/totals",
            None,
            "YYYYYY",
        ),
        r(
            "create KAZ contingent",
            Method::POST,
            "/api/v1/contingents",
            Some(new_kaz),
            "YYY.Y.",
        ),
        r(
            "create ARM contingent",
            Method::POST,
            "/api/v1/contingents",
            Some(new_arm),
            "YYY..Y",
        ),
        r(
            "update KAZ contingent",
            Method::PUT,
            "/api/v1/contingents/{id}",
            Some(kaz_update),
            "YYY.Y.",
        ),
        r(
            "move KAZ contingent to ARM",
            Method::PUT,
            "/api/v1/contingents/{id}",
            Some(kaz_to_arm),
            "YYY...",
        ),
        r(
            "delete KAZ contingent",
            Method::DELETE,
            "/api/v1/contingents/{id}",
            None,
            "Y.Y.Y.",
        ),
        r(
            "reference overview",
            Method::GET,
            "/api/v1/reference",
            None,
            "YYYYYY",
        ),
        r(
            "reference list",
            Method::GET,
            "/api/v1/reference/components",
            None,
            "YYYYYY",
        ),
        r(
            "reference item",
            Method::GET,
            "/api/v1/reference/states/KAZ",
            None,
            "YYYYYY",
        ),
        r(
            "reference load",
            Method::POST,
            "/api/v1/reference/load",
            None,
            "Y.....",
        ),
        r("list users", Method::GET, "/api/v1/users", None, "Y....."),
        r(
            "create user",
            Method::POST,
            "/api/v1/users",
            Some(new_user),
            "Y.....",
        ),
        r(
            "change user",
            Method::PATCH,
            "/api/v1/users/observer",
            Some(patch_user),
            "Y.....",
        ),
        r("audit log", Method::GET, "/api/v1/audit", None, "Y....."),
        r(
            "audit verify",
            Method::GET,
            "/api/v1/audit/verify",
            None,
            "Y.....",
        ),
        r("metrics", Method::GET, "/metrics", None, "YY...."),
        r(
            "openapi",
            Method::GET,
            "/api/v1/openapi.json",
            None,
            "YYYYYY",
        ),
        // The crisis chain; record 1 is a request of Kazakhstan made by the fixture.
        r(
            "crisis board",
            Method::GET,
            "/api/v1/crisis/board",
            None,
            "YYYYYY",
        ),
        r(
            "crisis journal",
            Method::GET,
            "/api/v1/crisis/journal",
            None,
            "YYYYYY",
        ),
        r(
            "list requests",
            Method::GET,
            "/api/v1/crisis/requests",
            None,
            "YYYYYY",
        ),
        r(
            "read request",
            Method::GET,
            "/api/v1/crisis/requests/1",
            None,
            "YYYYYY",
        ),
        r(
            "journal document",
            Method::GET,
            "/api/v1/crisis/requests/1/journal",
            None,
            "YYYYYY",
        ),
        r(
            "journal print",
            Method::GET,
            "/api/v1/crisis/requests/1/journal/print",
            None,
            "YYYYYY",
        ),
        r(
            "submit KAZ request",
            Method::POST,
            "/api/v1/crisis/requests",
            Some(kaz_request),
            "YYY.Y.",
        ),
        r(
            "submit ARM request",
            Method::POST,
            "/api/v1/crisis/requests",
            Some(arm_request),
            "YYY..Y",
        ),
        r(
            "call session",
            Method::POST,
            "/api/v1/crisis/sessions",
            Some(new_session),
            "YYY...",
        ),
        r(
            "consider request",
            Method::POST,
            "/api/v1/crisis/requests/1/commands",
            Some(consider),
            "YYY...",
        ),
        r(
            "withdraw KAZ request",
            Method::POST,
            "/api/v1/crisis/requests/1/commands",
            Some(withdraw),
            "YYY.Y.",
        ),
        r("me", Method::GET, "/api/v1/auth/me", None, "YYYYYY"),
        r(
            "preferences",
            Method::PUT,
            "/api/v1/auth/me/preferences",
            Some(prefs),
            "YYYYYY",
        ),
        r(
            "list own tokens",
            Method::GET,
            "/api/v1/auth/tokens",
            None,
            "YYYYYY",
        ),
        r(
            "create own token",
            Method::POST,
            "/api/v1/auth/tokens",
            Some(new_token),
            "YYYYYY",
        ),
        // Movement plans; plan 1 is a plan without an operation (the Joint Staff's) made by
        // the fixture.
        r("list plans", Method::GET, "/api/v1/plans", None, "YYYYYY"),
        r("read plan", Method::GET, "/api/v1/plans/1", None, "YYY..."),
        r(
            "plan's scenario",
            Method::GET,
            "/api/v1/plans/1/scenario",
            None,
            "YYY...",
        ),
        r(
            "plan's plan",
            Method::GET,
            "/api/v1/plans/1/plan",
            None,
            "YYY...",
        ),
        r(
            "plan a scenario",
            Method::POST,
            "/api/v1/plans",
            Some(new_plan),
            "YYY...",
        ),
        r(
            "what-if",
            Method::POST,
            "/api/v1/plans/1/what-if",
            Some(no_change),
            "YYY...",
        ),
        r(
            "stop plan",
            Method::POST,
            "/api/v1/plans/1/stop",
            None,
            "YYY...",
        ),
        // Planning the training year: the catalogue, loaded at start, and the fixture's
        // year plans (`year_plans`).
        r(
            "list exercises",
            Method::GET,
            "/api/v1/training/exercises?year=2025",
            None,
            "YYYYYY",
        ),
        r(
            "read exercise",
            Method::GET,
            "/api/v1/training/exercises/rock_2024",
            None,
            "YYYYYY",
        ),
        r(
            "add exercise",
            Method::POST,
            "/api/v1/training/exercises",
            Some(user_exercise),
            "YYY...",
        ),
        r(
            "change exercise",
            Method::PUT,
            "/api/v1/training/exercises/rock_2024",
            Some(rock_held),
            "YYY...",
        ),
        r(
            "training statistics",
            Method::GET,
            "/api/v1/training/statistics",
            None,
            "YYYYYY",
        ),
        r(
            "list year plans",
            Method::GET,
            "/api/v1/training/plans",
            None,
            "YYYYYY",
        ),
        r(
            "read year plan",
            Method::GET,
            "/api/v1/training/plans/1",
            None,
            "YYYYYY",
        ),
        r(
            "year plan conflicts",
            Method::GET,
            "/api/v1/training/plans/1/conflicts",
            None,
            "YYYYYY",
        ),
        r(
            "year plan calendar",
            Method::GET,
            "/api/v1/training/plans/1/calendar.ics",
            None,
            "YYYYYY",
        ),
        r(
            "year plan print",
            Method::GET,
            "/api/v1/training/plans/1/print",
            None,
            "YYYYYY",
        ),
        r(
            "draft year plan",
            Method::POST,
            "/api/v1/training/plans",
            Some(plan_2026),
            "YYY...",
        ),
        r(
            "send year plan for coordination",
            Method::POST,
            "/api/v1/training/plans/1/commands",
            Some(send_for_coordination),
            "YYY...",
        ),
        r(
            "answer for KAZ",
            Method::POST,
            "/api/v1/training/plans/2/commands",
            Some(kaz_agrees),
            "YYY.Y.",
        ),
        r(
            "record a body's approval",
            Method::POST,
            "/api/v1/training/plans/3/commands",
            Some(council_approves),
            "YYY...",
        ),
        // Exercise designs and MSELs: everyone reads, the Joint Staff write, and only the
        // design's director (planner) approves.
        r(
            "list exercise designs",
            Method::GET,
            "/api/v1/training/designs",
            None,
            "YYYYYY",
        ),
        r(
            "read an MSEL as CSV",
            Method::GET,
            "/api/v1/training/msels/1/export.csv",
            None,
            "YYYYYY",
        ),
        r(
            "write an exercise design",
            Method::POST,
            "/api/v1/training/designs",
            Some(exercise_design),
            "YYY...",
        ),
        r(
            "change an exercise design",
            Method::PUT,
            "/api/v1/training/designs/1",
            Some(exercise_design),
            "YYY...",
        ),
        r(
            "create an MSEL",
            Method::POST,
            "/api/v1/training/designs/1/msels",
            Some(one_inject),
            "YYY...",
        ),
        r(
            "approve an MSEL",
            Method::POST,
            "/api/v1/training/msels/1/commands",
            Some(approve),
            "..Y...",
        ),
        // Exercise runs: control is the Joint Staff and the director; the design's
        // observer (`observer`) sees the board; nobody else does.
        r(
            "list exercise runs",
            Method::GET,
            "/api/v1/training/runs",
            None,
            "YYYYYY",
        ),
        r(
            "run an exercise",
            Method::POST,
            "/api/v1/training/runs",
            Some(new_run),
            "YYY...",
        ),
        r(
            "start the exercise clock",
            Method::POST,
            "/api/v1/training/runs/1/clock",
            Some(start_clock),
            "YYY...",
        ),
        r(
            "read the control board",
            Method::GET,
            "/api/v1/training/runs/1/board",
            None,
            "YYYY..",
        ),
        // Corrective actions and lessons: everyone reads, the Joint Staff write.
        r(
            "list corrective actions",
            Method::GET,
            "/api/v1/training/actions",
            None,
            "YYYYYY",
        ),
        r(
            "agree a corrective action",
            Method::POST,
            "/api/v1/training/actions",
            Some(corrective_action),
            "YYY...",
        ),
        r(
            "search lessons learned",
            Method::GET,
            "/api/v1/training/lessons?q=late",
            None,
            "YYYYYY",
        ),
        r(
            "write a lesson learned",
            Method::POST,
            "/api/v1/training/lessons",
            Some(lesson),
            "YYY...",
        ),
        // Situation monitoring: everyone reads what is releasable to them; the duty officers
        // file and evaluate, a liaison officer files for their own state's bodies, the
        // administrators run the feeds; alerts are exchanged by duty and liaison officers.
        r(
            "monitoring taxonomy",
            Method::GET,
            "/api/v1/monitoring/taxonomy",
            None,
            "YYYYYY",
        ),
        r(
            "list reports",
            Method::GET,
            "/api/v1/monitoring/reports",
            None,
            "YYYYYY",
        ),
        r(
            "read report",
            Method::GET,
            "/api/v1/monitoring/reports/1",
            None,
            "YYYYYY",
        ),
        r(
            "file a KAZ body's report",
            Method::POST,
            "/api/v1/monitoring/reports",
            Some(kaz_report),
            "YY..Y.",
        ),
        r(
            "grade a report",
            Method::PUT,
            "/api/v1/monitoring/reports/1/grade",
            Some(a2),
            ".Y....",
        ),
        r(
            "corroboration suggestions",
            Method::GET,
            "/api/v1/monitoring/reports/1/suggestions",
            None,
            "YYYYYY",
        ),
        r(
            "merge a duplicate",
            Method::POST,
            "/api/v1/monitoring/reports/2/merge",
            Some(merge_into_1),
            ".Y....",
        ),
        r(
            "confirm an event",
            Method::POST,
            "/api/v1/monitoring/events",
            Some(event_of_2),
            ".Y....",
        ),
        r(
            "list events",
            Method::GET,
            "/api/v1/monitoring/events",
            None,
            "YYYYYY",
        ),
        r(
            "read event",
            Method::GET,
            "/api/v1/monitoring/events/1",
            None,
            "YYYYYY",
        ),
        r(
            "add a report to an event",
            Method::POST,
            "/api/v1/monitoring/events/1/reports",
            Some(add_2),
            ".Y....",
        ),
        r(
            "threat picture",
            Method::GET,
            "/api/v1/monitoring/threat",
            None,
            "YYYYYY",
        ),
        r(
            "report as CAP",
            Method::GET,
            "/api/v1/monitoring/reports/1/cap",
            None,
            "YY..YY",
        ),
        r(
            "reports as EDXL-DE",
            Method::GET,
            "/api/v1/monitoring/edxl",
            None,
            "YY..YY",
        ),
        r(
            "OGC landing page",
            Method::GET,
            "/api/v1/ogc",
            None,
            "YYYYYY",
        ),
        r(
            "OGC collections",
            Method::GET,
            "/api/v1/ogc/collections",
            None,
            "YYYYYY",
        ),
        r(
            "OGC items",
            Method::GET,
            "/api/v1/ogc/collections/reports/items",
            None,
            "YYYYYY",
        ),
    ]
}

#[tokio::test]
async fn every_endpoint_role_and_state() {
    let mut failures = Vec::new();
    for row in rows() {
        assert_eq!(row.allowed.len(), WHO.len(), "{}", row.name);
        for (who, allowed) in WHO.iter().zip(row.allowed.chars()) {
            // A fresh server per cell: no cell's change can make another pass or fail.
            let s = TestServer::sqlite().await;
            let (_, c, _) = s
                .call(
                    Some("admin"),
                    Method::POST,
                    "/api/v1/contingents",
                    Some(contingent("KAZ", "Target")),
                    &[],
                )
                .await;
            let id = c["id"].as_i64().unwrap();
            let (st, _, _) = s
                .call(
                    Some("admin"),
                    Method::POST,
                    "/api/v1/crisis/requests",
                    Some(request("KAZ")),
                    &[],
                )
                .await;
            assert_eq!(st, StatusCode::CREATED);
            let (st, _, _) = s
                .call(
                    Some("admin"),
                    Method::POST,
                    "/api/v1/plans",
                    Some(new_plan(0)),
                    &[],
                )
                .await;
            assert_eq!(st, StatusCode::ACCEPTED);
            if row.path.ends_with("/plan") {
                // A plan's plan exists once its search is done.
                for _ in 0..300 {
                    let (_, p, _) = s
                        .call(Some("admin"), Method::GET, "/api/v1/plans/1", None, &[])
                        .await;
                    if p["status"] == "done" {
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            }
            if row.path.starts_with("/api/v1/training/plans") {
                year_plans(&s).await;
            }
            if row.path.starts_with("/api/v1/monitoring") || row.path.starts_with("/api/v1/ogc") {
                monitoring(&s).await;
            }
            if row.path.starts_with("/api/v1/training/runs") {
                exercise_run(&s).await;
            } else if row.path.starts_with("/api/v1/training/designs")
                || row.path.starts_with("/api/v1/training/msels")
            {
                design_and_msel(&s).await;
            }
            let path = row.path.replace("{id}", &id.to_string());
            let body = row.body.map(|f| f(id));
            // The fixture's year plans have taken steps: their versions are not 1.
            let tag = if path.starts_with("/api/v1/training/plans/")
                || path.starts_with("/api/v1/monitoring/")
                || path.starts_with("/api/v1/training/msels/")
                || path.starts_with("/api/v1/training/runs/")
            {
                "*"
            } else {
                "\"1\""
            };
            let (status, v, _) = s
                .call(
                    Some(who),
                    row.method.clone(),
                    &path,
                    body,
                    &[("If-Match", tag)],
                )
                .await;
            let ok = status.is_success();
            let expected = allowed == 'Y';
            if ok != expected {
                failures.push(format!(
                    "{} as {who}: expected {}, got {status} {v}",
                    row.name,
                    if expected { "allow" } else { "deny" }
                ));
            }
            if !expected && status != StatusCode::FORBIDDEN {
                failures.push(format!(
                    "{} as {who}: a denial must be 403, got {status}",
                    row.name
                ));
            }
            if !expected {
                assert_eq!(v["code"], "forbidden", "{} as {who}", row.name);
            }
            s.stop().await;
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn anonymous_is_denied_everywhere_but_health() {
    let s = TestServer::sqlite().await;
    for row in rows() {
        let path = row.path.replace("{id}", "1");
        let (status, v, _) = s
            .call(None, row.method.clone(), &path, row.body.map(|f| f(1)), &[])
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{}: {v}", row.name);
    }
    s.stop().await;
}
