//! What follows an exercise (docs/training-conduct.md): corrective actions tracked to closure
//! (`/api/v1/training/actions`) and lessons learned, searched in Russian and English and
//! linked into a later year's plan (`/api/v1/training/lessons`). Everyone signed in reads;
//! the Joint Staff write; a liaison officer starts and reports done their state's actions.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use chrono::NaiveDate;
use crc_domain::training::access;
use crc_domain::training::actions::{ActionCommand, ActionSpec};
use crc_domain::training::lessons::{self, Lesson};
use crc_storage::{ActionRecord, CrisisActor, LessonRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{from_json, optional_if_match, parse_id, ApiJson, ApiQuery};
use crate::routes::contingents::{if_match, Precondition};
use crate::routes::training::with_etag;
use crate::state::AppState;

/// A corrective action as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionOut {
    /// Row id.
    pub id: i64,
    /// `open`, `in_progress`, `done`, `verified`, `cancelled`.
    pub status: String,
    /// Open or in progress past its due date (as of today).
    pub overdue: bool,
    /// What, who, by when, from which exercise (`ActionSpec`).
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
    /// Where it stands (`ActionState`: status, done, notes).
    #[schema(value_type = Object)]
    pub state: serde_json::Value,
    /// Version (the ETag).
    pub version: i64,
}

fn action_out(a: ActionRecord, today: NaiveDate) -> ActionOut {
    let state = serde_json::to_value(&a.state).unwrap_or_default();
    ActionOut {
        id: a.id,
        status: state["status"].as_str().unwrap_or_default().to_owned(),
        overdue: a.state.is_overdue(&a.spec, today),
        spec: serde_json::to_value(&a.spec).unwrap_or_default(),
        state,
        version: a.version,
    }
}

/// A lesson learned as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LessonOut {
    /// Row id.
    pub id: i64,
    /// The lesson (`Lesson`: title, observation, recommendation, tags, exercise, applies_to).
    #[schema(value_type = Object)]
    pub lesson: serde_json::Value,
    /// Who wrote it.
    pub created_by: String,
    /// Version (the ETag).
    pub version: i64,
}

impl From<LessonRecord> for LessonOut {
    fn from(l: LessonRecord) -> Self {
        LessonOut {
            id: l.id,
            lesson: serde_json::to_value(&l.lesson).unwrap_or_default(),
            created_by: l.created_by,
            version: l.version,
        }
    }
}

/// Corrective actions.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionListOut {
    /// The actions.
    pub items: Vec<ActionOut>,
}

/// Lessons learned.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LessonListOut {
    /// The lessons.
    pub items: Vec<LessonOut>,
}

/// Which actions to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ActionParams {
    /// The exercise marking they come from.
    pub exercise: Option<String>,
    /// `open`, `in_progress`, `done`, `verified`, `cancelled`.
    pub status: Option<String>,
    /// Only those overdue today.
    pub overdue: Option<bool>,
}

/// Which lessons to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LessonParams {
    /// Words to search for, in Russian or English (best match first).
    pub q: Option<String>,
    /// Only those linked into this year's plan.
    pub year: Option<i32>,
}

/// A new corrective action or lesson: `{"spec": ...}`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecIn {
    /// The action (`ActionSpec`) or the lesson (`Lesson`).
    #[schema(value_type = Object)]
    pub spec: serde_json::Value,
}

fn today(st: &AppState) -> NaiveDate {
    st.settings.now.get().date_naive()
}

const STATUSES: &[&str] = &["open", "in_progress", "done", "verified", "cancelled"];

/// Lists corrective actions (filters combine), oldest first.
#[utoipa::path(get, path = "/api/v1/training/actions", tag = "training", params(ActionParams),
    responses((status = 200, body = ActionListOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn list_actions(
    State(st): State<AppState>,
    _auth: Auth,
    ApiQuery(p): ApiQuery<ActionParams>,
) -> ApiResult<Json<ActionListOut>> {
    if let Some(s) = p.status.as_deref().filter(|s| !STATUSES.contains(s)) {
        return Err(ApiError::invalid(
            "status",
            format!("`{s}` is not one of {}", STATUSES.join(", ")),
        ));
    }
    let today = today(&st);
    let items = st
        .store
        .list_actions(p.exercise.as_deref(), p.status.as_deref())
        .await?
        .into_iter()
        .map(|a| action_out(a, today))
        .filter(|a| p.overdue.is_none_or(|o| a.overdue == o))
        .collect();
    Ok(Json(ActionListOut { items }))
}

/// Agrees a corrective action (the Joint Staff): `{"spec": {"title", "details"?, "owner",
/// "owner_state"?, "due", "exercise", "objective"?, "observations"?}}`.
#[utoipa::path(post, path = "/api/v1/training/actions", tag = "training", request_body = SpecIn,
    responses((status = 201, body = ActionOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn create_action(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<SpecIn>,
) -> ApiResult<Response> {
    access::may_write_follow_up(&auth.principal)?;
    let spec: ActionSpec = from_json("spec", body.spec)?;
    let a = st
        .store
        .create_action(&auth.principal.username, &spec)
        .await?;
    let location = Some(format!("/api/v1/training/actions/{}", a.id));
    Ok(with_etag(
        StatusCode::CREATED,
        a.version,
        location,
        action_out(a, today(&st)),
    ))
}

/// Reads one corrective action.
#[utoipa::path(get, path = "/api/v1/training/actions/{id}", tag = "training",
    params(("id" = i64, Path, description = "The action's id")),
    responses((status = 200, body = ActionOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_action(
    State(st): State<AppState>,
    _auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let a = st.store.action(parse_id(&id)?).await?;
    Ok(with_etag(
        StatusCode::OK,
        a.version,
        None,
        action_out(a, today(&st)),
    ))
}

/// Takes one step of a corrective action: `start`, `complete` (`note`), `verify` (not by
/// whoever reported it done), `reject` (`note`), `cancel` (`note`), `amend` (`spec`).
#[utoipa::path(post, path = "/api/v1/training/actions/{id}/commands", tag = "training",
    request_body(content = Object, description = "e.g. {\"command\": \"complete\", \"note\": \"done\"}"),
    params(("id" = i64, Path, description = "The action's id"),
           ("If-Match" = Option<String>, Header, description = "The ETag read")),
    responses((status = 200, body = ActionOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody)))]
pub async fn command_action(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let expected = optional_if_match(&headers)?;
    let cmd: ActionCommand = from_json("command", body)?;
    let viewer = auth.viewer();
    let principal = auth.principal.clone();
    let a = st
        .store
        .command_action(
            &CrisisActor {
                name: &principal.username,
                state: principal.state.as_ref(),
                viewer: &viewer,
            },
            id,
            expected,
            &cmd,
            |a, cmd| access::may_command_action(&principal, &a.spec, cmd),
        )
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        a.version,
        None,
        action_out(a, today(&st)),
    ))
}

/// Lists lessons learned: with `q`, those matching the words best first (Russian and English
/// endings folded: `учения` finds `учениях`, `delay` finds `delayed`); with `year`, those
/// linked into that year's plan.
#[utoipa::path(get, path = "/api/v1/training/lessons", tag = "training", params(LessonParams),
    responses((status = 200, body = LessonListOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn list_lessons(
    State(st): State<AppState>,
    _auth: Auth,
    ApiQuery(p): ApiQuery<LessonParams>,
) -> ApiResult<Json<LessonListOut>> {
    let rows = st.store.list_lessons(p.year).await?;
    let items = match p.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        None => rows.into_iter().map(LessonOut::from).collect(),
        Some(q) => {
            let all: Vec<Lesson> = rows.iter().map(|r| r.lesson.clone()).collect();
            lessons::search(&all, q)
                .into_iter()
                .map(|i| LessonOut::from(rows[i].clone()))
                .collect()
        }
    };
    Ok(Json(LessonListOut { items }))
}

/// Writes a lesson learned (the Joint Staff).
#[utoipa::path(post, path = "/api/v1/training/lessons", tag = "training", request_body = SpecIn,
    responses((status = 201, body = LessonOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn create_lesson(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<SpecIn>,
) -> ApiResult<Response> {
    access::may_write_follow_up(&auth.principal)?;
    let lesson: Lesson = from_json("spec", body.spec)?;
    let l = st
        .store
        .create_lesson(&auth.principal.username, &lesson)
        .await?;
    let location = Some(format!("/api/v1/training/lessons/{}", l.id));
    Ok(with_etag(
        StatusCode::CREATED,
        l.version,
        location,
        LessonOut::from(l),
    ))
}

/// Reads one lesson.
#[utoipa::path(get, path = "/api/v1/training/lessons/{id}", tag = "training",
    params(("id" = i64, Path, description = "The lesson's id")),
    responses((status = 200, body = LessonOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_lesson(
    State(st): State<AppState>,
    _auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let l = st.store.lesson(parse_id(&id)?).await?;
    Ok(with_etag(
        StatusCode::OK,
        l.version,
        None,
        LessonOut::from(l),
    ))
}

/// Changes a lesson (the Joint Staff) at the version read (`If-Match` required), e.g. to
/// link it into next year's plan with `applies_to`.
#[utoipa::path(put, path = "/api/v1/training/lessons/{id}", tag = "training", request_body = SpecIn,
    params(("id" = i64, Path, description = "The lesson's id"),
           ("If-Match" = String, Header, description = "The ETag read")),
    responses((status = 200, body = LessonOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 412, body = crate::error::ErrorBody),
              (status = 428, body = crate::error::ErrorBody)))]
pub async fn update_lesson(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SpecIn>,
) -> ApiResult<Response> {
    access::may_write_follow_up(&auth.principal)?;
    let id = parse_id(&id)?;
    let expected = match if_match(&headers)? {
        Precondition::Version(v) => v,
        Precondition::Any => st.store.lesson(id).await?.version,
    };
    let lesson: Lesson = from_json("spec", body.spec)?;
    let l = st
        .store
        .update_lesson(&auth.principal.username, id, expected, &lesson)
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        l.version,
        None,
        LessonOut::from(l),
    ))
}
