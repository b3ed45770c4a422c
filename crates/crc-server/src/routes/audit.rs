//! The audit log (administrators only).

use axum::extract::State;
use axum::Json;
use crc_domain::contingent::check_page;
use crc_domain::policy::{authorize, Action};

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::state::AppState;
use crate::wire::{AuditPageOut, AuditVerifyOut, PageParams};

/// A page of the audit log, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(PageParams),
    responses((status = 200, body = AuditPageOut), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(p): ApiQuery<PageParams>,
) -> ApiResult<Json<AuditPageOut>> {
    authorize(&auth.principal, &Action::ReadAudit)?;
    let (limit, offset) = (p.limit.unwrap_or(50), p.offset.unwrap_or(0));
    check_page(limit, offset)?;
    let page = st.store.audit_page(limit, offset).await?;
    Ok(Json(AuditPageOut {
        items: page.items.into_iter().map(Into::into).collect(),
        total: page.total,
    }))
}

/// Verifies the whole hash chain and names any altered or removed entry.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit",
    responses((status = 200, body = AuditVerifyOut), (status = 403, body = crate::error::ErrorBody)))]
pub async fn verify(State(st): State<AppState>, auth: Auth) -> ApiResult<Json<AuditVerifyOut>> {
    authorize(&auth.principal, &Action::ReadAudit)?;
    let r = st.store.verify_audit().await?;
    Ok(Json(AuditVerifyOut {
        intact: r.problems.is_empty(),
        entries: r.entries,
        problems: r.problems.iter().map(|p| p.to_string()).collect(),
    }))
}
