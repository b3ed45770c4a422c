//! The year's plan as an iCalendar file (RFC 5545): one all-day VEVENT per exercise, for the
//! staffs' calendar programs.
//!
//! Written with the `icalendar` crate's builder, which escapes TEXT values and folds lines at
//! 75 octets on UTF-8 character boundaries (Russian names stay whole). What this module adds is
//! the mapping (docs/training.md, "iCalendar"):
//! - UID `{exercise key}@joint-training.crc`, stable across versions, so an amended plan
//!   updates the events people already have; SEQUENCE is the plan's version less one.
//! - DTSTART/DTEND as dates, DTEND exclusive (the day after the last day). An imprecise period
//!   is exported as its whole window, marked TENTATIVE and TRANSPARENT (it does not block the
//!   window) and `X-CRC-DATE-PRECISION`, and its words are in the description.
//! - RELATED-TO for links: SIBLING for held together and linked, the custom RELTYPE
//!   `X-CRC-SUPPLIES-INITIAL-DATA` from the training that supplies initial data.
//! - DTSTAMP is the caller's time: this crate reads no clock.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

use super::catalogue::{ExerciseSpec, ExerciseStatus, LinkKind};
use super::year_plan::YearPlanSpec;
use crate::reference::ReferenceData;

/// The domain part of every UID.
pub const UID_DOMAIN: &str = "joint-training.crc";

/// The PRODID of calendars this module writes.
pub const PRODID: &str = "-//crc//Plan for Joint Training//EN";

/// The UID of an exercise (or an external exercise) by key.
pub fn uid(key: &str) -> String {
    format!("{key}@{UID_DOMAIN}")
}

/// The plan as an iCalendar text (CRLF line ends). `version` is the plan's version number
/// (1 for the plan as first approved); `dtstamp` is when the file is made.
pub fn plan_calendar(
    plan: &YearPlanSpec,
    version: u32,
    org: &ReferenceData,
    dtstamp: DateTime<Utc>,
) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", PRODID));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.name(&clean(&format!("{} (version {version})", plan.title.en)));
    let mut exercises: Vec<&ExerciseSpec> = plan.exercises.iter().collect();
    exercises.sort_by(|a, b| (a.dates.earliest(), &a.key).cmp(&(b.dates.earliest(), &b.key)));
    for x in exercises {
        cal.push(event(plan, x, version, org, dtstamp));
    }
    cal.to_string()
}

fn event(
    plan: &YearPlanSpec,
    x: &ExerciseSpec,
    version: u32,
    org: &ReferenceData,
    dtstamp: DateTime<Utc>,
) -> Event {
    let host = org
        .states
        .iter()
        .find(|s| s.code == x.host)
        .map(|s| (s.short_name.en.clone(), s.short_name.ru.clone()))
        .unwrap_or_else(|| (x.host.to_string(), x.host.to_string()));
    let name_of = |key: &str| -> String {
        plan.exercises
            .iter()
            .find(|y| y.key == key)
            .map(|y| y.name.en.clone())
            .or_else(|| {
                plan.external
                    .iter()
                    .find(|e| e.key == key)
                    .map(|e| e.name.en.clone())
            })
            .unwrap_or_else(|| key.to_owned())
    };
    let (kind_en, kind_ru) = x.kind.names();
    let mut ev = Event::new();
    ev.uid(&uid(&x.key))
        .timestamp(dtstamp)
        .sequence(version.saturating_sub(1))
        .starts(x.dates.earliest())
        // DTEND of an all-day event is exclusive: the day after the last day.
        .ends(x.dates.latest().succ_opt().unwrap_or(x.dates.latest()))
        .summary(&clean(&format!("{} / {}", x.name.en, x.name.ru)));
    let location = match &x.place {
        Some(p) => format!("{}, {} / {}, {}", p.en, host.0, p.ru, host.1),
        None => format!("{} / {}", host.0, host.1),
    };
    ev.location(&clean(&location));

    let mut d = vec![
        format!("{kind_en} / {kind_ru}"),
        format!(
            "Dates: {} / {}{}",
            x.dates.label_en(),
            x.dates.label_ru(),
            if x.dates.is_exact() {
                ""
            } else {
                " (exact dates not fixed; the event lies within this window)"
            }
        ),
        format!("Host: {} ({})", host.0, x.host),
    ];
    if !x.components.is_empty() {
        let names: Vec<String> = x
            .components
            .iter()
            .map(|c| {
                org.components
                    .iter()
                    .find(|k| &k.key == c)
                    .map(|k| k.name.en.clone())
                    .unwrap_or_else(|| c.clone())
            })
            .collect();
        d.push(format!("Components: {}", names.join("; ")));
    }
    if !x.contingents.is_empty() {
        let c: Vec<String> = x
            .contingents
            .iter()
            .map(|c| format!("{} {}", c.state, c.component))
            .collect();
        d.push(format!("Contingents: {}", c.join(", ")));
    }
    for l in &x.links {
        d.push(format!(
            "{} {}",
            capitalised(l.kind.names().0),
            name_of(&l.target)
        ));
    }
    for s in &x.side_events {
        d.push(format!("With: {} / {}", s.en, s.ru));
    }
    if let Some(p) = x.personnel {
        d.push(format!("Personnel: {}", p.label_en()));
    }
    if let Some(e) = x.equipment {
        d.push(format!("Equipment: {}", e.label_en()));
    }
    ev.description(&clean(&d.join("\n")));

    let mut categories = vec![kind_en.to_owned()];
    if let Some(s) = x
        .series
        .as_ref()
        .and_then(|k| org.exercise_series.iter().find(|s| &s.key == k))
    {
        categories.push(s.name.en.clone());
    }
    ev.categories(categories.iter().map(|c| clean(c)));

    ev.status(match x.status {
        ExerciseStatus::Cancelled => EventStatus::Cancelled,
        _ if !x.dates.is_exact() => EventStatus::Tentative,
        _ => EventStatus::Confirmed,
    });
    ev.add_property(
        "TRANSP",
        if x.dates.is_exact() {
            "OPAQUE"
        } else {
            "TRANSPARENT"
        },
    );
    ev.add_property("X-CRC-DATE-PRECISION", x.dates.precision());
    for l in &x.links {
        let reltype = match l.kind {
            LinkKind::HeldTogether | LinkKind::LinkedTo => "SIBLING",
            LinkKind::SuppliesInitialData => "X-CRC-SUPPLIES-INITIAL-DATA",
        };
        ev.append_multi_property(
            Property::new("RELATED-TO", uid(&l.target))
                .add_parameter("RELTYPE", reltype)
                .done(),
        );
    }
    ev.done()
}

/// Text the way RFC 5545 can carry it: line ends as `\n` (escaped by the builder), no other
/// control characters (a bare CR or a tab from pasted text would break some readers).
fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
