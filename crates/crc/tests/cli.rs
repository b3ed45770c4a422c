//! The `crc` binary as an operator uses it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn crc(db: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crc"));
    c.args(args)
        .arg("--database")
        .arg(db)
        .env_remove("CRC_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("run crc");
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn config_default_is_a_valid_file() {
    let o = Command::new(env!("CARGO_BIN_EXE_crc"))
        .args(["config", "default"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let t = String::from_utf8(o.stdout).unwrap();
    let v: toml::Value = toml::from_str(&t).unwrap();
    assert_eq!(v["bind"].as_str(), Some("127.0.0.1:8080"));
    assert_eq!(v["database_url"].as_str(), Some("sqlite://crc-data/crc.db"));
}

#[test]
fn settings_come_from_their_own_environment_variables_only() {
    let o = Command::new(env!("CARGO_BIN_EXE_crc"))
        .args(["config", "show"])
        .env("CRC_BIND", "127.0.0.1:9191")
        .env("CRC_WEB_DIST", "/somewhere")
        .env("CRC_BIN", "/usr/local/bin/crc")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("127.0.0.1:9191"), "{}", text(&o));
}

#[test]
fn config_show_redacts_the_database_password() {
    let o = Command::new(env!("CARGO_BIN_EXE_crc"))
        .args(["config", "show"])
        .env("CRC_DATABASE_URL", "postgres://crc:s3cret@db.example/crc")
        .output()
        .unwrap();
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(!t.contains("s3cret"), "{t}");
    assert!(t.contains("***"), "{t}");
}

#[test]
fn users_export_import_and_audit_verify() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("a.db").display());
    let o = crc(&db, &["reference", "load"], None);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("inserted"));
    let o = crc(&db, &["reference", "load"], None);
    assert!(text(&o).contains("0 inserted, 0 updated"), "{}", text(&o));

    let o = crc(
        &db,
        &[
            "user",
            "add",
            "lo.kaz",
            "--role",
            "liaison_officer",
            "--state",
            "KAZ",
            "--password-stdin",
        ],
        Some("a long passphrase here\n"),
    );
    assert!(o.status.success(), "{}", text(&o));
    // A liaison officer without a state, and a short password, are refused.
    let o = crc(
        &db,
        &[
            "user",
            "add",
            "lo.x",
            "--role",
            "liaison_officer",
            "--password-stdin",
        ],
        Some("a long passphrase here\n"),
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("member state"), "{}", text(&o));
    let o = crc(
        &db,
        &[
            "user",
            "add",
            "obs",
            "--role",
            "observer",
            "--password-stdin",
        ],
        Some("short\n"),
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("at least 12"), "{}", text(&o));
    let o = crc(&db, &["user", "list"], None);
    assert!(
        text(&o).contains("lo.kaz") && text(&o).contains("KAZ"),
        "{}",
        text(&o)
    );
    let o = crc(&db, &["demo", "load"], None);
    assert!(o.status.success(), "{}", text(&o));

    // Export, import into a new database, export again: the same file.
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    let o = crc(&db, &["export", "--output", a.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", text(&o));
    let db2 = format!("sqlite://{}", dir.path().join("b.db").display());
    let o = crc(&db2, &["import", "--input", a.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", text(&o));
    let o = crc(&db2, &["export", "--output", b.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let o = crc(&db2, &["import", "--input", a.to_str().unwrap()], None);
    assert!(!o.status.success(), "importing twice is refused");
    assert!(text(&o).contains("not empty"), "{}", text(&o));

    let o = crc(&db, &["audit", "verify"], None);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("intact"));

    // An intruder with direct database access edits entry 5: verify names it and fails.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let s = crc_storage::Store::connect(&db).await.unwrap();
        s.raw_execute("DROP TRIGGER audit_log_no_update")
            .await
            .unwrap();
        s.raw_execute("UPDATE audit_log SET actor = 'nobody' WHERE seq = 5")
            .await
            .unwrap();
        s.close().await;
    });
    let o = crc(&db, &["audit", "verify"], None);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("entry 5 was altered"), "{}", text(&o));
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let o = crc(&db, &["serve", "--bind", &addr], None);
    assert!(!o.status.success());
    assert!(text(&o).contains("cannot listen on"), "{}", text(&o));
}

#[test]
fn an_unreachable_or_unknown_database_is_a_clear_error() {
    let o = crc("mysql://localhost/crc", &["migrate"], None);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("unsupported database URL"),
        "{}",
        text(&o)
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let o = crc(
        &format!("postgres://crc:pw@127.0.0.1:{port}/crc"),
        &["migrate"],
        None,
    );
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains("cannot open the database"), "{t}");
    assert!(!t.contains(":pw@"), "the password is not printed: {t}");
}

#[test]
fn demo_load_brings_the_january_2022_operation_once_and_remove_takes_it_away() {
    use crc_domain::crisis::{Kind, Spec, State};
    use crc_domain::identity::Viewer;
    use crc_storage::{CrisisQuery, ExerciseFilter, JournalQuery, Store};

    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("d.db").display());
    for _ in 0..2 {
        let o = crc(&db, &["demo", "load"], None);
        assert!(o.status.success(), "{}", text(&o));
    }
    let all = |kind: Kind| CrisisQuery {
        kind: Some(kind),
        exercise: ExerciseFilter::All,
        limit: 500,
        ..CrisisQuery::default()
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let s = Store::connect(&db).await.unwrap();
        let v = Viewer::System;
        // Loaded twice, there once.
        let requests = s
            .list_crisis_records(&v, &all(Kind::Request))
            .await
            .unwrap();
        assert_eq!(requests.total, 1);
        let request = &requests.items[0];
        assert!(request.demo && request.exercise.is_none());
        assert_eq!(request.status, "closed");
        let Spec::Request(r) = &request.spec else {
            panic!()
        };
        assert_eq!(r.requesting_state.as_str(), "KAZ");
        assert_eq!(r.received_at.to_rfc3339(), "2022-01-05T18:00:00+00:00");

        let ops = s
            .list_crisis_records(&v, &all(Kind::Operation))
            .await
            .unwrap();
        assert_eq!(ops.total, 1);
        assert_eq!(ops.items[0].status, "terminated");
        let Spec::Operation(op) = &ops.items[0].spec else {
            panic!()
        };
        assert_eq!(op.host_state.as_str(), "KAZ");
        assert_eq!(op.starts_on.to_string(), "2022-01-06");

        let forces = s.list_crisis_records(&v, &all(Kind::Force)).await.unwrap();
        let mut states: Vec<String> = forces
            .items
            .iter()
            .map(|f| {
                assert_eq!(f.status, "stood_down");
                f.owner_state.as_ref().unwrap().to_string()
            })
            .collect();
        states.sort();
        assert_eq!(states, ["ARM", "BLR", "KGZ", "RUS", "TJK"]);

        let decisions = s
            .list_crisis_records(&v, &all(Kind::Decision))
            .await
            .unwrap();
        assert_eq!(decisions.total, 1);
        let d = &decisions.items[0];
        assert_eq!(d.status, "adopted");
        assert!(d.number.is_some());
        let State::Decision(ds) = &d.state else {
            panic!()
        };
        assert_eq!(ds.positions.len(), 6);

        let tasks = s.list_crisis_records(&v, &all(Kind::Task)).await.unwrap();
        assert!(tasks.total >= 5 && tasks.items.iter().all(|t| t.status == "done"));
        let logistics = s
            .list_crisis_records(&v, &all(Kind::Logistics))
            .await
            .unwrap();
        assert_eq!(logistics.items[0].status, "fulfilled");

        // The journal of the request, in order: from its submission to its closing.
        let journal = s
            .crisis_journal(
                &v,
                &JournalQuery {
                    crisis: Some(request.id),
                    exercise: ExerciseFilter::All,
                    limit: 5000,
                    ..JournalQuery::default()
                },
            )
            .await
            .unwrap();
        assert!(journal.windows(2).all(|w| w[0].id < w[1].id));
        assert!(journal.windows(2).all(|w| w[0].audit_seq < w[1].audit_seq));
        let first = journal.first().unwrap();
        assert_eq!(
            (first.kind, first.action.as_str()),
            (Kind::Request, "create")
        );
        assert_eq!(first.actor, "lo.kaz");
        let steps: Vec<(Kind, &str)> = journal
            .iter()
            .map(|j| (j.kind, j.action.as_str()))
            .collect();
        let at = |k: Kind, a: &str| steps.iter().position(|s| *s == (k, a)).unwrap();
        assert!(at(Kind::Request, "consider") < at(Kind::Decision, "conclude"));
        assert!(at(Kind::Decision, "conclude") < at(Kind::Request, "decide"));
        assert!(at(Kind::Operation, "begin_deployment") < at(Kind::Operation, "begin_withdrawal"));
        assert!(at(Kind::Operation, "terminate") < at(Kind::Request, "close"));
        s.close().await;
    });

    let o = crc(&db, &["demo", "remove"], None);
    assert!(o.status.success(), "{}", text(&o));
    rt.block_on(async {
        let s = Store::connect(&db).await.unwrap();
        for k in Kind::ALL {
            let page = s
                .list_crisis_records(&Viewer::System, &all(k))
                .await
                .unwrap();
            assert_eq!(page.total, 0, "{k} left after demo remove");
        }
        s.close().await;
    });
    let o = crc(&db, &["audit", "verify"], None);
    assert!(o.status.success(), "{}", text(&o));
    // Loading again after removal brings it back.
    let o = crc(&db, &["demo", "load"], None);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn crisis_create_do_refuse_and_export_the_journal_with_the_exercise_marked() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("e.db").display());
    let o = crc(&db, &["reference", "load"], None);
    assert!(o.status.success(), "{}", text(&o));
    for (name, role, state) in [
        ("duty", "duty_officer", None),
        ("lo.kaz", "liaison_officer", Some("KAZ")),
    ] {
        let mut args = vec!["user", "add", name, "--role", role, "--password-stdin"];
        if let Some(s) = state {
            args.extend(["--state", s]);
        }
        let o = crc(&db, &args, Some("a long passphrase here\n"));
        assert!(o.status.success(), "{}", text(&o));
    }
    let spec = dir.path().join("request.json");
    std::fs::write(
        &spec,
        r#"{"requesting_state": "KAZ", "from": "Head of state", "received_at": "2024-03-12T08:00:00Z",
            "asks": [{"kind": "forces"}], "summary": "A simulated crisis."}"#,
    )
    .unwrap();
    let spec = spec.to_str().unwrap();

    // A liaison officer submits their own state's request, here for an exercise.
    let o = crc(
        &db,
        &[
            "crisis",
            "create",
            "request",
            "--as",
            "lo.kaz",
            "--spec",
            spec,
            "--exercise",
            "Staff training 2024",
            "--json",
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let rec: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rec["marking"], "EXERCISE");
    assert_eq!(rec["status"], "received");
    let id = rec["id"].as_i64().unwrap().to_string();

    // An illegal step: non-zero, naming the state, the command and why.
    let o = crc(
        &db,
        &[
            "crisis",
            "do",
            &id,
            r#"{"command": "decide", "outcome": "granted"}"#,
            "--as",
            "duty",
        ],
        None,
    );
    assert!(!o.status.success());
    let t = text(&o);
    assert!(
        t.contains("cannot decide a request that is received"),
        "{t}"
    );
    assert!(t.contains("consider"), "{t}");
    // A step the user's role may not take.
    let o = crc(
        &db,
        &[
            "crisis",
            "do",
            &id,
            r#"{"command": "consider"}"#,
            "--as",
            "lo.kaz",
        ],
        None,
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("forbidden"), "{}", text(&o));
    // An unknown user.
    let o = crc(
        &db,
        &[
            "crisis",
            "do",
            &id,
            r#"{"command": "consider"}"#,
            "--as",
            "nobody",
        ],
        None,
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("no user nobody"), "{}", text(&o));
    // The legal step.
    let o = crc(
        &db,
        &[
            "crisis",
            "do",
            &id,
            r#"{"command": "consider", "note": "Before the Council."}"#,
            "--as",
            "duty",
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("under consideration") && t.contains("[EXERCISE Staff training 2024]"),
        "{t}"
    );

    // Reading: the exercise is marked everywhere, and left out of the real-world view.
    let o = crc(&db, &["crisis", "list", "requests"], None);
    assert!(
        o.status.success() && text(&o).contains("0 of 0"),
        "{}",
        text(&o)
    );
    let o = crc(
        &db,
        &["crisis", "list", "requests", "--exercise", "all"],
        None,
    );
    assert!(
        text(&o).contains("[EXERCISE Staff training 2024]"),
        "{}",
        text(&o)
    );
    let o = crc(&db, &["crisis", "board", "--exercise", "exercises"], None);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("[EXERCISE Staff training 2024]"),
        "{}",
        text(&o)
    );
    let o = crc(&db, &["crisis", "show", &id], None);
    let t = text(&o);
    assert!(
        t.contains("EXERCISE EXERCISE") && t.contains("consider"),
        "{t}"
    );

    // The journal as the API's JSON document and as the printable page.
    let json = dir.path().join("journal.json");
    let o = crc(
        &db,
        &[
            "crisis",
            "journal",
            &id,
            "--format",
            "json",
            "--output",
            json.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(doc["format"], "crc-crisis-journal");
    assert_eq!(doc["marking"], "EXERCISE");
    let entries = doc["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["action"], "create");
    assert_eq!(entries[1]["action"], "consider");
    assert_eq!(entries[1]["actor"], "duty");
    let html = dir.path().join("journal.html");
    let o = crc(
        &db,
        &[
            "crisis",
            "journal",
            &id,
            "--format",
            "html",
            "--output",
            html.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("Crisis journal") && page.contains("EXERCISE"),
        "{page}"
    );
    // Only a request has a journal document.
    let o = crc(&db, &["crisis", "journal", "999", "--format", "json"], None);
    assert!(!o.status.success());
    assert!(text(&o).contains("not found"), "{}", text(&o));

    let o = crc(&db, &["audit", "verify"], None);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn the_demo_example_reads_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("f.db").display());
    let o = crc(&db, &["demo", "load"], None);
    assert!(o.status.success(), "{}", text(&o));
    let o = crc(
        &db,
        &["crisis", "list", "forces", "--status", "stood_down"],
        None,
    );
    assert!(text(&o).contains("5 of 5 force record(s)"), "{}", text(&o));
    let o = crc(&db, &["crisis", "list", "requests", "--json"], None);
    let page: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let id = page["items"][0]["id"].as_i64().unwrap().to_string();
    let o = crc(&db, &["crisis", "journal", &id, "--format", "json"], None);
    assert!(o.status.success(), "{}", text(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(doc["marking"].is_null());
    let entries = doc["entries"].as_array().unwrap();
    assert_eq!(entries.first().unwrap()["action"], "create");
    assert_eq!(entries.last().unwrap()["action"], "create"); // the return to routine
    assert!(entries
        .iter()
        .any(|e| e["kind"] == "operation" && e["to_status"] == "terminated"));
}

#[test]
fn exercise_catalogue_and_the_year_plan_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("t.db").display());
    let o = crc(&db, &["reference", "load"], None);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("catalogue of joint training:"),
        "{}",
        text(&o)
    );
    let o = crc(&db, &["reference", "load"], None);
    assert!(
        text(&o).contains("catalogue of joint training: 0 inserted, 0 updated"),
        "{}",
        text(&o)
    );
    for (name, role, state) in [
        ("planner", "planner", None),
        ("lo.kaz", "liaison_officer", Some("KAZ")),
    ] {
        let mut args = vec!["user", "add", name, "--role", role, "--password-stdin"];
        if let Some(s) = state {
            args.extend(["--state", s]);
        }
        let o = crc(&db, &args, Some("a long passphrase here\n"));
        assert!(o.status.success(), "{}", text(&o));
    }

    let o = crc(
        &db,
        &["exercise", "list", "--year", "2025", "--host", "BLR"],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("interaction_2025") && !t.contains("rubezh_2025"),
        "{t}"
    );
    let o = crc(&db, &["exercise", "show", "interaction_2025"], None);
    assert!(
        text(&o).contains("Interaction-2025 / Взаимодействие-2025"),
        "{}",
        text(&o)
    );
    let o = crc(&db, &["exercise", "stats", "--year", "2024"], None);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("over 5,000"), "{}", text(&o));

    // A liaison officer may not draft; the planner drafts from the catalogue.
    let draft = |user: &str| {
        crc(
            &db,
            &[
                "exercise",
                "plan",
                "create",
                "--as",
                user,
                "--year",
                "2025",
                "--title-en",
                "Plan for 2025",
                "--title-ru",
                "План на 2025 год",
                "--json",
            ],
            None,
        )
    };
    let o = draft("lo.kaz");
    assert!(!o.status.success());
    assert!(
        text(&o).contains("may not draft a year plan"),
        "{}",
        text(&o)
    );
    let o = draft("planner");
    assert!(o.status.success(), "{}", text(&o));
    let plan: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let id = plan["id"].as_i64().unwrap().to_string();
    let step = |cmd: &str, user: &str| {
        crc(
            &db,
            &["exercise", "plan", "do", &id, cmd, "--as", user],
            None,
        )
    };
    let o = step(
        r#"{"command": "send_for_coordination", "states": ["KAZ"]}"#,
        "planner",
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = step(
        r#"{"command": "answer", "state": "KGZ", "answer": "agrees"}"#,
        "lo.kaz",
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("may not answer for KGZ"), "{}", text(&o));
    let o = step(
        r#"{"command": "answer", "state": "KAZ", "answer": "agrees"}"#,
        "lo.kaz",
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = step(
        r#"{"command": "approve_jointly", "number": 1, "date": "2020-01-01"}"#,
        "planner",
    );
    assert!(!o.status.success());
    assert!(
        text(&o).contains("a year plan that is coordinating: only a submitted plan is approved"),
        "{}",
        text(&o)
    );
    let o = crc(&db, &["exercise", "plan", "show", &id], None);
    assert!(text(&o).contains("KAZ: agrees"), "{}", text(&o));
    let o = crc(&db, &["exercise", "plan", "conflicts", &id], None);
    assert!(
        text(&o).contains("component_without_training"),
        "{}",
        text(&o)
    );

    let ics = dir.path().join("plan.ics");
    let o = crc(
        &db,
        &[
            "exercise",
            "plan",
            "ics",
            &id,
            "--output",
            ics.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let t = std::fs::read_to_string(&ics).unwrap();
    assert!(
        t.starts_with("BEGIN:VCALENDAR") && t.contains("UID:interaction_2025@joint-training.crc"),
        "{t}"
    );
    let html = dir.path().join("plan.html");
    let o = crc(
        &db,
        &[
            "exercise",
            "plan",
            "print",
            &id,
            "--output",
            html.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("Взаимодействие-2025"));
    let o = crc(&db, &["audit", "verify"], None);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn an_exercise_design_and_its_msel_from_csv_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("t.db").display());
    let o = crc(&db, &["reference", "load"], None);
    assert!(o.status.success(), "{}", text(&o));
    for (name, role) in [("planner", "planner"), ("duty", "duty_officer")] {
        let o = crc(
            &db,
            &["user", "add", name, "--role", role, "--password-stdin"],
            Some("a long passphrase here\n"),
        );
        assert!(o.status.success(), "{}", text(&o));
    }
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples");
    let design = format!("{examples}/exercise-design.json");
    let msel = format!("{examples}/exercise-msel.csv");
    let o = crc(
        &db,
        &[
            "exercise",
            "design",
            "create",
            "--as",
            "planner",
            "--file",
            &design,
            "--exercise",
            "interaction_2025",
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("design 1 written"), "{}", text(&o));

    // A refused file: every problem with its line and column, a failure, nothing stored.
    let bad = dir.path().join("bad.csv");
    let good = std::fs::read_to_string(&msel).unwrap();
    let mut lines: Vec<&str> = good.lines().collect();
    lines[2] = "2,D+0 0:30,border,gov,kaz-lo,phone,Situation,Two groups.,Pass it on.,O2";
    lines[3] = "3,D+0 01:00,media,ghost,js-ops,media,Press,Asks.,Agree a line.,O2";
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let o = crc(
        &db,
        &[
            "exercise",
            "msel",
            "import",
            "1",
            "--csv",
            bad.to_str().unwrap(),
            "--as",
            "planner",
        ],
        None,
    );
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains("line 3, column offset"), "{t}");
    assert!(t.contains("line 4, column sender"), "{t}");
    assert!(t.contains("nothing was stored"), "{t}");
    let o = crc(&db, &["exercise", "msel", "export", "1"], None);
    assert!(!o.status.success(), "no MSEL 1 was stored: {}", text(&o));

    // The good file, exported and approved by the director only.
    let o = crc(
        &db,
        &[
            "exercise", "msel", "import", "1", "--csv", &msel, "--as", "planner",
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("8 injects"), "{}", text(&o));
    let out = dir.path().join("out.csv");
    let o = crc(
        &db,
        &[
            "exercise",
            "msel",
            "export",
            "1",
            "--output",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let exported = std::fs::read_to_string(&out).unwrap();
    assert_eq!(exported.lines().count(), 9, "{exported}");
    let o = crc(
        &db,
        &[
            "exercise",
            "msel",
            "do",
            "1",
            r#"{"command": "submit"}"#,
            "--as",
            "duty",
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = crc(
        &db,
        &[
            "exercise",
            "msel",
            "do",
            "1",
            r#"{"command": "approve"}"#,
            "--as",
            "duty",
        ],
        None,
    );
    assert!(!o.status.success());
    assert!(
        text(&o).contains("only the exercise director (planner)"),
        "{}",
        text(&o)
    );
    let o = crc(
        &db,
        &[
            "exercise",
            "msel",
            "do",
            "1",
            r#"{"command": "approve"}"#,
            "--as",
            "planner",
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("is approved"), "{}", text(&o));

    // A run of it, driven from the command line: StartEx releases the inject at D+0 00:00.
    let o = crc(
        &db,
        &[
            "exercise", "run", "create", "1", "--msel", "1", "--as", "planner",
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let start = r#"{"command": "start", "scenario_start": "2025-09-01T06:00:00Z"}"#;
    let o = crc(
        &db,
        &["exercise", "run", "clock", "1", start, "--as", "duty"],
        None,
    );
    assert!(
        text(&o).contains("clock running, 1 injects released"),
        "{}",
        text(&o)
    );
    let o = crc(
        &db,
        &["exercise", "run", "clock", "1", start, "--as", "duty"],
        None,
    );
    assert!(
        !o.status.success(),
        "a second start is out of turn: {}",
        text(&o)
    );
    let release = r#"{"command": "release", "inject": 5}"#;
    let o = crc(
        &db,
        &[
            "exercise", "run", "control", "1", release, "--as", "planner",
        ],
        None,
    );
    assert!(text(&o).contains("2 injects released"), "{}", text(&o));
    let o = crc(&db, &["exercise", "run", "show", "1"], None);
    let t = text(&o);
    assert!(
        t.contains("Request for assistance") && t.contains("released"),
        "{t}"
    );
}

#[test]
fn corrective_actions_and_lessons_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("t.db").display());
    assert!(crc(&db, &["reference", "load"], None).status.success());
    for (name, role, state) in [
        ("planner", "planner", None),
        ("lo.kaz", "liaison_officer", Some("KAZ")),
    ] {
        let mut args = vec!["user", "add", name, "--role", role, "--password-stdin"];
        if let Some(s) = state {
            args.extend(["--state", s]);
        }
        assert!(crc(&db, &args, Some("a long passphrase here\n"))
            .status
            .success());
    }
    let action = dir.path().join("action.json");
    std::fs::write(
        &action,
        r#"{"title": "Rehearse the notification chain", "owner": "Ministry of Defence",
            "owner_state": "KAZ", "due": "2020-01-31", "exercise": "Interaction-2025"}"#,
    )
    .unwrap();
    let a = action.to_str().unwrap();
    let o = crc(
        &db,
        &["exercise", "action", "add", "--as", "lo.kaz", "--file", a],
        None,
    );
    assert!(!o.status.success(), "{}", text(&o));
    let o = crc(
        &db,
        &["exercise", "action", "add", "--as", "planner", "--file", a],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = crc(&db, &["exercise", "action", "list"], None);
    assert!(text(&o).contains("OVERDUE"), "{}", text(&o));
    for cmd in [
        r#"{"command": "start"}"#,
        r#"{"command": "complete", "note": "rehearsed"}"#,
    ] {
        let o = crc(
            &db,
            &["exercise", "action", "do", "1", cmd, "--as", "lo.kaz"],
            None,
        );
        assert!(o.status.success(), "{}", text(&o));
    }
    let verify = r#"{"command": "verify"}"#;
    let o = crc(
        &db,
        &["exercise", "action", "do", "1", verify, "--as", "lo.kaz"],
        None,
    );
    assert!(!o.status.success(), "{}", text(&o));
    let o = crc(
        &db,
        &["exercise", "action", "do", "1", verify, "--as", "planner"],
        None,
    );
    assert!(text(&o).contains("is verified"), "{}", text(&o));

    let lesson = dir.path().join("lesson.json");
    std::fs::write(
        &lesson,
        r#"{"title": "Оповещение офицеров связи запоздало", "observation": "На учениях оповещение пришло через час.",
            "recommendation": "Отработать схему оповещения.", "applies_to": {"year": 2026}}"#,
    )
    .unwrap();
    let o = crc(
        &db,
        &[
            "exercise",
            "lesson",
            "add",
            "--as",
            "planner",
            "--file",
            lesson.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = crc(
        &db,
        &["exercise", "lesson", "search", "учения", "--year", "2026"],
        None,
    );
    assert!(
        text(&o).contains("Оповещение офицеров связи запоздало"),
        "{}",
        text(&o)
    );
    let o = crc(
        &db,
        &["exercise", "lesson", "search", "учения", "--year", "2027"],
        None,
    );
    assert_eq!(text(&o).trim(), "", "{}", text(&o));
}

/// Situation monitoring on the command line: the real USGS week ingested once, an export that
/// validates, and a refused import that names its line and stores nothing.
#[test]
fn monitoring_feed_export_and_a_refused_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/crc.db", dir.path().display());
    let o = crc(&db, &["demo", "load"], None);
    assert!(o.status.success(), "{}", text(&o));
    let feed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../web/node_modules/vega-datasets/data/earthquakes.json"
    );
    let o = crc(&db, &["monitor", "feed", feed, "--as", "admin"], None);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("1707 events: 7 stored, 0 already stored"),
        "{}",
        text(&o)
    );
    let o = crc(&db, &["monitor", "feed", feed, "--as", "admin"], None);
    assert!(
        text(&o).contains("0 stored, 7 already stored"),
        "{}",
        text(&o)
    );
    let o = crc(&db, &["monitor", "list", "--as", "lo.kaz"], None);
    assert!(
        text(&o).contains("M 3.8 - 14km SSW of Almaty, Kazakhstan"),
        "{}",
        text(&o)
    );
    let out = dir.path().join("reports.xml");
    let o = crc(
        &db,
        &[
            "monitor",
            "export",
            "--as",
            "duty",
            "--output",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let xml = std::fs::read_to_string(&out).unwrap();
    assert_eq!(xml.matches("<alert xmlns").count(), 7);
    let bad = dir.path().join("bad.xml");
    std::fs::write(&bad, xml.replacen("<status>Actual", "<status>Bad", 1)).unwrap();
    let o = crc(
        &db,
        &["monitor", "import", bad.to_str().unwrap(), "--as", "duty"],
        None,
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("is not a <status>"), "{}", text(&o));
    let o = crc(
        &db,
        &["monitor", "list", "--as", "duty", "--limit", "100"],
        None,
    );
    assert_eq!(text(&o).lines().count(), 8, "{}", text(&o));
    // A reader files nothing.
    let o = crc(&db, &["monitor", "feed", feed, "--as", "observer"], None);
    assert!(!o.status.success(), "{}", text(&o));
}
