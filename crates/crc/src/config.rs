//! Configuration in layers: built-in defaults, then a TOML file, then `CRC_*` environment
//! variables, then command-line flags. Secrets (the database URL may hold a password) are
//! kept in `SecretString` and never printed.

use std::path::{Path, PathBuf};

use anyhow::Context;
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// The settings read from `CRC_*` environment variables (`CRC_BIND`, ...).
const ENV_KEYS: [&str; 9] = [
    "bind",
    "database_url",
    "demo",
    "secure_cookies",
    "session_hours",
    "log_format",
    "log_level",
    "usgs_feed",
    "usgs_feed_minutes",
];

/// The settings of crc.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address to serve on.
    pub bind: String,
    /// `sqlite://PATH` (embedded) or `postgres://USER:PASSWORD@HOST/DB`.
    #[serde(serialize_with = "redacted")]
    pub database_url: SecretString,
    /// Load demonstration contingents and accounts at start.
    pub demo: bool,
    /// Mark the session cookie `Secure` (when served behind TLS).
    pub secure_cookies: bool,
    /// Hours a login session lasts.
    pub session_hours: u64,
    /// `text` or `json` logs.
    pub log_format: String,
    /// Log filter, e.g. `info` or `crc_server=debug,info`.
    pub log_level: String,
    /// A USGS earthquake GeoJSON feed to ingest on a schedule (`http://` mirror or a file
    /// path); empty for none.
    pub usgs_feed: String,
    /// Minutes between two fetches of the feed.
    pub usgs_feed_minutes: u64,
}

fn redacted<S: serde::Serializer>(v: &SecretString, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crc_storage::redact_url(v.expose_secret()))
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: "127.0.0.1:8080".into(),
            database_url: SecretString::from("sqlite://crc-data/crc.db"),
            demo: false,
            secure_cookies: false,
            session_hours: 12,
            log_format: "text".into(),
            log_level: "info".into(),
            usgs_feed: String::new(),
            usgs_feed_minutes: 15,
        }
    }
}

/// The default configuration as a commented TOML file.
pub fn default_toml() -> String {
    let d = Config::default();
    format!(
        "# crc configuration. Every key can also be set as an environment variable\n\
         # CRC_<KEY> (e.g. CRC_DATABASE_URL), which wins over this file.\n\n\
         # Address to serve on.\nbind = \"{}\"\n\n\
         # sqlite://PATH for the embedded database, or postgres://USER:PASSWORD@HOST:PORT/DB.\n\
         database_url = \"{}\"\n\n\
         # Load demonstration contingents and accounts at start.\ndemo = {}\n\n\
         # Mark the session cookie Secure (when served behind TLS).\nsecure_cookies = {}\n\n\
         # Hours a login session lasts.\nsession_hours = {}\n\n\
         # Log format: text or json.\nlog_format = \"{}\"\n\n\
         # Log filter.\nlog_level = \"{}\"\n\n\
         # A USGS earthquake GeoJSON feed ingested on a schedule: an http:// mirror or a file\n\
         # path; empty for none.\nusgs_feed = \"{}\"\n\n\
         # Minutes between two fetches of the feed.\nusgs_feed_minutes = {}\n",
        d.bind,
        d.database_url.expose_secret(),
        d.demo,
        d.secure_cookies,
        d.session_hours,
        d.log_format,
        d.log_level,
        d.usgs_feed,
        d.usgs_feed_minutes
    )
}

impl Config {
    /// Loads the layers. `file` is the `--config` path; without it `./crc.toml` is read if
    /// present.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        #[derive(Serialize)]
        struct Defaults {
            bind: String,
            database_url: String,
            demo: bool,
            secure_cookies: bool,
            session_hours: u64,
            log_format: String,
            log_level: String,
            usgs_feed: String,
            usgs_feed_minutes: u64,
        }
        let d = Config::default();
        let defaults = Defaults {
            bind: d.bind,
            database_url: d.database_url.expose_secret().to_owned(),
            demo: d.demo,
            secure_cookies: d.secure_cookies,
            session_hours: d.session_hours,
            log_format: d.log_format,
            log_level: d.log_level,
            usgs_feed: d.usgs_feed,
            usgs_feed_minutes: d.usgs_feed_minutes,
        };
        let mut fig = Figment::from(Serialized::defaults(defaults));
        match file {
            Some(p) => {
                if !p.is_file() {
                    anyhow::bail!("configuration file {} does not exist", p.display());
                }
                fig = fig.merge(Toml::file(p));
            }
            None => {
                let p = PathBuf::from("crc.toml");
                if p.is_file() {
                    fig = fig.merge(Toml::file(p));
                }
            }
        }
        // Only the settings' own names: other tools' CRC_* variables (the build's
        // CRC_WEB_DIST, a test's CRC_BIN) are not settings and must not stop crc starting.
        fig = fig.merge(Env::prefixed("CRC_").only(&ENV_KEYS));
        let c: Config = fig.extract().context("reading the configuration")?;
        if c.session_hours == 0 || c.session_hours > 24 * 30 {
            anyhow::bail!("session_hours must be between 1 and 720");
        }
        if !matches!(c.log_format.as_str(), "text" | "json") {
            anyhow::bail!("log_format must be `text` or `json`");
        }
        Ok(c)
    }

    /// The folder beside an SQLite database (or `./crc-data`), for files like the demo
    /// credentials.
    pub fn data_dir(&self) -> PathBuf {
        let url = self.database_url.expose_secret();
        url.strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .and_then(|p| {
                Path::new(p.split('?').next().unwrap_or(p))
                    .parent()
                    .map(Path::to_path_buf)
            })
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("crc-data"))
    }
}

/// Opens the store named by the configuration, with a clear message when it cannot.
pub async fn open_store(c: &Config) -> anyhow::Result<crc_storage::Store> {
    let url = c.database_url.expose_secret();
    let store = crc_storage::Store::connect(url)
        .await
        .with_context(|| format!("cannot open the database {}", crc_storage::redact_url(url)))?;
    store.migrate().await.with_context(|| {
        format!(
            "cannot migrate the database {}",
            crc_storage::redact_url(url)
        )
    })?;
    Ok(store)
}
