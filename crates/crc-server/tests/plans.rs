//! Movement plans over real HTTP, on SQLite and PostgreSQL: the January 2022 operation of the
//! worked example planned in the background, its progress and completion heard on the event
//! stream, the plan checked by the planner's independent validator with every force's
//! personnel delivered; a what-if refusing a transit state and its comparison; stopping a
//! search keeps its best plan; a national operation's plans are its state's; a bad scenario
//! is refused with its path and writes nothing.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::TestServer;
use crc_domain::crisis::Kind;
use crc_domain::demo_crisis::Action;
use crc_domain::identity::Viewer;
use crc_domain::releasability::Releasability;
use crc_domain::StateCode;
use crc_planner::whatif::PlanDiff;
use crc_planner::{Plan, Scenario};
use crc_storage::{CrisisActor, NewCrisisRecord, Store};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Runs `$body` on a fresh server of each backend.
macro_rules! both {
    ($name:ident, |$s:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($s: TestServer) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run(TestServer::sqlite().await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run(TestServer::postgres().await).await;
            }
        }
    };
}

/// The worked example (reference/demo-crisis-2022.toml) as `crc demo load` runs it, up to the
/// forces accepted into the operation and before the deployment begins; the operation
/// `national` if asked. Returns the operation's id.
async fn january_2022(store: &Store, national: bool) -> i64 {
    let drafts = crc_domain::demo::parse(crc_domain::demo::BUNDLED).unwrap();
    store.load_demo("test", &drafts).await.unwrap();
    let register = store
        .list_contingents(
            &Viewer::System,
            &crc_domain::contingent::ContingentQuery {
                demo: Some(true),
                limit: crc_domain::contingent::MAX_LIMIT,
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items;
    let example = crc_domain::demo_crisis::parse(crc_domain::demo_crisis::BUNDLED).unwrap();
    let mut ids: BTreeMap<String, i64> = BTreeMap::new();
    for step in &example.steps {
        let state = step
            .actor
            .strip_prefix("lo.")
            .map(|s| StateCode::parse(&s.to_uppercase()).unwrap());
        let actor = CrisisActor {
            name: &step.actor,
            state: state.as_ref(),
            viewer: &Viewer::System,
        };
        match &step.action {
            Action::Command { command, .. } if command.name() == "begin_deployment" => break,
            Action::Create {
                key,
                spec,
                parent,
                releasability,
                contingent,
            } => {
                let mut spec = spec.clone();
                if let Some(c) = contingent {
                    let id = register
                        .iter()
                        .find(|r| r.draft.state == c.state && r.draft.name == c.name)
                        .unwrap()
                        .id;
                    spec.set_contingent(id);
                }
                let releasability = if national && spec.kind() == Kind::Operation {
                    Releasability::National
                } else {
                    releasability.clone()
                };
                let rec = store
                    .create_crisis_record(
                        &actor,
                        NewCrisisRecord {
                            spec,
                            parent: parent.as_ref().map(|p| ids[p]),
                            exercise: None,
                            releasability,
                            demo: true,
                        },
                        |_| Ok(()),
                    )
                    .await
                    .unwrap_or_else(|e| panic!("creating {key}: {e}"));
                ids.insert(key.clone(), rec.id);
            }
            Action::Command { key, command } => {
                store
                    .command_crisis_record(&actor, ids[key], None, command, |_, _| Ok(()))
                    .await
                    .unwrap_or_else(|e| panic!("{} {key}: {e}", command.name()));
            }
        }
    }
    ids["operation"]
}

/// One server-sent event.
#[derive(Debug)]
struct Ev {
    event: String,
    id: Option<i64>,
    data: Value,
}

/// A minimal reader of `text/event-stream`.
struct Stream {
    res: reqwest::Response,
    buf: String,
}

impl Stream {
    async fn open(s: &TestServer, user: &str) -> Stream {
        let res = s
            .http
            .get(s.url("/api/v1/events"))
            .bearer_auth(&s.tokens[user])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let mut st = Stream {
            res,
            buf: String::new(),
        };
        assert_eq!(st.next().await.event, "hello");
        st
    }

    /// The next event, skipping keep-alive comments.
    async fn next(&mut self) -> Ev {
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                if block.lines().all(|l| l.starts_with(':') || l.is_empty()) {
                    continue;
                }
                let (mut event, mut id, mut data) = (String::from("message"), None, String::new());
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        event = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().parse().ok();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim_start());
                    }
                }
                let data = serde_json::from_str(&data).unwrap_or(Value::String(data));
                return Ev { event, id, data };
            }
            let chunk = tokio::time::timeout(Duration::from_secs(60), self.res.chunk())
                .await
                .expect("an event within 60 s")
                .unwrap()
                .expect("the stream is open");
            self.buf.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    }
}

/// Whether a change event's record id (a string) is `id`.
fn names(v: &Value, id: i64) -> bool {
    v.as_str().and_then(|s| s.parse::<i64>().ok()) == Some(id)
}

async fn call(
    s: &TestServer,
    user: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let (st, v, _) = s.call(Some(user), method, path, body, &[]).await;
    (st, v)
}

async fn ask_plan(s: &TestServer, user: &str, op: i64, body: Value) -> Value {
    let (st, v) = call(
        s,
        user,
        Method::POST,
        &format!("/api/v1/crisis/operations/{op}/plans"),
        Some(body),
    )
    .await;
    assert_eq!(st, StatusCode::ACCEPTED, "{v}");
    assert_eq!(v["status"], "queued");
    v
}

/// Polls a plan until its search is over.
async fn finished(s: &TestServer, user: &str, id: i64) -> Value {
    for _ in 0..1200 {
        let (st, v) = call(s, user, Method::GET, &format!("/api/v1/plans/{id}"), None).await;
        assert_eq!(st, StatusCode::OK, "{v}");
        if !matches!(v["status"].as_str(), Some("queued" | "running")) {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("plan {id} did not finish within two minutes");
}

async fn documents(s: &TestServer, user: &str, id: i64) -> (Scenario, Plan) {
    let (st, scenario) = call(
        s,
        user,
        Method::GET,
        &format!("/api/v1/plans/{id}/scenario"),
        None,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{scenario}");
    let (st, plan) = call(
        s,
        user,
        Method::GET,
        &format!("/api/v1/plans/{id}/plan"),
        None,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{plan}");
    (
        serde_json::from_value(scenario).unwrap(),
        serde_json::from_value(plan).unwrap(),
    )
}

/// The plan obeys every rule, and every unit's people arrive.
fn check(scenario: &Scenario, plan: &Plan) {
    if let Err(violations) = crc_planner::validate(scenario, plan) {
        panic!("the plan breaks rules: {violations:#?}");
    }
    for u in &scenario.units {
        let delivered: u32 = plan
            .movements
            .iter()
            .filter(|m| m.unit == u.id)
            .map(|m| m.load.personnel)
            .sum();
        assert_eq!(delivered, u.personnel, "personnel of {}", u.id);
    }
}

/// The states the plan's movements pass that are neither the host nor the moving unit's own,
/// most used first.
fn transit_states(scenario: &Scenario, plan: &Plan) -> Vec<String> {
    let own: BTreeMap<&str, &str> = scenario
        .units
        .iter()
        .map(|u| (u.id.as_str(), u.state.as_str()))
        .collect();
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for m in &plan.movements {
        for l in &m.legs {
            for st in &l.states {
                if st != &scenario.host && Some(&st.as_str()) != own.get(m.unit.as_str()) {
                    *count.entry(st.clone()).or_default() += 1;
                }
            }
        }
    }
    let mut states: Vec<(String, usize)> = count.into_iter().collect();
    states.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    states.into_iter().map(|(s, _)| s).collect()
}

both!(
    the_january_2022_operation_is_planned_in_the_background,
    |s| {
        let op = january_2022(&s.store, false).await;
        let mut events = Stream::open(&s, "planner").await;
        let asked = ask_plan(&s, "planner", op, json!({"time_limit_ms": 30000})).await;
        let id = asked["id"].as_i64().unwrap();
        assert_eq!(asked["operation_id"], op);
        assert_eq!(asked["parent_id"], Value::Null);
        assert_eq!(asked["exercise"], Value::Null);
        assert_eq!(asked["created_by"], "planner");
        assert_eq!(asked["progress"], Value::Null);
        assert_eq!(asked["seed"], 1);

        // The stream tells how the search goes and when it is over.
        let (mut progress, mut actions) = (Vec::new(), Vec::new());
        while !actions.contains(&"finish".to_string()) {
            let e = events.next().await;
            match e.event.as_str() {
                "plan-progress" => {
                    assert_eq!(e.id, None, "progress is no change: it has no id");
                    if e.data["id"] == id {
                        progress.push(e.data);
                    }
                }
                "change" if e.data["entity"] == "plan" && names(&e.data["id"], id) => {
                    assert!(e.id.is_some());
                    actions.push(e.data["action"].as_str().unwrap().to_owned());
                }
                _ => {}
            }
        }
        assert_eq!(actions, ["create", "start", "finish"]);
        assert!(!progress.is_empty(), "progress was reported");
        for p in &progress {
            for field in ["candidates", "effort", "best_closure", "lower_bound"] {
                assert!(p[field].is_number(), "{field} in {p}");
            }
        }

        let (st, rec) = call(
            &s,
            "planner",
            Method::GET,
            &format!("/api/v1/plans/{id}"),
            None,
        )
        .await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(rec["status"], "done", "{rec}");
        assert_eq!(rec["version"], 3);
        assert!(rec["finished_at"].is_string());
        assert!(
            rec["summary"]["closure"].as_i64().unwrap()
                >= rec["summary"]["lower_bound"].as_i64().unwrap()
        );
        assert!(rec["summary"]["binding"]["kind"].is_string());
        assert_eq!(rec["error"], Value::Null);
        let (scenario, plan) = documents(&s, "planner", id).await;
        check(&scenario, &plan);
        assert_eq!(rec["summary"]["closure"], plan.closure);
        assert_eq!(scenario.host, "KAZ");
        assert_eq!(
            Some(
                scenario
                    .epoch
                    .unwrap()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ),
            rec["epoch"]
                .as_str()
                .map(|e| chrono::DateTime::parse_from_rfc3339(e)
                    .unwrap()
                    .to_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        );
        // Every force accepted into the operation is a unit with its personnel.
        let (_, forces) = call(
            &s,
            "planner",
            Method::GET,
            &format!("/api/v1/crisis/forces?parent={op}&limit=100"),
            None,
        )
        .await;
        let forces = forces["items"].as_array().unwrap();
        assert_eq!(forces.len(), 5);
        assert_eq!(scenario.units.len(), forces.len());
        for f in forces {
            let u = scenario
                .units
                .iter()
                .find(|u| u.id == format!("force-{}", f["id"]))
                .unwrap_or_else(|| panic!("a unit for force {}", f["id"]));
            assert_eq!(
                i64::from(u.personnel),
                f["spec"]["personnel"].as_i64().unwrap()
            );
            assert_eq!(
                i64::from(u.vehicle_count()),
                f["spec"]["equipment"].as_i64().unwrap()
            );
            assert_eq!(u.state, f["spec"]["state"].as_str().unwrap());
        }

        // What if a state the force passes refuses transit? Some refusals leave a unit no way
        // (infeasible, no diff); the first that leaves a plan is compared with this one.
        let mut children = Vec::new();
        let mut compared = None;
        for refused in transit_states(&scenario, &plan) {
            let (st, child) = call(
                &s,
                "planner",
                Method::POST,
                &format!("/api/v1/plans/{id}/what-if"),
                Some(json!({"changes": [{"change": "refuse_transit", "state": refused}]})),
            )
            .await;
            assert_eq!(st, StatusCode::ACCEPTED, "{child}");
            assert_eq!(child["parent_id"], id);
            assert_eq!(child["operation_id"], op);
            assert_eq!(child["time_limit_ms"], 30000, "the parent's time limit");
            assert_eq!(child["changes"][0]["state"], refused.as_str());
            let child_id = child["id"].as_i64().unwrap();
            children.push(child_id);
            let child = finished(&s, "planner", child_id).await;
            let (st, diff) = call(
                &s,
                "planner",
                Method::GET,
                &format!("/api/v1/plans/{child_id}/diff"),
                None,
            )
            .await;
            match child["status"].as_str().unwrap() {
                "done" => {
                    assert_eq!(st, StatusCode::OK, "{diff}");
                    let diff: PlanDiff = serde_json::from_value(diff).unwrap();
                    assert_eq!(diff.closure_before, plan.closure);
                    assert_eq!(
                        diff.closure_after,
                        child["summary"]["closure"].as_i64().unwrap()
                    );
                    assert_eq!(diff.closure_delta, diff.closure_after - diff.closure_before);
                    let (child_scenario, child_plan) = documents(&s, "planner", child_id).await;
                    assert_eq!(
                        child_scenario.transit.get(&refused),
                        Some(&crc_planner::scenario::Transit::Refused)
                    );
                    check(&child_scenario, &child_plan);
                    for m in &child_plan.movements {
                        let own = &child_scenario
                            .units
                            .iter()
                            .find(|u| u.id == m.unit)
                            .unwrap()
                            .state;
                        for l in &m.legs {
                            assert!(
                                own == &refused || !l.states.contains(&refused),
                                "{} passes {refused}, which refuses transit",
                                m.id
                            );
                        }
                    }
                    compared = Some(refused);
                    break;
                }
                "infeasible" => {
                    // The record names what cannot arrive; there is nothing to compare.
                    let unreachable = child["error"]["unreachable"].as_array().unwrap();
                    assert!(!unreachable.is_empty(), "{child}");
                    assert!(unreachable[0]["reasons"]
                        .as_array()
                        .is_some_and(|r| !r.is_empty()));
                    assert_eq!(
                        (st, diff["code"].as_str()),
                        (StatusCode::CONFLICT, Some("plan_not_ready"))
                    );
                }
                other => panic!("the what-if ended {other}: {child}"),
            }
        }
        assert!(
            compared.is_some(),
            "some transit state's refusal leaves a plan to compare"
        );
        // The first plan has no parent to compare with.
        let (st, v) = call(
            &s,
            "planner",
            Method::GET,
            &format!("/api/v1/plans/{id}/diff"),
            None,
        )
        .await;
        assert_eq!(
            (st, v["code"].as_str()),
            (StatusCode::CONFLICT, Some("no_parent"))
        );
        // An unknown state is named by its place.
        let (st, v) = call(
            &s,
            "planner",
            Method::POST,
            &format!("/api/v1/plans/{id}/what-if"),
            Some(json!({"changes": [{"change": "refuse_transit", "state": "XXX"}]})),
        )
        .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert_eq!(v["code"], "invalid_change");
        assert_eq!(v["details"]["field"], "changes[0].state");

        // Everyone who may see the operation reads its plans; only the Joint Staff plan.
        let (st, list) = call(
            &s,
            "lo.kaz",
            Method::GET,
            &format!("/api/v1/plans?operation_id={op}"),
            None,
        )
        .await;
        assert_eq!(st, StatusCode::OK);
        let listed: Vec<i64> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        let mut expected: Vec<i64> = children.iter().rev().copied().collect();
        expected.push(id);
        assert_eq!(listed, expected);
        let (st, v) = call(
            &s,
            "observer",
            Method::GET,
            &format!("/api/v1/plans/{id}/plan"),
            None,
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{v}");
        for who in ["observer", "lo.kaz"] {
            let (st, v) = call(
                &s,
                who,
                Method::POST,
                &format!("/api/v1/crisis/operations/{op}/plans"),
                Some(json!({})),
            )
            .await;
            assert_eq!(
                (st, v["code"].as_str()),
                (StatusCode::FORBIDDEN, Some("forbidden")),
                "{who}"
            );
        }
        s.stop().await;
    }
);

both!(stopping_a_search_keeps_its_best_plan, |s| {
    let op = january_2022(&s.store, false).await;
    let mut events = Stream::open(&s, "duty").await;
    // One runner: the first searches while the second waits.
    let first = ask_plan(&s, "duty", op, json!({"time_limit_ms": 120000, "seed": 7})).await;
    let second = ask_plan(&s, "duty", op, json!({"time_limit_ms": 120000})).await;
    let (a, b) = (
        first["id"].as_i64().unwrap(),
        second["id"].as_i64().unwrap(),
    );
    // Stopped before it starts: it stops after its first plan.
    let (st, v) = call(
        &s,
        "duty",
        Method::POST,
        &format!("/api/v1/plans/{b}/stop"),
        None,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["version"], 2);
    // The first is stopped once it reports.
    loop {
        let e = events.next().await;
        if e.event == "plan-progress" && e.data["id"] == a {
            break;
        }
    }
    let (st, v) = call(
        &s,
        "planner",
        Method::POST,
        &format!("/api/v1/plans/{a}/stop"),
        None,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    for id in [a, b] {
        let rec = finished(&s, "duty", id).await;
        assert_eq!(rec["status"], "done", "{rec}");
        assert!(rec["summary"]["closure"].is_number());
        let (scenario, plan) = documents(&s, "duty", id).await;
        check(&scenario, &plan);
        assert!(
            plan.search.stopped
                || plan.search.candidates >= rec["progress"]["effort"].as_u64().unwrap(),
            "either stopped or the search had finished: {:?}",
            plan.search
        );
        assert_eq!(rec["progress"]["candidates"], plan.search.candidates);
    }
    let (_, v) = call(
        &s,
        "duty",
        Method::GET,
        &format!("/api/v1/plans/{a}/plan"),
        None,
    )
    .await;
    assert_eq!(v["seed"], 7);
    // Stopping a finished plan changes nothing.
    let before = s.audit_len().await;
    let (st, v) = call(
        &s,
        "duty",
        Method::POST,
        &format!("/api/v1/plans/{a}/stop"),
        None,
    )
    .await;
    assert_eq!((st, v["status"].as_str()), (StatusCode::OK, Some("done")));
    assert_eq!(s.audit_len().await, before);
    let (st, v) = call(
        &s,
        "observer",
        Method::POST,
        &format!("/api/v1/plans/{a}/stop"),
        None,
    )
    .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    s.stop().await;
});

both!(a_national_operations_plans_are_its_states, |s| {
    let op = january_2022(&s.store, true).await;
    let mut kaz = Stream::open(&s, "lo.kaz").await;
    let mut arm = Stream::open(&s, "lo.arm").await;
    // The Joint Staff without a nationality do not see a national operation of Kazakhstan;
    // an administrator does.
    let (st, _) = call(
        &s,
        "planner",
        Method::POST,
        &format!("/api/v1/crisis/operations/{op}/plans"),
        Some(json!({})),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let id = ask_plan(&s, "admin", op, json!({"time_limit_ms": 5000})).await["id"]
        .as_i64()
        .unwrap();
    let mut heard = Vec::new();
    loop {
        let e = kaz.next().await;
        if e.event == "change" && e.data["entity"] == "plan" && names(&e.data["id"], id) {
            heard.push(e.data["action"].as_str().unwrap().to_owned());
            if heard.last().unwrap() == "finish" {
                break;
            }
        }
    }
    let (st, v) = call(
        &s,
        "lo.kaz",
        Method::GET,
        &format!("/api/v1/plans/{id}"),
        None,
    )
    .await;
    assert_eq!(
        (st, v["status"].as_str()),
        (StatusCode::OK, Some("done")),
        "{v}"
    );
    for path in [
        format!("/api/v1/plans/{id}"),
        format!("/api/v1/plans/{id}/plan"),
        format!("/api/v1/plans/{id}/scenario"),
    ] {
        for who in ["lo.arm", "planner", "observer"] {
            let (st, v) = call(&s, who, Method::GET, &path, None).await;
            assert_eq!(
                (st, v["code"].as_str()),
                (StatusCode::NOT_FOUND, Some("not_found")),
                "{who} {path}"
            );
        }
    }
    let (_, list) = call(&s, "lo.arm", Method::GET, "/api/v1/plans", None).await;
    assert_eq!(list["items"], json!([]));
    let (_, list) = call(&s, "lo.kaz", Method::GET, "/api/v1/plans", None).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    // Armenia's officer heard nothing of it: the next thing it hears is a later change.
    let (st, c) = call(
        &s,
        "admin",
        Method::POST,
        "/api/v1/contingents",
        Some(common::contingent("ARM", "Marker")),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED);
    loop {
        let e = arm.next().await;
        assert_ne!(e.event, "plan-progress", "{e:?}");
        assert_ne!(e.data["entity"], "plan", "{e:?}");
        if e.event == "change" && names(&e.data["id"], c["id"].as_i64().unwrap()) {
            break;
        }
    }
    s.stop().await;
});

both!(a_scenario_sent_whole_is_checked_first, |s| {
    let before = s.audit_len().await;
    let bad = |scenario: Value| json!({"scenario": scenario});
    let (st, v) = call(
        &s,
        "planner",
        Method::POST,
        "/api/v1/plans",
        Some(bad(
            json!({"name": "x", "host": "KAZ", "destination": "D", "nodes": [], "legs": [],
                         "units": [{"id": 5}]}),
        )),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["code"], "invalid_scenario");
    assert_eq!(v["details"]["field"], "scenario.units[0].id");
    let mut scenario = crc_planner::generate::generate(
        crc_planner::generate::Size::Xs,
        3,
        &crc_planner::generate::Knobs::default(),
    );
    scenario.destination = "NOWHERE".into();
    let (st, v) = call(
        &s,
        "planner",
        Method::POST,
        "/api/v1/plans",
        Some(bad(serde_json::to_value(&scenario).unwrap())),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["details"]["field"], "scenario.destination");
    let (st, v) = call(
        &s,
        "planner",
        Method::POST,
        "/api/v1/plans",
        Some(json!({"scenario": {}, "time_limit_ms": 120001})),
    )
    .await;
    assert_eq!(
        (st, v["details"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("time_limit_ms"))
    );
    assert_eq!(s.audit_len().await, before, "nothing was written");
    let (_, list) = call(&s, "admin", Method::GET, "/api/v1/plans", None).await;
    assert_eq!(list["items"], json!([]));

    // A good one is planned; it is the Joint Staff's.
    let scenario = crc_planner::generate::generate(
        crc_planner::generate::Size::Xs,
        3,
        &crc_planner::generate::Knobs::default(),
    );
    let (st, v) = call(
        &s,
        "planner",
        Method::POST,
        "/api/v1/plans",
        Some(json!({"scenario": scenario, "seed": 11, "time_limit_ms": 3000})),
    )
    .await;
    assert_eq!(st, StatusCode::ACCEPTED, "{v}");
    assert_eq!(v["operation_id"], Value::Null);
    let id = v["id"].as_i64().unwrap();
    let rec = finished(&s, "duty", id).await;
    assert_eq!(rec["status"], "done", "{rec}");
    let (stored, plan) = documents(&s, "admin", id).await;
    assert_eq!(stored, scenario, "the scenario is kept as sent");
    check(&scenario, &plan);
    for who in ["observer", "lo.kaz"] {
        let (st, v) = call(&s, who, Method::GET, &format!("/api/v1/plans/{id}"), None).await;
        assert_eq!(
            (st, v["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden")),
            "{who}"
        );
        let (_, list) = call(&s, who, Method::GET, "/api/v1/plans", None).await;
        assert_eq!(list["items"], json!([]), "{who}");
    }
    let (st, v) = call(
        &s,
        "observer",
        Method::POST,
        "/api/v1/plans",
        Some(json!({"scenario": scenario})),
    )
    .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    s.stop().await;
});
