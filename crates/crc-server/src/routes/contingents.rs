//! The register of national contingents: list, read, create, update (with `If-Match`),
//! delete, and totals. Releasability is applied by the store; the role and member-state
//! rules by `crc_domain::policy`, decided on the current row inside the write transaction.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use crc_domain::contingent::{check_page, ContingentQuery, ContingentSort};
use crc_domain::policy::{authorize, Action};
use crc_domain::StateCode;

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{parse_id, ApiJson, ApiQuery};
use crate::state::AppState;
use crate::wire::{
    ContingentIn, ContingentListParams, ContingentOut, ContingentPageOut, ForceTotalOut,
};

pub(crate) fn etag(version: i64) -> HeaderValue {
    // A digit string in quotes is always a valid header value.
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

fn with_etag(status: StatusCode, c: ContingentOut) -> Response {
    let tag = etag(c.version);
    let location = HeaderValue::from_str(&format!("/api/v1/contingents/{}", c.id)).ok();
    let mut r = (status, Json(c)).into_response();
    r.headers_mut().insert(header::ETAG, tag);
    if status == StatusCode::CREATED {
        if let Some(l) = location {
            r.headers_mut().insert(header::LOCATION, l);
        }
    }
    r
}

/// The version the client based its change on, from `If-Match: "N"`. `*` means "whatever
/// is current" and is for programs that knowingly overwrite.
pub(crate) enum Precondition {
    Version(i64),
    Any,
}

pub(crate) fn if_match(headers: &HeaderMap) -> ApiResult<Precondition> {
    let v = headers.get(header::IF_MATCH).ok_or_else(|| {
        ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "precondition_required",
            "send `If-Match` with the ETag (version) you read, so a concurrent change is not overwritten",
        )
    })?;
    let s = v.to_str().unwrap_or("").trim();
    if s == "*" {
        return Ok(Precondition::Any);
    }
    let n = s.trim_start_matches("W/").trim_matches('"');
    n.parse::<i64>().map(Precondition::Version).map_err(|_| {
        ApiError::invalid(
            "If-Match",
            format!("`{s}` is not an ETag of this API (\"N\")"),
        )
    })
}

fn query(p: ContingentListParams) -> ApiResult<ContingentQuery> {
    let ContingentListParams {
        state,
        component,
        readiness,
        q,
        demo,
        sort,
        limit,
        offset,
    } = p;
    let (sort, descending) = match sort.as_deref() {
        Some(s) => ContingentSort::parse(s)?,
        None => (ContingentSort::Id, false),
    };
    let limit = limit.unwrap_or(50);
    let offset = offset.unwrap_or(0);
    check_page(limit, offset)?;
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(ApiError::invalid("q", "must be at most 200 characters"));
    }
    Ok(ContingentQuery {
        state: state.as_deref().map(StateCode::parse).transpose()?,
        component,
        readiness: readiness.as_deref().map(str::parse).transpose()?,
        text: q.filter(|q| !q.trim().is_empty()),
        demo,
        sort,
        descending,
        limit,
        offset,
    })
}

/// Lists the contingents the caller may see.
#[utoipa::path(get, path = "/api/v1/contingents", tag = "contingents",
    params(ContingentListParams),
    responses((status = 200, body = ContingentPageOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(params): ApiQuery<ContingentListParams>,
) -> ApiResult<Json<ContingentPageOut>> {
    let q = query(params)?;
    let page = st.store.list_contingents(&auth.viewer(), &q).await?;
    Ok(Json(ContingentPageOut {
        items: page.items.into_iter().map(Into::into).collect(),
        total: page.total,
        limit: q.limit,
        offset: q.offset,
    }))
}

/// Personnel and equipment per state and component, over what the caller may see.
#[utoipa::path(get, path = "/api/v1/contingents/totals", tag = "contingents",
    responses((status = 200, body = [ForceTotalOut]), (status = 401, body = crate::error::ErrorBody)))]
pub async fn totals(State(st): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<ForceTotalOut>>> {
    let t = st.store.force_totals(&auth.viewer()).await?;
    Ok(Json(t.into_iter().map(Into::into).collect()))
}

/// Reads one contingent; the ETag is its version.
#[utoipa::path(get, path = "/api/v1/contingents/{id}", tag = "contingents",
    params(("id" = i64, Path, description = "Contingent id")),
    responses((status = 200, body = ContingentOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let c = st.store.contingent(&auth.viewer(), id).await?;
    Ok(with_etag(StatusCode::OK, c.into()))
}

/// Creates a contingent.
#[utoipa::path(post, path = "/api/v1/contingents", tag = "contingents", request_body = ContingentIn,
    responses((status = 201, body = ContingentOut, headers(("ETag" = String), ("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody)))]
pub async fn create(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<ContingentIn>,
) -> ApiResult<Response> {
    let draft = body.parse()?;
    authorize(&auth.principal, &Action::CreateContingent(&draft.state))?;
    let c = st
        .store
        .create_contingent(auth.actor(), &draft, false)
        .await?;
    Ok(with_etag(StatusCode::CREATED, c.into()))
}

/// Replaces a contingent; `If-Match` must carry the version read. A stale version gets 412
/// with the current record in `details.current`, so the client can offer a choice.
#[utoipa::path(put, path = "/api/v1/contingents/{id}", tag = "contingents", request_body = ContingentIn,
    params(("id" = i64, Path, description = "Contingent id"),
           ("If-Match" = String, Header, description = "The ETag read, e.g. \"3\"")),
    responses((status = 200, body = ContingentOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody), (status = 428, body = crate::error::ErrorBody)))]
pub async fn update(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ContingentIn>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let pre = if_match(&headers)?;
    let draft = body.parse()?;
    let viewer = auth.viewer();
    let principal = auth.principal.clone();
    let to = draft.state.clone();
    let expected = match pre {
        Precondition::Version(v) => v,
        // `*`: take the version current now; a change racing in between still conflicts.
        Precondition::Any => st.store.contingent(&viewer, id).await?.version,
    };
    let c = st
        .store
        .update_contingent(auth.actor(), &viewer, id, expected, &draft, |cur| {
            authorize(
                &principal,
                &Action::UpdateContingent {
                    from: &cur.draft.state,
                    to: &to,
                },
            )
        })
        .await?;
    Ok(with_etag(StatusCode::OK, c.into()))
}

/// Deletes a contingent; `If-Match` must carry the version read.
#[utoipa::path(delete, path = "/api/v1/contingents/{id}", tag = "contingents",
    params(("id" = i64, Path, description = "Contingent id"),
           ("If-Match" = String, Header, description = "The ETag read, e.g. \"3\", or *")),
    responses((status = 204), (status = 400, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody), (status = 428, body = crate::error::ErrorBody)))]
pub async fn delete(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id)?;
    let expected = match if_match(&headers)? {
        Precondition::Version(v) => Some(v),
        Precondition::Any => None,
    };
    let principal = auth.principal.clone();
    st.store
        .delete_contingent(auth.actor(), &auth.viewer(), id, expected, |cur| {
            authorize(&principal, &Action::DeleteContingent(&cur.draft.state))
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
