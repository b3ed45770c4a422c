//! Login, logout, the current user, preferences and API tokens.

use std::net::SocketAddr;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use axum_extra::extract::cookie::{Cookie, SameSite};
use chrono::Utc;

use crate::auth::{
    hash_password, random_secret, secret_hash, session_cookie, verify_password, Auth, Credential,
    SESSION_COOKIE, TOKEN_PREFIX,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::{parse_id, ApiJson, PeerAddr};
use crate::state::AppState;
use crate::wire::{LoginIn, NewTokenOut, PreferencesIn, SessionOut, TokenIn, TokenOut, UserOut};

/// A hash to verify against when the user does not exist, so a wrong name costs the same
/// time as a wrong password and names cannot be discovered by timing.
fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password("not a real password").unwrap_or_default())
}

fn client_addr(headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    // No proxy header is trusted: the throttle keys on the real peer address.
    let _ = headers;
    peer.map(|p| p.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Logs in with a username and password; sets the session cookie and returns the CSRF token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "session", request_body = LoginIn,
    responses((status = 200, body = SessionOut, description = "Logged in; `Set-Cookie: crc_session`"),
              (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody, description = "Wrong name or password"),
              (status = 429, body = crate::error::ErrorBody, description = "Too many failures")),
    security(()))]
pub async fn login(
    State(st): State<AppState>,
    PeerAddr(peer): PeerAddr,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginIn>,
) -> ApiResult<Response> {
    let addr = client_addr(&headers, peer);
    if body.username.len() > 64 || body.password.len() > 256 {
        return Err(ApiError::invalid("username", "too long"));
    }
    if let Some(wait) = st.throttle.locked_for(&body.username, &addr) {
        tracing::warn!(username = %body.username, %addr, "login throttled");
        return Err(ApiError::too_many_attempts(wait));
    }
    let found = st.store.user_for_login(&body.username).await?;
    let hash = found
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_owned());
    let password = body.password.clone();
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(ApiError::internal)?;
    let user = match found {
        Some(u) if ok && !u.user.disabled => u.user,
        _ => {
            st.throttle.fail(&body.username, &addr);
            tracing::info!(username = %body.username, %addr, "login failed");
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_credentials",
                "wrong username or password, or the account is disabled",
            ));
        }
    };
    st.throttle.succeed(&body.username, &addr);
    let secret = random_secret();
    let csrf = random_secret();
    let ttl = st.settings.session_ttl;
    let expires = Utc::now() + chrono::Duration::from_std(ttl).map_err(ApiError::internal)?;
    st.store
        .create_session(&secret_hash(&secret), user.id, &csrf, expires)
        .await?;
    tracing::info!(username = %user.username, "logged in");
    let cookie = Cookie::build((SESSION_COOKIE, secret))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(st.settings.secure_cookies)
        .path("/")
        .max_age(cookie_duration(ttl))
        .build();
    let body = SessionOut {
        user: user.into(),
        csrf_token: Some(csrf),
    };
    Ok((
        [(axum::http::header::SET_COOKIE, cookie.to_string())],
        Json(body),
    )
        .into_response())
}

fn cookie_duration(d: std::time::Duration) -> time::Duration {
    time::Duration::seconds(d.as_secs() as i64)
}

/// Ends the current session and clears the cookie.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "session",
    responses((status = 204), (status = 401, body = crate::error::ErrorBody)))]
pub async fn logout(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
) -> ApiResult<Response> {
    if let Credential::Session { token_hash, .. } = &auth.credential {
        st.store.delete_session(token_hash).await?;
        st.auth_cache.clear();
    }
    let _ = session_cookie(&headers);
    let clear = Cookie::build((SESSION_COOKIE, ""))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path("/")
        .max_age(time::Duration::ZERO)
        .build();
    Ok((
        StatusCode::NO_CONTENT,
        [(axum::http::header::SET_COOKIE, clear.to_string())],
    )
        .into_response())
}

/// The current user (and, for a session, its CSRF token).
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "session",
    responses((status = 200, body = SessionOut), (status = 401, body = crate::error::ErrorBody)))]
pub async fn me(State(st): State<AppState>, auth: Auth) -> ApiResult<Json<SessionOut>> {
    let user = st.store.user(auth.principal.user_id).await?;
    let csrf_token = match auth.credential {
        Credential::Session { csrf, .. } => Some(csrf),
        Credential::Token { .. } => None,
    };
    Ok(Json(SessionOut {
        user: user.into(),
        csrf_token,
    }))
}

/// Checks a locale value.
pub fn check_locale(l: &str) -> ApiResult<()> {
    if matches!(l, "en" | "ru") {
        Ok(())
    } else {
        Err(ApiError::invalid("locale", "must be `en` or `ru`"))
    }
}

/// Sets the caller's preferences (interface language).
#[utoipa::path(put, path = "/api/v1/auth/me/preferences", tag = "session", request_body = PreferencesIn,
    responses((status = 200, body = UserOut), (status = 400, body = crate::error::ErrorBody)))]
pub async fn preferences(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<PreferencesIn>,
) -> ApiResult<Json<UserOut>> {
    check_locale(&body.locale)?;
    let u = st
        .store
        .set_locale(auth.actor(), auth.actor(), &body.locale)
        .await?;
    Ok(Json(u.into()))
}

/// The caller's API tokens.
#[utoipa::path(get, path = "/api/v1/auth/tokens", tag = "session",
    responses((status = 200, body = [TokenOut])))]
pub async fn list_tokens(State(st): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<TokenOut>>> {
    let list = st.store.list_api_tokens(auth.principal.user_id).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

/// Creates an API token for the caller; the secret is shown once.
#[utoipa::path(post, path = "/api/v1/auth/tokens", tag = "session", request_body = TokenIn,
    responses((status = 201, body = NewTokenOut), (status = 400, body = crate::error::ErrorBody)))]
pub async fn create_token(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<TokenIn>,
) -> ApiResult<(StatusCode, Json<NewTokenOut>)> {
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid("name", "1 to 100 characters"));
    }
    let expires = match body.expires_in_days {
        None => None,
        Some(d) if (1..=3650).contains(&d) => Some(Utc::now() + chrono::Duration::days(d)),
        Some(_) => return Err(ApiError::invalid("expires_in_days", "must be 1 to 3650")),
    };
    let secret = format!("{TOKEN_PREFIX}{}", random_secret());
    let t = st
        .store
        .create_api_token(
            auth.actor(),
            auth.principal.user_id,
            name,
            &secret_hash(&secret),
            expires,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(NewTokenOut {
            token: t.into(),
            secret,
        }),
    ))
}

/// Revokes one of the caller's API tokens.
#[utoipa::path(delete, path = "/api/v1/auth/tokens/{id}", tag = "session",
    params(("id" = i64, Path, description = "Token id")),
    responses((status = 200, body = TokenOut), (status = 404, body = crate::error::ErrorBody)))]
pub async fn revoke_token(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<TokenOut>> {
    let id = parse_id(&id)?;
    let t = st
        .store
        .revoke_api_token(auth.actor(), auth.principal.user_id, id)
        .await?;
    st.auth_cache.clear();
    Ok(Json(t.into()))
}
