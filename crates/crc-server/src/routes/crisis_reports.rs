//! What the crisis chain's records add up to: the crisis board, the journal (JSON and a
//! printable document), an operation's force against its ceiling, and the control report
//! of a decision's execution. Every figure is computed over what the reader may see.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use crc_domain::crisis::{Kind, Spec, State as WState};
use crc_domain::identity::Viewer;
use crc_storage::{CrisisQuery, CrisisRecord, ExerciseFilter, JournalQuery, Store};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::Auth;
use crate::crisis_wire::*;
use crate::error::{ApiError, ApiResult};
use crate::extract::{parse_id, ApiQuery};
use crate::routes::crisis::exercise_filter;
use crate::state::AppState;

/// Every record `query` selects, read a page at a time: a report must not stop at a page.
async fn every(
    store: &Store,
    viewer: &Viewer,
    mut query: CrisisQuery,
) -> crc_storage::Result<Vec<CrisisRecord>> {
    query.limit = 500;
    query.offset = 0;
    query.skip_total = true;
    let mut out = Vec::new();
    loop {
        let page = store.list_crisis_records(viewer, &query).await?.items;
        let n = page.len() as i64;
        out.extend(page);
        if n < query.limit {
            return Ok(out);
        }
        query.offset += n;
    }
}

/// The most records of each list on the board; the counts tell how many there are in all.
const BOARD_LIMIT: i64 = 50;

/// Which records a report covers.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExerciseParam {
    /// `real` (default), `exercises`, `all` or `exercise:NAME`.
    pub exercise: Option<String>,
}

async fn some(
    store: &Store,
    viewer: &Viewer,
    kind: Kind,
    statuses: &[&str],
    exercise: &ExerciseFilter,
    limit: i64,
    now: DateTime<Utc>,
) -> crc_storage::Result<Vec<CrisisOut>> {
    let q = CrisisQuery {
        kind: Some(kind),
        statuses: statuses.iter().map(|s| s.to_string()).collect(),
        exercise: exercise.clone(),
        limit,
        skip_total: true,
        ..CrisisQuery::default()
    };
    Ok(store
        .list_crisis_records(viewer, &q)
        .await?
        .items
        .into_iter()
        .map(|r| CrisisOut::new(r, now))
        .collect())
}

async fn tasks(
    store: &Store,
    viewer: &Viewer,
    exercise: &ExerciseFilter,
    overdue_at: DateTime<Utc>,
    limit: i64,
) -> crc_storage::Result<Vec<CrisisRecord>> {
    let q = CrisisQuery {
        kind: Some(Kind::Task),
        // `due_at` is set only while a task is open, so no status filter is needed.
        exercise: exercise.clone(),
        overdue_at: Some(overdue_at),
        limit,
        skip_total: true,
        ..CrisisQuery::default()
    };
    Ok(store.list_crisis_records(viewer, &q).await?.items)
}

/// The crisis board: what is open now, with overdue tasks first.
#[utoipa::path(get, path = "/api/v1/crisis/board", tag = "crisis", params(ExerciseParam),
    responses((status = 200, body = BoardOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn board(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(p): ApiQuery<ExerciseParam>,
) -> ApiResult<Json<BoardOut>> {
    let ex = exercise_filter(p.exercise.as_deref())?;
    let label = p.exercise.unwrap_or_else(|| "real".into());
    Ok(Json(
        board_document(&st.store, &auth.viewer(), &ex, label).await?,
    ))
}

/// The crisis board as `viewer` sees it (the API's and the command line's): what is open
/// now among the records `exercise` selects, labelled `label`.
pub async fn board_document(
    s: &Store,
    viewer: &Viewer,
    ex: &ExerciseFilter,
    label: String,
) -> crc_storage::Result<BoardOut> {
    let now = Utc::now();
    let counts = s.crisis_status_counts(viewer, ex).await?;
    let requests = some(
        s,
        viewer,
        Kind::Request,
        &["received", "under_consideration", "decided"],
        ex,
        BOARD_LIMIT,
        now,
    )
    .await?;
    let sessions = some(
        s,
        viewer,
        Kind::Session,
        &["scheduled", "open"],
        ex,
        BOARD_LIMIT,
        now,
    )
    .await?;
    let mut decisions = some(
        s,
        viewer,
        Kind::Decision,
        &["drafting", "tabled"],
        ex,
        BOARD_LIMIT,
        now,
    )
    .await?;
    decisions.extend(some(s, viewer, Kind::Decision, &["adopted"], ex, 20, now).await?);
    let operations = some(
        s,
        viewer,
        Kind::Operation,
        &["established", "deploying", "conducting", "withdrawing"],
        ex,
        BOARD_LIMIT,
        now,
    )
    .await?;
    let overdue_tasks = tasks(s, viewer, ex, now, BOARD_LIMIT)
        .await?
        .into_iter()
        .map(|r| CrisisOut::new(r, now))
        .collect();
    let far = now + chrono::Duration::days(365 * 100);
    let open_tasks = tasks(s, viewer, ex, far, BOARD_LIMIT)
        .await?
        .into_iter()
        .map(|r| CrisisOut::new(r, now))
        .collect();
    let mode = some(s, viewer, Kind::Mode, &[], ex, 1, now)
        .await?
        .into_iter()
        .next();
    let shift = some(s, viewer, Kind::Shift, &["on_duty"], ex, 1, now)
        .await?
        .into_iter()
        .next();
    Ok(BoardOut {
        now,
        exercise: label,
        counts: counts
            .into_iter()
            .map(|c| StatusCountOut {
                kind: c.kind.as_str().to_owned(),
                status: c.status,
                count: c.count,
            })
            .collect(),
        requests,
        sessions,
        decisions,
        operations,
        overdue_tasks,
        open_tasks,
        mode,
        shift,
    })
}

/// The journal: every step of the crisis records the caller may see, oldest first.
#[utoipa::path(get, path = "/api/v1/crisis/journal", tag = "crisis", params(JournalParams),
    responses((status = 200, body = [JournalOut]), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn journal(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(p): ApiQuery<JournalParams>,
) -> ApiResult<Json<Vec<JournalOut>>> {
    let JournalParams {
        crisis,
        record,
        kinds,
        exercise,
        after,
        limit,
    } = p;
    let kinds = match kinds {
        Some(k) => k
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| Kind::parse(s.trim()))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let q = JournalQuery {
        crisis,
        record,
        kinds,
        exercise: exercise_filter(exercise.as_deref())?,
        after: after.unwrap_or(0),
        limit: limit.unwrap_or(500),
    };
    let entries = st.store.crisis_journal(&auth.viewer(), &q).await?;
    Ok(Json(entries.into_iter().map(Into::into).collect()))
}

/// The journal of the crisis begun by request `id` as one document, as `viewer` sees it
/// (the API's and the command line's).
pub async fn journal_document(
    store: &Store,
    viewer: &Viewer,
    id: i64,
) -> crc_storage::Result<JournalDocumentOut> {
    let now = Utc::now();
    let request = store.crisis_record(viewer, id).await?;
    if request.kind != Kind::Request {
        return Err(crc_storage::StorageError::NotFound(format!("request {id}")));
    }
    let ex = match &request.exercise {
        Some(e) => ExerciseFilter::Exercise(e.clone()),
        None => ExerciseFilter::RealWorld,
    };
    let mut records: Vec<CrisisOut> = every(
        store,
        viewer,
        CrisisQuery {
            crisis: Some(id),
            exercise: ex.clone(),
            ..CrisisQuery::default()
        },
    )
    .await?
    .into_iter()
    .map(|r| CrisisOut::new(r, now))
    .collect();
    records.sort_by_key(|r| r.id);
    let mut entries = Vec::new();
    let mut after = 0;
    loop {
        let batch = store
            .crisis_journal(
                viewer,
                &JournalQuery {
                    crisis: Some(id),
                    exercise: ex.clone(),
                    after,
                    limit: 5000,
                    ..JournalQuery::default()
                },
            )
            .await?;
        let n = batch.len();
        if let Some(last) = batch.last() {
            after = last.id;
        }
        entries.extend(batch.into_iter().map(JournalOut::from));
        if n < 5000 {
            break;
        }
    }
    Ok(JournalDocumentOut {
        format: "crc-crisis-journal",
        generated_at: now,
        marking: request.exercise.as_ref().map(|_| EXERCISE_MARKING),
        request: CrisisOut::new(request, now),
        records,
        entries,
    })
}

/// The journal of one crisis as one JSON document: the request, every record descending
/// from it and every step, as the caller may see them.
#[utoipa::path(get, path = "/api/v1/crisis/requests/{id}/journal", tag = "crisis",
    params(("id" = i64, Path, description = "The request's id")),
    responses((status = 200, body = JournalDocumentOut), (status = 404, body = crate::error::ErrorBody)))]
pub async fn journal_json(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let doc = journal_document(&st.store, &auth.viewer(), id).await?;
    let mut r = Json(doc).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"crisis-{id}-journal.json\""
    )) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// The journal of one crisis as a printable HTML document (A4, print styles).
#[utoipa::path(get, path = "/api/v1/crisis/requests/{id}/journal/print", tag = "crisis",
    params(("id" = i64, Path, description = "The request's id")),
    responses((status = 200, content_type = "text/html"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn journal_html(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Html<String>> {
    let id = parse_id(&id)?;
    let doc = journal_document(&st.store, &auth.viewer(), id).await?;
    Ok(Html(crate::crisis_print::journal(&doc)))
}

/// An operation's force: personnel and equipment per state and component against the
/// ceiling, and every force record with its status.
#[utoipa::path(get, path = "/api/v1/crisis/operations/{id}/composition", tag = "crisis",
    params(("id" = i64, Path, description = "The operation's id")),
    responses((status = 200, body = CompositionOut), (status = 404, body = crate::error::ErrorBody)))]
pub async fn composition(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<CompositionOut>> {
    let id = parse_id(&id)?;
    let viewer = auth.viewer();
    let now = Utc::now();
    let op = st.store.crisis_record(&viewer, id).await?;
    let Spec::Operation(spec) = &op.spec else {
        return Err(ApiError::not_found(format!("operation {id}")));
    };
    let (cp, ce) = (spec.ceiling.personnel, spec.ceiling.equipment);
    let forces = every(
        &st.store,
        &viewer,
        CrisisQuery {
            kind: Some(Kind::Force),
            parent: Some(id),
            exercise: ExerciseFilter::All,
            ..CrisisQuery::default()
        },
    )
    .await?;
    let mut rows: BTreeMap<(String, String), (i64, i64, i64)> = BTreeMap::new();
    let (mut personnel, mut equipment) = (0, 0);
    for f in &forces {
        if let (Spec::Force(s), WState::Force(w)) = (&f.spec, &f.state) {
            if w.status.in_force() {
                let key = (
                    s.state.as_ref().map(|s| s.to_string()).unwrap_or_default(),
                    s.component.clone(),
                );
                let e = rows.entry(key).or_default();
                e.0 += 1;
                e.1 += s.personnel;
                e.2 += s.equipment;
                personnel += s.personnel;
                equipment += s.equipment;
            }
        }
    }
    let mut forces: Vec<CrisisOut> = forces.into_iter().map(|r| CrisisOut::new(r, now)).collect();
    forces.sort_by_key(|f| f.id);
    Ok(Json(CompositionOut {
        operation: CrisisOut::new(op, now),
        ceiling_personnel: cp,
        ceiling_equipment: ce,
        personnel,
        equipment,
        rows: rows
            .into_iter()
            .map(|((state, component), (n, p, e))| CompositionRowOut {
                state,
                component,
                contingents: n,
                personnel: p,
                equipment: e,
            })
            .collect(),
        forces,
    }))
}

/// The control of a decision's execution: its tasks with their reports, done, open and
/// overdue.
#[utoipa::path(get, path = "/api/v1/crisis/decisions/{id}/control", tag = "crisis",
    params(("id" = i64, Path, description = "The decision's id")),
    responses((status = 200, body = ControlReportOut), (status = 404, body = crate::error::ErrorBody)))]
pub async fn control(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ControlReportOut>> {
    let id = parse_id(&id)?;
    let viewer = auth.viewer();
    let now = Utc::now();
    let d = st.store.crisis_record(&viewer, id).await?;
    if d.kind != Kind::Decision {
        return Err(ApiError::not_found(format!("decision {id}")));
    }
    let mut tasks = every(
        &st.store,
        &viewer,
        CrisisQuery {
            kind: Some(Kind::Task),
            parent: Some(id),
            exercise: ExerciseFilter::All,
            ..CrisisQuery::default()
        },
    )
    .await?;
    tasks.sort_by_key(|t| (t.main_at, t.id));
    let tasks: Vec<CrisisOut> = tasks.into_iter().map(|t| CrisisOut::new(t, now)).collect();
    let count = |s: &str| tasks.iter().filter(|t| t.status == s).count() as i64;
    Ok(Json(ControlReportOut {
        now,
        done: count("done"),
        cancelled: count("cancelled"),
        open: count("assigned") + count("in_progress"),
        overdue: tasks.iter().filter(|t| t.overdue).count() as i64,
        decision: CrisisOut::new(d, now),
        tasks,
    }))
}
