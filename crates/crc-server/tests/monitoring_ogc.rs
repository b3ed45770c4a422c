//! The OGC API - Features endpoint read by independent GIS clients: GDAL's OAPIF driver
//! (Debian `gdal-bin`'s `ogrinfo`) and PyPI `OWSLib`, each with a bearer token. They list the
//! collections, page through the reports, filter by box and time, and never see a report
//! national to another state, nor an exercise report.

mod common;

use std::process::Command;

use common::TestServer;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn report(state: &str, body: &str, at: &str, lon: f64, lat: f64, title: &str) -> Value {
    json!({
        "observed_at": at,
        "reported_at": at,
        "place": {"type": "Point", "coordinates": [lon, lat]},
        "category": "border_incident",
        "title": title,
        "text": title,
        "source": {"kind": "authorized_body", "state": state, "body": body},
        "grade": {"reliability": "B", "credibility": 2}
    })
}

/// Files eight shared Kazakh reports, one national, and one exercise report.
async fn seed(s: &TestServer) {
    let mut reports: Vec<Value> = (0..8)
        .map(|i| {
            json!({"spec": report("KAZ", "Border Service", &format!("2026-11-{:02}T06:00:00Z", 10 + i), 70.0 + i as f64, 43.0, &format!("Shared report {i}"))})
        })
        .collect();
    reports.push(json!({"spec": report("KAZ", "National Security Committee", "2026-11-15T06:00:00Z", 71.5, 43.0, "National report"), "releasability": {"label": "national"}}));
    let mut drill = report(
        "KAZ",
        "Border Service",
        "2026-11-15T06:00:00Z",
        71.5,
        43.0,
        "Exercise report",
    );
    drill["exercise"] = json!("Rubezh-2026");
    reports.push(json!({"spec": drill}));
    let (st, v, _) = s
        .call(
            Some("lo.kaz"),
            Method::POST,
            "/api/v1/monitoring/reports",
            Some(json!({"reports": reports})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
}

fn ogrinfo(s: &TestServer, user: &str, extra: &[&str]) -> String {
    let out = Command::new("ogrinfo")
        .args(["-ro", "-al", "-q", "--config", "GDAL_HTTP_HEADERS"])
        .arg(format!("Authorization: Bearer {}", s.tokens[user]))
        .args(["--config", "OAPIF_PAGE_SIZE", "3"])
        .arg(format!("OAPIF:{}/api/v1/ogc", s.base))
        .args(extra)
        .output()
        .expect("ogrinfo runs (scripts/setup-test-deps.sh installs gdal-bin)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "ogrinfo failed: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn titles(ogr: &str) -> Vec<String> {
    let mut t: Vec<String> = ogr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("title (String) = "))
        .map(str::to_owned)
        .collect();
    t.sort();
    t
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gdal_reads_the_picture_with_paging_box_and_releasability() {
    let s = TestServer::sqlite().await;
    seed(&s).await;
    // Kazakhstan's officer: eight shared and the national report, paged three at a time.
    let kaz = ogrinfo(&s, "lo.kaz", &["reports"]);
    let mut want: Vec<String> = (0..8).map(|i| format!("Shared report {i}")).collect();
    want.push("National report".into());
    want.sort();
    assert_eq!(titles(&kaz), want, "{kaz}");
    assert!(!kaz.contains("Exercise report"));
    // Armenia's officer: the shared ones only.
    let arm = ogrinfo(&s, "lo.arm", &["reports"]);
    assert_eq!(titles(&arm).len(), 8, "{arm}");
    assert!(!arm.contains("National report"));
    // A spatial filter: longitudes 71.2 to 73.8 hold reports 2 and 3 (and the national one).
    let boxed = ogrinfo(
        &s,
        "lo.kaz",
        &["-spat", "71.2", "42", "73.8", "44", "reports"],
    );
    assert_eq!(
        titles(&boxed),
        vec!["National report", "Shared report 2", "Shared report 3"],
        "{boxed}"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owslib_reads_collections_and_filters_by_time() {
    let s = TestServer::postgres().await;
    seed(&s).await;
    let script = r#"
import json, sys
from owslib.ogcapi.features import Features
url, token = sys.argv[1], sys.argv[2]
w = Features(url, headers={"Authorization": "Bearer " + token})
cols = sorted(c["id"] for c in w.collections()["collections"])
conf = w.conformance()["conformsTo"]
week = w.collection_items("reports", datetime_="2026-11-12T00:00:00Z/2026-11-15T23:59:59Z", limit=100)
box = w.collection_items("reports", bbox=[71.2, 42, 73.8, 44], limit=100)
print(json.dumps({
    "collections": cols,
    "core": any(c.endswith("conf/core") for c in conf),
    "week": sorted(f["properties"]["title"] for f in week["features"]),
    "box": sorted(f["properties"]["title"] for f in box["features"]),
}))
"#;
    let run = |user: &str| {
        let out = Command::new(common::python())
            .arg("-c")
            .arg(script)
            .arg(format!("{}/api/v1/ogc", s.base))
            .arg(&s.tokens[user])
            .output()
            .expect("the test venv's python runs (scripts/setup-test-deps.sh)");
        assert!(
            out.status.success(),
            "OWSLib failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let kaz = run("lo.kaz");
    assert_eq!(kaz["collections"], json!(["events", "reports"]));
    assert_eq!(kaz["core"], true);
    assert_eq!(
        kaz["week"],
        json!([
            "National report",
            "Shared report 2",
            "Shared report 3",
            "Shared report 4",
            "Shared report 5"
        ])
    );
    assert_eq!(
        kaz["box"],
        json!(["National report", "Shared report 2", "Shared report 3"])
    );
    let arm = run("lo.arm");
    assert_eq!(arm["box"], json!(["Shared report 2", "Shared report 3"]));

    // Without a token: refused. Bad parameters: 400.
    let (st, _, _) = s
        .call(
            None,
            Method::GET,
            "/api/v1/ogc/collections/reports/items",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    for q in ["bbox=1,2,3", "datetime=yesterday", "limit=0", "colour=red"] {
        let (st, v, _) = s
            .call(
                Some("lo.kaz"),
                Method::GET,
                &format!("/api/v1/ogc/collections/reports/items?{q}"),
                None,
                &[],
            )
            .await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{q}: {v}");
    }
    s.stop().await;
}
