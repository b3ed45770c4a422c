//! Authentication: argon2id passwords, login sessions (HttpOnly SameSite=Strict cookie plus a
//! CSRF token echoed in a header), bearer API tokens, and login throttling. Secrets are
//! random 256-bit values; only their SHA-256 is stored, so a database dump yields no
//! usable credential.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode};
use crc_domain::identity::{Principal, Viewer};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "crc_session";
/// The header carrying the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Prefix of API token secrets, so a leaked one is recognisable.
pub const TOKEN_PREFIX: &str = "crc_";

/// Hashes a password with argon2id (the crate's defaults: OWASP's recommended parameters).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(ApiError::internal)
}

/// Checks a password against a stored PHC string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A random secret, hex-encoded.
pub fn random_secret() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// SHA-256 of a secret, hex: what the database keeps.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// How the caller authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A login session (cookie); carries its token hash and CSRF token.
    Session {
        /// Hash of the cookie's secret.
        token_hash: String,
        /// The session's CSRF token.
        csrf: String,
    },
    /// A bearer API token; carries its hash.
    Token {
        /// Hash of the token's secret.
        token_hash: String,
    },
}

/// An authenticated caller. Extracting it authenticates the request (401 otherwise) and,
/// for cookie sessions, checks the CSRF header on every unsafe method (403 otherwise).
#[derive(Debug, Clone)]
pub struct Auth {
    /// Who.
    pub principal: Principal,
    /// How.
    pub credential: Credential,
}

impl Auth {
    /// Whether the credential still stands (not logged out, revoked, expired or disabled),
    /// asked of the database itself. Long-lived responses (the event stream) ask it again
    /// from time to time, so an ended session does not go on hearing changes.
    pub async fn still_valid(&self, state: &AppState) -> Result<bool, ApiError> {
        let user = match &self.credential {
            Credential::Session { token_hash, .. } => {
                state.store.session(token_hash).await?.map(|s| s.user)
            }
            Credential::Token { token_hash } => state.store.token_user(token_hash).await?,
        };
        Ok(user.is_some_and(|u| u.principal() == self.principal))
    }

    /// The releasability viewer of this caller.
    pub fn viewer(&self) -> Viewer {
        Viewer::of(&self.principal)
    }

    /// The actor name for the audit log.
    pub fn actor(&self) -> &str {
        &self.principal.username
    }
}

#[derive(Clone)]
struct Cached {
    principal: Principal,
    csrf: Option<String>,
    at: Instant,
}

/// A short-lived cache of authenticated credentials (by hash), so a read does not pay a
/// database round trip for authentication. Anything that ends a credential (logout,
/// disable, revoke, password change) clears it; the TTL bounds staleness when another
/// process made the change.
#[derive(Clone)]
pub struct AuthCache {
    inner: Arc<moka::sync::Cache<String, Cached>>,
}

const AUTH_CACHE_TTL: Duration = Duration::from_secs(5);

impl AuthCache {
    /// An empty cache.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        AuthCache {
            inner: Arc::new(
                moka::sync::Cache::builder()
                    .max_capacity(10_000)
                    .time_to_live(AUTH_CACHE_TTL)
                    .build(),
            ),
        }
    }

    /// Forgets everything.
    pub fn clear(&self) {
        self.inner.invalidate_all();
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// The session cookie's secret, if the request carries one.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    let jar = axum_extra::extract::cookie::CookieJar::from_headers(headers);
    jar.get(SESSION_COOKIE).map(|c| c.value().to_owned())
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(secret) = bearer(&parts.headers) {
            let key = format!("t:{}", secret_hash(secret));
            let principal = match state.auth_cache.inner.get(&key) {
                Some(c) if c.at.elapsed() < AUTH_CACHE_TTL => c.principal,
                _ => {
                    let user = state.store.token_user(&key[2..]).await?.ok_or_else(|| {
                        ApiError::new(
                            StatusCode::UNAUTHORIZED,
                            "invalid_token",
                            "the bearer token is unknown, expired or revoked",
                        )
                    })?;
                    let p = user.principal();
                    state.auth_cache.inner.insert(
                        key.clone(),
                        Cached {
                            principal: p.clone(),
                            csrf: None,
                            at: Instant::now(),
                        },
                    );
                    p
                }
            };
            return Ok(Auth {
                principal,
                credential: Credential::Token {
                    token_hash: key[2..].to_owned(),
                },
            });
        }
        let secret = session_cookie(&parts.headers).ok_or_else(ApiError::unauthenticated)?;
        let hash = secret_hash(&secret);
        let key = format!("s:{hash}");
        let (principal, csrf) = match state.auth_cache.inner.get(&key) {
            Some(c) if c.at.elapsed() < AUTH_CACHE_TTL => (c.principal, c.csrf.unwrap_or_default()),
            _ => {
                let s = state.store.session(&hash).await?.ok_or_else(|| {
                    ApiError::new(
                        StatusCode::UNAUTHORIZED,
                        "session_expired",
                        "the session has ended; log in again",
                    )
                })?;
                let p = s.user.principal();
                state.auth_cache.inner.insert(
                    key,
                    Cached {
                        principal: p.clone(),
                        csrf: Some(s.csrf_token.clone()),
                        at: Instant::now(),
                    },
                );
                (p, s.csrf_token)
            }
        };
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !constant_time_eq(sent.as_bytes(), csrf.as_bytes()) {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    "csrf_failed",
                    "a change made with the session cookie must carry the session's X-CSRF-Token header",
                ));
            }
        }
        Ok(Auth {
            principal,
            credential: Credential::Session {
                token_hash: hash,
                csrf,
            },
        })
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Failed logins per (user, address): after `limit` failures within `window`, further
/// attempts are refused until the oldest failure leaves the window.
#[derive(Clone)]
pub struct LoginThrottle {
    limit: u32,
    window: Duration,
    failures: Arc<Mutex<HashMap<String, Vec<Instant>>>>,
}

impl LoginThrottle {
    /// A throttle.
    pub fn new(limit: u32, window: Duration) -> Self {
        LoginThrottle {
            limit,
            window,
            failures: Arc::default(),
        }
    }

    fn key(username: &str, addr: &str) -> String {
        format!("{}\u{0}{addr}", username.to_lowercase())
    }

    /// Seconds to wait, if this key is locked now.
    pub fn locked_for(&self, username: &str, addr: &str) -> Option<u64> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let list = map.get_mut(&Self::key(username, addr))?;
        let now = Instant::now();
        list.retain(|t| now.duration_since(*t) < self.window);
        if list.len() as u32 >= self.limit {
            let oldest = list.first().copied()?;
            Some((self.window - now.duration_since(oldest)).as_secs().max(1))
        } else {
            None
        }
    }

    /// Records a failure.
    pub fn fail(&self, username: &str, addr: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            // Bound memory under a spray of random usernames: forget the oldest state.
            map.clear();
        }
        map.entry(Self::key(username, addr))
            .or_default()
            .push(Instant::now());
    }

    /// Clears the failures after a success.
    pub fn succeed(&self, username: &str, addr: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&Self::key(username, addr));
    }
}
