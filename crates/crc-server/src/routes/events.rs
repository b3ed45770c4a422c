//! The live event stream: server-sent events telling each client which records changed, so
//! the console updates without reloading.
//!
//! The audit log is the source: every change commits with an audit entry whose sequence
//! number is the event id, in commit order. A client that reconnects sends `Last-Event-ID`
//! (browsers do it by themselves) and receives every change it missed, because the stream
//! reads them from the database rather than from a memory buffer that could overflow.
//! New changes reach the streams through one shared reader ([`crate::change_hub`]), which
//! reads each audit entry once for all of them: writes through this server wake it at once,
//! writes by other processes (the command line, a second server on the same PostgreSQL) are
//! found by a poll every [`crate::change_hub::POLL`]. A stream behind the reader (resuming,
//! or too slow) reads from the database itself until it has caught up. Releasability
//! applies: an officer hears only of records they may see
//! (`crc_storage::changes::visible_change`, also what `Store::changes_after` applies).
//!
//! While movement plans are searched, the stream also carries their progress
//! (`plan-progress`, from the plan runner's channel) to those who may read the plan. Progress
//! is no change: it has no id, so it neither moves a client's `Last-Event-ID` nor is replayed.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use crc_domain::audit::AuditEntry;
use crc_domain::identity::Viewer;
use crc_storage::ChangeEvent;
use futures_util::stream::{self, Stream};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use utoipa::{IntoParams, ToSchema};

use crate::auth::Auth;
use crate::change_hub::{Batch, Encoded};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;
use crate::plan_runner::ProgressNote;
use crate::state::AppState;

/// Audit entries read per query by a stream catching up from the database.
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
    /// `contingent`, `crisis`, `plan`, `reference` or `user`.
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
/// when the session ends or the server shuts down. `plan-progress` (no id, not replayed)
/// reports a running movement plan's search (`PlanProgressEvent`).
#[utoipa::path(get, path = "/api/v1/events", tag = "events", params(EventParams),
    responses(
        (status = 200, description = "An event stream of `hello`, `change`, `plan-progress` and `end` events", content_type = "text/event-stream", body = ChangeOut),
        (status = 400, body = crate::error::ErrorBody),
        (status = 401, body = crate::error::ErrorBody)))]
pub async fn stream(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    ApiQuery(p): ApiQuery<EventParams>,
) -> ApiResult<Response> {
    let resume = resume_point(&headers, p.after)?;
    // Subscribe before reading the newest id: every change after it then comes through the
    // shared reader (or shows this stream it is behind).
    let batches = st.hub.subscribe();
    let progress = st.plans.subscribe();
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
    let joint_staff = crate::routes::plans::joint_staff(&auth.principal);
    let cursor = Cursor {
        batches,
        progress,
        closing: st.closing.subscribe(),
        recheck: Box::pin(tokio::time::sleep(st.settings.event_recheck)),
        st,
        auth,
        viewer,
        joint_staff,
        last: start,
        behind: start < head,
        pending: VecDeque::from([hello]),
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
    /// Of the Joint Staff: hears of the movement plans made without an operation.
    joint_staff: bool,
    /// Every change up to this sequence number has been told (or was not for this viewer).
    last: i64,
    /// Changes after `last` may be missing from the shared reader's batches: read them
    /// from the database.
    behind: bool,
    pending: VecDeque<Event>,
    batches: broadcast::Receiver<Arc<Batch>>,
    /// Running plans' progress.
    progress: broadcast::Receiver<Arc<ProgressNote>>,
    closing: tokio::sync::watch::Receiver<bool>,
    /// When to check again that the session or token still stands: one timer for the
    /// stream's life, reset after each check (not one per wait).
    recheck: Pin<Box<tokio::time::Sleep>>,
    done: bool,
}

fn end_event(reason: &str) -> Event {
    Event::default().event("end").data(reason)
}

fn change_event(e: ChangeEvent) -> Option<(i64, Event)> {
    let seq = e.seq;
    match Event::default()
        .event("change")
        .id(seq.to_string())
        .json_data(ChangeOut::from(e))
    {
        Ok(ev) => Some((seq, ev)),
        Err(err) => {
            tracing::warn!(error = %err, seq, "event stream: encoding");
            None
        }
    }
}

/// The entries of a batch as `viewer` may hear of them, encoded.
fn encode(entries: &[AuditEntry], viewer: &Viewer, joint_staff: bool) -> Encoded {
    let mut out = Vec::new();
    for e in entries {
        let visible = crc_storage::changes::visible_change_as(e, viewer, joint_staff)
            .map_err(|err| err.to_string())?;
        out.extend(visible.and_then(change_event));
    }
    Ok(out.into())
}

/// A running plan's progress as a `plan-progress` event, if this stream may hear of it. No
/// id: progress is not a change, and an id would move the client's `Last-Event-ID` past
/// changes it has not had yet.
fn progress_event(note: &ProgressNote, viewer: &Viewer, joint_staff: bool) -> Option<Event> {
    let pv = crc_storage::PlanViewer {
        viewer,
        joint_staff,
    };
    if !pv.sees(note.operation_id, note.sight.as_ref()) {
        return None;
    }
    let p = note.progress;
    Event::default()
        .event("plan-progress")
        .json_data(crate::plan_wire::PlanProgressEvent {
            id: note.plan,
            candidates: p.candidates,
            effort: p.effort,
            best_closure: p.best_closure,
            lower_bound: p.lower_bound,
        })
        .map_err(|err| tracing::warn!(error = %err, "event stream: encoding progress"))
        .ok()
}

/// The changes after `after` that a stream of `viewer` may hear of, read from the database
/// (at most `BATCH` entries looked at): what `Store::changes_after` does, with the Joint
/// Staff's plans.
async fn changes_from_database(
    st: &AppState,
    viewer: &Viewer,
    joint_staff: bool,
    after: i64,
) -> Result<crc_storage::ChangeBatch, String> {
    let entries = st
        .store
        .entries_after(after, BATCH)
        .await
        .map_err(|e| e.to_string())?;
    let mut batch = crc_storage::ChangeBatch {
        events: Vec::new(),
        scanned_to: after,
    };
    for e in &entries {
        batch.scanned_to = e.seq;
        if let Some(ev) = crc_storage::changes::visible_change_as(e, viewer, joint_staff)
            .map_err(|err| err.to_string())?
        {
            batch.events.push(ev);
        }
    }
    Ok(batch)
}

impl Cursor {
    /// Takes a batch of the shared reader: the part after `last`, if the batch reaches back
    /// to `last`; otherwise this stream missed changes and reads them from the database.
    /// `false` when the batch cannot be read (a corrupt audit entry).
    fn take(&mut self, b: &Batch) -> bool {
        if b.to <= self.last {
            return true;
        }
        if b.after > self.last {
            self.behind = true;
            return true;
        }
        match b.for_viewer(&self.viewer, self.joint_staff, encode) {
            Ok(events) => {
                let last = self.last;
                self.pending.extend(
                    events
                        .iter()
                        .filter(|(seq, _)| *seq > last)
                        .map(|(_, ev)| ev.clone()),
                );
                self.last = b.to;
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "event stream: reading changes failed");
                false
            }
        }
    }
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
            if c.recheck.is_elapsed() {
                let next = tokio::time::Instant::now() + c.st.settings.event_recheck;
                c.recheck.as_mut().reset(next);
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
            if c.behind {
                let batch =
                    match changes_from_database(&c.st, &c.viewer, c.joint_staff, c.last).await {
                        Ok(b) => b,
                        Err(e) => {
                            // The client reconnects with its Last-Event-ID and loses nothing.
                            tracing::warn!(error = %e, "event stream: reading changes failed");
                            return None;
                        }
                    };
                // A batch short of the limit read everything committed: caught up. The
                // shared reader's batches of what this read already covered are skipped.
                c.behind = batch.scanned_to - c.last >= BATCH;
                c.last = batch.scanned_to;
                c.pending.extend(
                    batch
                        .events
                        .into_iter()
                        .filter_map(change_event)
                        .map(|(_, ev)| ev),
                );
                continue;
            }
            tokio::select! {
                r = c.batches.recv() => match r {
                    Ok(b) => {
                        if !c.take(&b) {
                            return None;
                        }
                    }
                    // Overtaken: the channel dropped batches this stream had not taken.
                    Err(broadcast::error::RecvError::Lagged(_)) => c.behind = true,
                    // The reader's channel is gone only with the server state.
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                r = c.progress.recv() => match r {
                    Ok(note) => c.pending.extend(progress_event(&note, &c.viewer, c.joint_staff)),
                    // Each report supersedes the one before: missed ones need no catching up.
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = c.closing.changed() => {}
                _ = c.recheck.as_mut() => {}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crc_domain::identity::{Principal, Role};
    use crc_domain::reference::ReferenceData;
    use futures_util::StreamExt;

    use super::*;
    use crate::auth::Credential;
    use crate::change_hub::ChangeHub;
    use crate::ServerSettings;

    fn draft(name: &str) -> crc_domain::contingent::ContingentDraft {
        crate::wire::ContingentIn::parse(
            &serde_json::from_value(serde_json::json!({
                "state": "KAZ", "component": "crrf", "name": name,
                "home_station": {"name": "Almaty", "lat": 43.25, "lon": 76.95},
                "personnel": 1, "equipment": 1, "readiness": "high", "notes": "",
                "releasability": {"label": "organization"}
            }))
            .unwrap(),
        )
        .unwrap()
    }

    /// The ids of the `change` events in what the stream has sent so far.
    fn change_ids(text: &str) -> Vec<i64> {
        text.split("\n\n")
            .filter(|block| block.lines().any(|l| l == "event: change"))
            .filter_map(|block| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix("id: "))
                    .and_then(|id| id.parse().ok())
            })
            .collect()
    }

    // Overtaking a stream needs a stream that is not polled while the reader publishes,
    // which an HTTP client cannot arrange (the socket buffers take the events): so here,
    // below HTTP, with a channel of two batches.
    #[tokio::test]
    async fn a_stream_overtaken_by_the_shared_reader_catches_up_from_the_database() {
        let (store, _dir) = crc_storage::testing::sqlite_store().await;
        store
            .load_reference("test", &ReferenceData::bundled().unwrap())
            .await
            .unwrap();
        let mut st = AppState::new(store.clone(), ServerSettings::default());
        st.hub = ChangeHub::with_capacity(store.clone(), st.changes.clone(), st.closing.clone(), 2);
        let mut probe = st.hub.subscribe();
        // The reader's first batch is empty and says where it starts.
        let start = probe.recv().await.unwrap().to;
        let auth = Auth {
            principal: Principal {
                user_id: 1,
                username: "observer".into(),
                role: Role::Observer,
                state: None,
            },
            credential: Credential::Token {
                token_hash: String::new(),
            },
        };
        let cursor = Cursor {
            batches: st.hub.subscribe(),
            progress: st.plans.subscribe(),
            closing: st.closing.subscribe(),
            viewer: auth.viewer(),
            joint_staff: false,
            st: st.clone(),
            auth,
            last: start,
            behind: false,
            pending: VecDeque::new(),
            recheck: Box::pin(tokio::time::sleep(Duration::from_secs(30))),
            done: false,
        };
        let mut body = Sse::new(events(cursor))
            .into_response()
            .into_body()
            .into_data_stream();
        let mut text = String::new();
        // Six batches, one change each, while the stream takes none: the channel keeps two.
        for n in 0..6 {
            store
                .create_contingent("cli", &draft(&format!("C{n}")), false)
                .await
                .unwrap();
            st.changes.send_modify(|c| *c += 1);
            let b = probe.recv().await.unwrap();
            assert_eq!(b.to, start + n + 1, "one change per batch");
        }
        let read_until =
            async |text: &mut String, body: &mut axum::body::BodyDataStream, n: usize| {
                while change_ids(text).len() < n {
                    let chunk = tokio::time::timeout(Duration::from_secs(10), body.next())
                        .await
                        .expect("an event within 10 s")
                        .unwrap()
                        .unwrap();
                    text.push_str(std::str::from_utf8(&chunk).unwrap());
                }
            };
        read_until(&mut text, &mut body, 6).await;
        assert_eq!(
            change_ids(&text),
            (start + 1..=start + 6).collect::<Vec<_>>()
        );
        // And live again afterwards, with nothing told twice.
        store
            .create_contingent("cli", &draft("Live"), false)
            .await
            .unwrap();
        st.changes.send_modify(|c| *c += 1);
        read_until(&mut text, &mut body, 7).await;
        assert_eq!(
            change_ids(&text),
            (start + 1..=start + 7).collect::<Vec<_>>()
        );
        st.closing.send_replace(true);
    }
}
