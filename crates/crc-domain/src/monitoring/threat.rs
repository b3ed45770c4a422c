//! The threat assessment: events add up to a threat level per state and per region, with its
//! trend; crossing up into an alerting level alerts the duty officer and may propose a change
//! of the centre's operating mode.
//!
//! Each event weighs its category's severity times its credibility's weight, halving every
//! half-life after it was observed and forgotten after the window (the taxonomy sets both). The
//! caller passes only real-world events: exercise events never reach this module.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::grade::Credibility;
use super::taxonomy::Taxonomy;
use crate::codes::StateCode;
use crate::crisis::duty::OperatingMode;

/// An event as the assessment sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// When observed.
    pub at: DateTime<Utc>,
    /// Its category.
    pub category: String,
    /// Its credibility.
    pub credibility: Credibility,
    /// The member state it is in.
    pub state: Option<StateCode>,
    /// The region it is in or near.
    pub region: Option<String>,
}

/// What a level is assessed for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "key", rename_all = "snake_case")]
pub enum Scope {
    /// A region of collective security.
    Region(String),
    /// A member state.
    State(StateCode),
}

/// Which way a level is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Higher than a trend period ago.
    Rising,
    /// About the same.
    Steady,
    /// Lower.
    Falling,
}

/// One point of a level's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// When.
    pub at: DateTime<Utc>,
    /// The weighted sum.
    pub score: f64,
    /// The level's key.
    pub level: String,
}

/// The assessment of one scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// Region or state.
    pub scope: Scope,
    /// The weighted sum now.
    pub score: f64,
    /// The level now.
    pub level: String,
    /// The trend against a trend period ago.
    pub trend: Trend,
    /// The events counted now.
    pub events: usize,
    /// The history, oldest first, ending now.
    pub series: Vec<Point>,
}

/// An alert raised by a level crossing up into an alerting level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreatAlert {
    /// Region or state.
    pub scope: Scope,
    /// When the level was reached (a point of the series).
    pub at: DateTime<Utc>,
    /// The level before.
    pub from: String,
    /// The level reached.
    pub to: String,
    /// The operating mode proposed, if the level proposes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub propose: Option<OperatingMode>,
}

/// The weighted sum of `items` at `at`.
pub fn score<'a>(
    items: impl IntoIterator<Item = &'a Item>,
    taxonomy: &Taxonomy,
    at: DateTime<Utc>,
) -> (f64, usize) {
    let t = &taxonomy.threat;
    let (mut sum, mut n) = (0.0, 0);
    for i in items {
        let age = (at - i.at).num_seconds() as f64 / 3600.0;
        if !(0.0..=t.window_hours).contains(&age) {
            continue;
        }
        let severity = taxonomy.category(&i.category).map_or(1, |c| c.severity) as f64;
        sum += severity * i.credibility.weight() * 0.5f64.powf(age / t.half_life_hours);
        n += 1;
    }
    (sum, n)
}

/// Assesses every region and state that has events, plus every scope in `always` (so that
/// quiet areas show as low), at `now`, with a history of `points` steps of `step` ending now.
pub fn assess(
    items: &[Item],
    taxonomy: &Taxonomy,
    now: DateTime<Utc>,
    step: Duration,
    points: usize,
    always: &[Scope],
) -> Vec<Assessment> {
    let mut by_scope: BTreeMap<Scope, Vec<&Item>> =
        always.iter().map(|s| (s.clone(), Vec::new())).collect();
    for i in items {
        if let Some(r) = &i.region {
            by_scope
                .entry(Scope::Region(r.clone()))
                .or_default()
                .push(i);
        }
        if let Some(s) = &i.state {
            by_scope.entry(Scope::State(s.clone())).or_default().push(i);
        }
    }
    let levels = &taxonomy.threat.levels;
    by_scope
        .into_iter()
        .map(|(scope, list)| {
            let series: Vec<Point> = (0..points.max(1))
                .rev()
                .map(|k| {
                    let at = now - step * k as i32;
                    let (s, _) = score(list.iter().copied(), taxonomy, at);
                    Point {
                        at,
                        score: s,
                        level: levels[taxonomy.level_of(s)].key.clone(),
                    }
                })
                .collect();
            let (now_score, events) = score(list.iter().copied(), taxonomy, now);
            let before = now - Duration::seconds((taxonomy.threat.trend_hours * 3600.0) as i64);
            let (then_score, _) = score(list.iter().copied(), taxonomy, before);
            let (l_now, l_then) = (taxonomy.level_of(now_score), taxonomy.level_of(then_score));
            // A level change decides; within a level, a quarter more or less (and at least
            // half a point, so that near-zero noise is steady) does.
            let trend = if l_now > l_then
                || (l_now == l_then
                    && now_score > then_score * 1.25
                    && now_score - then_score > 0.5)
            {
                Trend::Rising
            } else if l_now < l_then
                || (l_now == l_then && now_score < then_score * 0.8 && then_score - now_score > 0.5)
            {
                Trend::Falling
            } else {
                Trend::Steady
            };
            Assessment {
                scope,
                score: now_score,
                level: levels[l_now].key.clone(),
                trend,
                events,
                series,
            }
        })
        .collect()
}

/// The alerts a history raises: each step up into a level marked `alert`.
pub fn alerts(a: &Assessment, taxonomy: &Taxonomy) -> Vec<ThreatAlert> {
    let levels = &taxonomy.threat.levels;
    let index = |key: &str| levels.iter().position(|l| l.key == key).unwrap_or(0);
    a.series
        .windows(2)
        .filter_map(|w| {
            let (from, to) = (index(&w[0].level), index(&w[1].level));
            let reached = &levels[to];
            (to > from && reached.alert).then(|| ThreatAlert {
                scope: a.scope.clone(),
                at: w[1].at,
                from: levels[from].key.clone(),
                to: reached.key.clone(),
                propose: levels[from + 1..=to].iter().rev().find_map(|l| l.propose),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn item(hours_ago: i64, category: &str, cred: u8, now: DateTime<Utc>) -> Item {
        Item {
            at: now - Duration::hours(hours_ago),
            category: category.into(),
            credibility: Credibility::new(cred).unwrap(),
            state: Some(StateCode::parse("TJK").unwrap()),
            region: Some("central_asian".into()),
        }
    }

    #[test]
    fn events_decay_and_raise_the_level_with_a_proposal() {
        let t = Taxonomy::bundled().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
        // A confirmed terrorist act now weighs its full severity, 5; three days ago, half.
        let (s, _) = score(&[item(0, "terrorist_activity", 1, now)], &t, now);
        assert!((s - 5.0).abs() < 1e-9);
        let (s, _) = score(&[item(72, "terrorist_activity", 1, now)], &t, now);
        assert!((s - 2.5).abs() < 1e-9);
        // Improbable reports weigh nothing; events beyond the window are forgotten.
        let (s, n) = score(
            &[
                item(1, "armed_clash", 5, now),
                item(400, "armed_clash", 1, now),
            ],
            &t,
            now,
        );
        assert_eq!((s, n), (0.0, 1));

        // A quiet fortnight, then four confirmed armed clashes in the last day.
        let items: Vec<Item> = (0..4).map(|h| item(h * 6, "armed_clash", 1, now)).collect();
        let quiet = [Scope::Region("caucasus".into())];
        let a = assess(&items, &t, now, Duration::hours(6), 8, &quiet);
        let region = a
            .iter()
            .find(|a| a.scope == Scope::Region("central_asian".into()))
            .unwrap();
        assert_eq!(region.level, "high");
        assert_eq!(region.trend, Trend::Rising);
        assert_eq!(region.events, 4);
        assert_eq!(region.series.len(), 8);
        assert_eq!(region.series.last().unwrap().at, now);
        let caucasus = a.iter().find(|a| a.scope == quiet[0]).unwrap();
        assert_eq!(
            (caucasus.level.as_str(), caucasus.trend),
            ("low", Trend::Steady)
        );

        let raised = alerts(region, &t);
        let last = raised.last().unwrap();
        assert_eq!(last.to, "high");
        assert_eq!(last.propose, Some(OperatingMode::Enhanced));
        assert!(raised
            .iter()
            .any(|r| r.to == "elevated" && r.propose.is_none()));
    }
}
