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

/// The contingent changes after `after`, in order, as every test user may hear of them (the
/// tests below make organization-wide records only).
async fn contingent_changes_after(s: &TestServer, after: i64) -> Vec<i64> {
    let entries = s.store.entries_after(after, 100_000).await.unwrap();
    assert!(
        entries.iter().all(|e| e.entity == "contingent"),
        "only contingents change here"
    );
    entries.iter().map(|e| e.seq).collect()
}

/// Reads change events until one with `seq >= upto`; their ids, in the order received.
async fn changes_until(st: &mut Stream, upto: i64) -> Vec<i64> {
    let mut seen = Vec::new();
    while seen.last().is_none_or(|l| *l < upto) {
        let ev = st.expect("change").await;
        seen.push(ev.id.unwrap());
    }
    seen
}

#[tokio::test]
async fn many_subscribers_each_hear_every_change_once_and_in_order_while_writers_race() {
    let s = std::sync::Arc::new(TestServer::sqlite().await);
    let users = ["observer", "duty", "lo.kaz", "lo.arm", "admin"];
    let base = s.audit_len().await;
    // Half the subscribers are there from the start, half join while the writers write.
    let mut early = Vec::new();
    for n in 0..30 {
        let mut st = Stream::open(&s, users[n % users.len()], &[], "").await;
        let start = st.expect("hello").await.id.unwrap();
        early.push((st, start));
    }
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let s = s.clone();
            tokio::spawn(async move {
                for n in 0..15 {
                    let id = create(&s, "duty", contingent("KAZ", &format!("W{w} {n}"))).await;
                    let (st, v, _) = s
                        .call(
                            Some("planner"),
                            Method::PUT,
                            &format!("/api/v1/contingents/{id}"),
                            Some(contingent("KAZ", &format!("W{w} {n} renamed"))),
                            &[("If-Match", "\"1\"")],
                        )
                        .await;
                    assert_eq!(st, StatusCode::OK, "{v}");
                }
            })
        })
        .collect();
    let mut late = Vec::new();
    for n in 0..30 {
        let mut st = Stream::open(&s, users[n % users.len()], &[], "").await;
        let start = st.expect("hello").await.id.unwrap();
        late.push((st, start));
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    for w in writers {
        w.await.unwrap();
    }
    let head = s.audit_len().await;
    let readers: Vec<_> = early
        .into_iter()
        .chain(late)
        .map(|(mut st, start)| {
            tokio::spawn(async move {
                let seen = if start < head {
                    changes_until(&mut st, head).await
                } else {
                    Vec::new()
                };
                (start, seen)
            })
        })
        .collect();
    let all = contingent_changes_after(&s, base).await;
    assert_eq!(all.len(), 3 * 15 * 2);
    for r in readers {
        let (start, seen) = r.await.unwrap();
        let expected: Vec<i64> = all.iter().copied().filter(|q| *q > start).collect();
        assert_eq!(seen, expected, "a subscriber that started after {start}");
    }
    match std::sync::Arc::try_unwrap(s) {
        Ok(s) => s.stop().await,
        Err(_) => panic!("the server is still shared"),
    }
}

#[tokio::test]
async fn a_subscriber_far_behind_gets_the_gap_from_the_database_then_live_changes() {
    let s = TestServer::sqlite().await;
    let old = s.audit_len().await;
    // More than one database read (500 entries) and more than one read of the shared reader
    // behind: straight into the store, as another process would.
    for n in 0..620 {
        let draft = crc_server::wire::ContingentIn::parse(
            &serde_json::from_value(contingent("ARM", &format!("Long ago {n}"))).unwrap(),
        )
        .unwrap();
        s.store
            .create_contingent("cli", &draft, false)
            .await
            .unwrap();
    }
    // A subscriber at the head keeps the shared reader busy with live changes meanwhile.
    let mut live = Stream::open(&s, "duty", &[], "").await;
    live.expect("hello").await;
    let mut st = Stream::open(&s, "observer", &[("Last-Event-ID", &old.to_string())], "").await;
    let hello = st.expect("hello").await;
    assert_eq!(hello.data["resumed"], true);
    assert_eq!(hello.id, Some(old));
    let mut seen = Vec::new();
    for n in 0..10 {
        create(&s, "duty", contingent("KGZ", &format!("Live {n}"))).await;
        // Read a little between the writes, so that live batches arrive during the catch-up.
        for _ in 0..40 {
            seen.push(st.expect("change").await.id.unwrap());
        }
    }
    let head = s.audit_len().await;
    seen.extend(changes_until(&mut st, head).await);
    assert_eq!(seen, contingent_changes_after(&s, old).await);
    assert_eq!(seen.len(), 630);
    s.stop().await;
}

#[tokio::test]
async fn a_subscriber_that_starts_between_a_commit_and_the_shared_read_hears_only_what_follows() {
    let s = TestServer::sqlite().await;
    // The first subscriber starts the shared reader, at the head.
    let mut first = Stream::open(&s, "observer", &[], "").await;
    let before = first.expect("hello").await.id.unwrap();
    // Committed without waking the reader, as another process would (its poll finds them
    // within two seconds; this test is quicker).
    for n in 0..3 {
        let draft = crc_server::wire::ContingentIn::parse(
            &serde_json::from_value(contingent("TJK", &format!("Unannounced {n}"))).unwrap(),
        )
        .unwrap();
        s.store
            .create_contingent("cli", &draft, false)
            .await
            .unwrap();
    }
    // The second starts after those three, before the reader has read them.
    let mut second = Stream::open(&s, "duty", &[], "").await;
    let start = second.expect("hello").await.id.unwrap();
    assert_eq!(start, before + 3);
    // The next read covers all four; the second subscriber takes only the last.
    let id = create(&s, "planner", contingent("KGZ", "Announced")).await;
    let ev = second.expect("change").await;
    assert_eq!(ev.id, Some(start + 1));
    assert_eq!(ev.data["id"], id.to_string());
    assert_eq!(
        changes_until(&mut first, start + 1).await,
        (before + 1..=start + 1).collect::<Vec<_>>()
    );
    s.stop().await;
}
