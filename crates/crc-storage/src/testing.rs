//! A throw-away PostgreSQL server for tests: `initdb` in a temporary directory, a free port
//! on 127.0.0.1, one fresh database per test. The server stops when the test process exits
//! (a watchdog shell ends it when the parent is gone, then removes its directory), so no test
//! leaves a server or its data behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::Store;

/// A running test server.
#[derive(Debug)]
pub struct PgServer {
    port: u16,
}

static SERVER: OnceLock<Result<PgServer, String>> = OnceLock::new();
static NEXT_DB: AtomicU32 = AtomicU32::new(0);

/// Finds a PostgreSQL program: on PATH, else in Debian's versioned directories.
fn pg_bin(name: &str) -> Option<PathBuf> {
    if let Ok(path) = std::env::var("PATH") {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin").join(name))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// PostgreSQL refuses to run as root: run it as an unprivileged user then.
fn as_server_user(program: &Path) -> Command {
    if is_root() {
        let user = std::env::var("CRC_PG_USER").unwrap_or_else(|_| "postgres".into());
        let mut c = Command::new("runuser");
        c.arg("-u").arg(user).arg("--").arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

fn start() -> Result<PgServer, String> {
    let initdb = pg_bin("initdb").ok_or(
        "PostgreSQL's initdb was not found (run scripts/setup-test-deps.sh to install it)",
    )?;
    let postgres = pg_bin("postgres").ok_or("PostgreSQL's postgres binary was not found")?;
    let dir = tempfile::Builder::new()
        .prefix("crc-pg-")
        .tempdir()
        .map_err(|e| e.to_string())?;
    let data = dir.path().join("data");
    if is_root() {
        let user = std::env::var("CRC_PG_USER").unwrap_or_else(|_| "postgres".into());
        let st = Command::new("chown")
            .arg(&user)
            .arg(dir.path())
            .status()
            .map_err(|e| e.to_string())?;
        if !st.success() {
            return Err(format!("chown {user} {} failed", dir.path().display()));
        }
    }
    let out = as_server_user(&initdb)
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            "crc",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        ])
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let port = free_port()?;
    // The watchdog: start postgres, then end it as soon as this test process is gone, and
    // remove its directory (a static is never dropped, so the process cannot). It runs as the
    // server user, which may not signal the parent: so it watches /proc.
    let script = format!(
        "\"$0\" -D '{data}' -p {port} -k '{sock}' -c listen_addresses=127.0.0.1 \
         -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
         >'{log}' 2>&1 & pg=$!; \
         while [ -d /proc/{parent} ] && kill -0 $pg 2>/dev/null; do sleep 0.5; done; \
         kill -INT $pg 2>/dev/null; wait $pg; rm -rf '{dir}'",
        data = data.display(),
        sock = dir.path().display(),
        log = dir.path().join("server.log").display(),
        parent = std::process::id(),
        dir = dir.path().display(),
    );
    let mut cmd = if is_root() {
        let user = std::env::var("CRC_PG_USER").unwrap_or_else(|_| "postgres".into());
        let mut c = Command::new("runuser");
        c.args(["-u", &user, "--", "sh", "-c", &script])
            .arg(&postgres);
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", &script]).arg(&postgres);
        c
    };
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting postgres: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default();
            return Err(format!("postgres did not start within 30 s: {log}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // From here the watchdog owns the directory.
    let _ = dir.keep();
    Ok(PgServer { port })
}

impl PgServer {
    /// The shared test server of this process, started on first use.
    pub fn get() -> &'static PgServer {
        match SERVER.get_or_init(start) {
            Ok(s) => s,
            Err(e) => panic!("cannot start the PostgreSQL test server: {e}"),
        }
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Creates a new empty database and returns its URL.
    pub async fn fresh_database_url(&self) -> String {
        let n = NEXT_DB.fetch_add(1, Ordering::SeqCst);
        let name = format!("t{}_{n}", std::process::id());
        let admin = format!("postgres://crc@127.0.0.1:{}/postgres", self.port);
        let mut last = String::new();
        // The server may still be finishing start-up right after the port opens.
        for _ in 0..50 {
            match sqlx::postgres::PgPool::connect(&admin).await {
                Ok(pool) => {
                    let r = sqlx::query(&format!("CREATE DATABASE {name}"))
                        .execute(&pool)
                        .await;
                    pool.close().await;
                    match r {
                        Ok(_) => return format!("postgres://crc@127.0.0.1:{}/{name}", self.port),
                        Err(e) => last = e.to_string(),
                    }
                }
                Err(e) => last = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("cannot create a test database: {last}")
    }
}

/// A fresh, migrated SQLite store in a temporary directory (kept alive by the returned guard).
pub async fn sqlite_store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("crc.db").display());
    let store = Store::connect(&url).await.expect("open sqlite");
    store.migrate().await.expect("migrate sqlite");
    (store, dir)
}

/// A fresh, migrated PostgreSQL store in its own database of the shared test server.
pub async fn postgres_store() -> Store {
    let url = PgServer::get().fresh_database_url().await;
    let store = Store::connect(&url).await.expect("connect postgres");
    store.migrate().await.expect("migrate postgres");
    store
}
