//! `crc monitor …`: situation monitoring on the command line, on the store directly, as a
//! named user (`--as`) authorized exactly as the server authorizes: import CAP alerts and
//! EDXL-DE envelopes (a refused file prints its line, column and reason and stores nothing),
//! ingest a USGS feed file, export reports as EDXL-DE, list and search reports, and print the
//! threat picture with each level's history drawn as a sparkline.

use std::path::Path;

use anyhow::{bail, Context};
use chrono::{Duration, FixedOffset, Utc};
use crc_domain::identity::Viewer;
use crc_domain::monitoring::access;
use crc_domain::monitoring::cap_map::{self, Outgoing};
use crc_domain::monitoring::cap_read::parse_alert;
use crc_domain::monitoring::edxl::{DeStatus, Distribution};
use crc_domain::monitoring::threat::{self, Scope};
use crc_domain::StateCode;
use crc_server::monitoring_context::{Monitoring, SENDER};
use crc_server::routes::monitoring_exchange::{ingest, store_alerts, ImportParams};
use crc_storage::{ReportQuery, Store, World};

use crate::cmd::crisis::principal;
use crate::config::{open_store, Config};

fn monitoring() -> anyhow::Result<Monitoring> {
    Monitoring::bundled().context("the bundled monitoring taxonomy and outlines")
}

fn read(file: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))
}

async fn with_store<T>(
    c: &Config,
    f: impl AsyncFnOnce(&Store) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let store = open_store(c).await?;
    let r = f(&store).await;
    store.close().await;
    r
}

/// `crc monitor import FILE --as USER [--state S] [--national]`: a CAP alert or an EDXL-DE
/// envelope (told apart by the root element).
pub async fn import(
    c: &Config,
    user: &str,
    file: &Path,
    state: Option<&str>,
    national: bool,
) -> anyhow::Result<()> {
    let text = read(file)?;
    let m = monitoring()?;
    let name = file.display().to_string();
    let alerts = if text.contains("EDXLDistribution") {
        let (d, _) = Distribution::parse(&text)
            .map_err(|f| anyhow::anyhow!("{name}:{}:{}: {}", f.line, f.column, f.message))?;
        eprintln!(
            "{name}: an EDXL-DE envelope ({}) of {} alert(s)",
            d.status.as_str(),
            d.alerts.len()
        );
        d.alerts
    } else {
        vec![parse_alert(&text)
            .map_err(|f| anyhow::anyhow!("{name}:{}:{}: {}", f.line, f.column, f.message))?]
    };
    let params = ImportParams {
        state: state.map(str::to_owned),
        releasability: national.then(|| "national".to_owned()),
    };
    let (items, skipped) = with_store(c, async |s| {
        let p = principal(s, user).await?;
        access::may_exchange(&p)?;
        store_alerts(s, &m, &p, &params, &alerts)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))
    })
    .await?;
    for i in &items {
        let r = &i.report;
        println!(
            "{} report {} {} {}: {}",
            if i.again { "already" } else { "stored" },
            r.id,
            r.grade,
            r.spec["category"].as_str().unwrap_or(""),
            r.spec["title"].as_str().unwrap_or("")
        );
    }
    for s in &skipped {
        println!("skipped {}: {}", s.identifier, s.reason);
    }
    Ok(())
}

/// `crc monitor feed FILE --as USER [--min-magnitude M]`: a USGS GeoJSON feed file.
pub async fn feed(c: &Config, user: &str, file: &Path, min: f64) -> anyhow::Result<()> {
    let text = read(file)?;
    let m = monitoring()?;
    eprintln!(
        "{}: reading the feed ({} KiB)",
        file.display(),
        text.len() / 1024
    );
    let out = with_store(c, async |s| {
        let p = principal(s, user).await?;
        ingest(s, &m, &p, &text, min)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))
    })
    .await?;
    println!(
        "{} events: {} stored, {} already stored, {} outside the regions or below M {min}",
        out.events, out.stored, out.again, out.outside
    );
    Ok(())
}

/// `crc monitor export --as USER [--exercise M] [--output FILE]`: reports as EDXL-DE.
pub async fn export(
    c: &Config,
    user: &str,
    exercise: Option<&str>,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    let m = monitoring()?;
    let xml = with_store(c, async |s| {
        let p = principal(s, user).await?;
        access::may_exchange(&p)?;
        let viewer = Viewer::of(&p);
        let world = match exercise {
            Some(e) => World::Exercise(e.to_owned()),
            None => World::Real,
        };
        let reports = s
            .list_reports(
                &viewer,
                &ReportQuery {
                    world,
                    limit: 500,
                    ..Default::default()
                },
            )
            .await?;
        let sent = Utc::now().with_timezone(&FixedOffset::east_opt(0).expect("zero"));
        let alerts = reports
            .iter()
            .map(|r| {
                cap_map::report_to_alert(
                    &Outgoing {
                        id: r.id,
                        spec: &r.spec,
                        state: r.location.state.as_ref().map(|s| s.as_str()),
                        restriction: format!("Releasability: {}", r.releasability.label()),
                    },
                    SENDER,
                    sent,
                    &m.taxonomy,
                )
            })
            .collect();
        let d = Distribution {
            id: format!("crc-de-{}", Utc::now().format("%Y%m%dT%H%M%S%.3fZ")),
            sender: SENDER.to_owned(),
            sent,
            status: if exercise.is_some() {
                DeStatus::Exercise
            } else {
                DeStatus::Actual
            },
            kind: "Report".into(),
            confidentiality: "RELEASABILITY: AS MARKED PER ALERT".into(),
            language: None,
            keywords: vec![],
            countries: vec![],
            alerts,
        };
        d.check()?;
        eprintln!("{} report(s) in the envelope", d.alerts.len());
        Ok(d.to_xml())
    })
    .await?;
    match output {
        Some(p) => std::fs::write(p, xml).with_context(|| format!("writing {}", p.display()))?,
        None => print!("{xml}"),
    }
    Ok(())
}

/// `crc monitor list --as USER [WORDS] [--limit N]`.
pub async fn list(c: &Config, user: &str, words: &str, limit: i64) -> anyhow::Result<()> {
    let rows = with_store(c, async |s| {
        let p = principal(s, user).await?;
        let q = ReportQuery {
            words: crc_domain::training::lessons::words(words),
            limit,
            ..Default::default()
        };
        Ok(s.list_reports(&Viewer::of(&p), &q).await?)
    })
    .await?;
    println!(
        "{:>7}  {:<16}  {:<5}  {:<3}  {:<20}  title",
        "id", "observed (UTC)", "state", "grd", "category"
    );
    for r in rows {
        println!(
            "{:>7}  {:<16}  {:<5}  {:<3}  {:<20}  {}",
            r.id,
            r.spec.observed_at.format("%Y-%m-%d %H:%M"),
            r.location.state.as_ref().map_or("-", |s| s.as_str()),
            r.spec.grade.to_string(),
            r.spec.category,
            r.spec.title
        );
    }
    Ok(())
}

/// A series as a line of block characters, low to high.
fn sparkline(values: &[f64], top: f64) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| {
            let k = if top <= 0.0 {
                0.0
            } else {
                (v / top).clamp(0.0, 1.0) * 7.0
            };
            BARS[k.round() as usize]
        })
        .collect()
}

/// `crc monitor threat --as USER`: each region's and state's level, trend and two weeks'
/// history (6-hour steps) drawn as a sparkline, and the alerts raised.
pub async fn threat(c: &Config, user: &str) -> anyhow::Result<()> {
    let m = monitoring()?;
    let now = Utc::now();
    let t = &m.taxonomy;
    let (step, points) = (Duration::hours(6), 56usize);
    let reach =
        step * (points as i32 - 1) + Duration::seconds((t.threat.window_hours * 3600.0) as i64);
    let items = with_store(c, async |s| {
        let p = principal(s, user).await?;
        Ok(s.threat_items(
            &Viewer::of(&p),
            (now - reach).timestamp_millis(),
            now.timestamp_millis() + 1,
        )
        .await?)
    })
    .await?;
    let mut always: Vec<Scope> = m.regions.iter().map(|r| Scope::Region(r.clone())).collect();
    always.extend(
        m.states
            .iter()
            .filter_map(|s| StateCode::parse(s).ok())
            .map(Scope::State),
    );
    let assessed = threat::assess(&items, t, now, step, points, &always);
    let top = assessed
        .iter()
        .flat_map(|a| a.series.iter().map(|p| p.score))
        .fold(t.threat.levels.last().map_or(1.0, |l| l.from), f64::max);
    println!(
        "threat picture at {} (two weeks, 6-hour steps; full bar = {top:.1})",
        now.format("%Y-%m-%d %H:%M UTC")
    );
    for a in &assessed {
        let name = match &a.scope {
            Scope::Region(r) => format!("region {r}"),
            Scope::State(s) => format!("state {}", s.as_str()),
        };
        let series: Vec<f64> = a.series.iter().map(|p| p.score).collect();
        println!(
            "{name:<24} {:<9} {:<8} {:>6.1}  {}",
            a.level,
            format!("{:?}", a.trend).to_lowercase(),
            a.score,
            sparkline(&series, top)
        );
    }
    let alerts: Vec<_> = assessed.iter().flat_map(|a| threat::alerts(a, t)).collect();
    if alerts.is_empty() {
        println!("no alerts in these two weeks");
    }
    for al in alerts {
        println!(
            "alert {}: {} -> {}{}",
            al.at.format("%Y-%m-%d %H:%M"),
            al.from,
            al.to,
            al.propose
                .map(|m| format!(", propose the {} mode", m.as_str()))
                .unwrap_or_default()
        );
    }
    if items.is_empty() && assessed.is_empty() {
        bail!("nothing to assess");
    }
    Ok(())
}
