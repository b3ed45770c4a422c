//! Where a report is: a point or an area, written as a GeoJSON geometry (RFC 7946: longitude
//! first, WGS 84), so that the wire, the OGC API - Features output and the map share one form.

use geo::{BoundingRect, InteriorPoint};
use serde::{Deserialize, Serialize};

use crate::error::DomainError;

/// Most vertices an area may have.
pub const MAX_VERTICES: usize = 2_000;

/// A report's place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "coordinates", deny_unknown_fields)]
pub enum Place {
    /// A point: `[lon, lat]`.
    Point([f64; 2]),
    /// An area: rings of `[lon, lat]`, the first the outline, any others holes; each closed
    /// (last position equal to the first).
    Polygon(Vec<Vec<[f64; 2]>>),
}

/// A box, `[west, south, east, north]`.
pub type Bbox = [f64; 4];

impl Place {
    /// Checks the coordinates; `field` names the place in errors.
    pub fn check(&self, field: &str) -> Result<(), DomainError> {
        match self {
            Place::Point(p) => check_position(&format!("{field}.coordinates"), p),
            Place::Polygon(rings) => {
                if rings.is_empty() {
                    return Err(DomainError::invalid(
                        format!("{field}.coordinates"),
                        "a polygon needs its outline",
                    ));
                }
                let total: usize = rings.iter().map(Vec::len).sum();
                if total > MAX_VERTICES {
                    return Err(DomainError::invalid(
                        format!("{field}.coordinates"),
                        format!("{total} positions; at most {MAX_VERTICES}"),
                    ));
                }
                for (i, ring) in rings.iter().enumerate() {
                    let at = format!("{field}.coordinates[{i}]");
                    if ring.len() < 4 {
                        return Err(DomainError::invalid(
                            at,
                            "a ring needs at least four positions, the last equal to the first",
                        ));
                    }
                    for (j, p) in ring.iter().enumerate() {
                        check_position(&format!("{at}[{j}]"), p)?;
                    }
                    if ring.first() != ring.last() {
                        return Err(DomainError::invalid(
                            at,
                            "the ring is not closed: its last position must equal its first",
                        ));
                    }
                    if area(ring) == 0.0 {
                        return Err(DomainError::invalid(at, "the ring encloses no area"));
                    }
                }
                Ok(())
            }
        }
    }

    /// The place as a `geo` geometry.
    pub fn geometry(&self) -> geo::Geometry<f64> {
        match self {
            Place::Point([x, y]) => geo::Point::new(*x, *y).into(),
            Place::Polygon(rings) => polygon(rings).into(),
        }
    }

    /// A point inside the place: the point itself, or a point inside the area (not its
    /// centroid, which a crescent-shaped area need not contain).
    pub fn anchor(&self) -> [f64; 2] {
        match self {
            Place::Point(p) => *p,
            Place::Polygon(rings) => polygon(rings)
                .interior_point()
                .map(|p| [p.x(), p.y()])
                .unwrap_or(rings[0][0]),
        }
    }

    /// The bounding box.
    pub fn bbox(&self) -> Bbox {
        match self {
            Place::Point([x, y]) => [*x, *y, *x, *y],
            Place::Polygon(rings) => match polygon(rings).bounding_rect() {
                Some(r) => [r.min().x, r.min().y, r.max().x, r.max().y],
                None => [0.0; 4],
            },
        }
    }
}

fn polygon(rings: &[Vec<[f64; 2]>]) -> geo::Polygon<f64> {
    let ring = |r: &Vec<[f64; 2]>| {
        geo::LineString::from(r.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>())
    };
    let outline = rings
        .first()
        .map(ring)
        .unwrap_or_else(|| geo::LineString::new(vec![]));
    geo::Polygon::new(outline, rings.iter().skip(1).map(ring).collect())
}

/// Twice the signed area of a ring (shoelace), in square degrees.
fn area(ring: &[[f64; 2]]) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum()
}

fn check_position(field: &str, p: &[f64; 2]) -> Result<(), DomainError> {
    let [lon, lat] = *p;
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(DomainError::invalid(
            field,
            format!("longitude {lon} is not within -180 to 180 (GeoJSON puts longitude first)"),
        ));
    }
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(DomainError::invalid(
            field,
            format!("latitude {lat} is not within -90 to 90 (GeoJSON puts longitude first)"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_geojson_geometries() {
        let p: Place =
            serde_json::from_str(r#"{"type":"Point","coordinates":[69.2,41.3]}"#).unwrap();
        p.check("place").unwrap();
        assert_eq!(p.anchor(), [69.2, 41.3]);
        let a: Place = serde_json::from_str(
            r#"{"type":"Polygon","coordinates":[[[70,40],[71,40],[71,41],[70,41],[70,40]]]}"#,
        )
        .unwrap();
        a.check("place").unwrap();
        assert_eq!(a.bbox(), [70.0, 40.0, 71.0, 41.0]);
        let [x, y] = a.anchor();
        assert!((70.0..=71.0).contains(&x) && (40.0..=41.0).contains(&y));
    }

    #[test]
    fn bad_places_say_what_and_where() {
        let swapped = Place::Point([41.3, 200.0]);
        let e = swapped.check("place").unwrap_err().to_string();
        assert!(e.starts_with("place.coordinates: latitude 200"), "{e}");
        let open = Place::Polygon(vec![vec![
            [70.0, 40.0],
            [71.0, 40.0],
            [71.0, 41.0],
            [70.0, 41.5],
        ]]);
        let e = open.check("place").unwrap_err().to_string();
        assert!(
            e.starts_with("place.coordinates[0]: the ring is not closed"),
            "{e}"
        );
        let flat = Place::Polygon(vec![vec![
            [70.0, 40.0],
            [71.0, 40.0],
            [72.0, 40.0],
            [70.0, 40.0],
        ]]);
        assert!(flat
            .check("place")
            .unwrap_err()
            .to_string()
            .contains("no area"));
    }
}
