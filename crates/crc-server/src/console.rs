//! The web console: the assets built from `web/` by `build.rs`, embedded in the binary, so
//! `crc serve` alone serves the console and it never needs anything from outside its origin.
//!
//! `index.html` is never cached (it names the current asset files); the files under
//! `/assets/` carry a content hash in their names and are cached for a year. The page's
//! Content-Security-Policy forbids every origin but the server's own.

use axum::http::{header, HeaderValue, Method, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;

use crate::ApiError;

#[derive(Embed)]
#[folder = "$OUT_DIR/web"]
struct Assets;

/// Only the server's origin: no CDN, no tile server, no outside fonts. Inline styles are
/// allowed because the map library positions its elements with them; images may be
/// `data:`/`blob:` because unit symbols are drawn in the page.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

fn file(path: &str, cache: &'static str) -> Option<Response> {
    let f = Assets::get(path)?;
    let mime = f.metadata.mimetype();
    let mut res = f.data.into_owned().into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if path.ends_with(".html") {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
    }
    Some(res)
}

/// `GET /`: the console's page.
pub async fn index() -> Response {
    file("index.html", "no-cache").unwrap_or_else(|| {
        ApiError::internal("the console was built without index.html").into_response()
    })
}

/// Any other path: an embedded asset, or the API's "no such endpoint".
pub async fn asset_or_not_found(method: Method, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if !matches!(method, Method::GET | Method::HEAD)
        || path.starts_with("api/")
        || path.is_empty()
        || path == "index.html"
    {
        return crate::not_found().into_response();
    }
    let cache = if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    file(path, cache).unwrap_or_else(|| crate::not_found().into_response())
}
