//! The Plan for Joint Training as iCalendar (RFC 5545): the lines as written (75-octet folding
//! on character boundaries, escaping, all-day dates with DTEND exclusive), and the 2025 plan
//! read back by an independent strict parser, PyPI `vobject`.
//!
//! vobject runs on Python from `target/planner-venv` (or `$CRC_PYTHON`), which
//! `scripts/setup-test-deps.sh` installs pinned (scripts/bench/requirements.txt); without it
//! the round-trip test fails and says so.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, TimeZone, Utc};
use crc_domain::reference::{Names, ReferenceData};
use crc_domain::training::catalogue::Catalogue;
use crc_domain::training::ical::{plan_calendar, uid};
use crc_domain::training::period::Period;
use crc_domain::training::year_plan::YearPlanSpec;

fn plan_2025() -> (YearPlanSpec, ReferenceData) {
    let org = ReferenceData::bundled().expect("org");
    let cat = Catalogue::bundled().expect("catalogue");
    let plan = YearPlanSpec::from_catalogue(
        &cat,
        2025,
        Names {
            en: "Plan for Joint Training of the CSTO Collective Security System's Management \
                 Bodies and Formations of Forces and Means for 2025"
                .into(),
            ru: "План совместной подготовки органов управления и формирований сил и средств \
                 системы коллективной безопасности ОДКБ на 2025 год"
                .into(),
        },
    );
    (plan, org)
}

fn stamp() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 30, 9, 0, 0)
        .single()
        .expect("time")
}

/// The content lines, unfolded (RFC 5545 3.1: CRLF followed by one space or tab continues).
fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn lines_are_folded_at_75_octets_and_end_in_crlf() {
    let (plan, org) = plan_2025();
    let ics = plan_calendar(&plan, 1, &org, stamp());
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "a bare LF");
    let mut folded = 0;
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        folded += usize::from(line.starts_with(' '));
    }
    assert!(folded > 10, "the Russian texts are long enough to fold");
    let lines = unfold(&ics);
    assert_eq!(
        lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
        7,
        "one event per exercise"
    );
    assert!(lines
        .iter()
        .any(|l| l == "SUMMARY:Rubezh-2025 / Рубеж-2025"));
    assert!(lines.contains(&"PRODID:-//crc//Plan for Joint Training//EN".to_owned()));
}

#[test]
fn dates_are_all_day_with_dtend_exclusive_and_imprecision_marked() {
    let (mut plan, org) = plan_2025();
    let rubezh = plan
        .exercises
        .iter_mut()
        .find(|x| x.key == "rubezh_2025")
        .expect("Rubezh-2025");
    rubezh.dates = Period::Days {
        start: NaiveDate::from_ymd_opt(2025, 10, 6).expect("date"),
        end: NaiveDate::from_ymd_opt(2025, 10, 10).expect("date"),
    };
    let lines = unfold(&plan_calendar(&plan, 2, &org, stamp()));
    let event = |key: &str| -> Vec<String> {
        let u = format!("UID:{}", uid(key));
        let at = lines.iter().position(|l| *l == u).expect("the event's UID");
        let start = lines[..at]
            .iter()
            .rposition(|l| l == "BEGIN:VEVENT")
            .expect("begin");
        let end = at
            + lines[at..]
                .iter()
                .position(|l| l == "END:VEVENT")
                .expect("end");
        lines[start..end].to_vec()
    };
    let r = event("rubezh_2025");
    assert!(
        r.contains(&"DTSTART;VALUE=DATE:20251006".to_owned()),
        "{r:#?}"
    );
    assert!(
        r.contains(&"DTEND;VALUE=DATE:20251011".to_owned()),
        "{r:#?}"
    );
    assert!(r.contains(&"STATUS:CONFIRMED".to_owned()));
    assert!(r.contains(&"SEQUENCE:1".to_owned()), "version 2");
    let ib = event("indestructible_brotherhood_2025");
    assert!(ib.contains(&"DTSTART;VALUE=DATE:20251016".to_owned()));
    assert!(ib.contains(&"DTEND;VALUE=DATE:20251101".to_owned()));
    assert!(ib.contains(&"STATUS:TENTATIVE".to_owned()));
    assert!(ib.contains(&"TRANSP:TRANSPARENT".to_owned()));
    assert!(ib.contains(&"X-CRC-DATE-PRECISION:half_month".to_owned()));
    assert!(ib.contains(&format!(
        "RELATED-TO;RELTYPE=SIBLING:{}",
        uid("cis_antiterrorist_2025")
    )));
    assert!(ib
        .iter()
        .any(|l| l.starts_with("DESCRIPTION:") && l.contains("second half of October 2025")));
    assert!(ib.iter().any(|l| l.starts_with("DTSTAMP:20250130T090000Z")));
}

#[test]
fn text_is_escaped() {
    let (mut plan, org) = plan_2025();
    plan.exercises[0].name.en = "A, B; C\\D".into();
    plan.exercises[0].notes = Some("ignored\r\nin the calendar".into());
    let lines = unfold(&plan_calendar(&plan, 1, &org, stamp()));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(r"SUMMARY:A\, B\; C\\D / ")),
        "{lines:#?}"
    );
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> PathBuf {
    match std::env::var_os("CRC_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => workspace().join("target/planner-venv/bin/python"),
    }
}

/// Reads the calendar with vobject and prints one JSON object per event.
const READ_BACK: &str = r#"
import json, sys, vobject
cal = vobject.readOne(open(sys.argv[1], encoding="utf-8").read())
out = []
for ev in cal.vevent_list:
    out.append({
        "uid": ev.uid.value,
        "summary": ev.summary.value,
        "location": ev.location.value,
        "start": ev.dtstart.value.isoformat(),
        "end": ev.dtend.value.isoformat(),
        "categories": ev.categories.value,
        "related": sorted(r.value for r in ev.contents.get("related-to", [])),
        "description": ev.description.value,
    })
print(json.dumps({"prodid": cal.prodid.value, "events": out}, ensure_ascii=False))
"#;

#[test]
fn vobject_reads_back_every_event_of_the_2025_plan() {
    let py = python();
    match Command::new(&py).args(["-c", "import vobject"]).output() {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!(
            "{} cannot import vobject ({}): run scripts/setup-test-deps.sh, which installs \
             scripts/bench/requirements.txt into target/planner-venv",
            py.display(),
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Err(e) => panic!(
            "no Python at {} ({e}): run scripts/setup-test-deps.sh, which creates \
             target/planner-venv with vobject (or set CRC_PYTHON)",
            py.display()
        ),
    }
    let (plan, org) = plan_2025();
    let ics = plan_calendar(&plan, 1, &org, stamp());
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("plan-2025.ics");
    std::fs::write(&file, &ics).expect("write the .ics");
    let out = Command::new(&py)
        .args(["-c", READ_BACK])
        .arg(&file)
        .output()
        .expect("run vobject");
    assert!(
        out.status.success(),
        "vobject refused the calendar: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("vobject's JSON");
    assert_eq!(got["prodid"], "-//crc//Plan for Joint Training//EN");
    let events = got["events"].as_array().expect("events");
    assert_eq!(events.len(), plan.exercises.len());
    for x in &plan.exercises {
        let e = events
            .iter()
            .find(|e| e["uid"] == uid(&x.key).as_str())
            .unwrap_or_else(|| panic!("{} is not in the calendar", x.key));
        assert_eq!(e["summary"], format!("{} / {}", x.name.en, x.name.ru));
        assert_eq!(e["start"], x.dates.earliest().to_string());
        let end = x.dates.latest().succ_opt().expect("a day after");
        assert_eq!(e["end"], end.to_string(), "{}: DTEND exclusive", x.key);
        let host = org
            .states
            .iter()
            .find(|s| s.code == x.host)
            .expect("host state");
        let location = e["location"].as_str().expect("location");
        assert!(location.contains(&host.short_name.en), "{location}");
        assert!(location.contains(&host.short_name.ru), "{location}");
        let related: Vec<String> = e["related"]
            .as_array()
            .expect("related")
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        let mut want: Vec<String> = x.links.iter().map(|l| uid(&l.target)).collect();
        want.sort();
        assert_eq!(related, want, "{}", x.key);
        let kind = x.kind.names().0;
        assert!(
            e["categories"]
                .as_array()
                .is_some_and(|c| c.iter().any(|v| v == kind)),
            "{}: {}",
            x.key,
            e["categories"]
        );
    }
    let rubezh = events
        .iter()
        .find(|e| e["uid"] == uid("rubezh_2025").as_str())
        .expect("Rubezh-2025");
    let description = rubezh["description"].as_str().expect("description");
    assert!(
        description.contains("первая половина октября 2025 г."),
        "{description}"
    );
    assert!(description.contains("Operational meeting with the Command"));
}
