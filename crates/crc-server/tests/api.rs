//! The API over real HTTP: sessions, CSRF, versions, bad input, and both backends.

mod common;

use common::{contingent, TestServer, PASSWORD};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn crud_with_versions(s: TestServer) {
    let (st, c, h) = s
        .call(
            Some("planner"),
            Method::POST,
            "/api/v1/contingents",
            Some(contingent("KAZ", "Test battalion")),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{c}");
    assert_eq!(h["etag"], "\"1\"");
    let id = c["id"].as_i64().unwrap();
    assert_eq!(h["location"], format!("/api/v1/contingents/{id}").as_str());
    let path = format!("/api/v1/contingents/{id}");

    let (st, got, h) = s.call(Some("lo.arm"), Method::GET, &path, None, &[]).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(got, c);
    assert_eq!(h["etag"], "\"1\"");

    // Two officers read version 1; the first to save wins, the second gets the choice.
    let mut a = contingent("KAZ", "Test battalion");
    a["personnel"] = json!(300);
    let (st, after, h) = s
        .call(
            Some("planner"),
            Method::PUT,
            &path,
            Some(a),
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{after}");
    assert_eq!(after["version"], 2);
    assert_eq!(h["etag"], "\"2\"");
    let mut b = contingent("KAZ", "Test battalion");
    b["personnel"] = json!(999);
    let before = s.audit_len().await;
    let (st, err, _) = s
        .call(
            Some("lo.kaz"),
            Method::PUT,
            &path,
            Some(b.clone()),
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(st, StatusCode::PRECONDITION_FAILED);
    assert_eq!(err["code"], "version_conflict");
    assert_eq!(err["details"]["current"]["personnel"], 300);
    assert_eq!(err["details"]["current"]["version"], 2);
    assert_eq!(
        s.audit_len().await,
        before,
        "a refused change writes nothing"
    );
    let (st, err, _) = s
        .call(Some("lo.kaz"), Method::PUT, &path, Some(b), &[])
        .await;
    assert_eq!(st, StatusCode::PRECONDITION_REQUIRED);
    assert_eq!(err["code"], "precondition_required");

    let (st, list, _) = s
        .call(
            Some("observer"),
            Method::GET,
            "/api/v1/contingents?state=KAZ&sort=-personnel",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["personnel"], 300);

    let (st, _, _) = s
        .call(
            Some("planner"),
            Method::DELETE,
            &path,
            None,
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(st, StatusCode::PRECONDITION_FAILED);
    let (st, _, _) = s
        .call(
            Some("planner"),
            Method::DELETE,
            &path,
            None,
            &[("If-Match", "\"2\"")],
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, err, _) = s.call(Some("planner"), Method::GET, &path, None, &[]).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert_eq!(err["code"], "not_found");
    assert!(s.store.verify_audit().await.unwrap().problems.is_empty());
    s.stop().await;
}

#[tokio::test]
async fn crud_with_versions_sqlite() {
    crud_with_versions(TestServer::sqlite().await).await;
}

#[tokio::test]
async fn crud_with_versions_postgres() {
    crud_with_versions(TestServer::postgres().await).await;
}

#[tokio::test]
async fn national_records_stay_national_over_http() {
    let s = TestServer::sqlite().await;
    let mut body = contingent("KAZ", "Special unit");
    body["releasability"] = json!({"label": "national"});
    let (st, c, _) = s
        .call(
            Some("lo.kaz"),
            Method::POST,
            "/api/v1/contingents",
            Some(body),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{c}");
    let path = format!("/api/v1/contingents/{}", c["id"]);
    for (user, visible) in [
        ("lo.kaz", true),
        ("lo.arm", false),
        ("planner", false),
        ("admin", true),
    ] {
        let (st, _, _) = s.call(Some(user), Method::GET, &path, None, &[]).await;
        assert_eq!(st == StatusCode::OK, visible, "{user}");
        let (_, list, _) = s
            .call(Some(user), Method::GET, "/api/v1/contingents", None, &[])
            .await;
        assert_eq!(list["total"].as_i64().unwrap() == 1, visible, "{user} list");
        let (_, totals, _) = s
            .call(
                Some(user),
                Method::GET,
                "/api/v1/contingents/totals",
                None,
                &[],
            )
            .await;
        assert_eq!(
            totals.as_array().unwrap().len() == 1,
            visible,
            "{user} totals"
        );
    }
    s.stop().await;
}

#[tokio::test]
async fn session_login_cookie_csrf_and_logout() {
    let s = TestServer::sqlite().await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = client
        .post(s.url("/api/v1/auth/login"))
        .json(&json!({"username": "lo.kaz", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let body: Value = r.json().await.unwrap();
    let csrf = body["csrf_token"].as_str().unwrap().to_owned();
    assert_eq!(body["user"]["role"], "liaison_officer");
    assert!(body["user"].get("password_hash").is_none());

    let me: Value = client
        .get(s.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["username"], "lo.kaz");
    assert_eq!(me["csrf_token"], csrf.as_str());

    // Without the CSRF header a cookie cannot change anything.
    let r = client
        .post(s.url("/api/v1/contingents"))
        .json(&contingent("KAZ", "Via session"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["code"], "csrf_failed");
    let r = client
        .post(s.url("/api/v1/contingents"))
        .header("X-CSRF-Token", &csrf)
        .json(&contingent("KAZ", "Via session"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);

    // Preferences persist per user.
    let r = client
        .put(s.url("/api/v1/auth/me/preferences"))
        .header("X-CSRF-Token", &csrf)
        .json(&json!({"locale": "ru"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let me: Value = client
        .get(s.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["locale"], "ru");

    let r = client
        .post(s.url("/api/v1/auth/logout"))
        .header("X-CSRF-Token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = client.get(s.url("/api/v1/auth/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    s.stop().await;
}

#[tokio::test]
async fn failed_logins_are_throttled() {
    let s = TestServer::with_settings(crc_server::ServerSettings {
        login_attempts: 3,
        ..Default::default()
    })
    .await;
    let login = |p: &'static str| {
        let url = s.url("/api/v1/auth/login");
        let http = s.http.clone();
        async move {
            let r = http
                .post(url)
                .json(&json!({"username": "duty", "password": p}))
                .send()
                .await
                .unwrap();
            let st = r.status();
            let retry = r.headers().get("retry-after").is_some();
            let v: Value = r.json().await.unwrap();
            (st, v, retry)
        }
    };
    for _ in 0..3 {
        let (st, v, _) = login("wrong password!").await;
        assert_eq!(st, StatusCode::UNAUTHORIZED);
        assert_eq!(v["code"], "invalid_credentials");
    }
    // Locked now, even with the right password.
    let (st, v, retry) = login(PASSWORD).await;
    assert_eq!(st, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(v["code"], "too_many_attempts");
    assert!(retry);
    // Unknown users answer exactly like wrong passwords.
    let r = s
        .http
        .post(s.url("/api/v1/auth/login"))
        .json(&json!({"username": "nobody", "password": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    s.stop().await;
}

#[tokio::test]
async fn tokens_and_disabled_users() {
    let s = TestServer::sqlite().await;
    let (st, t, _) = s
        .call(
            Some("duty"),
            Method::POST,
            "/api/v1/auth/tokens",
            Some(json!({"name": "script"})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    let secret = t["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("crc_"));
    let r = s
        .http
        .get(s.url("/api/v1/auth/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (st, _, _) = s
        .call(
            Some("admin"),
            Method::PATCH,
            "/api/v1/users/duty",
            Some(json!({"disabled": true})),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let r = s
        .http
        .get(s.url("/api/v1/auth/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "a disabled user's token stops at once"
    );
    let r = s
        .http
        .get(s.url("/api/v1/auth/me"))
        .bearer_auth("crc_made_up")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    s.stop().await;
}

/// Every kind of bad input: a 4xx with a stable code, and nothing written.
#[tokio::test]
async fn bad_input_is_refused_cleanly() {
    let s = TestServer::sqlite().await;
    let (_, c, _) = s
        .call(
            Some("planner"),
            Method::POST,
            "/api/v1/contingents",
            Some(contingent("KAZ", "Existing")),
            &[],
        )
        .await;
    let id = c["id"].as_i64().unwrap();
    let existing = format!("/api/v1/contingents/{id}");
    let long = "x".repeat(201);
    let mut wrong_type = contingent("KAZ", "A");
    wrong_type["personnel"] = json!("many");
    let mut unknown_field = contingent("KAZ", "A");
    unknown_field["colour"] = json!("red");
    let mut bad_state = contingent("XX1", "A");
    bad_state["state"] = json!("XX1");
    let mut unknown_state = contingent("USA", "A");
    unknown_state["state"] = json!("USA");
    let mut bad_lat = contingent("KAZ", "A");
    bad_lat["home_station"]["lat"] = json!(123.0);
    let mut negative = contingent("KAZ", "A");
    negative["equipment"] = json!(-1);
    let mut bad_rel = contingent("KAZ", "A");
    bad_rel["releasability"] = json!({"label": "states", "states": []});

    struct Case {
        what: &'static str,
        method: Method,
        path: String,
        body: Option<Value>,
        raw: Option<(&'static str, String)>,
        headers: Vec<(&'static str, &'static str)>,
        status: StatusCode,
        code: &'static str,
    }
    let post = |what, body: Value, status, code| Case {
        what,
        method: Method::POST,
        path: "/api/v1/contingents".into(),
        body: Some(body),
        raw: None,
        headers: vec![],
        status,
        code,
    };
    let raw = |what, ct: &'static str, text: String, status, code| Case {
        what,
        method: Method::POST,
        path: "/api/v1/contingents".into(),
        body: None,
        raw: Some((ct, text)),
        headers: vec![],
        status,
        code,
    };
    let get = |what, path: String, status, code| Case {
        what,
        method: Method::GET,
        path,
        body: None,
        raw: None,
        headers: vec![],
        status,
        code,
    };
    let cases = vec![
        raw(
            "malformed JSON",
            "application/json",
            "{\"state\": ".into(),
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        raw(
            "not JSON",
            "text/plain",
            "hello".into(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        raw(
            "body over the limit",
            "application/json",
            format!("{{\"name\": \"{}\"}}", "y".repeat(70 * 1024)),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        post(
            "wrong type",
            wrong_type,
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
        post(
            "unknown field",
            unknown_field,
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
        post(
            "missing field",
            json!({"state": "KAZ"}),
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
        post(
            "over-long name",
            contingent("KAZ", &long),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        post(
            "empty name",
            contingent("KAZ", "   "),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        post(
            "malformed state",
            bad_state,
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        post(
            "unknown state",
            unknown_state,
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        post(
            "latitude out of range",
            bad_lat,
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        post(
            "negative count",
            negative,
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        post(
            "empty release list",
            bad_rel,
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        post(
            "duplicate name",
            contingent("KAZ", "Existing"),
            StatusCode::CONFLICT,
            "duplicate",
        ),
        get(
            "invalid id",
            "/api/v1/contingents/abc".into(),
            StatusCode::BAD_REQUEST,
            "invalid_id",
        ),
        get(
            "negative id",
            "/api/v1/contingents/-4".into(),
            StatusCode::BAD_REQUEST,
            "invalid_id",
        ),
        get(
            "unknown id",
            "/api/v1/contingents/999999".into(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        get(
            "bad limit",
            "/api/v1/contingents?limit=100000".into(),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        get(
            "bad sort",
            "/api/v1/contingents?sort=secret".into(),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        get(
            "unknown parameter",
            "/api/v1/contingents?colour=red".into(),
            StatusCode::BAD_REQUEST,
            "invalid_query",
        ),
        get(
            "wrong parameter type",
            "/api/v1/contingents?limit=ten".into(),
            StatusCode::BAD_REQUEST,
            "invalid_query",
        ),
        get(
            "unknown reference kind",
            "/api/v1/reference/planets".into(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        get(
            "unknown route",
            "/api/v1/nothing".into(),
            StatusCode::NOT_FOUND,
            "no_route",
        ),
        Case {
            what: "stale version",
            method: Method::PUT,
            path: existing.clone(),
            body: Some(contingent("KAZ", "Existing")),
            raw: None,
            headers: vec![("If-Match", "\"7\"")],
            status: StatusCode::PRECONDITION_FAILED,
            code: "version_conflict",
        },
        Case {
            what: "garbage If-Match",
            method: Method::PUT,
            path: existing.clone(),
            body: Some(contingent("KAZ", "Existing")),
            raw: None,
            headers: vec![("If-Match", "yesterday")],
            status: StatusCode::BAD_REQUEST,
            code: "invalid_input",
        },
        Case {
            what: "wrong method",
            method: Method::PATCH,
            path: existing.clone(),
            body: None,
            raw: None,
            headers: vec![],
            status: StatusCode::METHOD_NOT_ALLOWED,
            code: "method_not_allowed",
        },
    ];
    let audit_before = s.audit_len().await;
    for c in cases {
        let mut r = s
            .http
            .request(c.method.clone(), s.url(&c.path))
            .bearer_auth(&s.tokens["planner"]);
        for (k, v) in &c.headers {
            r = r.header(*k, *v);
        }
        if let Some(b) = &c.body {
            r = r.json(b);
        }
        if let Some((ct, text)) = &c.raw {
            r = r.header("content-type", *ct).body(text.clone());
        }
        let res = r.send().await.unwrap();
        let status = res.status();
        let v: Value = res.json().await.unwrap_or(Value::Null);
        assert_eq!(status, c.status, "{}: {v}", c.what);
        assert_eq!(v["code"], c.code, "{}: {v}", c.what);
        assert!(
            v["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{}: a message",
            c.what
        );
    }
    assert_eq!(
        s.audit_len().await,
        audit_before,
        "no refused request wrote anything"
    );
    let (_, list, _) = s
        .call(Some("admin"), Method::GET, "/api/v1/contingents", None, &[])
        .await;
    assert_eq!(list["total"], 1);
    s.stop().await;
}

#[tokio::test]
async fn health_is_open_and_everything_else_is_not() {
    let s = TestServer::sqlite().await;
    for p in ["/health", "/ready"] {
        let r = s.http.get(s.url(p)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{p}");
    }
    for p in [
        "/api/v1/contingents",
        "/api/v1/contingents/1",
        "/api/v1/reference",
        "/api/v1/reference/states",
        "/api/v1/users",
        "/api/v1/audit",
        "/api/v1/openapi.json",
        "/metrics",
    ] {
        let r = s.http.get(s.url(p)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{p}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["code"], "unauthenticated", "{p}");
    }
    s.stop().await;
}

#[tokio::test]
async fn reference_data_is_served_in_both_languages() {
    let s = TestServer::sqlite().await;
    let (st, states, _) = s
        .call(
            Some("observer"),
            Method::GET,
            "/api/v1/reference/states",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(states.as_array().unwrap().len(), 6);
    let (_, kaz, _) = s
        .call(
            Some("observer"),
            Method::GET,
            "/api/v1/reference/states/KAZ",
            None,
            &[],
        )
        .await;
    assert_eq!(kaz["name"]["ru"], "Республика Казахстан");
    let (_, overview, _) = s
        .call(
            Some("observer"),
            Method::GET,
            "/api/v1/reference",
            None,
            &[],
        )
        .await;
    assert_eq!(overview["version"], "2025.1");
    // Loading again through the API changes nothing and says so.
    let (st, r, _) = s
        .call(
            Some("admin"),
            Method::POST,
            "/api/v1/reference/load",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(r["inserted"].as_array().unwrap().len(), 0);
    assert_eq!(r["updated"].as_array().unwrap().len(), 0);
    s.stop().await;
}

#[tokio::test]
async fn metrics_count_requests() {
    let s = TestServer::sqlite().await;
    s.call(Some("duty"), Method::GET, "/api/v1/contingents", None, &[])
        .await;
    let r = s
        .http
        .get(s.url("/metrics"))
        .bearer_auth(&s.tokens["duty"])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    assert!(text.contains("crc_http_requests_total"), "{text}");
    assert!(text.contains("route=\"/api/v1/contingents\""), "{text}");
    s.stop().await;
}

#[tokio::test]
async fn openapi_document_matches_snapshot() {
    let s = TestServer::sqlite().await;
    let (st, doc, _) = s
        .call(
            Some("observer"),
            Method::GET,
            "/api/v1/openapi.json",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    insta::assert_json_snapshot!("openapi", doc, {".info.version" => "[version]"});
    s.stop().await;
}
