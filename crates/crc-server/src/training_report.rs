//! The after-action report as a printable page: the exercise and its marking on every
//! printed page, the real and scenario period, how injects went, each objective's ratings
//! and assessment, the timeline and the observations, in the scenario's invented names (the
//! domain's `report` applies them). `maud` escapes every value; print or save as PDF from
//! the browser like the crisis documents.

use chrono::{DateTime, Utc};
use crc_domain::training::evaluation::Assessment;
use crc_domain::training::report::{AfterActionReport, TimelineKind};
use maud::{html, PreEscaped, DOCTYPE};

const STYLE: &str = r#"
body { font: 11pt/1.4 "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #111; }
.marking { text-align: center; font-weight: bold; letter-spacing: .1em; color: #a00;
  border: 2px solid #a00; padding: 2px; margin-bottom: 1em; }
h1 { font-size: 16pt; margin: 0 0 .4em; }
h2 { font-size: 13pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; font-size: 9.5pt; }
th { background: #eee; }
.met { color: #060; font-weight: bold; } .not_met { color: #a00; font-weight: bold; }
.partially_met { color: #a60; font-weight: bold; }
@page { size: A4; margin: 14mm; @top-center { content: "EXERCISE"; } }
@media print { body { margin: 0; } .marking { position: running(header); } tr { break-inside: avoid; } }
"#;

fn time(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "—".into())
}

fn assessment(a: Assessment) -> (&'static str, &'static str) {
    match a {
        Assessment::Met => ("met", "met"),
        Assessment::PartiallyMet => ("partially_met", "partially met"),
        Assessment::NotMet => ("not_met", "not met"),
        Assessment::NotAssessed => ("not_assessed", "not assessed"),
    }
}

fn kind(k: TimelineKind) -> &'static str {
    match k {
        TimelineKind::Release => "released",
        TimelineKind::Hold => "held",
        TimelineKind::Skip => "skipped",
        TimelineKind::Response => "response",
        TimelineKind::Observation => "observation",
    }
}

/// The report as one HTML document.
pub fn html(r: &AfterActionReport) -> String {
    let marking = format!("EXERCISE {}", r.marking);
    let c = &r.injects;
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { "After-action report: " (r.exercise) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                div.marking data-testid="aar-marking" { (marking) }
                h1 { "After-action report: " (r.exercise) }
                p {
                    "Real time " (time(r.real_period.0)) " to " (time(r.real_period.1)) "; "
                    "scenario time " (time(r.scenario_period.0)) " to " (time(r.scenario_period.1)) "."
                }
                h2 { "Injects" }
                table data-testid="aar-injects" {
                    tr { th { "in the MSEL" } th { "on schedule" } th { "by hand" } th { "overdue" }
                         th { "skipped" } th { "not released" } th { "answered" } }
                    tr { td { (c.total) } td { (c.on_schedule) } td { (c.by_hand) } td { (c.overdue) }
                         td { (c.skipped) } td { (c.not_released) } td { (c.answered) } }
                }
                h2 { "Objectives" }
                table data-testid="aar-objectives" {
                    tr { th { "objective" } th { "criteria" } th { "T" } th { "P" } th { "U" } th { "assessment" } th { "injects" } }
                    @for o in &r.objectives {
                        @let (class, label) = assessment(o.assessment);
                        tr {
                            td { b { (o.id.as_str()) } " " (o.text) }
                            td { ul { @for c in &o.criteria { li { (c) } } } }
                            td { (o.ratings[0]) } td { (o.ratings[1]) } td { (o.ratings[2]) }
                            td class=(class) { (label) }
                            td { (o.injects.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")) }
                        }
                    }
                }
                h2 { "Timeline" }
                table data-testid="aar-timeline" {
                    tr { th { "real time" } th { "scenario time" } th { "what" } th { "inject" } th { "who" } th { "" } }
                    @for e in &r.timeline {
                        tr {
                            td { (time(Some(e.real_at))) } td { (time(e.scenario_at)) }
                            td { (kind(e.kind)) }
                            td { @if let Some(i) = e.inject { (i) } }
                            td { (e.who) } td { (e.text) }
                        }
                    }
                }
                h2 { "Observations" }
                @if r.observations.is_empty() { p { "No observations were recorded." } }
                @else {
                    table data-testid="aar-observations" {
                        tr { th { "observer" } th { "objective" } th { "rating" } th { "inject" } th { "observed" } }
                        @for o in &r.observations {
                            tr {
                                td { (o.observer) } td { (o.objective.as_str()) } td { (o.rating.to_string()) }
                                td { @if let Some(i) = o.inject { (i) } } td { (o.text) }
                            }
                        }
                    }
                }
                h2 { "Corrective actions still open" }
                @if r.open_actions.is_empty() { p { "None." } }
                @else {
                    table {
                        tr { th { "action" } th { "owner" } th { "due" } th { "" } }
                        @for a in &r.open_actions {
                            tr { td { (a.title) } td { (a.owner) } td { (a.due.to_string()) }
                                 td { @if a.overdue { b { "overdue" } } } }
                        }
                    }
                }
                div.marking { (marking) }
            }
        }
    }
    .into_string()
}
