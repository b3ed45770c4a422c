//! Exercise designs and their master scenario events lists (docs/training-conduct.md, "In
//! the service"): `/api/v1/training/designs` and `/api/v1/training/msels`. Everyone signed
//! in reads; the Joint Staff write designs, create MSELs (from JSON or a CSV file) and take
//! their steps, and only the design's director approves or returns an MSEL (the domain checks
//! that on the row as locked).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use crc_domain::training::design::ExerciseDesign;
use crc_domain::training::msel::{MselCommand, MselSpec};
use crc_domain::training::{access, msel_csv};
use crc_storage::{CrisisActor, MselRecord};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{optional_if_match, parse_id, ApiJson};
use crate::routes::contingents::{if_match, Precondition};
use crate::routes::training::with_etag;
use crate::state::AppState;
use crate::training_design_wire::{
    CsvProblemOut, DesignIn, DesignListOut, DesignOut, MselIn, MselListOut, MselOut,
};

/// The catalogue's row id of the exercise with `key`; an unknown key is the body's fault.
async fn exercise_row(st: &AppState, key: Option<&str>) -> ApiResult<Option<i64>> {
    let Some(key) = key else { return Ok(None) };
    match st.store.exercise(key).await {
        Ok(x) => Ok(Some(x.id)),
        Err(crc_storage::StorageError::NotFound(_)) => Err(ApiError::invalid(
            "exercise",
            format!("no exercise `{key}` in the catalogue"),
        )),
        Err(e) => Err(e.into()),
    }
}

fn design_response(status: StatusCode, d: crc_storage::DesignRecord) -> Response {
    let location =
        (status == StatusCode::CREATED).then(|| format!("/api/v1/training/designs/{}", d.id));
    with_etag(status, d.version, location, DesignOut::from(d))
}

fn msel_response(status: StatusCode, m: MselRecord) -> Response {
    let location =
        (status == StatusCode::CREATED).then(|| format!("/api/v1/training/msels/{}", m.id));
    with_etag(status, m.version, location, MselOut::from(m))
}

/// Writes an exercise design (the Joint Staff), optionally for an exercise of the catalogue.
#[utoipa::path(post, path = "/api/v1/training/designs", tag = "training", request_body = DesignIn,
    responses((status = 201, body = DesignOut, headers(("ETag" = String), ("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody)))]
pub async fn create_design(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<DesignIn>,
) -> ApiResult<Response> {
    access::may_edit_design(&auth.principal)?;
    let DesignIn { spec, exercise } = body;
    let spec = ExerciseDesign::parse(spec)?;
    let exercise_id = exercise_row(&st, exercise.as_deref()).await?;
    let d = st
        .store
        .create_design(&auth.principal.username, exercise_id, &spec)
        .await?;
    Ok(design_response(StatusCode::CREATED, d))
}

/// Lists the exercise designs, newest first.
#[utoipa::path(get, path = "/api/v1/training/designs", tag = "training",
    responses((status = 200, body = DesignListOut), (status = 401, body = crate::error::ErrorBody)))]
pub async fn list_designs(
    State(st): State<AppState>,
    _auth: Auth,
) -> ApiResult<Json<DesignListOut>> {
    let items = st.store.list_designs().await?;
    Ok(Json(DesignListOut {
        items: items.into_iter().map(DesignOut::from).collect(),
    }))
}

/// Reads one design; the ETag is its version.
#[utoipa::path(get, path = "/api/v1/training/designs/{id}", tag = "training",
    params(("id" = i64, Path, description = "The design's id")),
    responses((status = 200, body = DesignOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_design(
    State(st): State<AppState>,
    _auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let d = st.store.design(parse_id(&id)?).await?;
    Ok(design_response(StatusCode::OK, d))
}

/// Changes a design (the Joint Staff) at the version read: `If-Match` is required, a stale
/// one is 412 `version_conflict`.
#[utoipa::path(put, path = "/api/v1/training/designs/{id}", tag = "training", request_body = DesignIn,
    params(("id" = i64, Path, description = "The design's id"),
           ("If-Match" = String, Header, description = "The ETag read, e.g. \"3\"")),
    responses((status = 200, body = DesignOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody), (status = 428, body = crate::error::ErrorBody)))]
pub async fn update_design(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<DesignIn>,
) -> ApiResult<Response> {
    access::may_edit_design(&auth.principal)?;
    let id = parse_id(&id)?;
    let expected = match if_match(&headers)? {
        Precondition::Version(v) => v,
        Precondition::Any => st.store.design(id).await?.version,
    };
    let DesignIn { spec, exercise } = body;
    let spec = ExerciseDesign::parse(spec)?;
    let exercise_id = exercise_row(&st, exercise.as_deref()).await?;
    let d = st
        .store
        .update_design(&auth.principal.username, id, expected, exercise_id, &spec)
        .await?;
    Ok(design_response(StatusCode::OK, d))
}

/// Lists a design's MSELs, oldest first.
#[utoipa::path(get, path = "/api/v1/training/designs/{id}/msels", tag = "training",
    params(("id" = i64, Path, description = "The design's id")),
    responses((status = 200, body = MselListOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list_msels(
    State(st): State<AppState>,
    _auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<MselListOut>> {
    let id = parse_id(&id)?;
    st.store.design(id).await?;
    let items = st.store.list_msels(id).await?;
    Ok(Json(MselListOut {
        items: items.into_iter().map(MselOut::from).collect(),
    }))
}

/// Creates an MSEL of the design as a draft (the Joint Staff); its injects are checked
/// against the design, the first fault named with its path (`spec.injects[3].sender`).
#[utoipa::path(post, path = "/api/v1/training/designs/{id}/msels", tag = "training", request_body = MselIn,
    params(("id" = i64, Path, description = "The design's id")),
    responses((status = 201, body = MselOut, headers(("ETag" = String), ("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn create_msel(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MselIn>,
) -> ApiResult<Response> {
    access::may_create_msel(&auth.principal)?;
    let id = parse_id(&id)?;
    let MselIn { spec } = body;
    let spec = MselSpec::parse(spec)?;
    let m = st
        .store
        .create_msel(&auth.principal.username, id, &spec)
        .await?;
    Ok(msel_response(StatusCode::CREATED, m))
}

/// Creates an MSEL of the design as a draft from a CSV file (`text/csv`, UTF-8; header
/// `number,offset,storyline,sender,recipients,channel,subject,message,expected_actions,objectives`
/// in any order). The whole file or nothing: a refused file is 400 `invalid_csv` with every
/// problem in `details.errors` as `{line, column, message}`, and nothing is stored.
#[utoipa::path(post, path = "/api/v1/training/designs/{id}/msels/import", tag = "training",
    request_body(content = String, content_type = "text/csv", description = "The MSEL as CSV"),
    params(("id" = i64, Path, description = "The design's id")),
    responses((status = 201, body = MselOut, headers(("ETag" = String), ("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 415, body = crate::error::ErrorBody)))]
pub async fn import_msel(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    access::may_create_msel(&auth.principal)?;
    let id = parse_id(&id)?;
    let is_csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("text/csv"));
    if !is_csv {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the MSEL as text/csv",
        ));
    }
    let text = std::str::from_utf8(&body).map_err(|e| {
        ApiError::invalid(
            "body",
            format!("is not UTF-8 (at byte {})", e.valid_up_to()),
        )
    })?;
    let design = st.store.design(id).await?;
    let spec = msel_csv::import(text, &design.spec).map_err(|e| {
        let errors: Vec<CsvProblemOut> = e.0.iter().map(CsvProblemOut::from).collect();
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_csv",
            format!(
                "the MSEL file is refused: {} problem{}",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            ),
        )
        .with_details(serde_json::json!({ "errors": errors }))
    })?;
    let m = st
        .store
        .create_msel(&auth.principal.username, id, &spec)
        .await?;
    Ok(msel_response(StatusCode::CREATED, m))
}

/// Reads one MSEL; the ETag is its row version.
#[utoipa::path(get, path = "/api/v1/training/msels/{id}", tag = "training",
    params(("id" = i64, Path, description = "The MSEL's id")),
    responses((status = 200, body = MselOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_msel(
    State(st): State<AppState>,
    _auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let m = st.store.msel(parse_id(&id)?).await?;
    Ok(msel_response(StatusCode::OK, m))
}

/// The MSEL as CSV, its injects in schedule order; importing it gives the same MSEL.
#[utoipa::path(get, path = "/api/v1/training/msels/{id}/export.csv", tag = "training",
    params(("id" = i64, Path, description = "The MSEL's id")),
    responses((status = 200, content_type = "text/csv", body = String),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn export_msel(
    State(st): State<AppState>,
    _auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let m = st.store.msel(parse_id(&id)?).await?;
    let text = msel_csv::export(&m.spec)?;
    let mut r = text.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"msel-{}-v{}.csv\"",
        m.id, m.state.version
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// Takes one step of the MSEL's workflow: `{"command": "submit"}`, `return` (with a `note`),
/// `approve`, `amend` (with the new `spec`). Approving and returning are the design's
/// director's (403 otherwise); `If-Match` (optional) makes it conditional on the version read.
#[utoipa::path(post, path = "/api/v1/training/msels/{id}/commands", tag = "training",
    request_body(content = Object, description = "The command, e.g. {\"command\": \"approve\", \"note\": \"\"}"),
    params(("id" = i64, Path, description = "The MSEL's id"),
           ("If-Match" = Option<String>, Header, description = "The ETag read, e.g. \"3\"")),
    responses((status = 200, body = MselOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody), (status = 412, body = crate::error::ErrorBody)))]
pub async fn command_msel(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let expected = optional_if_match(&headers)?;
    let cmd = MselCommand::parse(body)?;
    access::may_command_msel(&auth.principal, &cmd)?;
    let viewer = auth.viewer();
    let principal = auth.principal.clone();
    let m = st
        .store
        .command_msel(
            &CrisisActor {
                name: &principal.username,
                state: principal.state.as_ref(),
                viewer: &viewer,
            },
            id,
            expected,
            &cmd,
            |_, cmd| access::may_command_msel(&principal, cmd),
        )
        .await?;
    Ok(msel_response(StatusCode::OK, m))
}
