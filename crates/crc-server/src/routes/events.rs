//! The live event stream: server-sent events telling each client which records changed, so
//! the console updates without reloading.
//!
//! The audit log is the source: every change commits with an audit entry whose sequence
//! number is the event id, in commit order. A client that reconnects sends `Last-Event-ID`
//! (browsers do it by themselves) and receives every change it missed, because the stream
//! reads them from the database rather than from a memory buffer that could overflow.
//! Writes through this server wake the streams at once; writes by other processes (the
//! command line, a second server on the same PostgreSQL) are found by a poll every
//! [`POLL`]. Releasability applies: an officer hears only of records they may see
//! (`Store::changes_after`).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use crc_domain::identity::Viewer;
use crc_storage::ChangeEvent;
use futures_util::stream::{self, Stream};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;
use crate::state::AppState;

/// How often a stream looks for changes made by other processes.
pub const POLL: Duration = Duration::from_secs(2);
/// Audit entries read per query.
const BATCH: i64 = 500;

/// Where to start.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Send the changes after this event id. `Last-Event-ID` takes precedence; with neither,
    /// the stream starts at the newest change.
    pub after: Option<i64>,
}

/// One change (event `change`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeOut {
    /// Event id: the audit sequence number.
    pub seq: i64,
    /// When, RFC 3339.
    pub at: String,
    /// Who made it.
    pub actor: String,
    /// `create`, `update`, `delete`.
    pub action: String,
    /// `contingent`, `reference` or `user`.
    pub entity: String,
    /// The record's key (a contingent's id, a reference item's `kind/key`, a username).
    pub id: String,
    /// The record's version after the change, where it has one.
    pub version: Option<i64>,
}

impl From<ChangeEvent> for ChangeOut {
    fn from(e: ChangeEvent) -> Self {
        let ChangeEvent {
            seq,
            at,
            actor,
            action,
            entity,
            entity_id,
            version,
        } = e;
        ChangeOut {
            seq,
            at,
            actor,
            action,
            entity,
            id: entity_id,
            version,
        }
    }
}

/// The first event of every stream (event `hello`): where it starts.
#[derive(Debug, Serialize, ToSchema)]
pub struct HelloOut {
    /// The stream sends the changes after this id.
    pub seq: i64,
    /// Whether it resumes from the client's `Last-Event-ID` or `after` (false: the client
    /// should load its data afresh, after this event).
    pub resumed: bool,
}

fn resume_point(headers: &HeaderMap, after: Option<i64>) -> Result<Option<i64>, ApiError> {
    let header = match headers.get("last-event-id") {
        None => None,
        Some(v) => Some(
            v.to_str()
                .ok()
                .and_then(|s| s.trim().parse::<i64>().ok())
                .filter(|n| *n >= 0)
                .ok_or_else(|| {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "invalid_event_id",
                        "Last-Event-ID must be a non-negative integer (an event id of this stream)",
                    )
                    .with_details(serde_json::json!({"field": "Last-Event-ID"}))
                })?,
        ),
    };
    if let Some(a) = after {
        if a < 0 {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_query",
                "`after` must be a non-negative event id",
            )
            .with_details(serde_json::json!({"field": "after"})));
        }
    }
    Ok(header.or(after))
}

/// The change stream (`text/event-stream`). Events: `hello` (first, id = the start), then
/// `change` for each change the caller may see, with the audit sequence number as id; `end`
/// when the session ends or the server shuts down.
#[utoipa::path(get, path = "/api/v1/events", tag = "events", params(EventParams),
    responses(
        (status = 200, description = "An event stream of `hello`, `change` and `end` events", content_type = "text/event-stream", body = ChangeOut),
        (status = 400, body = crate::error::ErrorBody),
        (status = 401, body = crate::error::ErrorBody)))]
pub async fn stream(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    ApiQuery(p): ApiQuery<EventParams>,
) -> ApiResult<Response> {
    let resume = resume_point(&headers, p.after)?;
    let head = st.store.last_seq().await?;
    // An id from the future (a restored or different database) cannot be resumed; start
    // at the newest change and tell the client to reload.
    let (start, resumed) = match resume {
        Some(n) if n <= head => (n, true),
        _ => (head, false),
    };
    let hello = Event::default()
        .event("hello")
        .id(start.to_string())
        .json_data(HelloOut {
            seq: start,
            resumed,
        })
        .map_err(|e| ApiError::internal(format!("event encoding: {e}")))?;
    let viewer = auth.viewer();
    let cursor = Cursor {
        changes: st.changes.subscribe(),
        closing: st.closing.subscribe(),
        st,
        auth,
        viewer,
        last: start,
        pending: VecDeque::from([hello]),
        checked: Instant::now(),
        done: false,
    };
    let mut res = Sse::new(events(cursor))
        .keep_alive(KeepAlive::default())
        .into_response();
    // Tell buffering proxies to pass events through at once.
    res.headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(res)
}

struct Cursor {
    st: AppState,
    auth: Auth,
    viewer: Viewer,
    last: i64,
    pending: VecDeque<Event>,
    changes: tokio::sync::watch::Receiver<u64>,
    closing: tokio::sync::watch::Receiver<bool>,
    checked: Instant,
    done: bool,
}

fn end_event(reason: &str) -> Event {
    Event::default().event("end").data(reason)
}

fn events(cursor: Cursor) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(cursor, |mut c| async move {
        loop {
            if let Some(ev) = c.pending.pop_front() {
                return Some((Ok(ev), c));
            }
            if c.done {
                return None;
            }
            if *c.closing.borrow() {
                c.done = true;
                c.pending.push_back(end_event("server shutting down"));
                continue;
            }
            if c.checked.elapsed() >= c.st.settings.event_recheck {
                c.checked = Instant::now();
                match c.auth.still_valid(&c.st).await {
                    Ok(true) => {}
                    Ok(false) => {
                        c.done = true;
                        c.pending.push_back(end_event("session ended"));
                        continue;
                    }
                    Err(_) => return None,
                }
            }
            // Mark the current change count seen *before* reading, so a change that
            // commits during the read wakes the wait below.
            c.changes.borrow_and_update();
            let batch = match c.st.store.changes_after(&c.viewer, c.last, BATCH).await {
                Ok(b) => b,
                Err(e) => {
                    // The client reconnects with its Last-Event-ID and loses nothing.
                    tracing::warn!(error = %e, "event stream: reading changes failed");
                    return None;
                }
            };
            let full = batch.scanned_to - c.last >= BATCH;
            c.last = batch.scanned_to;
            for e in batch.events {
                let seq = e.seq;
                match Event::default()
                    .event("change")
                    .id(seq.to_string())
                    .json_data(ChangeOut::from(e))
                {
                    Ok(ev) => c.pending.push_back(ev),
                    Err(err) => tracing::warn!(error = %err, seq, "event stream: encoding"),
                }
            }
            if !c.pending.is_empty() || full {
                continue;
            }
            let wait = POLL.min(c.st.settings.event_recheck);
            tokio::select! {
                _ = c.changes.changed() => {}
                _ = c.closing.changed() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    })
}
