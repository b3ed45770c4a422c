//! The web console is served by the binary itself, from its own origin only.

mod common;

use common::TestServer;
use reqwest::StatusCode;

#[tokio::test]
async fn the_console_page_and_its_assets_come_from_the_binary() {
    let s = TestServer::sqlite().await;
    let res = s.http.get(s.url("/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
    assert_eq!(h["cache-control"], "no-cache");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(csp.contains("connect-src 'self'"), "{csp}");
    let html = res.text().await.unwrap();
    // Every script and stylesheet the page names is embedded, hashed and cached for long.
    let assets: Vec<&str> = html
        .split(['"', '\''])
        .filter(|p| p.starts_with("/assets/"))
        .collect();
    assert!(!assets.is_empty(), "{html}");
    for a in assets {
        let res = s.http.get(s.url(a)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{a}");
        assert_eq!(
            res.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{a}"
        );
        if a.ends_with(".js") {
            assert!(res.headers()["content-type"]
                .to_str()
                .unwrap()
                .contains("javascript"));
        }
    }
    // Nothing in the page points at another origin.
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
    s.stop().await;
}

#[tokio::test]
async fn unknown_paths_are_the_apis_not_found_and_assets_are_read_only() {
    let s = TestServer::sqlite().await;
    for path in ["/nope.js", "/api/v1/nope", "/assets/missing.js"] {
        let res = s.http.get(s.url(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        let v: serde_json::Value = res.json().await.unwrap();
        assert_eq!(v["code"], "no_route", "{path}");
    }
    let res = s.http.post(s.url("/index.html")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = s.http.post(s.url("/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    s.stop().await;
}

#[tokio::test]
async fn scripts_are_compressed_and_the_event_stream_is_not() {
    let s = TestServer::sqlite().await;
    let html = s
        .http
        .get(s.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let script = html
        .split('"')
        .find(|p| p.starts_with("/assets/") && p.ends_with(".js"))
        .unwrap()
        .to_owned();
    let res = s
        .http
        .get(s.url(&script))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let res = s
        .http
        .get(s.url("/api/v1/events"))
        .bearer_auth(&s.tokens["observer"])
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("content-encoding").is_none());
    s.stop().await;
}
