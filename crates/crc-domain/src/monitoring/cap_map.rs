//! Between CAP alerts and reports: an imported alert becomes a report (its status respected:
//! Actual is real-world, Exercise is marked with its exercise, Test, System and Draft never
//! enter the picture), and a report goes out as an alert that says what it is (Exercise for
//! exercise reports, the Admiralty grade as a parameter, the releasability as the restriction).

use chrono::{DateTime, FixedOffset, Utc};

use super::cap::*;
use super::geography::Geography;
use super::grade::{Credibility, Grade, Reliability};
use super::place::Place;
use super::report::{ReportSpec, Source};
use super::taxonomy::Taxonomy;
use crate::error::DomainError;
use crate::training::design::ExerciseMarking;

/// The event code and parameter names crc writes and reads.
pub const CATEGORY_CODE: &str = "crc:category";
/// The Admiralty grade as a CAP parameter.
pub const GRADE_PARAMETER: &str = "admiralty";

/// What an imported alert came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    /// A report to store.
    Report(Box<ReportSpec>),
    /// Nothing to store, and why (a Test alert, a Cancel, ...).
    Skipped(String),
}

/// The report an alert makes, from `source` (who passed it on).
pub fn alert_to_report(
    alert: &Alert,
    source: Source,
    taxonomy: &Taxonomy,
    geography: &Geography,
) -> Result<Imported, DomainError> {
    let exercise = match alert.status {
        CapStatus::Actual => None,
        CapStatus::Exercise => {
            let name = alert
                .note
                .as_deref()
                .and_then(|n| n.lines().map(str::trim).find(|l| !l.is_empty()))
                .map(|l| l.chars().take(120).collect::<String>())
                .unwrap_or_else(|| format!("CAP exercise {}", alert.sender));
            Some(ExerciseMarking::parse("alert.note", &name)?)
        }
        other => {
            return Ok(Imported::Skipped(format!(
                "a {} alert is not part of the situation picture",
                other.as_str()
            )))
        }
    };
    match alert.msg_type {
        MsgType::Alert | MsgType::Update => {}
        other => {
            return Ok(Imported::Skipped(format!(
                "a {} message reports nothing new (it refers to {})",
                other.as_str(),
                alert.references.as_deref().unwrap_or("no earlier message")
            )))
        }
    }
    let Some(info) = alert
        .infos
        .iter()
        .find(|i| i.language.as_deref().is_some_and(|l| l.starts_with("ru")))
        .or_else(|| alert.infos.first())
    else {
        return Err(DomainError::invalid(
            "alert.info",
            "the alert has no info: nothing to report",
        ));
    };
    let place = place_of(info, geography).ok_or_else(|| {
        DomainError::invalid(
            "alert.info.area",
            "the alert names no polygon, circle or ISO 3166-1 geocode: crc places every report",
        )
    })?;
    let coded = info
        .event_codes
        .iter()
        .find(|c| c.name == CATEGORY_CODE)
        .map(|c| c.value.as_str())
        .filter(|k| taxonomy.category(k).is_some());
    let category = coded
        .map(str::to_owned)
        .or_else(|| {
            // The first top-level category filed under the alert's CAP category.
            let cap = info.categories.first()?;
            taxonomy
                .categories
                .iter()
                .find(|c| c.parent.is_none() && &c.cap == cap)
                .map(|c| c.key.clone())
        })
        .unwrap_or_else(|| "other".to_owned());
    let grade = info
        .parameters
        .iter()
        .find(|p| p.name == GRADE_PARAMETER)
        .and_then(|p| Grade::parse("parameter", &p.value).ok())
        .unwrap_or(Grade {
            reliability: Reliability::F,
            credibility: credibility_of(info.certainty),
        });
    let sent = alert.sent.with_timezone(&Utc);
    let observed = info
        .onset
        .or(info.effective)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(sent)
        .min(sent);
    let mut text = info
        .description
        .clone()
        .unwrap_or_else(|| info.event.clone());
    if let Some(i) = &info.instruction {
        text.push_str("\n\n");
        text.push_str(i);
    }
    let title: String = info
        .headline
        .clone()
        .unwrap_or_else(|| info.event.clone())
        .chars()
        .take(300)
        .collect();
    Ok(Imported::Report(Box::new(ReportSpec {
        observed_at: observed,
        reported_at: sent,
        place,
        place_name: info
            .areas
            .first()
            .map(|a| a.desc.chars().take(300).collect()),
        category,
        title,
        text,
        source,
        cited: info.sender_name.iter().cloned().collect(),
        grade,
        exercise,
        external_id: Some(format!("{},{}", alert.sender, alert.identifier)),
        attachments: vec![],
    })))
}

fn place_of(info: &Info, geography: &Geography) -> Option<Place> {
    for a in &info.areas {
        if let Some(p) = a.polygons.first() {
            return Some(Place::Polygon(vec![p
                .iter()
                .map(|[la, lo]| [*lo, *la])
                .collect()]));
        }
        if let Some(c) = a.circles.first() {
            let [la, lo] = c.centre;
            return Some(Place::Point([lo, la]));
        }
        for g in &a.geocodes {
            if g.name.eq_ignore_ascii_case("ISO3166-1") {
                if let Some(p) = crate::codes::StateCode::parse(&g.value)
                    .ok()
                    .and_then(|c| geography.anchor_of(&c))
                {
                    return Some(Place::Point(p));
                }
            }
        }
    }
    None
}

fn credibility_of(c: Certainty) -> Credibility {
    match c {
        Certainty::Observed => Credibility::PROBABLY_TRUE,
        Certainty::Likely => Credibility::POSSIBLY_TRUE,
        Certainty::Possible => Credibility::DOUBTFUL,
        Certainty::Unlikely => Credibility::IMPROBABLE,
        Certainty::Unknown => Credibility::UNKNOWN,
    }
}

fn certainty_of(c: Credibility) -> Certainty {
    match c.number() {
        1 | 2 => Certainty::Observed,
        3 => Certainty::Likely,
        4 => Certainty::Possible,
        5 => Certainty::Unlikely,
        _ => Certainty::Unknown,
    }
}

/// How a report goes out.
pub struct Outgoing<'a> {
    /// Its id in crc.
    pub id: i64,
    /// What it says.
    pub spec: &'a ReportSpec,
    /// The ISO code of its member state, if any.
    pub state: Option<&'a str>,
    /// Who may see it, in words (the CAP restriction).
    pub restriction: String,
}

/// A report as a CAP 1.2 alert from `sender`, sent at `sent`.
pub fn report_to_alert(
    r: &Outgoing<'_>,
    sender: &str,
    sent: DateTime<FixedOffset>,
    taxonomy: &Taxonomy,
) -> Alert {
    let s = r.spec;
    let category = taxonomy.category(&s.category);
    let severity = match category.map_or(1, |c| c.severity) {
        5 => Severity::Extreme,
        4 => Severity::Severe,
        3 => Severity::Moderate,
        _ => Severity::Minor,
    };
    let cyrillic = format!("{}{}", s.title, s.text)
        .chars()
        .any(|c| ('\u{0400}'..='\u{04ff}').contains(&c));
    let offset = sent.offset();
    let area = match &s.place {
        Place::Point([lon, lat]) => Area {
            desc: s
                .place_name
                .clone()
                .unwrap_or_else(|| format!("{lat:.4}, {lon:.4}")),
            polygons: vec![],
            circles: vec![Circle {
                centre: [*lat, *lon],
                radius_km: 0.0,
            }],
            geocodes: vec![],
            altitude: None,
            ceiling: None,
        },
        Place::Polygon(rings) => Area {
            desc: s.place_name.clone().unwrap_or_else(|| "area".to_owned()),
            polygons: vec![rings[0].iter().map(|[lo, la]| [*la, *lo]).collect()],
            circles: vec![],
            geocodes: vec![],
            altitude: None,
            ceiling: None,
        },
    };
    let mut area = area;
    if let Some(st) = r.state {
        area.geocodes.push(NamedValue {
            name: "ISO3166-1".into(),
            value: st.to_owned(),
        });
    }
    Alert {
        identifier: format!("crc-report-{}", r.id),
        sender: sender.to_owned(),
        sent,
        status: if s.exercise.is_some() {
            CapStatus::Exercise
        } else {
            CapStatus::Actual
        },
        msg_type: MsgType::Alert,
        source: None,
        scope: Scope::Restricted,
        restriction: Some(r.restriction.clone()),
        addresses: None,
        codes: vec![],
        note: s.exercise.as_ref().map(|e| e.as_str().to_owned()),
        references: None,
        incidents: None,
        infos: vec![Info {
            language: Some(if cyrillic { "ru-RU" } else { "en-US" }.into()),
            categories: vec![category.map_or(CapCategory::Other, |c| c.cap)],
            event: category.map_or_else(|| s.category.clone(), |c| c.name.en.clone()),
            response_types: vec![ResponseType::Monitor],
            urgency: Urgency::Unknown,
            severity,
            certainty: certainty_of(s.grade.credibility),
            audience: None,
            event_codes: vec![NamedValue {
                name: CATEGORY_CODE.into(),
                value: s.category.clone(),
            }],
            effective: None,
            onset: Some(s.observed_at.with_timezone(offset)),
            expires: None,
            sender_name: None,
            headline: Some(s.title.clone()),
            description: Some(s.text.clone()),
            instruction: None,
            web: None,
            contact: None,
            parameters: vec![NamedValue {
                name: GRADE_PARAMETER.into(),
                value: s.grade.to_string(),
            }],
            resources: vec![],
            areas: vec![area],
        }],
    }
}
