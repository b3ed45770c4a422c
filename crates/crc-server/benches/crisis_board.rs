//! Requests per second of the crisis board's queries with 100 operations and 10,000 tasks
//! stored, on SQLite and PostgreSQL. It prints figures; it is not a timed test.
//!
//! What it does, per backend: a fresh database with the bundled reference data; 100 crises
//! seeded through the store's own workflow functions (request → session → decision adopted
//! by all six delegations → operation), then 100 tasks under each decision (10,000), a fifth
//! of them past their deadline, a fifth done; every record written with its audit and
//! journal entries, as through the API. Then the real server on 127.0.0.1:0 (its own
//! runtime threads) and, for each query, `--clients` concurrent HTTP clients in a closed loop
//! for `--seconds`, as a duty officer (sees everything real-world) and as a liaison officer.
//! The clients share the machine with the server, as wrk does in scripts/bench.sh. On
//! PostgreSQL the tables are vacuumed and analyzed after seeding, as autovacuum would do.
//!
//! ```text
//! cargo bench -p crc-server --bench crisis_board -- [--backends sqlite,postgres]
//!     [--seconds 10] [--clients 32] [--out report.md]
//! ```
//! `cargo test --all-targets` builds it and runs it without `--bench`, which only prints a
//! note. scripts/bench-crisis.sh runs it and writes the report into docs/benchmarks.md.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crc_domain::crisis::{Command, Kind, Spec};
use crc_domain::identity::{Role, Username, Viewer};
use crc_domain::reference::ReferenceData;
use crc_domain::releasability::Releasability;
use crc_domain::StateCode;
use crc_server::state::{AppState, ServerSettings};
use crc_storage::{CrisisActor, NewCrisisRecord, NewUser, Store};
use serde_json::json;

const STATES: [&str; 6] = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"];

struct Opts {
    backends: Vec<String>,
    seconds: u64,
    clients: usize,
    operations: usize,
    tasks_per: usize,
    out: Option<String>,
}

fn opts() -> Opts {
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    let mut o = Opts {
        backends: vec!["sqlite".into(), "postgres".into()],
        seconds: 10,
        clients: 32,
        operations: 100,
        tasks_per: 100,
        out: None,
    };
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let mut v = || it.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--backends" => o.backends = v().split(',').map(str::to_owned).collect(),
            "--seconds" => o.seconds = v().parse().expect("--seconds N"),
            "--clients" => o.clients = v().parse().expect("--clients N"),
            "--operations" => o.operations = v().parse().expect("--operations N"),
            "--tasks-per-operation" => o.tasks_per = v().parse().expect("--tasks-per-operation N"),
            "--out" => o.out = Some(v()),
            other => panic!("unknown argument {other}"),
        }
    }
    o
}

async fn create(store: &Store, spec: serde_json::Value, kind: Kind, parent: Option<i64>) -> i64 {
    let actor = CrisisActor {
        name: "bench",
        state: None,
        viewer: &Viewer::System,
    };
    store
        .create_crisis_record(
            &actor,
            NewCrisisRecord {
                spec: Spec::parse(kind, spec).expect("spec"),
                parent,
                exercise: None,
                releasability: Releasability::Organization,
                demo: false,
            },
            |_| Ok(()),
        )
        .await
        .expect("create")
        .id
}

async fn step(store: &Store, kind: Kind, id: i64, cmd: serde_json::Value) {
    let actor = CrisisActor {
        name: "bench",
        state: None,
        viewer: &Viewer::System,
    };
    store
        .command_crisis_record(
            &actor,
            id,
            None,
            &Command::parse(kind, cmd).expect("command"),
            |_, _| Ok(()),
        )
        .await
        .expect("step");
}

/// Seeds the crises; returns (an operation id, a decision id) to query.
async fn seed(store: &Store, o: &Opts) -> (i64, i64) {
    let started = Instant::now();
    let mut last = (0, 0);
    let now = chrono::Utc::now();
    for i in 0..o.operations {
        let host = STATES[i % STATES.len()];
        let req = create(
            store,
            json!({"requesting_state": host, "from": "Head of state",
            "received_at": "2026-01-05T00:00:00Z", "asks": [{"kind": "forces"}],
            "summary": format!("Crisis {i}")}),
            Kind::Request,
            None,
        )
        .await;
        step(store, Kind::Request, req, json!({"command": "consider"})).await;
        let session = create(
            store,
            json!({"body": "collective_security_council",
            "kind": "extraordinary", "format": "in_person", "scheduled_at": "2026-01-06T00:00:00Z",
            "agenda": ["The request"], "participants": STATES}),
            Kind::Session,
            Some(req),
        )
        .await;
        let decision = create(
            store,
            json!({"title": format!("Decision {i}"),
            "prepared_by": "joint_staff", "text": "To conduct an operation."}),
            Kind::Decision,
            Some(session),
        )
        .await;
        step(store, Kind::Session, session, json!({"command": "open"})).await;
        step(store, Kind::Decision, decision, json!({"command": "table"})).await;
        for s in STATES {
            step(
                store,
                Kind::Decision,
                decision,
                json!({"command": "record_position", "state": s, "position": "agrees"}),
            )
            .await;
        }
        step(
            store,
            Kind::Decision,
            decision,
            json!({"command": "conclude"}),
        )
        .await;
        let op = create(store, json!({"name": format!("Operation {i}"), "kind": "peacekeeping",
            "host_state": host, "mandate": "Protection of important facilities",
            "area": [{"lat": 43.0, "lon": 76.0}, {"lat": 43.0, "lon": 77.0}, {"lat": 42.0, "lon": 77.0}],
            "ceiling": {"personnel": 3000, "equipment": 300},
            "starts_on": "2026-01-06", "ends_on": "2026-12-31"}), Kind::Operation, Some(decision)).await;
        for t in 0..o.tasks_per {
            // A fifth overdue, the rest due in the future; a fifth of those done.
            let deadline = if t % 5 == 0 {
                now - chrono::Duration::hours(t as i64 + 1)
            } else {
                now + chrono::Duration::days(t as i64 + 1)
            };
            let responsible = if t % 2 == 0 {
                json!({"state": STATES[t % 6]})
            } else {
                json!({"body": "joint_staff"})
            };
            let task = create(
                store,
                json!({"title": format!("Task {t} of decision {i}"),
                "responsible": responsible, "deadline": deadline}),
                Kind::Task,
                Some(decision),
            )
            .await;
            if t % 5 == 1 {
                step(
                    store,
                    Kind::Task,
                    task,
                    json!({"command": "complete", "text": "Done."}),
                )
                .await;
            }
        }
        last = (op, decision);
        eprint!(
            "\r  seeded {}/{} operations, {} tasks ({:.0} s)",
            i + 1,
            o.operations,
            (i + 1) * o.tasks_per,
            started.elapsed().as_secs_f64()
        );
    }
    eprintln!();
    last
}

async fn users(store: &Store) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (name, role, state) in [
        ("duty", Role::DutyOfficer, None),
        ("lo.kaz", Role::LiaisonOfficer, Some("KAZ")),
    ] {
        let u = store
            .create_user(
                "bench",
                &NewUser {
                    username: Username::parse(name).unwrap(),
                    display_name: name.into(),
                    role,
                    state: state.map(|s| StateCode::parse(s).unwrap()),
                    locale: "en".into(),
                    password_hash: "$argon2id$unused".into(),
                },
            )
            .await
            .unwrap();
        let secret = format!("crc_bench_{name}");
        store
            .create_api_token(
                "bench",
                u.id,
                "bench",
                &crc_server::auth::secret_hash(&secret),
                None,
            )
            .await
            .unwrap();
        out.push((name, secret));
    }
    out
}

struct Figure {
    query: String,
    who: &'static str,
    requests: usize,
    rps: f64,
    p50: f64,
    p99: f64,
    errors: usize,
}

async fn load(base: &str, path: &str, who: &'static str, token: &str, o: &Opts) -> Figure {
    let http = reqwest::Client::new();
    let stop = Arc::new(AtomicBool::new(false));
    let mut handles = Vec::new();
    let started = Instant::now();
    for _ in 0..o.clients {
        let (http, stop, url, token) = (
            http.clone(),
            stop.clone(),
            format!("{base}{path}"),
            token.to_owned(),
        );
        handles.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0;
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                match http.get(&url).bearer_auth(&token).send().await {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    }
                    _ => errors += 1,
                }
            }
            (lat, errors)
        }));
    }
    tokio::time::sleep(Duration::from_secs(o.seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.await.unwrap();
        all.extend(l);
        errors += e;
    }
    let secs = started.elapsed().as_secs_f64();
    all.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    Figure {
        query: path.to_owned(),
        who,
        requests: all.len(),
        rps: all.len() as f64 / secs,
        p50: pct(0.5),
        p99: pct(0.99),
        errors,
    }
}

async fn run_backend(name: &str, o: &Opts) -> Vec<Figure> {
    let (store, _dir) = match name {
        "sqlite" => {
            let (s, d) = crc_storage::testing::sqlite_store().await;
            (s, Some(d))
        }
        "postgres" => (crc_storage::testing::postgres_store().await, None),
        other => panic!("unknown backend {other}"),
    };
    store
        .load_reference("bench", &ReferenceData::bundled().unwrap())
        .await
        .unwrap();
    eprintln!(
        "{name}: seeding {} operations and {} tasks",
        o.operations,
        o.operations * o.tasks_per
    );
    let (op, decision) = seed(&store, o).await;
    if name == "postgres" {
        // PostgreSQL's autovacuum vacuums and analyzes a table this size within a minute of
        // loading; run it now rather than measure the planner without statistics.
        store
            .raw_execute("VACUUM ANALYZE")
            .await
            .expect("vacuum analyze");
    }
    let tokens = users(&store).await;
    // The server on its own runtime, so the clients' work does not run on its threads.
    let (tx, rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server_store = store.clone();
    let server = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(format!("http://{}", listener.local_addr().unwrap()))
                .unwrap();
            let state = AppState::new(server_store, ServerSettings::default());
            crc_server::serve(listener, state, async {
                let _ = stop_rx.await;
            })
            .await
            .unwrap();
        });
    });
    let base = rx.recv().unwrap();
    let queries = [
        ("/api/v1/crisis/board".to_owned(), 0usize),
        ("/api/v1/crisis/board".to_owned(), 1),
        ("/api/v1/crisis/tasks?overdue=true&limit=50".to_owned(), 0),
        (
            "/api/v1/crisis/tasks?status=assigned,in_progress&limit=50".to_owned(),
            0,
        ),
        ("/api/v1/crisis/operations?limit=100".to_owned(), 0),
        (format!("/api/v1/crisis/decisions/{decision}/control"), 0),
        (format!("/api/v1/crisis/operations/{op}/composition"), 0),
    ];
    let mut figures = Vec::new();
    for (path, who) in &queries {
        let (user, token) = &tokens[*who];
        eprintln!(
            "{name}: {path} as {user}, {} clients, {} s",
            o.clients, o.seconds
        );
        let f = load(&base, path, user, token, o).await;
        eprintln!(
            "  {:.0} req/s, p50 {:.1} ms, p99 {:.1} ms, errors {}",
            f.rps, f.p50, f.p99, f.errors
        );
        figures.push(f);
    }
    let _ = stop_tx.send(());
    server.join().unwrap();
    store.close().await;
    figures
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("crisis_board is a benchmark: run it with `cargo bench -p crc-server --bench crisis_board`");
        return;
    }
    let o = opts();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut md = String::new();
    md.push_str(&format!(
        "{} operations, {} tasks ({}% past their deadline), {} concurrent clients, {} s per query.\n\n",
        o.operations,
        o.operations * o.tasks_per,
        20,
        o.clients,
        o.seconds
    ));
    md.push_str("| backend | query | as | requests | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---:|---:|---:|---:|---:|\n");
    for b in &o.backends {
        for f in rt.block_on(run_backend(b, &o)) {
            md.push_str(&format!(
                "| {b} | `{}` | {} | {} | {:.0} | {:.1} | {:.1} | {} |\n",
                f.query, f.who, f.requests, f.rps, f.p50, f.p99, f.errors
            ));
        }
    }
    println!("{md}");
    if let Some(out) = &o.out {
        std::fs::write(out, &md).expect("write the report");
    }
}
