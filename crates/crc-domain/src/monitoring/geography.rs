//! Which state and region of collective security a place is in, from the outlines of the
//! member states and their neighbours (`reference/geography.json`, Natural Earth 1:50m, made
//! by the console's basemap build) and the regions of the reference data.
//!
//! A place belongs to the state whose outline holds its anchor point. The regions overlap in
//! Russia, which is in all three: a place in Russia belongs to the region of the nearest other
//! member state (Belarus: Eastern European; Armenia: Caucasus; Kazakhstan, Kyrgyzstan,
//! Tajikistan: Central Asian). A place outside the member states but within
//! [`REGION_REACH_KM`] of one (the Afghan side of the Tajik border) belongs to that state's
//! region the same way: what happens next door is part of the region's situation.

use geo::{BoundingRect, Closest, ClosestPoint, Contains, Distance, Haversine, Simplify};
use serde::{Deserialize, Serialize};

use super::place::Place;
use crate::codes::StateCode;
use crate::error::DomainError;
use crate::reference::{Names, Region};

/// The bundled outlines.
pub const BUNDLED: &str = include_str!("../../../../reference/geography.json");

/// How far outside the member states a place still belongs to a region, in kilometres.
pub const REGION_REACH_KM: f64 = 300.0;

/// Tolerance of the simplified outlines distances are measured on, in degrees (about 2 km):
/// the nearest border need not be known to the metre, and the full outline of Russia is slow.
const SIMPLIFY_DEGREES: f64 = 0.02;

/// One state's outline.
struct Land {
    code: StateCode,
    names: Names,
    member: bool,
    outline: geo::MultiPolygon<f64>,
    coarse: geo::MultiPolygon<f64>,
    bbox: geo::Rect<f64>,
}

/// Where a place is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The member state holding the place, if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<StateCode>,
    /// The country holding the place, member or neighbour, if the outlines know it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<StateCode>,
    /// The region of collective security, if the place is in or near one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Distance to the nearest member state, in kilometres (0 inside one).
    pub member_km: f64,
}

/// The outlines and the regions.
pub struct Geography {
    lands: Vec<Land>,
    regions: Vec<Region>,
}

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: MultiPolygon,
}

#[derive(Deserialize)]
struct Properties {
    iso3: Option<String>,
    name_en: String,
    name_ru: String,
    member: bool,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum MultiPolygon {
    MultiPolygon(Vec<Vec<Vec<[f64; 2]>>>),
    Polygon(Vec<Vec<[f64; 2]>>),
}

impl Geography {
    /// Reads outlines (a GeoJSON FeatureCollection as `reference/geography.json`) and takes
    /// the regions of the reference data.
    pub fn parse(geojson: &str, regions: &[Region]) -> Result<Geography, DomainError> {
        let c: Collection = serde_json::from_str(geojson)
            .map_err(|e| DomainError::invalid("geography", e.to_string()))?;
        let mut lands = Vec::new();
        for (i, f) in c.features.into_iter().enumerate() {
            let Some(iso3) = f.properties.iso3 else {
                continue;
            };
            let code = StateCode::parse(&iso3).map_err(|e| {
                DomainError::invalid(format!("features[{i}].properties.iso3"), e.to_string())
            })?;
            let polys = match f.geometry {
                MultiPolygon::MultiPolygon(p) => p,
                MultiPolygon::Polygon(p) => vec![p],
            };
            let outline = geo::MultiPolygon::new(
                polys
                    .iter()
                    .filter(|rings| !rings.is_empty())
                    .map(|rings| {
                        let ring = |r: &Vec<[f64; 2]>| {
                            geo::LineString::from(
                                r.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>(),
                            )
                        };
                        geo::Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect())
                    })
                    .collect(),
            );
            let Some(bbox) = outline.bounding_rect() else {
                continue;
            };
            lands.push(Land {
                code,
                names: Names {
                    en: f.properties.name_en,
                    ru: f.properties.name_ru,
                },
                member: f.properties.member,
                coarse: outline.simplify(SIMPLIFY_DEGREES),
                outline,
                bbox,
            });
        }
        for r in regions {
            for s in &r.states {
                if !lands.iter().any(|l| l.member && &l.code == s) {
                    return Err(DomainError::invalid(
                        "geography",
                        format!(
                            "no outline of {}, a state of region `{}`",
                            s.as_str(),
                            r.key
                        ),
                    ));
                }
            }
        }
        Ok(Geography {
            lands,
            regions: regions.to_vec(),
        })
    }

    /// The bundled outlines with `regions`.
    pub fn bundled(regions: &[Region]) -> Result<Geography, DomainError> {
        Geography::parse(BUNDLED, regions)
    }

    /// Each state's simplified outline (about 2 km), member states flagged: what a map draws.
    pub fn outlines(&self) -> impl Iterator<Item = (&StateCode, bool, &geo::MultiPolygon<f64>)> {
        self.lands.iter().map(|l| (&l.code, l.member, &l.coarse))
    }

    /// The name of a state the outlines know.
    pub fn name(&self, code: &StateCode) -> Option<&Names> {
        self.lands
            .iter()
            .find(|l| &l.code == code)
            .map(|l| &l.names)
    }

    /// A point inside a state's outline (inside its largest part), for an alert that names
    /// only the country.
    pub fn anchor_of(&self, code: &StateCode) -> Option<[f64; 2]> {
        use geo::{Area, InteriorPoint};
        let land = self.lands.iter().find(|l| &l.code == code)?;
        let largest = land
            .outline
            .0
            .iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
        largest.interior_point().map(|p| [p.x(), p.y()])
    }

    /// Where `place` is.
    pub fn locate(&self, place: &Place) -> Location {
        let [x, y] = place.anchor();
        let p = geo::Point::new(x, y);
        let country = self
            .lands
            .iter()
            .find(|l| l.bbox.contains(&p) && l.outline.contains(&p));
        let state = country.filter(|l| l.member).map(|l| l.code.clone());
        let (nearest, member_km) = match &state {
            Some(s) => (Some(s.clone()), 0.0),
            None => match self.nearest(p, |_| true) {
                Some((code, km)) => (Some(code), km),
                None => (None, f64::INFINITY),
            },
        };
        let region = nearest
            .filter(|_| member_km <= REGION_REACH_KM)
            .and_then(|s| self.region_of(&s, p));
        Location {
            state,
            country: country.map(|l| l.code.clone()),
            region,
            member_km,
        }
    }

    /// The region a point in or near member state `s` belongs to.
    fn region_of(&self, s: &StateCode, p: geo::Point<f64>) -> Option<String> {
        let holding: Vec<&Region> = self
            .regions
            .iter()
            .filter(|r| r.states.contains(s))
            .collect();
        match holding.as_slice() {
            [] => None,
            [one] => Some(one.key.clone()),
            many => {
                // The region of the nearest other member state of these regions.
                let (near, _) = self.nearest(p, |code| {
                    code != s && many.iter().any(|r| r.states.contains(code))
                })?;
                many.iter()
                    .find(|r| r.states.contains(&near))
                    .map(|r| r.key.clone())
            }
        }
    }

    /// The nearest member state passing `keep`, and its distance in kilometres.
    fn nearest(
        &self,
        p: geo::Point<f64>,
        keep: impl Fn(&StateCode) -> bool,
    ) -> Option<(StateCode, f64)> {
        self.lands
            .iter()
            .filter(|l| l.member && keep(&l.code))
            .filter_map(|l| {
                let q = match l.coarse.closest_point(&p) {
                    Closest::Intersection(q) | Closest::SinglePoint(q) => q,
                    Closest::Indeterminate => return None,
                };
                Some((l.code.clone(), Haversine.distance(p, q) / 1000.0))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::ReferenceData;

    fn geography() -> Geography {
        Geography::bundled(&ReferenceData::bundled().unwrap().regions).unwrap()
    }

    fn at(g: &Geography, lon: f64, lat: f64) -> (Option<String>, Option<String>, Option<String>) {
        let l = g.locate(&Place::Point([lon, lat]));
        (
            l.state.map(|s| s.as_str().to_owned()),
            l.country.map(|s| s.as_str().to_owned()),
            l.region,
        )
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn capitals_lie_in_their_states_and_regions() {
        let g = geography();
        assert_eq!(
            at(&g, 76.95, 43.24),
            (some("KAZ"), some("KAZ"), some("central_asian"))
        ); // Almaty
        assert_eq!(
            at(&g, 68.78, 38.56),
            (some("TJK"), some("TJK"), some("central_asian"))
        ); // Dushanbe
        assert_eq!(
            at(&g, 74.59, 42.87),
            (some("KGZ"), some("KGZ"), some("central_asian"))
        ); // Bishkek
        assert_eq!(
            at(&g, 44.51, 40.18),
            (some("ARM"), some("ARM"), some("caucasus"))
        ); // Yerevan
        assert_eq!(
            at(&g, 27.56, 53.90),
            (some("BLR"), some("BLR"), some("eastern_european"))
        ); // Minsk
    }

    #[test]
    fn russia_splits_among_the_regions_by_the_nearest_other_member() {
        let g = geography();
        assert_eq!(at(&g, 31.0, 54.8).2, some("eastern_european")); // Smolensk
        assert_eq!(at(&g, 43.7, 43.5).2, some("caucasus")); // Nalchik
        assert_eq!(at(&g, 61.4, 55.2).2, some("central_asian")); // Chelyabinsk
    }

    #[test]
    fn next_door_belongs_to_the_region_and_far_away_to_none() {
        let g = geography();
        // Kunduz, Afghanistan: about 60 km south of the Tajik border.
        let l = g.locate(&Place::Point([68.86, 36.73]));
        assert_eq!(l.state, None);
        assert_eq!(l.country.as_ref().map(|c| c.as_str()), Some("AFG"));
        assert_eq!(l.region.as_deref(), Some("central_asian"));
        assert!(l.member_km > 20.0 && l.member_km < 150.0, "{}", l.member_km);
        // Kandahar is some 700 km away: outside every region.
        let l = g.locate(&Place::Point([65.7, 31.6]));
        assert_eq!(l.region, None);
        // The middle of the Pacific: no country at all.
        assert_eq!(at(&g, -150.0, 0.0), (None, None, None));
    }
}
