//! The printable journal of a crisis: one HTML document with print styles (A4), so an
//! officer prints or saves it as PDF from the browser. `maud` escapes every value.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::crisis_wire::{CrisisOut, JournalDocumentOut, JournalOut};

const STYLE: &str = r#"
body { font: 11pt/1.4 "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 16pt; margin: 0 0 .3em; }
h2 { font-size: 13pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; font-size: 9.5pt; }
th { background: #eee; }
.marking { border: 3px solid #b00; color: #b00; font-weight: bold; text-align: center;
           letter-spacing: .3em; padding: .2em; margin: 0 0 1em; }
.meta { color: #444; font-size: 9.5pt; }
.detail { color: #333; white-space: pre-wrap; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; } .marking { position: running(header); } }
"#;

fn when(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A short reading of a command's or spec's arguments: the texts people wrote.
fn detail(e: &JournalOut) -> String {
    let mut parts = Vec::new();
    if let Some(o) = e.detail.as_object() {
        for (k, v) in o {
            if k == "command" {
                continue;
            }
            let text = match v {
                serde_json::Value::String(s) if !s.is_empty() => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => continue,
            };
            let text: String = text.chars().take(300).collect();
            parts.push(format!("{}: {text}", k.replace('_', " ")));
        }
    }
    parts.join("; ")
}

fn marking(m: Option<&str>) -> Markup {
    html! {
        @if let Some(m) = m {
            div.marking { (m) " " (m) " " (m) }
        }
    }
}

fn record_row(r: &CrisisOut) -> Markup {
    html! {
        tr {
            td { (r.id) }
            td { (r.kind) }
            td { (r.title) }
            td { (r.status.replace('_', " ")) }
            td { (r.owner_state.as_deref().unwrap_or("")) }
            td { (r.main_at.as_ref().map(when).unwrap_or_default()) }
        }
    }
}

/// The document.
pub fn journal(doc: &JournalDocumentOut) -> String {
    let req = &doc.request;
    let summary = req
        .spec
        .get("summary")
        .and_then(|s| s.as_str())
        .unwrap_or("");
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { "Crisis journal: " (req.title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (marking(doc.marking))
                h1 { "Crisis journal" }
                p.meta {
                    (req.title) " · request " (req.id) " · " (req.status.replace('_', " "))
                    @if let Some(e) = &req.exercise { " · exercise " (e) }
                    br;
                    "Generated " (when(&doc.generated_at)) " · " (doc.entries.len()) " entries"
                }
                @if !summary.is_empty() {
                    h2 { "Situation" }
                    p.detail { (summary) }
                }
                h2 { "Chronology" }
                table {
                    thead { tr { th { "Time" } th { "Record" } th { "Step" } th { "Status" } th { "By" } th { "Details" } } }
                    tbody {
                        @for e in &doc.entries {
                            tr {
                                td { (when(&e.at)) }
                                td { (e.kind) " " (e.record_id) ": " (e.title) }
                                td { (e.action.replace('_', " ")) }
                                td {
                                    @if let Some(f) = &e.from_status { (f.replace('_', " ")) " → " }
                                    (e.to_status.replace('_', " "))
                                }
                                td { (e.actor) }
                                td.detail { (detail(e)) }
                            }
                        }
                    }
                }
                h2 { "Records" }
                table {
                    thead { tr { th { "Id" } th { "Kind" } th { "Title" } th { "Status" } th { "State" } th { "Time" } } }
                    tbody { @for r in &doc.records { (record_row(r)) } }
                }
                (marking(doc.marking))
            }
        }
    };
    markup.into_string()
}
