//! Situation monitoring at scale: reports filed through the API per second, durably, and
//! the map's and search's query latency over 1,000,000 stored reports. It prints figures; it
//! is not a timed test.
//!
//! What it does, on the database `--database` names (scripts/bench-monitoring.sh gives it a
//! fresh SQLite file, then a fresh PostgreSQL cluster with fsync and synchronous commit on):
//!
//! 1. The real server on 127.0.0.1:0 (its own runtime threads) over that database.
//! 2. Ingest: `--ingest` reports (100,000) filed by `POST /api/v1/monitoring/reports` in
//!    batches of `--batch` (1,000) from `--clients` (4) concurrent clients as the duty
//!    officer. Each batch is one transaction, committed (SQLite `synchronous=FULL` in WAL
//!    mode; PostgreSQL `fsync=on`, `synchronous_commit=on`) before the 201 answers, with an
//!    audit entry per report. Reported: reports/s over the whole run, and the batches' p50
//!    and p99 latency.
//! 3. Fill: the store's own `receive_reports` (the same transaction the API runs) in batches
//!    of 5,000 until `--stored` (1,000,000) reports are stored; on PostgreSQL then `VACUUM
//!    ANALYZE`, as autovacuum would.
//! 4. Queries, each for `--seconds` (10) by `--clients` concurrent clients in a closed loop,
//!    each request with a fresh random viewport and window: the map's points of a viewport
//!    and time window (`GET /monitoring/map`: a 5°×5° box and 7 days, as the duty officer and
//!    as Kazakhstan's liaison officer, releasability in SQL; a 20°×10° box and 1 day); the
//!    first page of the list of a viewport's reports with their texts; a word search over 30
//!    days; and the OGC API - Features items with `bbox` and `datetime`. Reported: requests,
//!    req/s, p50, p99, rows per answer.
//!
//! The reports: points scattered within 1.5° of 25 towns of the member states, observed over
//! the year before the run, of every category, from the towns' states' bodies, a fifth of
//! them national; texts of one or two of 24 Russian and English topic words (each then in
//! about 6% of the reports, which the word search looks for) among ten of a skewed
//! 2,000-word vocabulary; seeded, so every run stores the same reports (times relative to the
//! run's start).
//!
//! ```text
//! cargo bench -p crc-server --bench monitoring -- --database sqlite:///tmp/m.db [--label sqlite]
//!     [--ingest 100000] [--stored 1000000] [--batch 1000] [--clients 4] [--seconds 10] [--out F]
//! ```

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as Span, Utc};
use crc_domain::identity::{Role, Username};
use crc_domain::monitoring::grade::{Credibility, Grade, Reliability};
use crc_domain::monitoring::place::Place;
use crc_domain::monitoring::report::{ReportSpec, Source};
use crc_domain::monitoring::taxonomy::Taxonomy;
use crc_domain::reference::ReferenceData;
use crc_domain::releasability::Releasability;
use crc_domain::StateCode;
use crc_server::monitoring_context::Monitoring;
use crc_server::state::{AppState, ServerSettings};
use crc_storage::{NewReport, NewUser, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

const TOWNS: [(&str, f64, f64); 25] = [
    ("BLR", 27.56, 53.90),
    ("BLR", 23.69, 52.10),
    ("BLR", 30.98, 52.44),
    ("RUS", 37.62, 55.75),
    ("RUS", 30.31, 59.94),
    ("RUS", 39.72, 47.23),
    ("RUS", 47.50, 42.98),
    ("RUS", 44.68, 43.02),
    ("RUS", 49.11, 55.79),
    ("RUS", 60.61, 56.84),
    ("RUS", 82.92, 55.03),
    ("RUS", 73.37, 54.99),
    ("RUS", 131.89, 43.12),
    ("ARM", 44.51, 40.18),
    ("ARM", 43.85, 40.79),
    ("KAZ", 76.95, 43.24),
    ("KAZ", 71.45, 51.17),
    ("KAZ", 57.17, 50.28),
    ("KAZ", 69.59, 42.34),
    ("KGZ", 74.59, 42.87),
    ("KGZ", 72.80, 40.53),
    ("TJK", 68.78, 38.56),
    ("TJK", 69.62, 40.28),
    ("TJK", 71.55, 37.49),
    ("RUS", 65.53, 57.15),
];
const BODIES: [&str; 3] = [
    "Ministry of Defence",
    "Border Service",
    "Emergencies Ministry",
];
const WORDS: [&str; 24] = [
    "обстрел",
    "застава",
    "граница",
    "колонна",
    "беспилотник",
    "митинг",
    "склад",
    "паводок",
    "землетрясение",
    "эвакуация",
    "задержание",
    "патруль",
    "shelling",
    "border",
    "convoy",
    "drone",
    "protest",
    "depot",
    "flood",
    "earthquake",
    "evacuation",
    "arrest",
    "patrol",
    "checkpoint",
];

struct Opts {
    database: String,
    label: String,
    ingest: usize,
    stored: usize,
    batch: usize,
    clients: usize,
    query_clients: Vec<usize>,
    seconds: u64,
    out: Option<String>,
}

fn opts() -> Opts {
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    let mut o = Opts {
        database: String::new(),
        label: String::new(),
        ingest: 100_000,
        stored: 1_000_000,
        batch: 1_000,
        clients: 4,
        query_clients: vec![1, 4],
        seconds: 10,
        out: None,
    };
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let mut v = || it.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--database" => o.database = v(),
            "--label" => o.label = v(),
            "--ingest" => o.ingest = v().parse().expect("--ingest N"),
            "--stored" => o.stored = v().parse().expect("--stored N"),
            "--batch" => o.batch = v().parse().expect("--batch N"),
            "--clients" => o.clients = v().parse().expect("--clients N"),
            "--query-clients" => {
                o.query_clients = v()
                    .split(',')
                    .map(|c| c.parse().expect("--query-clients 1,4"))
                    .collect()
            }
            "--seconds" => o.seconds = v().parse().expect("--seconds N"),
            "--out" => o.out = Some(v()),
            other => panic!("unknown argument {other}"),
        }
    }
    assert!(!o.database.is_empty(), "--database URL is required");
    if o.label.is_empty() {
        o.label = o.database.split(':').next().unwrap_or("db").to_owned();
    }
    o
}

/// Report `i` of the seeded set.
fn spec(i: u64, taxonomy: &Taxonomy) -> (ReportSpec, Releasability) {
    let mut r = StdRng::seed_from_u64(i);
    let (state, lon, lat) = TOWNS[r.gen_range(0..TOWNS.len())];
    let place = Place::Point([lon + r.gen_range(-1.5..1.5), lat + r.gen_range(-1.5..1.5)]);
    let at = Utc::now() - Span::seconds(r.gen_range(4 * 3_600..365 * 86_400));
    // One or two topic words among ten of a wider vocabulary, skewed as words are (a few
    // common, most rare), so that a topic word is in some 6% of the reports.
    let mut words: Vec<String> = (0..r.gen_range(1..=2))
        .map(|_| WORDS[r.gen_range(0..WORDS.len())].to_owned())
        .collect();
    words.extend((0..10).map(|_| {
        let u: f64 = r.gen_range(0.0..1.0);
        format!("w{}", (2_000.0 * u * u * u) as u32)
    }));
    let category = &taxonomy.categories[r.gen_range(0..taxonomy.categories.len())].key;
    let label = match r.gen_range(0..10) {
        0 | 1 => Releasability::National,
        _ => Releasability::Organization,
    };
    (
        ReportSpec {
            observed_at: at,
            reported_at: at + Span::minutes(r.gen_range(1..180)),
            place,
            place_name: None,
            category: category.clone(),
            title: words[..3].join(" "),
            text: words.join(" "),
            source: Source::AuthorizedBody {
                state: StateCode::parse(state).expect("code"),
                body: BODIES[r.gen_range(0..BODIES.len())].into(),
            },
            cited: vec![],
            grade: Grade {
                reliability: Reliability::ALL[r.gen_range(0..6)],
                credibility: Credibility::new(r.gen_range(1..=6)).expect("1..6"),
            },
            exercise: None,
            external_id: None,
            attachments: vec![],
        },
        label,
    )
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

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(((v.len() as f64 * p) as usize).min(v.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0.0)
}

/// Files `o.ingest` reports through the API; (reports/s, batch p50 ms, batch p99 ms).
async fn ingest(base: &str, token: &str, o: &Opts, taxonomy: Arc<Taxonomy>) -> (f64, f64, f64) {
    let http = reqwest::Client::new();
    let next = Arc::new(AtomicUsize::new(0));
    let batches = o.ingest.div_ceil(o.batch);
    let started = Instant::now();
    let mut handles = Vec::new();
    for _ in 0..o.clients {
        let (http, next, taxonomy) = (http.clone(), next.clone(), taxonomy.clone());
        let (url, token, batch, total) = (
            format!("{base}/api/v1/monitoring/reports"),
            token.to_owned(),
            o.batch,
            o.ingest,
        );
        handles.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            loop {
                let b = next.fetch_add(1, Ordering::Relaxed);
                if b >= batches {
                    return lat;
                }
                let reports: Vec<_> = (b * batch..((b + 1) * batch).min(total))
                    .map(|i| {
                        let (s, l) = spec(i as u64, &taxonomy);
                        json!({"spec": s, "releasability": {"label": l.label()}})
                    })
                    .collect();
                let body = json!({"reports": reports}).to_string();
                let t = Instant::now();
                let r = http
                    .post(&url)
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .expect("request");
                let status = r.status();
                let text = r.text().await.unwrap_or_default();
                assert_eq!(status, reqwest::StatusCode::CREATED, "{text}");
                lat.push(t.elapsed().as_secs_f64() * 1000.0);
                if b % 20 == 0 {
                    eprintln!("  ingest: batch {b}/{batches}");
                }
            }
        }));
    }
    let mut lat = Vec::new();
    for h in handles {
        lat.extend(h.await.unwrap());
    }
    let secs = started.elapsed().as_secs_f64();
    (
        o.ingest as f64 / secs,
        pct(&mut lat, 0.5),
        pct(&mut lat, 0.99),
    )
}

/// Stores reports up to `o.stored` with the store's own transaction.
async fn fill(store: &Store, o: &Opts, taxonomy: &Taxonomy, monitoring: &Monitoring) {
    let started = Instant::now();
    let mut i = o.ingest;
    while i < o.stored {
        let end = (i + 5_000).min(o.stored);
        let batch: Vec<NewReport> = (i..end)
            .map(|k| {
                let (s, l) = spec(k as u64, taxonomy);
                NewReport {
                    location: monitoring.geography.locate(&s.place),
                    owner_state: s.source.state().cloned(),
                    spec: s,
                    releasability: l,
                }
            })
            .collect();
        store.receive_reports("bench", &batch).await.expect("fill");
        i = end;
        if i.is_multiple_of(50_000) || i == o.stored {
            eprintln!(
                "  fill: {i}/{} reports stored ({:.0} s)",
                o.stored,
                started.elapsed().as_secs_f64()
            );
        }
    }
}

/// A query family: each request's path from the client's random source.
type MakePath = fn(&mut StdRng) -> String;

struct Figure {
    what: String,
    who: &'static str,
    clients: usize,
    requests: usize,
    rps: f64,
    p50: f64,
    p99: f64,
    rows: f64,
    errors: usize,
}

/// Runs a query family for `o.seconds`: `make` gives each request's path.
async fn query(
    base: &str,
    what: &str,
    who: &'static str,
    token: &str,
    (clients, seconds): (usize, u64),
    make: MakePath,
) -> Figure {
    let http = reqwest::Client::new();
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut handles = Vec::new();
    for c in 0..clients {
        let (http, stop, base, token) = (
            http.clone(),
            stop.clone(),
            base.to_owned(),
            token.to_owned(),
        );
        handles.push(tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(1_000 + c as u64);
            let (mut lat, mut rows, mut errors) = (Vec::new(), 0usize, 0usize);
            while !stop.load(Ordering::Relaxed) {
                let url = format!("{base}{}", make(&mut rng));
                let t = Instant::now();
                match http.get(&url).bearer_auth(&token).send().await {
                    Ok(r) if r.status().is_success() => {
                        let v: serde_json::Value = r.json().await.unwrap_or_default();
                        lat.push(t.elapsed().as_secs_f64() * 1000.0);
                        rows += v["items"]
                            .as_array()
                            .or_else(|| v["features"].as_array())
                            .map_or(0, Vec::len);
                    }
                    _ => errors += 1,
                }
            }
            (lat, rows, errors)
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let (mut all, mut rows, mut errors) = (Vec::new(), 0, 0);
    for h in handles {
        let (l, r, e) = h.await.unwrap();
        all.extend(l);
        rows += r;
        errors += e;
    }
    let secs = started.elapsed().as_secs_f64();
    let n = all.len();
    Figure {
        what: what.to_owned(),
        who,
        clients,
        requests: n,
        rps: n as f64 / secs,
        p50: pct(&mut all, 0.5),
        p99: pct(&mut all, 0.99),
        rows: rows as f64 / n.max(1) as f64,
        errors,
    }
}

fn window(r: &mut StdRng, days: i64) -> (String, String) {
    let end = Utc::now() - Span::seconds(r.gen_range(0..300 * 86_400));
    let start = end - Span::days(days);
    (
        start.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        end.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )
}

fn viewport(r: &mut StdRng, w: f64, h: f64) -> String {
    let (_, lon, lat) = TOWNS[r.gen_range(0..TOWNS.len())];
    let (x, y) = (
        lon - w / 2.0 + r.gen_range(-1.0..1.0),
        lat - h / 2.0 + r.gen_range(-1.0..1.0),
    );
    format!(
        "{:.3},{:.3},{:.3},{:.3}",
        x,
        y.max(-90.0),
        x + w,
        (y + h).min(90.0)
    )
}

fn map_week(r: &mut StdRng) -> String {
    let (a, b) = window(r, 7);
    format!(
        "/api/v1/monitoring/map?bbox={}&from={a}&to={b}&limit=10000",
        viewport(r, 5.0, 5.0)
    )
}

fn map_day(r: &mut StdRng) -> String {
    let (a, b) = window(r, 1);
    format!(
        "/api/v1/monitoring/map?bbox={}&from={a}&to={b}&limit=10000",
        viewport(r, 20.0, 10.0)
    )
}

fn list_week(r: &mut StdRng) -> String {
    let (a, b) = window(r, 7);
    format!(
        "/api/v1/monitoring/reports?bbox={}&from={a}&to={b}&limit=50",
        viewport(r, 5.0, 5.0)
    )
}

fn search_month(r: &mut StdRng) -> String {
    let (a, b) = window(r, 30);
    let w = WORDS[r.gen_range(0..WORDS.len())];
    let q: String = w.bytes().map(|b| format!("%{b:02X}")).collect();
    format!("/api/v1/monitoring/reports?q={q}&from={a}&to={b}&limit=100")
}

fn ogc_week(r: &mut StdRng) -> String {
    let (a, b) = window(r, 7);
    format!(
        "/api/v1/ogc/collections/reports/items?bbox={}&datetime={a}/{b}&limit=100",
        viewport(r, 5.0, 5.0)
    )
}

async fn run(o: &Opts) -> String {
    let store = Store::connect(&o.database).await.expect("connect");
    store.migrate().await.expect("migrate");
    store
        .load_reference("bench", &ReferenceData::bundled().unwrap())
        .await
        .unwrap();
    let tokens = users(&store).await;
    let monitoring = Monitoring::bundled().expect("bundled");
    let taxonomy = Arc::new(monitoring.taxonomy.clone());
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
            let state = AppState::new(
                server_store,
                ServerSettings {
                    exercise_tick: None,
                    ..Default::default()
                },
            );
            crc_server::serve(listener, state, async {
                let _ = stop_rx.await;
            })
            .await
            .unwrap();
        });
    });
    let base = rx.recv().unwrap();
    eprintln!(
        "{}: ingesting {} reports through the API, batches of {}, {} clients",
        o.label, o.ingest, o.batch, o.clients
    );
    let (rate, b50, b99) = ingest(&base, &tokens[0].1, o, taxonomy.clone()).await;
    eprintln!("  {rate:.0} reports/s; batch p50 {b50:.0} ms, p99 {b99:.0} ms");
    eprintln!("{}: filling to {} reports", o.label, o.stored);
    fill(&store, o, &taxonomy, &monitoring).await;
    if o.database.starts_with("postgres") {
        eprintln!("{}: VACUUM ANALYZE", o.label);
        sqlx_vacuum(&store).await;
    }
    let families: [(&str, MakePath); 5] = [
        ("map: viewport 5°×5°, 7 days", map_week),
        ("map: viewport 20°×10°, 1 day", map_day),
        ("list: viewport 5°×5°, 7 days, first 50", list_week),
        ("word search, 30 days, first 100", search_month),
        ("OGC items, bbox 5°×5°, 7 days, limit 100", ogc_week),
    ];
    let mut figures = Vec::new();
    for (i, (what, make)) in families.iter().enumerate() {
        let whos: &[usize] = if i == 0 { &[0, 1] } else { &[0] };
        for &w in whos {
            for &clients in &o.query_clients {
                let (who, token) = &tokens[w];
                eprintln!(
                    "{}: {what} as {who}, {clients} clients, {} s",
                    o.label, o.seconds
                );
                let f = query(&base, what, who, token, (clients, o.seconds), *make).await;
                eprintln!(
                    "  {:.0} req/s, p50 {:.1} ms, p99 {:.1} ms, {:.0} rows per answer, errors {}",
                    f.rps, f.p50, f.p99, f.rows, f.errors
                );
                figures.push(f);
            }
        }
    }
    let _ = stop_tx.send(());
    server.join().unwrap();
    store.close().await;
    let mut md = format!(
        "| {} | ingest through the API, batches of {} | duty | {} | {} reports | **{:.0} reports/s** | batch {:.0} | batch {:.0} | |\n",
        o.label, o.batch, o.clients, o.ingest, rate, b50, b99
    );
    for f in figures {
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} | {:.0} req/s | {:.1} | **{:.1}** | {:.0} rows, {} errors |\n",
            o.label, f.what, f.who, f.clients, f.requests, f.rps, f.p50, f.p99, f.rows, f.errors
        ));
    }
    md
}

async fn sqlx_vacuum(store: &Store) {
    store
        .raw_execute("VACUUM ANALYZE")
        .await
        .expect("vacuum analyze");
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("monitoring is a benchmark: run it with scripts/bench-monitoring.sh");
        return;
    }
    let o = opts();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let md = rt.block_on(run(&o));
    print!("{md}");
    if let Some(path) = &o.out {
        std::fs::write(path, md).expect("write --out");
    }
}
