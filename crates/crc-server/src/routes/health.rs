//! Liveness, readiness and metrics.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use crc_domain::policy::{authorize, Action};

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::wire::HealthOut;

fn health(status: &str) -> HealthOut {
    HealthOut {
        status: status.into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }
}

/// The process is up. No authentication: load balancers ask.
#[utoipa::path(get, path = "/health", tag = "operations",
    responses((status = 200, body = HealthOut)))]
pub async fn live() -> Json<HealthOut> {
    Json(health("ok"))
}

/// The process can serve: the database answers and is migrated.
#[utoipa::path(get, path = "/ready", tag = "operations",
    responses((status = 200, body = HealthOut), (status = 503, body = HealthOut)))]
pub async fn ready(State(st): State<AppState>) -> (StatusCode, Json<HealthOut>) {
    match st.store.schema_version().await {
        Ok(v) if v == crc_storage::known_schema_version() => (StatusCode::OK, Json(health("ok"))),
        Ok(v) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(health(&format!(
                "database schema at version {v}, not migrated"
            ))),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(health("database unreachable")),
            )
        }
    }
}

/// Prometheus metrics (administrators and duty officers; scrape with a bearer token).
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain"),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn metrics(State(st): State<AppState>, auth: Auth) -> ApiResult<String> {
    authorize(&auth.principal, &Action::ReadMetrics)?;
    Ok(st.metrics.render())
}
