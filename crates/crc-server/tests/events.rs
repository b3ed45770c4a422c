//! The live event stream: what a client hears, what it may not hear, and that a reconnecting
//! client loses nothing.

mod common;

use std::time::Duration;

use common::{contingent, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// One server-sent event.
#[derive(Debug)]
struct Ev {
    event: String,
    id: Option<i64>,
    data: Value,
}

/// A minimal reader of `text/event-stream` (the browser's EventSource is the independent
/// client, in the end-to-end tests).
struct Stream {
    res: reqwest::Response,
    buf: String,
}

impl Stream {
    async fn open(s: &TestServer, user: &str, headers: &[(&str, &str)], query: &str) -> Stream {
        let mut r = s
            .http
            .get(s.url(&format!("/api/v1/events{query}")))
            .bearer_auth(&s.tokens[user]);
        for (k, v) in headers {
            r = r.header(*k, *v);
        }
        let res = r.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            res.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        Stream {
            res,
            buf: String::new(),
        }
    }

    /// The next event, skipping keep-alive comments; `None` when the stream ended.
    async fn next(&mut self) -> Option<Ev> {
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let (mut event, mut id, mut data) = (String::from("message"), None, String::new());
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        event = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().parse().ok();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim_start());
                    }
                }
                if block.lines().all(|l| l.starts_with(':') || l.is_empty()) {
                    continue;
                }
                let data = serde_json::from_str(&data).unwrap_or(Value::String(data));
                return Some(Ev { event, id, data });
            }
            let chunk = tokio::time::timeout(Duration::from_secs(10), self.res.chunk())
                .await
                .expect("an event within 10 s")
                .unwrap()?;
            self.buf.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    }

    async fn expect(&mut self, event: &str) -> Ev {
        let e = self.next().await.expect("the stream is open");
        assert_eq!(e.event, event, "{e:?}");
        e
    }
}

async fn create(s: &TestServer, who: &str, body: Value) -> i64 {
    let (st, v, _) = s
        .call(
            Some(who),
            Method::POST,
            "/api/v1/contingents",
            Some(body),
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    v["id"].as_i64().unwrap()
}

fn national(state: &str, name: &str) -> Value {
    let mut c = contingent(state, name);
    c["releasability"] = json!({"label": "national"});
    c
}

#[tokio::test]
async fn a_change_by_another_user_arrives_with_its_sequence_number() {
    let s = TestServer::sqlite().await;
    let mut st = Stream::open(&s, "observer", &[], "").await;
    let hello = st.expect("hello").await;
    assert_eq!(hello.data["resumed"], false);
    let start = hello.id.unwrap();
    let id = create(&s, "duty", contingent("KAZ", "Live one")).await;
    let ev = st.expect("change").await;
    assert_eq!(ev.data["entity"], "contingent");
    assert_eq!(ev.data["action"], "create");
    assert_eq!(ev.data["id"], id.to_string());
    assert_eq!(ev.data["actor"], "duty");
    assert_eq!(ev.data["version"], 1);
    assert_eq!(ev.id, Some(start + 1));
    let (_, _, _) = s
        .call(
            Some("planner"),
            Method::DELETE,
            &format!("/api/v1/contingents/{id}"),
            None,
            &[("If-Match", "\"1\"")],
        )
        .await;
    let ev = st.expect("change").await;
    assert_eq!(ev.data["action"], "delete");
    assert_eq!(ev.data["version"], Value::Null);
    s.stop().await;
}

#[tokio::test]
async fn a_reconnecting_client_receives_every_change_it_missed() {
    let s = TestServer::sqlite().await;
    let mut st = Stream::open(&s, "duty", &[], "").await;
    let last = st.expect("hello").await.id.unwrap();
    drop(st);
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(create(&s, "planner", contingent("ARM", &format!("Missed {n}"))).await);
    }
    // As a browser's EventSource reconnects: with the last id it saw.
    let mut st = Stream::open(&s, "duty", &[("Last-Event-ID", &last.to_string())], "").await;
    let hello = st.expect("hello").await;
    assert_eq!(hello.data["resumed"], true);
    assert_eq!(hello.id, Some(last));
    for id in &ids {
        assert_eq!(st.expect("change").await.data["id"], id.to_string());
    }
    // `?after=` does the same for a client that reconnects by itself.
    let mut st = Stream::open(&s, "duty", &[], &format!("?after={last}")).await;
    st.expect("hello").await;
    assert_eq!(st.expect("change").await.data["id"], ids[0].to_string());
    s.stop().await;
}

#[tokio::test]
async fn an_officer_never_hears_of_another_states_national_record() {
    let s = TestServer::sqlite().await;
    let mut arm = Stream::open(&s, "lo.arm", &[], "").await;
    let mut kaz = Stream::open(&s, "lo.kaz", &[], "").await;
    arm.expect("hello").await;
    kaz.expect("hello").await;
    let secret = create(&s, "lo.kaz", national("KAZ", "Kazakh national")).await;
    let open = create(&s, "duty", contingent("KGZ", "Organization-wide")).await;
    assert_eq!(kaz.expect("change").await.data["id"], secret.to_string());
    assert_eq!(kaz.expect("change").await.data["id"], open.to_string());
    // The Armenian officer's next event is the open one: the national one was skipped.
    assert_eq!(arm.expect("change").await.data["id"], open.to_string());
    // A record made national later is told (it left the officer's sight), then nothing more.
    let (st, v, _) = s
        .call(
            Some("duty"),
            Method::PUT,
            &format!("/api/v1/contingents/{open}"),
            Some(national("KGZ", "Organization-wide")),
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(arm.expect("change").await.data["action"], "update");
    let later = create(&s, "duty", contingent("BLR", "Later")).await;
    let (_, _, _) = s
        .call(
            Some("duty"),
            Method::PUT,
            &format!("/api/v1/contingents/{open}"),
            Some(national("KGZ", "Renamed while national")),
            &[("If-Match", "\"2\"")],
        )
        .await;
    let after = create(&s, "duty", contingent("BLR", "After")).await;
    assert_eq!(arm.expect("change").await.data["id"], later.to_string());
    assert_eq!(arm.expect("change").await.data["id"], after.to_string());
    // Users' changes reach administrators only.
    let mut admin = Stream::open(&s, "admin", &[], "").await;
    admin.expect("hello").await;
    let (st, _, _) = s
        .call(
            Some("admin"),
            Method::PATCH,
            "/api/v1/users/observer",
            Some(json!({"locale": "ru"})),
            &[],
        )
        .await;
    assert!(st.is_success());
    let marker = create(&s, "duty", contingent("TJK", "Marker")).await;
    assert_eq!(admin.expect("change").await.data["entity"], "user");
    assert_eq!(arm.expect("change").await.data["id"], marker.to_string());
    s.stop().await;
}

#[tokio::test]
async fn a_change_made_outside_this_server_is_found_by_the_poll() {
    let s = TestServer::sqlite().await;
    let mut st = Stream::open(&s, "observer", &[], "").await;
    st.expect("hello").await;
    // Straight into the store, as the command line or a second server would: no wake-up.
    let draft = crc_server::wire::ContingentIn::parse(
        &serde_json::from_value(contingent("RUS", "From elsewhere")).unwrap(),
    )
    .unwrap();
    let c = s
        .store
        .create_contingent("cli", &draft, false)
        .await
        .unwrap();
    assert_eq!(st.expect("change").await.data["id"], c.id.to_string());
    s.stop().await;
}

#[tokio::test]
async fn bad_resume_points_are_refused_and_anonymous_callers_are_not_served() {
    let s = TestServer::sqlite().await;
    let (st, v, _) = s
        .call(
            Some("duty"),
            Method::GET,
            "/api/v1/events",
            None,
            &[("Last-Event-ID", "yesterday")],
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v["code"], "invalid_event_id");
    let (st, v, _) = s
        .call(
            Some("duty"),
            Method::GET,
            "/api/v1/events?after=-3",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v["details"]["field"], "after");
    let (st, _, _) = s.call(None, Method::GET, "/api/v1/events", None, &[]).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    // An id beyond the newest (another database) restarts at the newest, not resumed.
    let mut stream = Stream::open(&s, "duty", &[("Last-Event-ID", "999999")], "").await;
    let hello = stream.expect("hello").await;
    assert_eq!(hello.data["resumed"], false);
    assert_eq!(hello.id, Some(s.audit_len().await));
    s.stop().await;
}

#[tokio::test]
async fn the_stream_ends_when_the_session_ends() {
    let s = TestServer::with_settings(crc_server::ServerSettings {
        event_recheck: Duration::from_millis(200),
        ..Default::default()
    })
    .await;
    let login = s
        .http
        .post(s.url("/api/v1/auth/login"))
        .json(&json!({"username": "duty", "password": common::PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let csrf = login.json::<Value>().await.unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = s
        .http
        .get(s.url("/api/v1/events"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    let mut st = Stream {
        res,
        buf: String::new(),
    };
    st.expect("hello").await;
    let out = s
        .http
        .post(s.url("/api/v1/auth/logout"))
        .header("cookie", &cookie)
        .header("x-csrf-token", csrf)
        .send()
        .await
        .unwrap();
    assert!(out.status().is_success());
    assert_eq!(st.expect("end").await.data, "session ended");
    assert!(st.next().await.is_none());
    s.stop().await;
}

#[tokio::test]
async fn shutdown_ends_open_streams_and_finishes() {
    let s = TestServer::sqlite().await;
    let mut st = Stream::open(&s, "observer", &[], "").await;
    st.expect("hello").await;
    let stopping = tokio::spawn(s.stop());
    assert_eq!(st.expect("end").await.data, "server shutting down");
    assert!(st.next().await.is_none());
    tokio::time::timeout(Duration::from_secs(10), stopping)
        .await
        .expect("shutdown finishes while a stream was open")
        .unwrap();
}

#[tokio::test]
async fn postgres_streams_the_same_changes() {
    let s = TestServer::postgres().await;
    let mut arm = Stream::open(&s, "lo.arm", &[], "").await;
    arm.expect("hello").await;
    create(&s, "lo.kaz", national("KAZ", "Kazakh national")).await;
    let open = create(&s, "duty", contingent("KGZ", "Organization-wide")).await;
    assert_eq!(arm.expect("change").await.data["id"], open.to_string());
    s.stop().await;
}
