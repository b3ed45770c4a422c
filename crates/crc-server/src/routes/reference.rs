//! Reference data: the organization as the bundled data file describes it.

use axum::extract::{Path, State};
use axum::Json;
use crc_domain::policy::{authorize, Action};
use crc_domain::reference::{ReferenceData, ReferenceKind};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::wire::{LoadReportOut, ReferenceKindCount, ReferenceOverview};

fn kind(s: &str) -> ApiResult<ReferenceKind> {
    s.parse::<ReferenceKind>().map_err(|_| {
        ApiError::not_found(format!(
            "reference kind `{s}` (one of: {})",
            ReferenceKind::ALL.map(|k| k.as_str()).join(", ")
        ))
    })
}

fn body(text: &str) -> ApiResult<serde_json::Value> {
    serde_json::from_str(text).map_err(ApiError::internal)
}

/// The loaded data set's version and the kinds with their counts.
#[utoipa::path(get, path = "/api/v1/reference", tag = "reference",
    responses((status = 200, body = ReferenceOverview), (status = 401, body = crate::error::ErrorBody)))]
pub async fn overview(
    State(st): State<AppState>,
    auth: Auth,
) -> ApiResult<Json<ReferenceOverview>> {
    authorize(&auth.principal, &Action::Read)?;
    let mut kinds = Vec::new();
    for k in ReferenceKind::ALL {
        kinds.push(ReferenceKindCount {
            kind: k.as_str().into(),
            count: st.store.list_reference(k).await?.len(),
        });
    }
    Ok(Json(ReferenceOverview {
        version: st.store.reference_version().await?,
        kinds,
    }))
}

/// Every record of one kind: states, activities, bodies, posts, chairmanships, regions,
/// partners, components, exercise_series.
#[utoipa::path(get, path = "/api/v1/reference/{kind}", tag = "reference",
    params(("kind" = String, Path, description = "Reference kind")),
    responses((status = 200, body = [Object]), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    auth: Auth,
    Path(k): Path<String>,
) -> ApiResult<Json<Vec<serde_json::Value>>> {
    authorize(&auth.principal, &Action::Read)?;
    let items = st.store.list_reference(kind(&k)?).await?;
    items
        .iter()
        .map(|i| body(&i.body))
        .collect::<ApiResult<_>>()
        .map(Json)
}

/// One reference record.
#[utoipa::path(get, path = "/api/v1/reference/{kind}/{key}", tag = "reference",
    params(("kind" = String, Path, description = "Reference kind"), ("key" = String, Path, description = "Key")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(
    State(st): State<AppState>,
    auth: Auth,
    Path((k, key)): Path<(String, String)>,
) -> ApiResult<Json<serde_json::Value>> {
    authorize(&auth.principal, &Action::Read)?;
    let item = st.store.reference(kind(&k)?, &key).await?;
    body(&item.body).map(Json)
}

/// Loads the reference data bundled with this build (administrators). Idempotent: reports
/// what it inserted and updated.
#[utoipa::path(post, path = "/api/v1/reference/load", tag = "reference",
    responses((status = 200, body = LoadReportOut), (status = 403, body = crate::error::ErrorBody)))]
pub async fn load(State(st): State<AppState>, auth: Auth) -> ApiResult<Json<LoadReportOut>> {
    authorize(&auth.principal, &Action::LoadReference)?;
    let data = ReferenceData::bundled().map_err(ApiError::internal)?;
    let r = st.store.load_reference(auth.actor(), &data).await?;
    Ok(Json(r.into()))
}
