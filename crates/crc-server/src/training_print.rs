//! The printable Plan for Joint Training: one HTML document with print styles (A4), laid out
//! by `crc_domain::training::print` (months in order, then the exercises whose dates are not
//! fixed, then the conflicts found), in both languages. `maud` escapes every value.

use crc_domain::training::conflicts::Finding;
use crc_domain::training::print::{PlanDocument, PrintedExercise};
use crc_domain::training::year_plan::{Approval, ApprovingBody};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::training_wire::plan_status;

const STYLE: &str = r#"
body { font: 11pt/1.4 "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 16pt; margin: 0 0 .2em; }
h1 + p.ru { font-size: 13pt; margin: 0 0 .6em; }
h2 { font-size: 13pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; font-size: 9.5pt; }
th { background: #eee; }
.meta { color: #444; font-size: 9.5pt; }
.ru { color: #333; }
.cancelled { text-decoration: line-through; color: #777; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"#;

fn body_name(b: ApprovingBody) -> &'static str {
    match b {
        ApprovingBody::CouncilOfDefenceMinisters => "Council of Defence Ministers",
        ApprovingBody::CommitteeOfSecretaries => "Committee of Secretaries of Security Councils",
    }
}

fn approval(a: &Approval) -> Markup {
    html! {
        li {
            (body_name(a.body)) ": decision No. " (a.number) " of " (a.date.format("%d.%m.%Y"))
            @if a.joint { " (joint decision)" }
        }
    }
}

fn both(en: &str, ru: &str) -> Markup {
    html! { (en) br; span.ru { (ru) } }
}

fn exercise_row(x: &PrintedExercise) -> Markup {
    let cancelled = matches!(
        x.status,
        crc_domain::training::catalogue::ExerciseStatus::Cancelled
    );
    html! {
        tr class=[cancelled.then_some("cancelled")] {
            td { (both(&x.dates.en, &x.dates.ru)) }
            td { (both(&x.name.en, &x.name.ru)) }
            td { (both(&x.kind.en, &x.kind.ru)) }
            td {
                (both(&x.host_name.en, &x.host_name.ru))
                @if let Some(p) = &x.place { br; (p.en) " / " (p.ru) }
            }
            td { @for c in &x.components { (c.en) " / " (c.ru) br; } }
            td {
                @for l in &x.links { (l.en) br; span.ru { (l.ru) } br; }
                @for s in &x.side_events { (s.en) " / " (s.ru) br; }
            }
        }
    }
}

fn table(rows: &[PrintedExercise]) -> Markup {
    html! {
        table {
            thead { tr {
                th { "Dates / Сроки" } th { "Exercise / Учение" } th { "Kind / Вид" }
                th { "Host, place / Место" } th { "Components / Компоненты" }
                th { "Links / Связи" }
            } }
            tbody { @for x in rows { (exercise_row(x)) } }
        }
    }
}

/// The snake_case name serde gives one of the domain's unit variants.
fn word<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}

fn finding(f: &Finding) -> Markup {
    html! {
        tr {
            td { (word(&f.severity)) }
            td { (word(&f.certainty)) }
            td { (word(&f.rule)) }
            td { (f.exercises.join(", ")) }
            td { (f.message) }
        }
    }
}

/// The document.
pub fn plan(doc: &PlanDocument, generated_at: chrono::DateTime<chrono::Utc>) -> String {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { (doc.title.en) " (version " (doc.version) ")" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (doc.title.en) }
                p.ru { (doc.title.ru) }
                p.meta {
                    "Version " (doc.version) " · " (plan_status(doc.status))
                    " · generated " (generated_at.format("%Y-%m-%d %H:%M UTC"))
                }
                @if !doc.approvals.is_empty() {
                    h2 { "Approved / Утвержден" }
                    ul { @for a in &doc.approvals { (approval(a)) } }
                }
                @for m in &doc.months {
                    h2 { (m.title.en) " / " (m.title.ru) }
                    (table(&m.exercises))
                }
                @if !doc.dates_not_fixed.is_empty() {
                    h2 { "Dates not fixed / Сроки не определены" }
                    (table(&doc.dates_not_fixed))
                }
                h2 { "Conflicts / Замечания" }
                @if doc.findings.is_empty() {
                    p { "None found." }
                } @else {
                    table {
                        thead { tr { th { "Severity" } th { "Certainty" } th { "Rule" } th { "Exercises" } th { "What" } } }
                        tbody { @for f in &doc.findings { (finding(f)) } }
                    }
                }
            }
        }
    };
    markup.into_string()
}
