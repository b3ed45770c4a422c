//! The USGS earthquake feed: the real week of February 2018 that npm `vega-datasets` ships
//! (`web/node_modules/vega-datasets/data/earthquakes.json`, installed by the console's `npm ci`)
//! becomes reports for the events in the regions of collective security and nowhere else; a
//! broken feed is refused with the JSON path of its fault; generated and mutated feeds never
//! make the reader panic.

mod monitoring_common;

use crc_domain::monitoring::geography::Geography;
use crc_domain::monitoring::grade::Grade;
use crc_domain::monitoring::taxonomy::Taxonomy;
use crc_domain::monitoring::usgs;
use crc_domain::reference::ReferenceData;
use proptest::prelude::*;

fn snapshot() -> String {
    static SNAP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SNAP.get_or_init(read_snapshot).clone()
}

fn read_snapshot() -> String {
    let p =
        monitoring_common::workspace().join("web/node_modules/vega-datasets/data/earthquakes.json");
    std::fs::read_to_string(&p).unwrap_or_else(|e| {
        panic!(
            "{} ({e}): scripts/setup-test-deps.sh runs `npm ci` in web/, which installs vega-datasets",
            p.display()
        )
    })
}

fn geography() -> &'static Geography {
    static G: std::sync::OnceLock<Geography> = std::sync::OnceLock::new();
    G.get_or_init(|| Geography::bundled(&ReferenceData::bundled().unwrap().regions).unwrap())
}

#[test]
fn the_real_feed_becomes_reports_in_the_regions_only() {
    let quakes = usgs::parse(&snapshot()).unwrap();
    assert_eq!(quakes.len(), 1707);
    let g = geography();
    let taxonomy = Taxonomy::bundled().unwrap();
    let partners: Vec<String> = ReferenceData::bundled()
        .unwrap()
        .partners
        .iter()
        .map(|p| p.key.clone())
        .collect();
    let reports: Vec<_> = quakes.iter().filter_map(|q| q.to_report(g, 2.5)).collect();
    let ids: Vec<&str> = reports
        .iter()
        .map(|r| r.external_id.as_deref().unwrap())
        .collect();
    // Two in the Pamirs (Tajikistan) and one by Almaty: the week's events in the regions.
    for id in ["us1000chs5", "us1000chn8", "us1000cftd"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    // Nothing from California, Alaska or Japan.
    for r in &reports {
        let l = g.locate(&r.place);
        assert!(l.region.is_some(), "{} is outside the regions", r.title);
        r.check(&taxonomy, &partners, chrono::Utc::now()).unwrap();
        assert_eq!(r.category, "earthquake");
    }
    let almaty = reports
        .iter()
        .find(|r| r.external_id.as_deref() == Some("us1000cftd"))
        .unwrap();
    assert_eq!(almaty.title, "M 3.8 - 14km SSW of Almaty, Kazakhstan");
    assert_eq!(g.locate(&almaty.place).state.unwrap().as_str(), "KAZ");
    assert!(almaty.text.contains("depth 10.0 km"), "{}", almaty.text);
    // Graded by review status: B2 reviewed, B3 automatic.
    let q = quakes.iter().find(|q| q.id == "us1000cftd").unwrap();
    let want = if q.reviewed { "B2" } else { "B3" };
    assert_eq!(almaty.grade, Grade::parse("g", want).unwrap());
    // A higher threshold drops the weaker.
    let strong: Vec<_> = quakes.iter().filter_map(|q| q.to_report(g, 4.5)).collect();
    assert!(strong
        .iter()
        .all(|r| r.external_id.as_deref() != Some("us1000cftd")));
}

#[test]
fn a_broken_feed_is_refused_with_the_path_of_its_fault() {
    let snap = snapshot();
    let cases = [
        (
            snap.replacen(
                "\"coordinates\":[-118.6671667,34.4945,26.49]",
                "\"coordinates\":[-118.6671667]",
                1,
            ),
            "features[0].geometry.coordinates",
        ),
        (
            snap.replacen("\"time\":1517966773840", "\"time\":\"yesterday\"", 1),
            "features[0].properties.time",
        ),
        (
            snap.replacen("\"type\":\"FeatureCollection\"", "\"type\":\"Topology\"", 1),
            "type",
        ),
        (
            snap.replacen(
                "\"coordinates\":[-118.6671667,34.4945,26.49]",
                "\"coordinates\":[34.4945,-218.6671667,26.49]",
                1,
            ),
            "features[0].geometry.coordinates",
        ),
        (snap[..snap.len() / 2].to_owned(), "features["),
        ("{}".to_owned(), "feed"),
    ];
    for (doc, path) in cases {
        assert_ne!(doc, snap, "the case's replacement did not apply");
        let e = usgs::parse(&doc).unwrap_err().to_string();
        assert!(e.starts_with(path), "{e} does not start with {path}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("CRC_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(150)
    ))]

    /// Cutting, splicing and overwriting the real feed never panics the reader: it yields
    /// events or a fault with a path.
    #[test]
    fn mutated_feeds_never_panic(cut in 0usize..1_300_000, len in 0usize..200, with in "[\\[\\]{}\",:0-9a-z.-]{0,12}") {
        let snap = snapshot();
        let mut at = cut.min(snap.len());
        while !snap.is_char_boundary(at) { at -= 1; }
        let mut end = (at + len).min(snap.len());
        while !snap.is_char_boundary(end) { end -= 1; }
        let doc = format!("{}{}{}", &snap[..at], with, &snap[end..]);
        if let Err(e) = usgs::parse(&doc) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    /// Generated features: within range they are read, out of range refused by path.
    #[test]
    fn generated_features_are_read_or_refused_by_path(lon in -400.0f64..400.0, lat in -100.0f64..100.0, mag in -3.0f64..12.0, ms in -1i64..4_000_000_000_000) {
        let doc = serde_json::json!({
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "id": "x1", "properties": {"mag": mag, "time": ms},
                          "geometry": {"type": "Point", "coordinates": [lon, lat, 5.0]}}]
        }).to_string();
        match usgs::parse(&doc) {
            Ok(q) => {
                prop_assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
                prop_assert!((q[0].position[0] - lon).abs() < 1e-9 && (q[0].position[1] - lat).abs() < 1e-9);
                let g = geography();
                let _ = q[0].to_report(g, 2.5);
            }
            Err(e) => prop_assert!(e.to_string().starts_with("features[0]"), "{}", e),
        }
    }
}
