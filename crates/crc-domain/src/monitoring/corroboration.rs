//! Corroboration: which reports are about the same event, and how credible an event is.
//!
//! The software suggests, an officer confirms. A suggestion pairs reports of the same kind of
//! event (the same root category), observed within the taxonomy's window of each other, within
//! its radius (areas that overlap count as no distance), of the same world (both real, or both
//! of the same exercise). From an independent source it corroborates; from the same source it is
//! probably a duplicate, which the officer merges without losing the report.
//!
//! An event's credibility follows from its reports (the Admiralty code's rule that
//! corroboration by independent sources raises credibility): two independent sources graded A
//! to C confirm it (1); two independent sources of any grade make it at least probably true
//! (2); otherwise it is as credible as its most credible report.

use std::collections::BTreeSet;

use geo::{Distance, Haversine, Intersects};
use serde::{Deserialize, Serialize};

use super::grade::{Credibility, Grade, Reliability};
use super::report::ReportSpec;
use super::taxonomy::Taxonomy;

/// What a suggested pair is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Another source reports the same event.
    Corroborates,
    /// The same source reports it again.
    Duplicate,
}

/// A report suggested as about the same event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion<Id> {
    /// The other report.
    pub id: Id,
    /// How it relates.
    pub relation: Relation,
    /// 0 to 1: 1 for the same moment and place.
    pub score: f64,
    /// Hours between the two observations.
    pub hours: f64,
    /// Kilometres between the two places.
    pub km: f64,
}

/// Kilometres between two places: 0 if they touch, else between their anchor points.
pub fn distance_km(a: &ReportSpec, b: &ReportSpec) -> f64 {
    let (ga, gb) = (a.place.geometry(), b.place.geometry());
    if ga.intersects(&gb) {
        return 0.0;
    }
    let ([x1, y1], [x2, y2]) = (a.place.anchor(), b.place.anchor());
    Haversine.distance(geo::Point::new(x1, y1), geo::Point::new(x2, y2)) / 1000.0
}

/// The reports among `candidates` suggested as about the same event as `report`, best first.
pub fn suggest<Id: Clone>(
    report: &ReportSpec,
    candidates: &[(Id, &ReportSpec)],
    taxonomy: &Taxonomy,
) -> Vec<Suggestion<Id>> {
    let rule = &taxonomy.corroboration;
    let root = taxonomy.root(&report.category);
    let mut out: Vec<Suggestion<Id>> = candidates
        .iter()
        .filter(|(_, c)| c.exercise == report.exercise)
        .filter(|(_, c)| taxonomy.root(&c.category) == root)
        .filter_map(|(id, c)| {
            let hours = (c.observed_at - report.observed_at).num_seconds().abs() as f64 / 3600.0;
            if hours > rule.window_hours {
                return None;
            }
            let km = distance_km(report, c);
            if km > rule.radius_km {
                return None;
            }
            let relation = if c.source.key() == report.source.key() {
                Relation::Duplicate
            } else {
                Relation::Corroborates
            };
            let score = 1.0 - 0.5 * hours / rule.window_hours - 0.5 * km / rule.radius_km;
            Some(Suggestion {
                id: id.clone(),
                relation,
                score,
                hours,
                km,
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

/// An event's grade from its reports' sources and grades: the most reliable source, and the
/// credibility corroboration gives it.
pub fn event_grade<'a>(reports: impl IntoIterator<Item = (&'a str, Grade)>) -> Grade {
    let mut sources = BTreeSet::new();
    let mut reliable = BTreeSet::new();
    let mut best = Grade::UNGRADED;
    for (source, g) in reports {
        sources.insert(source);
        if g.reliability.confirms() {
            reliable.insert(source);
        }
        best.reliability = best.reliability.min(g.reliability);
        best.credibility = best.credibility.min(g.credibility);
    }
    if reliable.len() >= 2 {
        best.credibility = Credibility::CONFIRMED;
    } else if sources.len() >= 2 {
        best.credibility = best.credibility.min(Credibility::PROBABLY_TRUE);
    }
    if sources.is_empty() {
        best.reliability = Reliability::F;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::place::Place;
    use crate::monitoring::report::Source;
    use chrono::{TimeZone, Utc};

    fn report(category: &str, hour: i64, lon: f64, body: &str) -> ReportSpec {
        let t =
            Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap() + chrono::Duration::hours(hour);
        ReportSpec {
            observed_at: t,
            reported_at: t,
            place: Place::Point([lon, 39.0]),
            place_name: None,
            category: category.into(),
            title: "t".into(),
            text: "x".into(),
            source: Source::AuthorizedBody {
                state: crate::codes::StateCode::parse("TJK").unwrap(),
                body: body.into(),
            },
            cited: vec![],
            grade: Grade::parse("g", "B3").unwrap(),
            exercise: None,
            external_id: None,
            attachments: vec![],
        }
    }

    #[test]
    fn reports_of_the_same_kind_near_in_time_and_place_are_suggested() {
        let t = Taxonomy::bundled().unwrap();
        let r = report("border_incident", 10, 70.0, "Border Service");
        let near_other = report("border_shooting", 14, 70.2, "Ministry of Defence");
        let near_same = report("border_incident", 11, 70.0, "border service");
        let far = report("border_incident", 10, 75.0, "Ministry of Defence");
        let late = report("border_incident", 10 + 23, 70.0, "Ministry of Defence");
        let other_kind = report("epidemic", 10, 70.0, "Ministry of Defence");
        let mut drill = report("border_incident", 10, 70.0, "Ministry of Defence");
        drill.exercise =
            Some(crate::training::design::ExerciseMarking::parse("e", "Rubezh-2026").unwrap());
        let c = [
            (1, &near_other),
            (2, &near_same),
            (3, &far),
            (4, &late),
            (5, &other_kind),
            (6, &drill),
        ];
        let s = suggest(&r, &c, &t);
        let ids: Vec<_> = s.iter().map(|s| (s.id, s.relation)).collect();
        assert_eq!(
            ids,
            vec![
                (2, Relation::Duplicate),
                (1, Relation::Corroborates),
                (4, Relation::Corroborates)
            ]
        );
        assert!((s[1].km - 17.3).abs() < 1.0, "{}", s[1].km);
    }

    #[test]
    fn credibility_rises_with_independent_reliable_sources() {
        let g = |s| Grade::parse("g", s).unwrap();
        assert_eq!(event_grade([("a", g("B3"))]).to_string(), "B3");
        assert_eq!(
            event_grade([("a", g("B3")), ("a", g("C4"))]).to_string(),
            "B3"
        );
        assert_eq!(
            event_grade([("a", g("B3")), ("b", g("E4"))]).to_string(),
            "B2"
        );
        assert_eq!(
            event_grade([("a", g("B3")), ("b", g("C4"))]).to_string(),
            "B1"
        );
        assert_eq!(
            event_grade([("a", g("F6")), ("b", g("D5"))]).to_string(),
            "D2"
        );
        assert_eq!(event_grade(std::iter::empty()).to_string(), "F6");
    }
}
