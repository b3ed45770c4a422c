//! Situation monitoring over real HTTP: filing reports by role and state, all or none;
//! grading, corroboration and events; releasability on every read path (one report, lists,
//! search, suggestions, events, the threat picture, EDXL-DE export); exercise traffic kept
//! out of the real picture; CAP 1.2 and EDXL-DE exported and validated by xmllint against the
//! official schemas, imported back, and invalid documents refused with line and column and
//! nothing stored; the USGS feed from the real 2018 snapshot, by request and on a schedule.

mod common;

use std::time::Duration;

use common::{xmllint, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn report(
    state: &str,
    body: &str,
    at: &str,
    (lon, lat): (f64, f64),
    category: &str,
    title: &str,
    text: &str,
) -> Value {
    json!({
        "observed_at": at,
        "reported_at": at,
        "place": {"type": "Point", "coordinates": [lon, lat]},
        "category": category,
        "title": title,
        "text": text,
        "source": {"kind": "authorized_body", "state": state, "body": body},
        "grade": {"reliability": "B", "credibility": 3}
    })
}

async fn file(s: &TestServer, user: &str, reports: Value) -> (StatusCode, Value) {
    let (st, v, _) = s
        .call(
            Some(user),
            Method::POST,
            "/api/v1/monitoring/reports",
            Some(json!({"reports": reports})),
            &[],
        )
        .await;
    (st, v)
}

fn ids(v: &Value) -> Vec<i64> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

async fn filing_and_releasability(s: TestServer) {
    let kaz_secret = report(
        "KAZ",
        "National Security Committee",
        "2026-11-20T06:00:00Z",
        (76.9, 43.2),
        "armed_incident",
        "Armed group near Almaty",
        "Вооружённая группа у Алматы",
    );
    let kaz_open = report(
        "KAZ",
        "Ministry of Defence",
        "2026-11-20T08:00:00Z",
        (76.95, 43.25),
        "armed_incident",
        "Armed group near Almaty confirmed",
        "Подтверждение: вооружённая группа у Алматы",
    );
    let (st, v) = file(
        &s,
        "lo.kaz",
        json!([{"spec": kaz_secret, "releasability": {"label": "national"}}, {"spec": kaz_open}]),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let secret = v["items"][0]["report"]["id"].as_i64().unwrap();
    let open = v["items"][1]["report"]["id"].as_i64().unwrap();
    assert_eq!(
        v["items"][0]["report"]["location"]["region"],
        "central_asian"
    );
    assert_eq!(v["items"][0]["report"]["grade"], "B3");

    // Refusals write nothing: another state's body, a reading role, a bad report in a batch.
    let before = s.audit_len().await;
    let tjk = report(
        "TJK",
        "Border Service",
        "2026-11-20T06:00:00Z",
        (68.8, 37.5),
        "border_incident",
        "x",
        "y",
    );
    let (st, v) = file(&s, "lo.kaz", json!([{"spec": tjk}])).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden")),
        "{v}"
    );
    let (st, _) = file(&s, "planner", json!([{"spec": tjk}])).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let mut wrong = tjk.clone();
    wrong["category"] = json!("gossip");
    let (st, v) = file(&s, "duty", json!([{"spec": tjk}, {"spec": wrong}])).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v["details"]["field"], "reports[1].spec.category", "{v}");
    let mut swapped = tjk.clone();
    swapped["place"]["coordinates"] = json!([37.5, 168.8]);
    let (st, v) = file(&s, "duty", json!([{"spec": swapped}])).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(
        v["details"]["field"], "reports[0].spec.place.coordinates",
        "{v}"
    );
    assert_eq!(s.audit_len().await, before);

    // Releasability on every read path: Armenia's officer sees the shared report only.
    for (user, want) in [
        ("lo.kaz", vec![open, secret]),
        ("lo.arm", vec![open]),
        ("duty", vec![open]),
    ] {
        let (_, v, _) = s
            .call(Some(user), Method::GET, "/api/v1/monitoring/reports?bbox=76,42.5,77.5,44&q=%D0%B2%D0%BE%D0%BE%D1%80%D1%83%D0%B6%D1%91%D0%BD%D0%BD%D1%8B%D0%B5", None, &[])
            .await;
        assert_eq!(ids(&v), want, "{user}: {v}");
    }
    let (st, _, _) = s
        .call(
            Some("lo.arm"),
            Method::GET,
            &format!("/api/v1/monitoring/reports/{secret}"),
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (_, v, _) = s
        .call(
            Some("lo.arm"),
            Method::GET,
            &format!("/api/v1/monitoring/reports/{open}/suggestions"),
            None,
            &[],
        )
        .await;
    assert_eq!(v["items"].as_array().unwrap().len(), 0, "{v}");
    let (_, v, _) = s
        .call(
            Some("lo.kaz"),
            Method::GET,
            &format!("/api/v1/monitoring/reports/{open}/suggestions"),
            None,
            &[],
        )
        .await;
    assert_eq!(v["items"][0]["report"]["id"], secret, "{v}");
    assert_eq!(v["items"][0]["relation"], "corroborates");
    for (user, want) in [("lo.kaz", 2), ("lo.arm", 1)] {
        let (st, v, h) = s
            .call(
                Some(user),
                Method::GET,
                "/api/v1/monitoring/map?bbox=76,42.5,77.5,44",
                None,
                &[],
            )
            .await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(h["content-type"], "application/geo+json");
        assert_eq!(v["features"].as_array().unwrap().len(), want, "{user}: {v}");
        assert_eq!(v["features"][0]["properties"]["grade"], "B3");
    }
    let (st, edxl) = s
        .send_text(
            "lo.arm",
            Method::GET,
            "/api/v1/monitoring/edxl",
            "",
            String::new(),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        edxl.contains("Armed group near Almaty confirmed")
            && !edxl.contains("<headline>Armed group near Almaty</headline>"),
        "{edxl}"
    );

    // The threat picture: Kazakhstan's officer counts both reports, Armenia's one.
    let threat = |user: &'static str| {
        let s = &s;
        async move {
            let (_, v, _) = s
                .call(
                    Some(user),
                    Method::GET,
                    "/api/v1/monitoring/threat?at=2026-11-20T12:00:00Z",
                    None,
                    &[],
                )
                .await;
            v["levels"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["kind"] == "state" && l["key"] == "KAZ")
                .map(|l| l["events"].as_u64().unwrap())
                .unwrap()
        }
    };
    assert_eq!(threat("lo.kaz").await, 2);
    assert_eq!(threat("lo.arm").await, 1);

    // The duty officer grades at the version read, confirms an event, and the grade follows.
    let (st, _, h) = s
        .call(
            Some("duty"),
            Method::GET,
            &format!("/api/v1/monitoring/reports/{open}"),
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let etag = h["etag"].to_str().unwrap().to_owned();
    let grade = |g: &str| json!({"grade": g});
    let (st, v2, _) = s
        .call(
            Some("duty"),
            Method::PUT,
            &format!("/api/v1/monitoring/reports/{open}/grade"),
            Some(grade("A2")),
            &[("if-match", &etag)],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v2}");
    let (st, _, _) = s
        .call(
            Some("duty"),
            Method::PUT,
            &format!("/api/v1/monitoring/reports/{open}/grade"),
            Some(grade("C3")),
            &[("if-match", &etag)],
        )
        .await;
    assert_eq!(st, StatusCode::PRECONDITION_FAILED);
    let (st, _, _) = s
        .call(
            Some("lo.kaz"),
            Method::PUT,
            &format!("/api/v1/monitoring/reports/{open}/grade"),
            Some(grade("C3")),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, v, _) = s
        .call(
            Some("duty"),
            Method::PUT,
            &format!("/api/v1/monitoring/reports/{open}/grade"),
            Some(grade("G9")),
            &[],
        )
        .await;
    assert_eq!(
        (st, v["details"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("grade"))
    );
    assert_eq!(v2["version"], 2);
    // The duty officer (no state) cannot see the national report, so cannot put it in an event.
    let (st, _, _) = s
        .call(
            Some("duty"),
            Method::POST,
            "/api/v1/monitoring/events",
            Some(json!({"title": "Armed group", "reports": [open, secret]})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, ev, _) = s
        .call(
            Some("duty"),
            Method::POST,
            "/api/v1/monitoring/events",
            Some(json!({"title": "Armed group", "reports": [open]})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{ev}");
    assert_eq!(
        (ev["grade"].as_str(), ev["category"].as_str()),
        (Some("A2"), Some("armed_incident"))
    );
    s.stop().await;
}

#[tokio::test]
async fn filing_and_releasability_sqlite() {
    filing_and_releasability(TestServer::sqlite().await).await;
}

#[tokio::test]
async fn filing_and_releasability_postgres() {
    filing_and_releasability(TestServer::postgres().await).await;
}

#[tokio::test]
async fn cap_and_edxl_validate_and_travel_back() {
    let s = TestServer::sqlite().await;
    let mut r = report(
        "TJK",
        "Border Service",
        "2026-11-20T06:00:00Z",
        (68.8, 37.5),
        "border_shooting",
        "Обстрел заставы",
        "Застава обстреляна с сопредельной территории",
    );
    r["place"] = json!({"type": "Polygon", "coordinates": [[[68.0, 37.2], [68.6, 37.2], [68.6, 37.6], [68.0, 37.2]]]});
    let (st, v) = file(&s, "duty", json!([{"spec": r}])).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let id = v["items"][0]["report"]["id"].as_i64().unwrap();

    let (st, cap) = s
        .send_text(
            "duty",
            Method::GET,
            &format!("/api/v1/monitoring/reports/{id}/cap"),
            "",
            String::new(),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    xmllint("CAP-v1.2.xsd", &cap).unwrap();
    assert!(
        cap.contains("<status>Actual</status>") && cap.contains("<value>B3</value>"),
        "{cap}"
    );
    let (st, edxl) = s
        .send_text(
            "duty",
            Method::GET,
            "/api/v1/monitoring/edxl",
            "",
            String::new(),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    xmllint("edxl-de.xsd", &edxl).unwrap();
    assert!(edxl.contains("<distributionStatus>Actual</distributionStatus>"));

    // Another centre imports the envelope: the same report, once.
    let other = TestServer::postgres().await;
    let (st, body) = other
        .send_text(
            "duty",
            Method::POST,
            "/api/v1/monitoring/edxl?state=TJK",
            "application/xml",
            edxl.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    let got = &v["items"][0]["report"]["spec"];
    assert_eq!(got["category"], "border_shooting");
    assert_eq!(got["place"], r["place"]);
    assert_eq!(got["title"], "Обстрел заставы");
    assert_eq!(v["items"][0]["report"]["grade"], "B3");
    let (_, again) = other
        .send_text(
            "duty",
            Method::POST,
            "/api/v1/monitoring/edxl?state=TJK",
            "application/xml",
            edxl,
        )
        .await;
    let again: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again["items"][0]["again"], true);

    // Invalid documents: line, column and reason; nothing stored.
    let before = other.audit_len().await;
    let bad = cap.replacen("<status>Actual</status>", "<status>Real</status>", 1);
    let (st, body) = other
        .send_text(
            "duty",
            Method::POST,
            "/api/v1/monitoring/cap",
            "application/cap+xml",
            bad.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let v: Value = serde_json::from_str(&body).unwrap();
    let line = bad
        .lines()
        .position(|l| l.contains("<status>Real"))
        .unwrap()
        + 1;
    assert_eq!(
        (v["code"].as_str(), v["details"]["line"].as_u64()),
        (Some("invalid_xml"), Some(line as u64)),
        "{v}"
    );
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("`Real` is not a <status>"),
        "{v}"
    );
    let (st, _) = other
        .send_text(
            "duty",
            Method::POST,
            "/api/v1/monitoring/cap",
            "application/cap+xml",
            cap[..cap.len() / 2].to_owned(),
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, _) = other
        .send_text(
            "duty",
            Method::POST,
            "/api/v1/monitoring/cap",
            "text/plain",
            cap.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (st, _) = other
        .send_text(
            "observer",
            Method::POST,
            "/api/v1/monitoring/cap",
            "application/cap+xml",
            cap.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(other.audit_len().await, before);

    // Status respected: a Test alert stores nothing; an Exercise alert is an exercise report,
    // outside the real-world list and the threat picture.
    let test = cap
        .replacen("<status>Actual</status>", "<status>Test</status>", 1)
        .replacen("crc-report-", "crc-test-", 1);
    let (_, body) = other
        .send_text(
            "duty",
            Method::POST,
            "/api/v1/monitoring/cap",
            "application/cap+xml",
            test,
        )
        .await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (
            v["items"].as_array().unwrap().len(),
            v["skipped"].as_array().unwrap().len()
        ),
        (0, 1),
        "{v}"
    );
    let drill = cap
        .replacen("<status>Actual</status>", "<status>Exercise</status>", 1)
        .replacen("crc-report-", "crc-drill-", 1)
        .replacen(
            "</restriction>",
            "</restriction>\n  <note>Rubezh-2026</note>",
            1,
        );
    xmllint("CAP-v1.2.xsd", &drill).unwrap();
    let (st, body) = other
        .send_text(
            "duty",
            Method::POST,
            "/api/v1/monitoring/cap",
            "application/cap+xml",
            drill,
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v["items"][0]["report"]["spec"]["exercise"], "Rubezh-2026",
        "{v}"
    );
    let (_, real, _) = other
        .call(
            Some("duty"),
            Method::GET,
            "/api/v1/monitoring/reports",
            None,
            &[],
        )
        .await;
    assert_eq!(real["items"].as_array().unwrap().len(), 1);
    let (_, ex, _) = other
        .call(
            Some("duty"),
            Method::GET,
            "/api/v1/monitoring/reports?world=exercise&exercise=Rubezh-2026",
            None,
            &[],
        )
        .await;
    assert_eq!(ex["items"].as_array().unwrap().len(), 1);
    let (st, ex_edxl) = other
        .send_text(
            "duty",
            Method::GET,
            "/api/v1/monitoring/edxl?world=exercise&exercise=Rubezh-2026",
            "",
            String::new(),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    xmllint("edxl-de.xsd", &ex_edxl).unwrap();
    assert!(
        ex_edxl.contains("<distributionStatus>Exercise</distributionStatus>")
            && !ex_edxl.contains("<status>Actual</status>")
    );
    let (_, t, _) = other
        .call(
            Some("duty"),
            Method::GET,
            "/api/v1/monitoring/threat?at=2026-11-20T12:00:00Z",
            None,
            &[],
        )
        .await;
    let tjk = t["levels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == "TJK")
        .unwrap()
        .clone();
    assert_eq!(tjk["events"], 1, "the exercise alert counted: {tjk}");
    s.stop().await;
    other.stop().await;
}

fn snapshot() -> String {
    std::fs::read_to_string(
        common::workspace().join("web/node_modules/vega-datasets/data/earthquakes.json"),
    )
    .expect("web/node_modules/vega-datasets (npm ci in web/)")
}

#[tokio::test]
async fn the_usgs_feed_is_ingested_by_request_and_on_schedule() {
    let s = TestServer::postgres().await;
    let (st, body) = s
        .send_text(
            "admin",
            Method::POST,
            "/api/v1/monitoring/feeds/usgs",
            "application/geo+json",
            snapshot(),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["events"], 1707);
    let stored = v["stored"].as_u64().unwrap();
    assert!(stored >= 3, "{v}");
    let (_, v, _) = s
        .call(
            Some("observer"),
            Method::GET,
            "/api/v1/monitoring/reports?state=KAZ&category=earthquake",
            None,
            &[],
        )
        .await;
    assert_eq!(v["items"][0]["spec"]["external_id"], "us1000cftd", "{v}");
    let (_, body) = s
        .send_text(
            "admin",
            Method::POST,
            "/api/v1/monitoring/feeds/usgs",
            "application/geo+json",
            snapshot(),
        )
        .await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (v["stored"].as_u64(), v["again"].as_u64()),
        (Some(0), Some(stored))
    );
    let before = s.audit_len().await;
    let (st, body) = s
        .send_text(
            "admin",
            Method::POST,
            "/api/v1/monitoring/feeds/usgs",
            "application/geo+json",
            snapshot().replacen("\"time\":1517966773840", "\"time\":\"soon\"", 1),
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(body.contains("features[0].properties.time"), "{body}");
    let (st, _) = s
        .send_text(
            "lo.kaz",
            Method::POST,
            "/api/v1/monitoring/feeds/usgs",
            "application/geo+json",
            snapshot(),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(s.audit_len().await, before);
    s.stop().await;

    // On a schedule, from a file the settings name.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all_week.geojson");
    std::fs::write(&path, snapshot()).unwrap();
    let s = TestServer::with_settings(crc_server::ServerSettings {
        feeds: vec![crc_server::feed_poller::FeedSource {
            url: path.display().to_string(),
            every: Duration::from_millis(200),
            min_magnitude: 2.5,
        }],
        ..Default::default()
    })
    .await;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let (_, v, _) = s
            .call(
                Some("duty"),
                Method::GET,
                "/api/v1/monitoring/reports?category=earthquake",
                None,
                &[],
            )
            .await;
        if v["items"].as_array().unwrap().len() as u64 == stored {
            let by: Vec<&str> = v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["created_by"].as_str().unwrap())
                .collect();
            assert!(by.iter().all(|b| *b == "feed:usgs"), "{by:?}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the scheduled feed stored nothing: {v}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Later polls add nothing.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let (_, v, _) = s
        .call(
            Some("duty"),
            Method::GET,
            "/api/v1/monitoring/reports?category=earthquake&limit=1000",
            None,
            &[],
        )
        .await;
    assert_eq!(v["items"].as_array().unwrap().len() as u64, stored);
    s.stop().await;
}

/// The situation summary: levels, a drawn map, the key events and the counts, for the reader's
/// eyes only, and bad periods refused.
#[tokio::test]
async fn the_situation_summary_is_drawn_for_its_reader() {
    let s = TestServer::sqlite().await;
    let shared = report(
        "KAZ",
        "Ministry of Defence",
        "2026-11-20T08:00:00Z",
        (76.95, 43.25),
        "armed_clash",
        "Clash near Almaty",
        "Столкновение у Алматы",
    );
    let secret = report(
        "KAZ",
        "National Security Committee",
        "2026-11-20T06:00:00Z",
        (76.9, 43.2),
        "armed_incident",
        "Secret sighting",
        "Секретно",
    );
    let (st, v) = file(
        &s,
        "lo.kaz",
        json!([{"spec": shared}, {"spec": secret, "releasability": {"label": "national"}}]),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let id = v["items"][0]["report"]["id"].as_i64().unwrap();
    let (st, _, _) = s
        .call(
            Some("duty"),
            Method::POST,
            "/api/v1/monitoring/events",
            Some(json!({"title": "Armed clash near Almaty", "reports": [id]})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    let path = "/api/v1/monitoring/summary?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&region=central_asian";
    let (st, kaz) = s
        .send_text("lo.kaz", Method::GET, path, "", String::new())
        .await;
    assert_eq!(st, StatusCode::OK, "{kaz}");
    for want in [
        "Situation summary",
        "region central_asian",
        "Armed clash near Almaty",
        "<svg",
        "<circle",
        "Secret sighting",
        "Armed clash between forces",
        "KAZ",
    ] {
        assert!(kaz.contains(want), "{want} missing");
    }
    let (_, arm) = s
        .send_text("lo.arm", Method::GET, path, "", String::new())
        .await;
    assert!(arm.contains("Armed clash near Almaty") && !arm.contains("Secret sighting"));
    for bad in [
        "/api/v1/monitoring/summary?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z",
        "/api/v1/monitoring/summary?from=2026-01-01T00:00:00Z&to=2026-11-20T00:00:00Z",
        "/api/v1/monitoring/summary?region=atlantis",
    ] {
        let (st, _, _) = s.call(Some("duty"), Method::GET, bad, None, &[]).await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{bad}");
    }
    s.stop().await;
}
