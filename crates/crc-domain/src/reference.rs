//! The organization as reference data: member states, bodies, posts and holders, chairmanships,
//! regions, partners and the Collective Forces' components with their exercise series.
//!
//! The data lives in `reference/organization.toml` in the repository; this module parses it and
//! checks that every cross-reference resolves, so a broken data file is refused before anything
//! is written.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::codes::{PartialDate, StateCode};
use crate::error::DomainError;

/// A text in the organization's two working languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// English.
    pub en: String,
    /// Russian.
    pub ru: String,
}

/// A named place with coordinates (WGS 84, decimal degrees).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The place's name.
    pub name: Names,
    /// Latitude, -90..=90.
    pub lat: f64,
    /// Longitude, -180..=180.
    pub lon: f64,
}

/// A member state of the organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberState {
    /// ISO 3166-1 alpha-3 code, the key everywhere else.
    pub code: StateCode,
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// ISO 3166-1 numeric code (three digits, as text to keep leading zeros).
    pub numeric: String,
    /// Full official name.
    pub name: Names,
    /// Short name.
    pub short_name: Names,
    /// The capital.
    pub capital: Place,
    /// Member since (partial date).
    pub member_since: PartialDate,
}

/// How a state takes part in one activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Participation {
    /// Takes part fully.
    Participating,
    /// Takes part as an observer.
    Observer,
    /// Does not take part.
    NotParticipating,
    /// Participation suspended (e.g. frozen by the state).
    Suspended,
}

/// An activity (a line of the organization's work) with each state's participation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Stable key.
    pub key: String,
    /// Name.
    pub name: Names,
    /// Free text on what the activity is.
    #[serde(default)]
    pub description: Option<String>,
    /// Participation per state; every member state must be listed.
    pub participation: BTreeMap<StateCode, Participation>,
    /// Where the fact comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// The kind of a body of the organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// A statutory body (Council, Councils of ministers, Committee).
    Statutory,
    /// A permanent working body (Secretariat, Joint Staff).
    PermanentWorking,
    /// An advisory or subsidiary body (Military Committee, working groups).
    Subsidiary,
    /// A structural unit of another body (the Crisis Response Centre).
    Unit,
    /// The Parliamentary Assembly and its organs.
    Parliamentary,
}

/// A body of the organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Stable key.
    pub key: String,
    /// Name.
    pub name: Names,
    /// Abbreviation.
    #[serde(default)]
    pub abbreviation: Option<Names>,
    /// Kind.
    pub kind: BodyKind,
    /// The body it belongs to, if any.
    #[serde(default)]
    pub parent: Option<String>,
    /// Who sits in it.
    #[serde(default)]
    pub composition: Option<String>,
    /// Founded (partial date).
    #[serde(default)]
    pub founded: Option<PartialDate>,
    /// Where it was founded or sits.
    #[serde(default)]
    pub seat: Option<String>,
    /// Whether its meetings are numbered.
    #[serde(default)]
    pub numbered_meetings: bool,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// Known numbered meetings.
    #[serde(default)]
    pub meetings: Vec<Meeting>,
}

/// How a meeting is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    /// In person.
    InPerson,
    /// By videoconference.
    Videoconference,
}

/// A recorded meeting of a body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Ordinal number.
    pub number: u32,
    /// Date.
    pub date: Option<PartialDate>,
    /// Format.
    pub format: MeetingFormat,
    /// Place.
    #[serde(default)]
    pub place: Option<String>,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A post in a body, with its holders over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    /// Stable key.
    pub key: String,
    /// The body.
    pub body: String,
    /// Title.
    pub title: Names,
    /// Holders, oldest first.
    #[serde(default)]
    pub holders: Vec<Holder>,
}

/// A person's term in a post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holder {
    /// Name.
    pub name: Names,
    /// Rank or title, if any.
    #[serde(default)]
    pub rank: Option<Names>,
    /// The state the holder comes from.
    #[serde(default)]
    pub state: Option<StateCode>,
    /// Start of term; None when unknown.
    #[serde(default)]
    pub from: Option<PartialDate>,
    /// End of term; None while in office.
    #[serde(default)]
    pub to: Option<PartialDate>,
    /// Acting rather than appointed.
    #[serde(default)]
    pub acting: bool,
    /// Where the fact comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// The yearly chairmanship.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chairmanship {
    /// Calendar year.
    pub year: i32,
    /// Chairing state.
    pub state: StateCode,
    /// Motto of the year, if any.
    #[serde(default)]
    pub motto: Option<Names>,
}

/// A region of collective security.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Stable key.
    pub key: String,
    /// Name.
    pub name: Names,
    /// Member states in the region.
    pub states: Vec<StateCode>,
}

/// A partner organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Stable key.
    pub key: String,
    /// Name.
    pub name: Names,
    /// Abbreviation.
    #[serde(default)]
    pub abbreviation: Option<Names>,
    /// Kind: international organization, UN entity, university, ...
    pub kind: String,
    /// Memoranda and agreements with it.
    #[serde(default)]
    pub memoranda: Vec<Memorandum>,
}

/// A memorandum or agreement with a partner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Memorandum {
    /// Title.
    pub title: Names,
    /// Date signed.
    #[serde(default)]
    pub signed: Option<PartialDate>,
    /// Signed by which body of the organization.
    #[serde(default)]
    pub signed_by: Option<String>,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A component of the Collective Forces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Stable key, used by contingents.
    pub key: String,
    /// Name.
    pub name: Names,
    /// Abbreviation.
    #[serde(default)]
    pub abbreviation: Option<Names>,
    /// Year established, if known.
    #[serde(default)]
    pub established: Option<PartialDate>,
    /// Regions it serves (empty: all).
    #[serde(default)]
    pub regions: Vec<String>,
    /// Display colour for maps and charts (#rrggbb).
    pub colour: String,
}

/// An exercise series training a component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseSeries {
    /// Stable key.
    pub key: String,
    /// Name.
    pub name: Names,
    /// Components trained (empty only for series of emergency services outside the forces).
    #[serde(default)]
    pub components: Vec<String>,
    /// Kind of training.
    pub kind: String,
    /// First held, if known.
    #[serde(default)]
    pub since: Option<i32>,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// The whole reference data set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceData {
    /// Data set version, e.g. "2025.1".
    pub version: String,
    /// Member states.
    pub states: Vec<MemberState>,
    /// Activities with per-state participation.
    pub activities: Vec<Activity>,
    /// Bodies.
    pub bodies: Vec<Body>,
    /// Posts and holders.
    pub posts: Vec<Post>,
    /// Chairmanships by year.
    pub chairmanships: Vec<Chairmanship>,
    /// Regions of collective security.
    pub regions: Vec<Region>,
    /// Partner organizations.
    pub partners: Vec<Partner>,
    /// Components of the Collective Forces.
    pub components: Vec<Component>,
    /// Exercise series.
    pub exercise_series: Vec<ExerciseSeries>,
}

/// One reference record as stored: its kind, its key and its JSON body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceItem {
    /// The kind (`states`, `bodies`, ...).
    pub kind: ReferenceKind,
    /// The key within the kind.
    pub key: String,
    /// The record as JSON.
    pub body: serde_json::Value,
}

/// The kinds of reference records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    /// Member states.
    States,
    /// Activities.
    Activities,
    /// Bodies.
    Bodies,
    /// Posts.
    Posts,
    /// Chairmanships.
    Chairmanships,
    /// Regions.
    Regions,
    /// Partners.
    Partners,
    /// Components.
    Components,
    /// Exercise series.
    ExerciseSeries,
}

impl ReferenceKind {
    /// Every kind, in load order.
    pub const ALL: [ReferenceKind; 9] = [
        ReferenceKind::States,
        ReferenceKind::Activities,
        ReferenceKind::Bodies,
        ReferenceKind::Posts,
        ReferenceKind::Chairmanships,
        ReferenceKind::Regions,
        ReferenceKind::Partners,
        ReferenceKind::Components,
        ReferenceKind::ExerciseSeries,
    ];

    /// The name used in URLs and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceKind::States => "states",
            ReferenceKind::Activities => "activities",
            ReferenceKind::Bodies => "bodies",
            ReferenceKind::Posts => "posts",
            ReferenceKind::Chairmanships => "chairmanships",
            ReferenceKind::Regions => "regions",
            ReferenceKind::Partners => "partners",
            ReferenceKind::Components => "components",
            ReferenceKind::ExerciseSeries => "exercise_series",
        }
    }
}

impl std::str::FromStr for ReferenceKind {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReferenceKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| DomainError::invalid("kind", format!("unknown reference kind `{s}`")))
    }
}

/// The reference data shipped with this build.
pub const BUNDLED: &str = include_str!("../../../reference/organization.toml");

impl ReferenceData {
    /// Parses and checks a reference data file.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let data: ReferenceData = toml::from_str(text)
            .map_err(|e| DomainError::invalid("reference data", e.to_string()))?;
        data.check()?;
        Ok(data)
    }

    /// The bundled reference data.
    pub fn bundled() -> Result<Self, DomainError> {
        Self::parse(BUNDLED)
    }

    /// Checks uniqueness of keys and that every cross-reference resolves.
    pub fn check(&self) -> Result<(), DomainError> {
        let states: BTreeSet<StateCode> = self.states.iter().map(|s| s.code.clone()).collect();
        if states.len() != self.states.len() {
            return Err(DomainError::invalid("states", "duplicate state code"));
        }
        for s in &self.states {
            check_place(&format!("states.{}.capital", s.code), &s.capital)?;
        }
        let known_state = |ctx: &str, c: &StateCode| -> Result<(), DomainError> {
            if states.contains(c) {
                Ok(())
            } else {
                Err(DomainError::invalid(ctx, format!("unknown state `{c}`")))
            }
        };
        unique(self.activities.iter().map(|a| a.key.as_str()), "activities")?;
        for a in &self.activities {
            for c in a.participation.keys() {
                known_state(&format!("activities.{}", a.key), c)?;
            }
            if a.participation.len() != states.len() {
                return Err(DomainError::invalid(
                    format!("activities.{}", a.key),
                    "participation must list every member state",
                ));
            }
        }
        let bodies = unique(self.bodies.iter().map(|b| b.key.as_str()), "bodies")?;
        for b in &self.bodies {
            if let Some(p) = &b.parent {
                if !bodies.contains(p.as_str()) {
                    return Err(DomainError::invalid(
                        format!("bodies.{}.parent", b.key),
                        format!("unknown body `{p}`"),
                    ));
                }
            }
        }
        unique(self.posts.iter().map(|p| p.key.as_str()), "posts")?;
        for p in &self.posts {
            if !bodies.contains(p.body.as_str()) {
                return Err(DomainError::invalid(
                    format!("posts.{}.body", p.key),
                    format!("unknown body `{}`", p.body),
                ));
            }
            for h in &p.holders {
                if let Some(s) = &h.state {
                    known_state(&format!("posts.{}.holders", p.key), s)?;
                }
                if let (Some(f), Some(t)) = (&h.from, &h.to) {
                    if f.earliest() > t.latest() {
                        return Err(DomainError::invalid(
                            format!("posts.{}.holders", p.key),
                            format!("term of {} ends before it starts", h.name.en),
                        ));
                    }
                }
            }
        }
        let mut years = BTreeSet::new();
        for c in &self.chairmanships {
            known_state("chairmanships", &c.state)?;
            if !years.insert(c.year) {
                return Err(DomainError::invalid(
                    "chairmanships",
                    format!("two chairmanships in {}", c.year),
                ));
            }
        }
        let regions = unique(self.regions.iter().map(|r| r.key.as_str()), "regions")?;
        for r in &self.regions {
            for s in &r.states {
                known_state(&format!("regions.{}", r.key), s)?;
            }
        }
        unique(self.partners.iter().map(|p| p.key.as_str()), "partners")?;
        let components = unique(self.components.iter().map(|c| c.key.as_str()), "components")?;
        for c in &self.components {
            for r in &c.regions {
                if !regions.contains(r.as_str()) {
                    return Err(DomainError::invalid(
                        format!("components.{}.regions", c.key),
                        format!("unknown region `{r}`"),
                    ));
                }
            }
            if !is_colour(&c.colour) {
                return Err(DomainError::invalid(
                    format!("components.{}.colour", c.key),
                    "must be #rrggbb",
                ));
            }
        }
        unique(
            self.exercise_series.iter().map(|s| s.key.as_str()),
            "exercise_series",
        )?;
        for s in &self.exercise_series {
            for c in &s.components {
                if !components.contains(c.as_str()) {
                    return Err(DomainError::invalid(
                        format!("exercise_series.{}.components", s.key),
                        format!("unknown component `{c}`"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Flattens the data set into stored items, in load order.
    pub fn items(&self) -> Vec<ReferenceItem> {
        fn push<T: Serialize>(
            out: &mut Vec<ReferenceItem>,
            kind: ReferenceKind,
            key: String,
            v: &T,
        ) {
            // Serializing plain data structs to JSON cannot fail.
            let body = serde_json::to_value(v).unwrap_or(serde_json::Value::Null);
            out.push(ReferenceItem { kind, key, body });
        }
        let mut out = Vec::new();
        for s in &self.states {
            push(&mut out, ReferenceKind::States, s.code.to_string(), s);
        }
        for a in &self.activities {
            push(&mut out, ReferenceKind::Activities, a.key.clone(), a);
        }
        for b in &self.bodies {
            push(&mut out, ReferenceKind::Bodies, b.key.clone(), b);
        }
        for p in &self.posts {
            push(&mut out, ReferenceKind::Posts, p.key.clone(), p);
        }
        for c in &self.chairmanships {
            push(
                &mut out,
                ReferenceKind::Chairmanships,
                c.year.to_string(),
                c,
            );
        }
        for r in &self.regions {
            push(&mut out, ReferenceKind::Regions, r.key.clone(), r);
        }
        for p in &self.partners {
            push(&mut out, ReferenceKind::Partners, p.key.clone(), p);
        }
        for c in &self.components {
            push(&mut out, ReferenceKind::Components, c.key.clone(), c);
        }
        for s in &self.exercise_series {
            push(&mut out, ReferenceKind::ExerciseSeries, s.key.clone(), s);
        }
        out
    }
}

fn unique<'a>(
    keys: impl Iterator<Item = &'a str>,
    what: &str,
) -> Result<BTreeSet<&'a str>, DomainError> {
    let mut set = BTreeSet::new();
    for k in keys {
        if k.is_empty() {
            return Err(DomainError::invalid(what, "empty key"));
        }
        if !set.insert(k) {
            return Err(DomainError::invalid(what, format!("duplicate key `{k}`")));
        }
    }
    Ok(set)
}

fn check_place(ctx: &str, p: &Place) -> Result<(), DomainError> {
    crate::contingent::Coordinates::new(p.lat, p.lon)
        .map(|_| ())
        .map_err(|e| DomainError::invalid(ctx, e.to_string()))
}

fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// What a reference load changed, per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadReport {
    /// Records inserted, as `kind/key`.
    pub inserted: Vec<String>,
    /// Records whose content changed, as `kind/key`.
    pub updated: Vec<String>,
    /// Records unchanged.
    pub unchanged: usize,
    /// Stored records absent from the file (kept, never deleted by a load), as `kind/key`.
    pub not_in_file: Vec<String>,
}

impl LoadReport {
    /// True when the load wrote nothing.
    pub fn is_noop(&self) -> bool {
        self.inserted.is_empty() && self.updated.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_is_complete() {
        let d = ReferenceData::bundled().expect("bundled reference data parses and checks");
        let codes: Vec<&str> = d.states.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]);
        let series: BTreeMap<&str, Option<i32>> = d
            .exercise_series
            .iter()
            .map(|s| (s.key.as_str(), s.since))
            .collect();
        for (k, since) in [
            ("rubezh", 2004),
            ("interaction", 2009),
            ("indestructible_brotherhood", 2012),
            ("search", 2016),
            ("combat_brotherhood", 2017),
            ("air_bridge", 2018),
            ("echelon", 2019),
            ("barrier", 2023),
        ] {
            assert_eq!(series.get(k), Some(&Some(since)), "{k}");
        }
        let js = d
            .bodies
            .iter()
            .find(|b| b.key == "joint_staff")
            .expect("joint staff");
        assert_eq!(
            js.founded.as_ref().map(|f| f.to_string()).as_deref(),
            Some("2003-04-28")
        );
        let chair: Vec<(i32, &str)> = d
            .chairmanships
            .iter()
            .map(|c| (c.year, c.state.as_str()))
            .collect();
        assert!(chair.contains(&(2024, "KAZ")) && chair.contains(&(2025, "KGZ")));
        // Participation differs per activity: the 2025 law-enforcement course had five states.
        let course = d
            .activities
            .iter()
            .find(|a| a.key == "law_enforcement_training_2025")
            .expect("course");
        let arm = StateCode::parse("ARM").expect("code");
        assert_eq!(
            course.participation.get(&arm),
            Some(&Participation::NotParticipating)
        );
        let regions: BTreeSet<&str> = d.regions.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(
            regions,
            ["caucasus", "central_asian", "eastern_european"].into()
        );
    }

    #[test]
    fn broken_cross_references_are_refused_with_their_place() {
        let mut d = ReferenceData::bundled().expect("bundled");
        d.posts[0].body = "nowhere".into();
        let e = d.check().unwrap_err().to_string();
        assert!(
            e.contains("posts.") && e.contains("unknown body `nowhere`"),
            "{e}"
        );
        let e = ReferenceData::parse("version = 1").unwrap_err().to_string();
        assert!(e.starts_with("reference data:"), "{e}");
    }

    #[test]
    fn demo_contingents_cover_every_state_and_component() {
        let d = ReferenceData::bundled().expect("bundled");
        let demo = crate::demo::parse(crate::demo::BUNDLED).expect("demo parses");
        let states: BTreeSet<String> = demo.iter().map(|c| c.state.to_string()).collect();
        assert_eq!(states.len(), 6);
        let comps: BTreeSet<&str> = d.components.iter().map(|c| c.key.as_str()).collect();
        for c in &demo {
            assert!(comps.contains(c.component.as_str()), "{}", c.component);
            assert!(c.name.ends_with("(demo)"), "{}", c.name);
        }
    }
}
