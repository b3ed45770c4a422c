//! Latency of the live event stream: from a committed change to its arrival at many (1,000
//! by default) connected subscribers of `GET /api/v1/events`. It prints figures; it is not a
//! timed test and asserts no target, only that every subscriber got every change exactly
//! once and in order.
//!
//! A `[[bench]]` with `harness = false` rather than an example: `cargo bench` builds it
//! optimized, and it belongs with the other figure-producing runs (scripts/bench.sh). It
//! drives the real release binary as a separate process (`crc serve --demo`, as
//! web/e2e/crc-server.mjs does), so the clients' work does not run on the server's runtime.
//! `cargo test --all-targets` builds it and runs it without `--bench`, which only prints a
//! note.
//!
//! What it does: starts `crc serve --demo --bind 127.0.0.1:0 [--database URL]` in a temporary
//! folder, logs in as the ten demonstration accounts (so the subscribers are spread over
//! eight different viewers: administrator, organization staff, six liaison officers), opens
//! the subscribers round-robin over those sessions and waits for every `hello`, creates one
//! organization-wide contingent (which every viewer may see), then updates it `--changes`
//! times through `PUT /api/v1/contingents/{id}` with `If-Match`, one every `--interval-ms`.
//! For each (change, subscriber) it takes the arrival time minus (a) the change's `at` (the
//! audit timestamp, taken inside the transaction just before commit: the figure includes the
//! commit itself, so it is conservative) and (b) the moment the writer had the HTTP answer.
//! Both clocks are this machine's wall clock. Arrival is when the client read the bytes of
//! the event; parsing waits until the end of the run.
//!
//! Usage (scripts/bench-events.sh runs it on SQLite and PostgreSQL and writes the report):
//!
//! ```text
//! cargo build --release --bin crc
//! cargo bench -p crc-server --bench event_latency -- [--crc target/release/crc]
//!     [--database URL] [--label NAME] [--subscribers 1000] [--changes 200]
//!     [--interval-ms 30] [--out results.json]
//! ```
//!
//! Needs an open-file limit above the number of subscribers (`ulimit -n 4096`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::Semaphore;

type Res<T> = Result<T, String>;

/// The demonstration accounts (`crc serve --demo`), all with the one printed password.
const USERS: &[&str] = &[
    "admin", "duty", "planner", "observer", "lo.arm", "lo.blr", "lo.kaz", "lo.kgz", "lo.rus",
    "lo.tjk",
];
/// Subscribers connecting at once while the streams are opened.
const CONNECTING: usize = 50;

struct Opts {
    crc: PathBuf,
    database: Option<String>,
    label: String,
    subscribers: usize,
    changes: usize,
    interval: Duration,
    out: Option<PathBuf>,
}

impl Opts {
    fn parse(args: &[String]) -> Res<Opts> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut o = Opts {
            crc: std::env::var_os("CRC_BIN")
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("target/release/crc")),
            database: None,
            label: "sqlite".into(),
            subscribers: 1000,
            changes: 200,
            interval: Duration::from_millis(30),
            out: None,
        };
        let mut it = args.iter().filter(|a| *a != "--bench");
        while let Some(flag) = it.next() {
            let mut value = || {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            let number = |v: String| {
                v.parse::<usize>()
                    .map_err(|_| format!("{flag}: `{v}` is not a number"))
            };
            match flag.as_str() {
                "--crc" => o.crc = value()?.into(),
                "--database" => o.database = Some(value()?),
                "--label" => o.label = value()?,
                "--subscribers" => o.subscribers = number(value()?)?,
                "--changes" => o.changes = number(value()?)?,
                "--interval-ms" => o.interval = Duration::from_millis(number(value()?)? as u64),
                "--out" => o.out = Some(value()?.into()),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        if o.subscribers == 0 || o.changes == 0 {
            return Err("--subscribers and --changes must be at least 1".into());
        }
        Ok(o)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        println!(
            "event_latency is a benchmark: run it with `cargo bench -p crc-server --bench \
             event_latency` or scripts/bench-events.sh"
        );
        return ExitCode::SUCCESS;
    }
    let opts = match Opts::parse(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("event_latency: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The clients' own runtime, as many threads as the machine has cores.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let r = rt.block_on(async {
        tokio::select! {
            r = run(&opts) => r,
            s = interrupted() => Err(format!("interrupted by {s}; the server was killed")),
        }
    });
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("event_latency [{}]: FAILED: {e}", opts.label);
            ExitCode::FAILURE
        }
    }
}

/// SIGINT or SIGTERM: `run` is dropped then, and with it the server (killed on drop).
async fn interrupted() -> &'static str {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => "SIGINT",
        _ = term => "SIGTERM",
    }
}

/// CPU time (user + system) a process has used, from /proc/PID/stat (in clock ticks of
/// 10 ms, Linux's USER_HZ on every common architecture).
fn cpu_ms(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0)
}

/// The load average over the last minute.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}

/// The soft limit on open files, from /proc/self/limits.
fn open_file_limit() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

struct Server {
    child: Child,
    base: String,
    password: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

async fn start_server(o: &Opts) -> Res<Server> {
    let dir = tempfile::Builder::new()
        .prefix("crc-events-bench-")
        .tempdir()
        .map_err(|e| format!("temporary folder: {e}"))?;
    let log = dir.path().join("serve.log");
    let stderr = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    let mut cmd = Command::new(&o.crc);
    cmd.args(["serve", "--demo", "--bind", "127.0.0.1:0"]);
    if let Some(db) = &o.database {
        cmd.args(["--database", db]);
    }
    let mut child = cmd
        .current_dir(dir.path())
        .env("CRC_LOG_LEVEL", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("starting {}: {e}", o.crc.display()))?;
    let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
    let (mut base, mut password) = (None, None);
    let found = tokio::time::timeout(Duration::from_secs(60), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(rest) = line.split("serving on ").nth(1) {
                base = rest
                    .split_whitespace()
                    .next()
                    .map(|u| u.trim_end_matches('/').to_owned());
            }
            if let Some(rest) = line.split("with the password: ").nth(1) {
                password = rest.split_whitespace().next().map(str::to_owned);
            }
            if base.is_some() && password.is_some() {
                return true;
            }
        }
        false
    })
    .await;
    // Whatever the server prints later must not fill the pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    match (found, base, password) {
        (Ok(true), Some(base), Some(password)) => Ok(Server {
            child,
            base,
            password,
            log,
            _dir: dir,
        }),
        _ => Err(format!(
            "crc serve did not start within 60 s; its log:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        )),
    }
}

impl Server {
    /// SIGTERM (the streams end with an `end` event), then waits up to 15 s.
    async fn stop(&mut self) -> Res<()> {
        let pid = self.child.id().ok_or("the server has already exited")?;
        let st = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .map_err(|e| format!("kill: {e}"))?;
        if !st.success() {
            return Err("kill -TERM failed".into());
        }
        match tokio::time::timeout(Duration::from_secs(15), self.child.wait()).await {
            Ok(Ok(s)) if s.success() => Ok(()),
            Ok(Ok(s)) => Err(format!("the server stopped with {s}")),
            Ok(Err(e)) => Err(format!("waiting for the server: {e}")),
            Err(_) => Err("the server did not stop within 15 s of SIGTERM".into()),
        }
    }

    /// WARN and ERROR lines in the server's log.
    fn problems(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("WARN") || l.contains("ERROR"))
            .map(str::to_owned)
            .collect()
    }
}

struct Session {
    cookie: String,
    csrf: String,
}

async fn login(http: &reqwest::Client, s: &Server, user: &str) -> Res<Session> {
    let res = http
        .post(format!("{}/api/v1/auth/login", s.base))
        .json(&json!({"username": user, "password": s.password}))
        .send()
        .await
        .map_err(|e| format!("login {user}: {e}"))?;
    if !res.status().is_success() {
        return Err(format!("login {user}: {}", res.status()));
    }
    let cookie = res
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .ok_or_else(|| format!("login {user}: no cookie"))?
        .to_owned();
    let body: Value = res.json().await.map_err(|e| format!("login {user}: {e}"))?;
    let csrf = body["csrf_token"]
        .as_str()
        .ok_or_else(|| format!("login {user}: no csrf_token"))?
        .to_owned();
    Ok(Session { cookie, csrf })
}

/// What one subscriber read: each complete event with the time its last bytes arrived.
type Received = Vec<(SystemTime, String)>;

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Opens one stream, waits for its `hello` (then frees its place among the connecting),
/// and keeps what arrives until the server closes the connection.
///
/// A plain socket rather than an HTTP client library: the subscribers share the machine
/// with the server, and the less work a thousand of them do per event, the less they delay
/// the server and each other. Each read is kept with its arrival time; the response is
/// decoded after the run (`decode`). Meanwhile only `event: change` is counted, for the
/// progress and to know when all have arrived.
async fn subscribe(
    addr: String,
    cookie: String,
    connecting: Arc<Semaphore>,
    ready: Arc<AtomicUsize>,
    changes_seen: Arc<AtomicUsize>,
) -> Res<Received> {
    const CHANGE: &[u8] = b"event: change";
    let mut permit = Some(
        connecting
            .acquire_owned()
            .await
            .map_err(|e| e.to_string())?,
    );
    let mut tcp = tokio::net::TcpStream::connect(&addr)
        .await
        .map_err(|e| format!("connecting: {e}"))?;
    tcp.set_nodelay(true).map_err(|e| e.to_string())?;
    tcp.write_all(
        format!(
            "GET /api/v1/events HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\n\
             Accept: text/event-stream\r\n\r\n"
        )
        .as_bytes(),
    )
    .await
    .map_err(|e| format!("sending the request: {e}"))?;
    let mut raw: Vec<u8> = Vec::with_capacity(64 * 1024);
    // (end of the bytes read so far, when they arrived), per read.
    let mut reads: Vec<(usize, SystemTime)> = Vec::new();
    let mut body = None;
    let mut scanned = 0;
    loop {
        raw.reserve(16 * 1024);
        let n = tcp
            .read_buf(&mut raw)
            .await
            .map_err(|e| format!("reading: {e}"))?;
        let now = SystemTime::now();
        if n == 0 {
            break;
        }
        reads.push((raw.len(), now));
        let Some(b) = body.or_else(|| find(&raw, b"\r\n\r\n", 0).map(|p| p + 4)) else {
            continue;
        };
        if body.is_none() {
            let head = String::from_utf8_lossy(&raw[..b]);
            if !head.starts_with("HTTP/1.1 200") || !head.contains("chunked") {
                return Err(format!("the stream was not opened: {head:?}"));
            }
            body = Some(b);
            scanned = b;
        }
        if permit.is_some() {
            if find(&raw, b"event: hello", b).is_none() {
                continue;
            }
            permit = None;
            ready.fetch_add(1, Ordering::SeqCst);
        }
        while let Some(p) = find(&raw, CHANGE, scanned) {
            changes_seen.fetch_add(1, Ordering::Relaxed);
            scanned = p + CHANGE.len();
        }
        scanned = scanned.max(raw.len().saturating_sub(CHANGE.len() - 1));
    }
    decode(&raw, body.ok_or("no response")?, &reads)
}

/// The events of a chunked `text/event-stream` body, each with the arrival time of the read
/// that completed it.
fn decode(raw: &[u8], mut at: usize, reads: &[(usize, SystemTime)]) -> Res<Received> {
    let mut text: Vec<u8> = Vec::new();
    // (end in `text`, end in `raw`) per chunk.
    let mut ends: Vec<(usize, usize)> = Vec::new();
    // Up to the last complete chunk (a cut-off rest never arrived).
    while let Some(eol) = find(raw, b"\r\n", at) {
        let size = std::str::from_utf8(&raw[at..eol])
            .ok()
            .and_then(|h| usize::from_str_radix(h.split(';').next()?.trim(), 16).ok())
            .ok_or_else(|| format!("a bad chunk header at byte {at}"))?;
        if size == 0 || eol + 2 + size > raw.len() {
            break;
        }
        text.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        ends.push((text.len(), eol + 2 + size));
        at = eol + 2 + size + 2;
    }
    let text = String::from_utf8(text).map_err(|e| e.to_string())?;
    let mut out = Received::new();
    let mut from = 0;
    while let Some(p) = text[from..].find("\n\n") {
        let end = from + p + 2;
        let block = &text[from..end];
        from = end;
        if block.lines().all(|l| l.is_empty() || l.starts_with(':')) {
            continue; // keep-alive
        }
        let raw_end = ends
            .iter()
            .find(|(t, _)| *t >= end)
            .map(|(_, r)| *r)
            .ok_or("an event outside the chunks")?;
        let arrived = reads
            .iter()
            .find(|(r, _)| *r >= raw_end)
            .map(|(_, t)| *t)
            .ok_or("an event after the last read")?;
        out.push((arrived, block.to_owned()));
    }
    Ok(out)
}

/// One parsed event.
struct Ev {
    event: String,
    id: Option<i64>,
    data: Value,
    arrived: SystemTime,
}

fn parse(arrived: SystemTime, block: &str) -> Ev {
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
    Ev {
        event,
        id,
        data,
        arrived,
    }
}

fn micros(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64)
}

/// p50, p99 and max (nearest rank), in milliseconds.
fn summary(mut v: Vec<f64>) -> Value {
    v.sort_by(f64::total_cmp);
    let rank = |q: f64| v[((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    let r = |x: f64| (x * 100.0).round() / 100.0;
    json!({
        "p50": r(rank(0.50)),
        "p99": r(rank(0.99)),
        "max": r(v[v.len() - 1]),
        "min": r(v[0]),
        "samples": v.len(),
    })
}

fn contingent_body(name: &str) -> Value {
    json!({
        "state": "KAZ",
        "component": "crrf",
        "name": name,
        "home_station": {"name": "Almaty", "lat": 43.25, "lon": 76.95},
        "personnel": 120,
        "equipment": 14,
        "readiness": "high",
        "notes": "",
        "releasability": {"label": "organization"}
    })
}

async fn run(o: &Opts) -> Res<()> {
    let tag = format!("[{}]", o.label);
    let need = o.subscribers as u64 + 200;
    match open_file_limit() {
        Some(n) if n < need => {
            return Err(format!(
                "the open-file limit is {n}, {need} are needed for {} subscribers: raise it \
                 first (`ulimit -n 4096`; scripts/bench-events.sh does)",
                o.subscribers
            ))
        }
        _ => {}
    }
    println!(
        "{tag} starting {} serve --demo{}",
        o.crc.display(),
        if o.database.is_some() {
            " --database (given)"
        } else {
            " (SQLite in a temporary folder)"
        }
    );
    let mut server = start_server(o).await?;
    println!("{tag} serving on {}", server.base);
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| e.to_string())?;
    let mut sessions = Vec::new();
    for u in USERS {
        sessions.push(login(&http, &server, u).await?);
    }
    let writer = &sessions[1]; // duty
    let created = http
        .post(format!("{}/api/v1/contingents", server.base))
        .header("cookie", &writer.cookie)
        .header("x-csrf-token", &writer.csrf)
        .json(&contingent_body("Event latency target"))
        .send()
        .await
        .map_err(|e| format!("creating the contingent: {e}"))?;
    if created.status() != reqwest::StatusCode::CREATED {
        return Err(format!(
            "creating the contingent: {} {}",
            created.status(),
            created.text().await.unwrap_or_default()
        ));
    }
    let created: Value = created.json().await.map_err(|e| e.to_string())?;
    let target = created["id"]
        .as_i64()
        .ok_or("no id in the created contingent")?;
    let mut version = created["version"].as_i64().ok_or("no version")?;

    // The subscribers.
    let t_open = Instant::now();
    let connecting = Arc::new(Semaphore::new(CONNECTING));
    let ready = Arc::new(AtomicUsize::new(0));
    let changes_seen = Arc::new(AtomicUsize::new(0));
    let addr = server.base.trim_start_matches("http://").to_owned();
    let subscribers: Vec<_> = (0..o.subscribers)
        .map(|n| {
            tokio::spawn(subscribe(
                addr.clone(),
                sessions[n % sessions.len()].cookie.clone(),
                connecting.clone(),
                ready.clone(),
                changes_seen.clone(),
            ))
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut shown = 0;
    loop {
        let n = ready.load(Ordering::SeqCst);
        if n == o.subscribers {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!(
                "only {n} of {} streams said hello within 120 s",
                o.subscribers
            ));
        }
        if subscribers.iter().any(|h| h.is_finished()) {
            return Err(format!(
                "a subscriber ended before the run began ({n} streams open)"
            ));
        }
        if n >= shown + 100 {
            println!("{tag} {n}/{} streams open", o.subscribers);
            shown = n / 100 * 100;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let open_ms = t_open.elapsed().as_millis();
    println!(
        "{tag} all {} streams open and greeted in {open_ms} ms, over {} sessions",
        o.subscribers,
        sessions.len()
    );
    tokio::time::sleep(Duration::from_secs(1)).await;

    // The changes.
    println!(
        "{tag} making {} changes, one every {} ms (PUT /api/v1/contingents/{target})",
        o.changes,
        o.interval.as_millis()
    );
    let server_pid = server.child.id().map(|p| p.to_string()).unwrap_or_default();
    let load_before = load_average();
    let cpu_before = (cpu_ms(&server_pid), cpu_ms("self"));
    let mut answered: HashMap<i64, SystemTime> = HashMap::new();
    let mut tick = tokio::time::interval(o.interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let t_changes = Instant::now();
    for i in 0..o.changes {
        tick.tick().await;
        let res = http
            .put(format!("{}/api/v1/contingents/{target}", server.base))
            .header("cookie", &writer.cookie)
            .header("x-csrf-token", &writer.csrf)
            .header("if-match", format!("\"{version}\""))
            .json(&contingent_body(&format!("Event latency target {i}")))
            .send()
            .await
            .map_err(|e| format!("change {i}: {e}"))?;
        let status = res.status();
        let body: Value = res.json().await.map_err(|e| format!("change {i}: {e}"))?;
        let at = SystemTime::now();
        if status != reqwest::StatusCode::OK {
            return Err(format!("change {i}: {status} {body}"));
        }
        version = body["version"].as_i64().ok_or("no version")?;
        answered.insert(version, at);
        if (i + 1) % 50 == 0 {
            println!(
                "{tag} {}/{} changes made; {} of {} deliveries so far",
                i + 1,
                o.changes,
                changes_seen.load(Ordering::Relaxed),
                (i + 1) * o.subscribers
            );
        }
    }
    let change_secs = t_changes.elapsed().as_secs_f64();
    let expected = o.changes * o.subscribers;
    let deadline = Instant::now() + Duration::from_secs(30);
    while changes_seen.load(Ordering::Relaxed) < expected && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let delivered_before_stop = changes_seen.load(Ordering::Relaxed);
    let load_after = load_average();
    // CPU per change while the changes were made and delivered: the server's, and this
    // program's (the writer and the subscribers).
    let per_change = |before: Option<f64>, after: Option<f64>| match (before, after) {
        (Some(b), Some(a)) => json!(((a - b) / o.changes as f64 * 100.0).round() / 100.0),
        _ => Value::Null,
    };
    let server_cpu = per_change(cpu_before.0, cpu_ms(&server_pid));
    let client_cpu = per_change(cpu_before.1, cpu_ms("self"));
    println!("{tag} {delivered_before_stop} of {expected} deliveries; stopping the server");
    let stopped = server.stop().await;
    let problems = server.problems();

    // What each subscriber got.
    let mut by_commit = Vec::with_capacity(expected);
    let mut by_answer = Vec::with_capacity(expected);
    let mut last_per_change: HashMap<i64, f64> = HashMap::new();
    let mut seq_of_version: HashMap<i64, i64> = HashMap::new();
    let mut bad = Vec::new();
    let (mut delivered, mut ended) = (0usize, 0usize);
    let first_version = version - o.changes as i64 + 1;
    for (n, h) in subscribers.into_iter().enumerate() {
        let got = match tokio::time::timeout(Duration::from_secs(30), h).await {
            Ok(Ok(Ok(got))) => got,
            Ok(Ok(Err(e))) => {
                bad.push(format!("subscriber {n}: {e}"));
                continue;
            }
            Ok(Err(e)) => {
                bad.push(format!("subscriber {n}: {e}"));
                continue;
            }
            Err(_) => {
                bad.push(format!("subscriber {n}: its stream did not end"));
                continue;
            }
        };
        let events: Vec<Ev> = got.iter().map(|(t, b)| parse(*t, b)).collect();
        if events.first().is_none_or(|e| e.event != "hello") {
            bad.push(format!("subscriber {n}: the first event was not `hello`"));
            continue;
        }
        if events.last().is_some_and(|e| e.event == "end") {
            ended += 1;
        }
        let changes: Vec<&Ev> = events.iter().filter(|e| e.event == "change").collect();
        delivered += changes.len();
        let versions: Vec<i64> = changes
            .iter()
            .map(|e| e.data["version"].as_i64().unwrap_or(-1))
            .collect();
        let wanted: Vec<i64> = (first_version..=version).collect();
        if versions != wanted {
            let mut sorted = versions.clone();
            sorted.sort_unstable();
            sorted.dedup();
            bad.push(format!(
                "subscriber {n} ({}): {} change events, {} distinct versions, in order: {}, \
                 expected versions {first_version}..={version} once each",
                USERS[n % USERS.len()],
                versions.len(),
                sorted.len(),
                versions.windows(2).all(|w| w[0] < w[1]),
            ));
            continue;
        }
        for e in changes {
            let v = e.data["version"].as_i64().unwrap_or(-1);
            let seq = e.id.unwrap_or(-1);
            if e.data["id"] != json!(target.to_string()) {
                bad.push(format!(
                    "subscriber {n}: a change of another record: {}",
                    e.data
                ));
            }
            if *seq_of_version.entry(v).or_insert(seq) != seq {
                bad.push(format!(
                    "subscriber {n}: version {v} came with another event id"
                ));
            }
            let arrived = micros(e.arrived);
            let at = e.data["at"]
                .as_str()
                .and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok())
                .map(|a| a.timestamp_micros())
                .ok_or_else(|| format!("subscriber {n}: no `at` in {}", e.data))?;
            let from_commit = (arrived - at) as f64 / 1000.0;
            by_commit.push(from_commit);
            if let Some(t) = answered.get(&v) {
                by_answer.push((arrived - micros(*t)) as f64 / 1000.0);
            }
            let m = last_per_change.entry(v).or_insert(f64::MIN);
            *m = m.max(from_commit);
        }
    }
    println!(
        "{tag} deliveries: {delivered} of {expected} ({} subscribers × {} changes); \
         streams ended by the server's `end` event: {ended}",
        o.subscribers, o.changes
    );
    if !bad.is_empty() {
        for b in bad.iter().take(20) {
            eprintln!("{tag} {b}");
        }
        return Err(format!(
            "{} problems: not every subscriber got every change exactly once and in order",
            bad.len()
        ));
    }
    stopped?;
    let result = json!({
        "backend": o.label,
        "subscribers": o.subscribers,
        "sessions": sessions.len(),
        "changes": o.changes,
        "interval_ms": o.interval.as_millis() as u64,
        "changes_per_second": ((o.changes as f64 / change_secs) * 10.0).round() / 10.0,
        "open_ms": open_ms as u64,
        "deliveries": delivered,
        "expected": expected,
        "from_commit": summary(by_commit),
        "from_answer": summary(by_answer),
        "slowest_subscriber_per_change": summary(last_per_change.into_values().collect()),
        "server_cpu_ms_per_change": server_cpu,
        "client_cpu_ms_per_change": client_cpu,
        "load_average": format!("{load_before} before, {load_after} after"),
        "cores": std::thread::available_parallelism().map_or(0, |n| n.get()),
        "server_warnings": problems.len(),
        "first_warning": problems.first(),
    });
    let f = |k: &str, q: &str| result[k][q].as_f64().unwrap_or(f64::NAN);
    println!(
        "{tag} latency in ms over {} (change, subscriber) pairs:",
        expected
    );
    for (k, what) in [
        (
            "from_commit",
            "from the change's audit timestamp (before commit)",
        ),
        ("from_answer", "from the writer's HTTP answer"),
        (
            "slowest_subscriber_per_change",
            "per change, the last subscriber, from the audit timestamp",
        ),
    ] {
        println!(
            "{tag}   {what}: p50 {:.2}  p99 {:.2}  max {:.2}",
            f(k, "p50"),
            f(k, "p99"),
            f(k, "max")
        );
    }
    println!(
        "{tag} CPU per change: server {} ms, this program {} ms; load average {}",
        result["server_cpu_ms_per_change"],
        result["client_cpu_ms_per_change"],
        result["load_average"].as_str().unwrap_or("?"),
    );
    if !problems.is_empty() {
        println!(
            "{tag} the server logged {} WARN/ERROR lines; the first: {}",
            problems.len(),
            problems[0]
        );
    }
    println!("RESULT {result}");
    if let Some(out) = &o.out {
        std::fs::write(out, result.to_string()).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}
