//! The one error type at the edge: a stable snake_case `code`, a message for people, and
//! optional details. Internal causes are logged, never sent.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use crc_domain::DomainError;
use crc_storage::StorageError;
use serde::Serialize;
use utoipa::ToSchema;

/// The error body of every failed request.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `version_conflict`.
    pub code: &'static str,
    /// What went wrong, for people.
    pub message: String,
    /// More about it: the offending field, the current record, ...
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

/// An API error.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    details: serde_json::Value,
    retry_after: Option<u64>,
}

impl ApiError {
    /// A new error.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            details: serde_json::Value::Null,
            retry_after: None,
        }
    }

    /// Adds details.
    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }

    /// 400 with the field that is wrong.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_input",
            format!("{field}: {message}"),
        )
        .with_details(serde_json::json!({ "field": field }))
    }

    /// 401.
    pub fn unauthenticated() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "log in or send a bearer token",
        )
    }

    /// 404.
    pub fn not_found(what: impl Into<String>) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{} not found", what.into()),
        )
    }

    /// 429 with the seconds to wait.
    pub fn too_many_attempts(seconds: u64) -> Self {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            format!("too many failed logins; try again in {seconds} s"),
        );
        e.retry_after = Some(seconds);
        e
    }

    /// 500: the cause is logged, the client hears only that it happened.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "an internal error occurred; it has been logged",
        )
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The code.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Invalid { field, message } => ApiError::invalid(&field, message),
            DomainError::Forbidden(m) => ApiError::new(StatusCode::FORBIDDEN, "forbidden", m),
            e @ DomainError::Transition { .. } => {
                let DomainError::Transition {
                    kind,
                    state,
                    command,
                    ..
                } = &e
                else {
                    unreachable!()
                };
                let details = serde_json::json!({"kind": kind, "state": state, "command": command});
                ApiError::new(StatusCode::CONFLICT, "illegal_transition", e.to_string())
                    .with_details(details)
            }
        }
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound(what) => ApiError::not_found(what),
            StorageError::VersionConflict { expected, current } => ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "version_conflict",
                format!(
                    "the record changed since version {expected}; it is now at version {}",
                    current.version
                ),
            )
            .with_details(serde_json::json!({
                "expected": expected,
                "current": crate::wire::ContingentOut::from(*current),
            })),
            StorageError::CrisisConflict { expected, current } => ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "version_conflict",
                format!(
                    "the record changed since version {expected}; it is now at version {}",
                    current.version
                ),
            )
            .with_details(serde_json::json!({
                "expected": expected,
                "current": crate::crisis_wire::CrisisOut::new(*current, chrono::Utc::now()),
            })),
            StorageError::Stale {
                what,
                expected,
                current,
            } => ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "version_conflict",
                format!("{what} changed since version {expected}; it is now at version {current}"),
            )
            .with_details(serde_json::json!({"expected": expected, "current_version": current})),
            StorageError::Duplicate(m) => ApiError::new(StatusCode::CONFLICT, "duplicate", m),
            StorageError::Domain(d) => d.into(),
            StorageError::NotEmpty(m) => ApiError::new(StatusCode::CONFLICT, "not_empty", m),
            other => ApiError::internal(other),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code,
            message: self.message,
            details: self.details,
        };
        let mut r = (self.status, axum::Json(body)).into_response();
        if let Some(s) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&s.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        r
    }
}

/// Shorthand.
pub type ApiResult<T> = Result<T, ApiError>;
