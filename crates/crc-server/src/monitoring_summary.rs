//! The situation summary for a period and a region, as a printable page (docs/monitoring.md,
//! "The situation summary"): the threat levels with their trend, a map of the period's events
//! and reports drawn as SVG over the states' outlines, the key events, and the counts by
//! category. Only real-world records releasable to the reader appear. `maud` escapes every
//! value; print or save as PDF from the browser like the crisis documents.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crc_domain::monitoring::taxonomy::Taxonomy;
use crc_domain::monitoring::threat::{Assessment, Scope};
use crc_storage::{EventRecord, ReportRecord};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::monitoring_context::Monitoring;

const STYLE: &str = r#"
body { font: 11pt/1.4 "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 16pt; margin: 0 0 .3em; }
h2 { font-size: 13pt; margin: 1.3em 0 .4em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; font-size: 9.5pt; }
th { background: #eee; }
.meta { color: #444; font-size: 9.5pt; }
.low { color: #276; } .guarded { color: #46a; } .elevated { color: #b80; font-weight: bold; }
.high { color: #c40; font-weight: bold; } .severe { color: #a00; font-weight: bold; }
svg.map { width: 100%; height: auto; border: 1px solid #999; background: #eef4f8; }
@page { size: A4; margin: 14mm; }
@media print { body { margin: 0; } tr { break-inside: avoid; } }
"#;

/// What the page shows.
pub struct Summary<'a> {
    /// The period.
    pub from: DateTime<Utc>,
    /// Its end.
    pub to: DateTime<Utc>,
    /// The region, if one.
    pub region: Option<&'a str>,
    /// Who reads it (the releasability it was made under).
    pub reader: &'a str,
    /// The assessments of the region's scopes at the period's end.
    pub levels: &'a [Assessment],
    /// The period's events.
    pub events: &'a [EventRecord],
    /// The period's reports.
    pub reports: &'a [ReportRecord],
}

fn color(severity: u8) -> &'static str {
    match severity {
        5 => "#a00",
        4 => "#d50",
        3 => "#e90",
        2 => "#38a",
        _ => "#777",
    }
}

/// The map: outlines and points in an equirectangular view of the points' box (or the
/// region's), scaled by the cosine of its middle latitude.
fn map(s: &Summary<'_>, m: &Monitoring) -> Markup {
    let t = &m.taxonomy;
    let mut pts: Vec<([f64; 2], u8, bool, String)> = s
        .reports
        .iter()
        .filter(|r| r.event_id.is_none())
        .map(|r| {
            let sev = t.category(&r.spec.category).map_or(1, |c| c.severity);
            (r.spec.place.anchor(), sev, false, r.spec.title.clone())
        })
        .collect();
    for (i, e) in s.events.iter().enumerate() {
        let sev = t.category(&e.category).map_or(1, |c| c.severity);
        pts.push((e.position, sev, true, format!("{}. {}", i + 1, e.title)));
    }
    let fallback: [f64; 4] = match s.region {
        Some("eastern_european") => [20.0, 48.0, 45.0, 62.0],
        Some("caucasus") => [37.0, 37.0, 50.0, 46.0],
        Some("central_asian") => [46.0, 35.0, 88.0, 56.0],
        _ => [20.0, 35.0, 140.0, 70.0],
    };
    let [mut w, mut so, mut e, mut n] = if pts.is_empty() {
        fallback
    } else {
        pts.iter()
            .fold([180.0f64, 90.0, -180.0, -90.0], |[a, b, c, d], (p, ..)| {
                [a.min(p[0]), b.min(p[1]), c.max(p[0]), d.max(p[1])]
            })
    };
    // A margin, and at least 10° by 6°.
    let (cx, cy) = ((w + e) / 2.0, (so + n) / 2.0);
    let (hw, hh) = (
        ((e - w) / 2.0 + 2.0).max(5.0),
        ((n - so) / 2.0 + 1.5).max(3.0),
    );
    (w, e, so, n) = (cx - hw, cx + hw, (cy - hh).max(-85.0), (cy + hh).min(85.0));
    let k = ((so + n) / 2.0).to_radians().cos().max(0.2);
    // No taller than 0.7 of the width: a tall box widens instead.
    let lon_span = (e - w).max((n - so) / (0.7 * k));
    (w, e) = (cx - lon_span / 2.0, cx + lon_span / 2.0);
    let width = 1000.0;
    let height = (width * (n - so) / ((e - w) * k)).clamp(200.0, 700.0);
    let x = |lon: f64| (lon - w) / (e - w) * width;
    let y = |lat: f64| (n - lat) / (n - so) * height;
    let mut paths = String::new();
    for (code, member, outline) in m.geography.outlines() {
        let mut d = String::new();
        for poly in &outline.0 {
            let r = poly.exterior();
            if r.0.iter().all(|c| c.x < w - 20.0 || c.x > e + 20.0) {
                continue;
            }
            for (i, c) in r.0.iter().enumerate() {
                d.push_str(&format!(
                    "{}{:.1},{:.1}",
                    if i == 0 { "M" } else { "L" },
                    x(c.x),
                    y(c.y)
                ));
            }
            d.push('Z');
        }
        if !d.is_empty() {
            paths.push_str(&format!(
                "<path d=\"{d}\" fill=\"{}\" stroke=\"#667\" stroke-width=\"0.8\"><title>{}</title></path>",
                if member { "#fdfcf4" } else { "#e4e4e0" },
                code.as_str()
            ));
        }
    }
    html! {
        svg.map viewBox=(format!("0 0 {width:.0} {height:.0}")) xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Map of the period's events and reports" {
            (PreEscaped(paths))
            @for (p, sev, event, title) in &pts {
                @if *event {
                    circle cx=(format!("{:.1}", x(p[0]))) cy=(format!("{:.1}", y(p[1]))) r="9" fill="none" stroke=(color(*sev)) stroke-width="3" { title { (title) } }
                } @else {
                    circle cx=(format!("{:.1}", x(p[0]))) cy=(format!("{:.1}", y(p[1]))) r="4" fill=(color(*sev)) fill-opacity="0.7" { title { (title) } }
                }
            }
        }
    }
}

fn scope_name(s: &Scope) -> String {
    match s {
        Scope::Region(r) => format!("region {r}"),
        Scope::State(c) => c.as_str().to_owned(),
    }
}

fn when(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// The page.
pub fn page(s: &Summary<'_>, m: &Monitoring) -> String {
    let t: &Taxonomy = &m.taxonomy;
    let weight = |category: &str, cred: u8| {
        t.category(category).map_or(1.0, |c| c.severity as f64)
            * crc_domain::monitoring::grade::Credibility::new(cred).map_or(0.3, |c| c.weight())
    };
    let mut events: Vec<&EventRecord> = s.events.iter().collect();
    events.sort_by(|a, b| {
        weight(&b.category, b.grade.credibility.number())
            .total_cmp(&weight(&a.category, a.grade.credibility.number()))
            .then(b.last_ms.cmp(&a.last_ms))
    });
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for r in s.reports {
        counts.entry(&r.spec.category).or_default().0 += 1;
    }
    for e in s.events {
        counts.entry(&e.category).or_default().1 += 1;
    }
    let name = |k: &str| t.category(k).map_or(k.to_owned(), |c| c.name.en.clone());
    html! {
        (DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "Situation summary" } style { (PreEscaped(STYLE)) } }
            body {
                h1 { "Situation summary" @if let Some(r) = s.region { " — region " (r) } }
                p.meta {
                    (s.from.format("%Y-%m-%d %H:%M")) " – " (s.to.format("%Y-%m-%d %H:%M UTC")) ". "
                    "Real-world reports and events releasable to " (s.reader) "; generated "
                    (Utc::now().format("%Y-%m-%d %H:%M UTC")) "."
                }
                h2 { "Threat levels" }
                table {
                    tr { th { "Area" } th { "Level" } th { "Trend" } th { "Score" } th { "Counted" } }
                    @for a in s.levels {
                        tr {
                            td { (scope_name(&a.scope)) }
                            td class=(a.level) { (a.level) }
                            td { (format!("{:?}", a.trend).to_lowercase()) }
                            td { (format!("{:.1}", a.score)) }
                            td { (a.events) }
                        }
                    }
                }
                h2 { "Map" }
                (map(s, m))
                p.meta { "Rings: confirmed events (numbered as below). Dots: reports not in an event. Colour: the category's severity." }
                h2 { "Key events" }
                @if events.is_empty() { p { "No event was confirmed in the period." } }
                @else {
                    table {
                        tr { th { "#" } th { "Event" } th { "Category" } th { "Grade" } th { "Reports" } th { "Where" } th { "Observed" } }
                        @for (i, e) in events.iter().enumerate() {
                            tr {
                                td { (i + 1) }
                                td { (e.title) }
                                td { (name(&e.category)) }
                                td { (e.grade.to_string()) }
                                td { (e.reports.len()) }
                                td { (e.state.as_ref().map_or("—", |c| c.as_str())) " " (e.region.as_deref().unwrap_or("")) }
                                td { (when(e.first_ms)) " – " (when(e.last_ms)) }
                            }
                        }
                    }
                }
                h2 { "Reports by category" }
                table {
                    tr { th { "Category" } th { "Reports" } th { "Events" } }
                    @for (k, (r, e)) in &counts {
                        tr { td { (name(k)) } td { (r) } td { (e) } }
                    }
                }
            }
        }
    }
    .into_string()
}
