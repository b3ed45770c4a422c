//! The USGS earthquake feed (GeoJSON summary format,
//! `earthquake.usgs.gov/earthquakes/feed/v1.0/geojson.php`): its events in or near the regions
//! of collective security become reports of the feed, graded by the USGS review status.

use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;

use super::geography::Geography;
use super::grade::{Credibility, Grade, Reliability};
use super::place::Place;
use super::report::{ReportSpec, Source};
use crate::error::DomainError;

/// The feed's name as a report's source.
pub const FEED: &str = "usgs";

/// Most features one feed document may hold.
pub const MAX_FEATURES: usize = 100_000;

#[derive(Debug, Deserialize)]
struct Collection {
    #[serde(rename = "type")]
    kind: String,
    features: Vec<Feature>,
}

#[derive(Debug, Deserialize)]
struct Feature {
    #[serde(rename = "type")]
    kind: String,
    id: String,
    properties: Properties,
    geometry: Geometry,
}

#[derive(Debug, Deserialize)]
struct Properties {
    mag: Option<f64>,
    place: Option<String>,
    time: i64,
    updated: Option<i64>,
    url: Option<String>,
    status: Option<String>,
    tsunami: Option<i64>,
    sig: Option<i64>,
    title: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(rename = "magType")]
    mag_type: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    coordinates: Vec<f64>,
}

/// One event of the feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Quake {
    /// The feed's id (`us1000chs5`).
    pub id: String,
    /// Magnitude.
    pub magnitude: Option<f64>,
    /// Magnitude type (`mb`, `ml`).
    pub magnitude_type: Option<String>,
    /// The place in words.
    pub place: Option<String>,
    /// When it happened.
    pub time: DateTime<Utc>,
    /// When the feed last updated it.
    pub updated: DateTime<Utc>,
    /// Longitude, latitude.
    pub position: [f64; 2],
    /// Depth, km.
    pub depth_km: Option<f64>,
    /// `reviewed` by a seismologist, or `automatic`.
    pub reviewed: bool,
    /// Whether a tsunami is possible (oceanic regions).
    pub tsunami: bool,
    /// USGS significance, 0 to about 1000.
    pub significance: Option<i64>,
    /// The event's page.
    pub url: Option<String>,
    /// Title (`M 5.0 - 98km ESE of Vanj, Tajikistan`).
    pub title: Option<String>,
    /// `earthquake`, `quarry blast`, `explosion`, ...
    pub kind: String,
}

fn at_ms(field: &str, ms: i64) -> Result<DateTime<Utc>, DomainError> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .ok_or_else(|| DomainError::invalid(field, format!("{ms} is not a time in milliseconds")))
}

/// Reads a feed document; a fault names its JSON path (`features[3].geometry.coordinates`).
pub fn parse(json: &str) -> Result<Vec<Quake>, DomainError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let c: Collection = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        DomainError::invalid(
            if path == "." { "feed".into() } else { path },
            e.inner().to_string(),
        )
    })?;
    if c.kind != "FeatureCollection" {
        return Err(DomainError::invalid(
            "type",
            format!("`{}`: a feed is a FeatureCollection", c.kind),
        ));
    }
    if c.features.len() > MAX_FEATURES {
        return Err(DomainError::invalid(
            "features",
            format!("{} features; at most {MAX_FEATURES}", c.features.len()),
        ));
    }
    c.features
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let at = format!("features[{i}]");
            if f.kind != "Feature" {
                return Err(DomainError::invalid(
                    format!("{at}.type"),
                    format!("`{}` is not `Feature`", f.kind),
                ));
            }
            if f.id.trim().is_empty() || f.id.len() > 100 {
                return Err(DomainError::invalid(
                    format!("{at}.id"),
                    "an id of 1 to 100 characters",
                ));
            }
            if f.geometry.kind != "Point" {
                return Err(DomainError::invalid(
                    format!("{at}.geometry.type"),
                    format!("`{}`: the feed's events are points", f.geometry.kind),
                ));
            }
            let c = &f.geometry.coordinates;
            if !(2..=3).contains(&c.len()) {
                return Err(DomainError::invalid(
                    format!("{at}.geometry.coordinates"),
                    "longitude, latitude and depth",
                ));
            }
            let position = [c[0], c[1]];
            Place::Point(position).check(&format!("{at}.geometry"))?;
            let time = at_ms(&format!("{at}.properties.time"), f.properties.time)?;
            let updated = match f.properties.updated {
                Some(u) => at_ms(&format!("{at}.properties.updated"), u)?.max(time),
                None => time,
            };
            if let Some(m) = f.properties.mag {
                if !(-2.0..=10.5).contains(&m) {
                    return Err(DomainError::invalid(
                        format!("{at}.properties.mag"),
                        format!("{m} is not a magnitude"),
                    ));
                }
            }
            Ok(Quake {
                id: f.id,
                magnitude: f.properties.mag,
                magnitude_type: f.properties.mag_type,
                place: f.properties.place,
                time,
                updated,
                position,
                depth_km: c.get(2).copied().filter(|d| d.is_finite()),
                reviewed: f.properties.status.as_deref() == Some("reviewed"),
                tsunami: f.properties.tsunami == Some(1),
                significance: f.properties.sig,
                url: f.properties.url,
                title: f.properties.title,
                kind: f.properties.kind.unwrap_or_else(|| "earthquake".into()),
            })
        })
        .collect()
}

impl Quake {
    /// The event as a report, if it is in or near a region of collective security and at
    /// least `min_magnitude` strong. USGS is a usually reliable source (B); a reviewed
    /// solution is probably true (2), an automatic one possibly true (3).
    pub fn to_report(&self, geography: &Geography, min_magnitude: f64) -> Option<ReportSpec> {
        if self.magnitude.unwrap_or(0.0) < min_magnitude {
            return None;
        }
        let place = Place::Point(self.position);
        geography.locate(&place).region.as_ref()?;
        let credibility = if self.reviewed {
            Credibility::PROBABLY_TRUE
        } else {
            Credibility::POSSIBLY_TRUE
        };
        let mag = self
            .magnitude
            .map(|m| {
                format!(
                    "M {m:.1}{}",
                    self.magnitude_type
                        .as_deref()
                        .map(|t| format!(" ({t})"))
                        .unwrap_or_default()
                )
            })
            .unwrap_or_else(|| "magnitude unknown".into());
        let mut text = format!(
            "{} {}, {}. {mag}",
            if self.kind == "earthquake" {
                "Earthquake"
            } else {
                "Seismic event"
            },
            self.place.as_deref().unwrap_or("place unnamed"),
            self.time.format("%Y-%m-%d %H:%M:%S UTC"),
        );
        if let Some(d) = self.depth_km {
            text.push_str(&format!(", depth {d:.1} km"));
        }
        text.push_str(if self.reviewed {
            ". Reviewed by a seismologist."
        } else {
            ". Automatic solution, not yet reviewed."
        });
        if let Some(s) = self.significance {
            text.push_str(&format!(" USGS significance {s}."));
        }
        if self.tsunami {
            text.push_str(" Tsunami possible.");
        }
        if let Some(u) = &self.url {
            text.push_str(&format!(" {u}"));
        }
        let title = self.title.clone().unwrap_or_else(|| {
            format!(
                "{mag} - {}",
                self.place.as_deref().unwrap_or("unnamed place")
            )
        });
        Some(ReportSpec {
            observed_at: self.time,
            reported_at: self.updated,
            place,
            place_name: self.place.clone(),
            category: "earthquake".into(),
            title: title.chars().take(300).collect(),
            text,
            source: Source::Feed { feed: FEED.into() },
            cited: vec!["USGS National Earthquake Information Center".into()],
            grade: Grade {
                reliability: Reliability::B,
                credibility,
            },
            exercise: None,
            external_id: Some(self.id.clone()),
            attachments: vec![],
        })
    }
}
