//! `crc serve`: migrate, load reference data and the catalogue of joint training (and demo
//! data when asked), then serve until
//! SIGTERM or Ctrl-C, letting requests in flight finish.

use std::time::{Duration, Instant};

use anyhow::Context;
use crc_domain::reference::ReferenceData;
use crc_domain::training::catalogue::Catalogue;
use crc_server::{AppState, ServerSettings};

use crate::cmd::CLI_ACTOR;
use crate::config::{open_store, Config};

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Runs the service.
pub async fn run(c: &Config) -> anyhow::Result<()> {
    let started = Instant::now();
    // Bind first: a taken port is reported before any database work.
    let listener = tokio::net::TcpListener::bind(&c.bind)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {} (is another process using the port?)",
                c.bind
            )
        })?;
    let addr = listener.local_addr()?;
    let store = open_store(c).await?;
    let data = ReferenceData::bundled().context("the bundled reference data")?;
    let report = store.load_reference(CLI_ACTOR, &data).await?;
    if !report.is_noop() {
        tracing::info!(
            inserted = report.inserted.len(),
            updated = report.updated.len(),
            version = %data.version,
            "reference data loaded"
        );
    }
    let catalogue = Catalogue::bundled().context("the bundled catalogue of joint training")?;
    let loaded = store
        .load_catalogue(CLI_ACTOR, &catalogue.exercises)
        .await?;
    if !loaded.inserted.is_empty() || !loaded.updated.is_empty() || !loaded.kept.is_empty() {
        tracing::info!(
            inserted = loaded.inserted.len(),
            updated = loaded.updated.len(),
            kept = ?loaded.kept,
            "catalogue of joint training loaded"
        );
    }
    let demo_password = if c.demo {
        Some(crate::cmd::demo::load_into(&store, &c.data_dir()).await?)
    } else {
        None
    };
    let users = store.count_users().await?;
    let state = AppState::new(
        store,
        ServerSettings {
            secure_cookies: c.secure_cookies,
            session_ttl: Duration::from_secs(c.session_hours * 3600),
            feeds: if c.usgs_feed.trim().is_empty() {
                Vec::new()
            } else {
                vec![crc_server::feed_poller::FeedSource {
                    url: c.usgs_feed.trim().to_owned(),
                    every: Duration::from_secs(c.usgs_feed_minutes.max(1) * 60),
                    min_magnitude: 2.5,
                }]
            },
            ..ServerSettings::default()
        },
    );
    tracing::info!(%addr, ready_ms = started.elapsed().as_millis() as u64, "crc ready");
    println!("crc is serving on http://{addr}/ (API under /api/v1, health at /health)");
    match demo_password {
        Some(p) => println!(
            "demonstration data loaded. Log in as `admin` (or duty, planner, observer, lo.arm ... lo.tjk) with the password: {p}"
        ),
        None if users == 0 => println!(
            "no users yet: create an administrator with\n  crc user add admin --role administrator"
        ),
        None => {}
    }
    crc_server::serve(listener, state, shutdown_signal())
        .await
        .context("serving")?;
    tracing::info!("stopped cleanly");
    Ok(())
}
