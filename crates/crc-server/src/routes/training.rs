//! Planning the joint training year (docs/training.md, "In the service"): the catalogue of
//! exercises (`/api/v1/training/exercises`), its statistics, and the year plans
//! (`/api/v1/training/plans`) with their workflow steps, conflicts, iCalendar and printable
//! document. Everyone signed in reads; `training::access` decides who changes what, on the
//! plan as locked in the write transaction, and the domain decides each step.

use std::sync::OnceLock;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use crc_domain::reference::{Names, ReferenceData};
use crc_domain::training::catalogue::{Catalogue, ExerciseSpec, ExerciseStatus};
use crc_domain::training::year_plan::{YearPlanCommand, YearPlanSpec};
use crc_domain::training::{access, conflicts, ical, print, stats};
use crc_domain::{DomainError, StateCode};
use crc_storage::{CrisisActor, ExerciseQuery, Store, YearPlanRecord};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{optional_if_match, parse_id, ApiJson, ApiQuery};
use crate::routes::contingents::{etag, if_match, Precondition};
use crate::state::AppState;
use crate::training_wire::{
    shown_version, ConflictsOut, ExerciseIn, ExerciseListOut, ExerciseListParams, ExerciseOut,
    StatisticsOut, YearPlanIn, YearPlanListOut, YearPlanListParams, YearPlanOut,
};

/// The compiled-in organization and catalogue (stated figures, external exercises), parsed
/// once like the movement network.
fn bundled() -> ApiResult<&'static (ReferenceData, Catalogue)> {
    static B: OnceLock<Result<(ReferenceData, Catalogue), String>> = OnceLock::new();
    B.get_or_init(|| {
        let org = ReferenceData::bundled().map_err(|e| e.to_string())?;
        let cat = Catalogue::bundled().map_err(|e| e.to_string())?;
        Ok((org, cat))
    })
    .as_ref()
    .map_err(ApiError::internal)
}

/// A JSON response with its version as the ETag and, for a new record, its Location.
pub(crate) fn with_etag<T: serde::Serialize>(
    status: StatusCode,
    version: i64,
    location: Option<String>,
    body: T,
) -> Response {
    let mut r = (status, Json(body)).into_response();
    r.headers_mut().insert(header::ETAG, etag(version));
    if let Some(l) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        r.headers_mut().insert(header::LOCATION, l);
    }
    r
}

/// A snake_case name of one of the domain's enums, from a query parameter.
fn enum_param<T: serde::de::DeserializeOwned>(field: &str, s: &str) -> ApiResult<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|_| ApiError::invalid(field, format!("`{s}` is not a {field} of exercise")))
}

fn exercise_query(p: ExerciseListParams) -> ApiResult<ExerciseQuery> {
    let ExerciseListParams {
        year,
        series,
        host,
        kind,
        status,
    } = p;
    Ok(ExerciseQuery {
        year,
        series,
        host: host
            .as_deref()
            .map(StateCode::parse)
            .transpose()
            .map_err(|e| match e {
                DomainError::Invalid { message, .. } => ApiError::invalid("host", message),
                other => other.into(),
            })?,
        kind: kind.as_deref().map(|k| enum_param("kind", k)).transpose()?,
        status: status
            .as_deref()
            .map(|s| enum_param("status", s))
            .transpose()?,
    })
}

/// Lists the catalogue's exercises, by year then key; filters combine.
#[utoipa::path(get, path = "/api/v1/training/exercises", tag = "training",
    params(ExerciseListParams),
    responses((status = 200, body = ExerciseListOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn list_exercises(
    State(st): State<AppState>,
    _auth: Auth,
    ApiQuery(p): ApiQuery<ExerciseListParams>,
) -> ApiResult<Json<ExerciseListOut>> {
    let q = exercise_query(p)?;
    let items = st.store.list_exercises(&q).await?;
    Ok(Json(ExerciseListOut {
        items: items.into_iter().map(ExerciseOut::from).collect(),
    }))
}

/// Reads one exercise by key; the ETag is its version.
#[utoipa::path(get, path = "/api/v1/training/exercises/{key}", tag = "training",
    params(("key" = String, Path, description = "The exercise's key, e.g. interaction_2025")),
    responses((status = 200, body = ExerciseOut, headers(("ETag" = String))),
              (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_exercise(
    State(st): State<AppState>,
    _auth: Auth,
    Path(key): Path<String>,
) -> ApiResult<Response> {
    let x = st.store.exercise(&key).await?;
    Ok(with_etag(
        StatusCode::OK,
        x.version,
        None,
        ExerciseOut::from(x),
    ))
}

/// Adds an exercise to the catalogue (the Joint Staff): checked field by field and against
/// the reference data; a key already there is 409 `duplicate`.
#[utoipa::path(post, path = "/api/v1/training/exercises", tag = "training", request_body = ExerciseIn,
    responses((status = 201, body = ExerciseOut, headers(("ETag" = String), ("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn create_exercise(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<ExerciseIn>,
) -> ApiResult<Response> {
    access::may_edit_catalogue(&auth.principal)?;
    let ExerciseIn { spec } = body;
    let spec = ExerciseSpec::parse(spec)?;
    let (org, _) = bundled()?;
    let x = st
        .store
        .create_exercise(&auth.principal.username, &spec, org)
        .await?;
    let location = format!("/api/v1/training/exercises/{}", x.spec.key);
    Ok(with_etag(
        StatusCode::CREATED,
        x.version,
        Some(location),
        ExerciseOut::from(x),
    ))
}

/// Changes an exercise (the Joint Staff) at the version read: `If-Match` is required, a
/// stale one is 412 `version_conflict`. The key never changes.
#[utoipa::path(put, path = "/api/v1/training/exercises/{key}", tag = "training", request_body = ExerciseIn,
    params(("key" = String, Path, description = "The exercise's key"),
           ("If-Match" = String, Header, description = "The ETag read, e.g. \"3\"")),
    responses((status = 200, body = ExerciseOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody), (status = 428, body = crate::error::ErrorBody)))]
pub async fn update_exercise(
    State(st): State<AppState>,
    auth: Auth,
    Path(key): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ExerciseIn>,
) -> ApiResult<Response> {
    access::may_edit_catalogue(&auth.principal)?;
    let expected = match if_match(&headers)? {
        Precondition::Version(v) => v,
        Precondition::Any => st.store.exercise(&key).await?.version,
    };
    let ExerciseIn { spec } = body;
    let spec = ExerciseSpec::parse(spec)?;
    let (org, _) = bundled()?;
    let x = st
        .store
        .update_exercise(&auth.principal.username, &key, expected, &spec, org)
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        x.version,
        None,
        ExerciseOut::from(x),
    ))
}

/// Figures per year, series, host state and component of the whole catalogue, with the
/// totals the organization stated for a year or its history kept beside the sums.
#[utoipa::path(get, path = "/api/v1/training/statistics", tag = "training",
    responses((status = 200, body = StatisticsOut), (status = 401, body = crate::error::ErrorBody)))]
pub async fn statistics(State(st): State<AppState>, _auth: Auth) -> ApiResult<Json<StatisticsOut>> {
    let (_, cat) = bundled()?;
    let all = st.store.list_exercises(&ExerciseQuery::default()).await?;
    let s = stats::compute(all.iter().map(|x| &x.spec), &cat.stated);
    Ok(Json(StatisticsOut {
        statistics: serde_json::to_value(&s).map_err(ApiError::internal)?,
    }))
}

fn plan_response(status: StatusCode, p: YearPlanRecord) -> Response {
    let location =
        (status == StatusCode::CREATED).then(|| format!("/api/v1/training/plans/{}", p.id));
    with_etag(status, p.version, location, YearPlanOut::from(p))
}

/// A plan of the stored catalogue's exercises of `year` (not cancelled), with the external
/// exercises of `bundled` they are linked with. The command line drafts the same way.
pub async fn plan_from_catalogue(
    store: &Store,
    bundled: &Catalogue,
    year: i32,
    title: Names,
) -> crc_storage::Result<YearPlanSpec> {
    let stored = store
        .list_exercises(&ExerciseQuery {
            year: Some(year),
            ..ExerciseQuery::default()
        })
        .await?;
    let cat = Catalogue {
        version: bundled.version.clone(),
        stated: Vec::new(),
        exercises: stored
            .into_iter()
            .map(|x| x.spec)
            .filter(|x| x.status != ExerciseStatus::Cancelled)
            .collect(),
        external: bundled.external.clone(),
    };
    let spec = YearPlanSpec::from_catalogue(&cat, year, title);
    spec.check()?;
    Ok(spec)
}

/// The spec of a new plan: as sent, or drafted from the catalogue.
async fn new_plan_spec(st: &AppState, body: YearPlanIn) -> ApiResult<YearPlanSpec> {
    let YearPlanIn { spec, year, title } = body;
    match (spec, year, title) {
        (Some(spec), None, None) => Ok(YearPlanSpec::parse(spec)?),
        (None, Some(year), Some(title)) => {
            let title: Names = serde_json::from_value(title)
                .map_err(|e| ApiError::invalid("title", format!("{{\"en\", \"ru\"}}: {e}")))?;
            let (_, cat) = bundled()?;
            Ok(plan_from_catalogue(&st.store, cat, year, title).await?)
        }
        (Some(_), _, _) => Err(ApiError::invalid(
            "spec",
            "give either the plan's spec, or a year and a title to draft from the catalogue",
        )),
        (None, None, _) => Err(ApiError::invalid(
            "year",
            "give the plan's spec, or the year to draft from the catalogue",
        )),
        (None, Some(_), None) => Err(ApiError::invalid(
            "title",
            "a plan drafted from the catalogue needs a title {\"en\", \"ru\"}",
        )),
    }
}

/// Drafts a year plan (the Joint Staff): from a spec, or from the catalogue's exercises of a
/// year. A year has one plan besides those withdrawn (409 `duplicate`).
#[utoipa::path(post, path = "/api/v1/training/plans", tag = "training", request_body = YearPlanIn,
    responses((status = 201, body = YearPlanOut, headers(("ETag" = String), ("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn create_plan(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<YearPlanIn>,
) -> ApiResult<Response> {
    // Refused before the body is looked at, as crisis records are.
    access::may_create_plan(&auth.principal)?;
    let spec = new_plan_spec(&st, body).await?;
    let (org, _) = bundled()?;
    let viewer = auth.viewer();
    let principal = auth.principal.clone();
    let p = st
        .store
        .create_year_plan(
            &CrisisActor {
                name: &principal.username,
                state: principal.state.as_ref(),
                viewer: &viewer,
            },
            &spec,
            org,
            |_| access::may_create_plan(&principal),
        )
        .await?;
    Ok(plan_response(StatusCode::CREATED, p))
}

/// Lists the year plans, newest year first.
#[utoipa::path(get, path = "/api/v1/training/plans", tag = "training",
    params(YearPlanListParams),
    responses((status = 200, body = YearPlanListOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn list_plans(
    State(st): State<AppState>,
    _auth: Auth,
    ApiQuery(p): ApiQuery<YearPlanListParams>,
) -> ApiResult<Json<YearPlanListOut>> {
    let YearPlanListParams { year } = p;
    let items = st.store.list_year_plans(year).await?;
    Ok(Json(YearPlanListOut {
        items: items.into_iter().map(YearPlanOut::from).collect(),
    }))
}

/// Reads one year plan with every version; the ETag is its row version.
#[utoipa::path(get, path = "/api/v1/training/plans/{id}", tag = "training",
    params(("id" = i64, Path, description = "The plan's id")),
    responses((status = 200, body = YearPlanOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_plan(
    State(st): State<AppState>,
    _auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let p = st.store.year_plan(id).await?;
    Ok(plan_response(StatusCode::OK, p))
}

/// Takes one step of the plan's workflow: `{"command": "send_for_coordination", "states":
/// [...]}`, `answer`, `submit`, `approve`, ... (docs/training.md). A liaison officer answers
/// for their own state only; the Joint Staff takes every other step. `If-Match` (optional)
/// makes it conditional on the version read. An illegal step is 409 `illegal_transition`.
#[utoipa::path(post, path = "/api/v1/training/plans/{id}/commands", tag = "training",
    request_body(content = Object, description = "The command, e.g. {\"command\": \"answer\", \"state\": \"KAZ\", \"answer\": \"agrees\"}"),
    params(("id" = i64, Path, description = "The plan's id"),
           ("If-Match" = Option<String>, Header, description = "The ETag read, e.g. \"3\"")),
    responses((status = 200, body = YearPlanOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody), (status = 412, body = crate::error::ErrorBody)))]
pub async fn command_plan(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let expected = optional_if_match(&headers)?;
    let cmd = YearPlanCommand::parse(body)?;
    let (org, _) = bundled()?;
    let viewer = auth.viewer();
    let principal = auth.principal.clone();
    let p = st
        .store
        .command_year_plan(
            &CrisisActor {
                name: &principal.username,
                state: principal.state.as_ref(),
                viewer: &viewer,
            },
            id,
            expected,
            &cmd,
            org,
            |_, cmd| access::may_command_plan(&principal, cmd),
        )
        .await?;
    Ok(plan_response(StatusCode::OK, p))
}

/// The conflicts of a plan's content, with every component of the organization expected to
/// train in the year.
pub fn plan_findings(p: &YearPlanRecord, org: &ReferenceData) -> Vec<conflicts::Finding> {
    let components: Vec<String> = org.components.iter().map(|c| c.key.clone()).collect();
    conflicts::find(&p.spec.exercises, &p.spec.external, &components)
}

/// What the plan gets wrong (docs/training.md, "Conflicts").
#[utoipa::path(get, path = "/api/v1/training/plans/{id}/conflicts", tag = "training",
    params(("id" = i64, Path, description = "The plan's id")),
    responses((status = 200, body = ConflictsOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn plan_conflicts(
    State(st): State<AppState>,
    _auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ConflictsOut>> {
    let id = parse_id(&id)?;
    let p = st.store.year_plan(id).await?;
    let (org, _) = bundled()?;
    let findings = plan_findings(&p, org);
    Ok(Json(ConflictsOut {
        plan_id: p.id,
        plan_version: shown_version(&p.state),
        findings: serde_json::to_value(&findings).map_err(ApiError::internal)?,
    }))
}

/// The plan as iCalendar (RFC 5545): one all-day event per exercise, UIDs stable across
/// versions (docs/training.md, "iCalendar").
#[utoipa::path(get, path = "/api/v1/training/plans/{id}/calendar.ics", tag = "training",
    params(("id" = i64, Path, description = "The plan's id")),
    responses((status = 200, content_type = "text/calendar", body = String),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn plan_calendar(
    State(st): State<AppState>,
    _auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let p = st.store.year_plan(id).await?;
    let (org, _) = bundled()?;
    let text = ical::plan_calendar(&p.spec, shown_version(&p.state), org, Utc::now());
    let mut r = text.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"training-plan-{}.ics\"",
        p.spec.year
    )) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// The printable document of a plan and its conflicts, as the CLI also writes it.
pub fn plan_html(p: &YearPlanRecord, org: &ReferenceData) -> String {
    let version = shown_version(&p.state);
    let approvals = p
        .state
        .versions
        .iter()
        .find(|v| v.number == version)
        .map(|v| v.approvals.clone())
        .unwrap_or_default();
    let doc = print::document(
        &p.spec,
        version,
        p.state.status,
        &approvals,
        plan_findings(p, org),
        org,
    );
    crate::training_print::plan(&doc, Utc::now())
}

/// The plan as a printable HTML document (A4 landscape, print styles), by month.
#[utoipa::path(get, path = "/api/v1/training/plans/{id}/print", tag = "training",
    params(("id" = i64, Path, description = "The plan's id")),
    responses((status = 200, content_type = "text/html"), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn plan_print(
    State(st): State<AppState>,
    _auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Html<String>> {
    let id = parse_id(&id)?;
    let p = st.store.year_plan(id).await?;
    let (org, _) = bundled()?;
    Ok(Html(plan_html(&p, org)))
}
