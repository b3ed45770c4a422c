//! The reports and events as an OGC API - Features endpoint (`/api/v1/ogc`), so that GIS
//! tools (QGIS, GDAL's OAPIF driver, OWSLib) read the real-world picture: the landing page,
//! conformance, collections, and items as GeoJSON with `bbox`, `datetime`, `limit` and
//! `offset`. Authenticated like every endpoint (a bearer token); releasability applies.
//! Exercise reports are never served here.

use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use crc_storage::{EventQuery, EventRecord, ReportQuery, ReportRecord, World};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::monitoring_wire::{parse_bbox, parse_time};
use crate::state::AppState;

const BASE: &str = "/api/v1/ogc";
const CORE: &str = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const GEOJSON: &str = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson";
const OAS30: &str = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30";
const CRS84: &str = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 1_000;

fn json_response(media: &'static str, v: Value) -> Response {
    let mut r = (StatusCode::OK, v.to_string()).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    r
}

fn link(href: String, rel: &str, kind: &str, title: &str) -> Value {
    json!({"href": href, "rel": rel, "type": kind, "title": title})
}

/// The server's own address as the client used it, for absolute links.
fn origin(headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

/// The landing page.
pub async fn landing(_auth: Auth, headers: axum::http::HeaderMap) -> Response {
    let o = origin(&headers);
    json_response(
        "application/json",
        json!({
            "title": "crc situation picture",
            "description": "Real-world monitoring reports and confirmed events of the Crisis Response Centre, releasable to the caller.",
            "links": [
                link(format!("{o}{BASE}"), "self", "application/json", "This document"),
                link(format!("{o}{BASE}/api"), "service-desc", "application/vnd.oai.openapi+json;version=3.0", "The API definition"),
                link(format!("{o}{BASE}/conformance"), "conformance", "application/json", "Conformance classes"),
                link(format!("{o}{BASE}/collections"), "data", "application/json", "The collections"),
            ]
        }),
    )
}

/// The conformance classes.
pub async fn conformance(_auth: Auth) -> Response {
    json_response(
        "application/json",
        json!({"conformsTo": [CORE, GEOJSON, OAS30]}),
    )
}

/// A minimal OpenAPI 3.0 definition of this endpoint.
pub async fn api(_auth: Auth) -> Response {
    let param = |name: &str, kind: &str| json!({"name": name, "in": "query", "required": false, "schema": {"type": kind}});
    let items = json!({
        "get": {
            "summary": "Features of the collection",
            "parameters": [
                {"name": "collectionId", "in": "path", "required": true, "schema": {"type": "string", "enum": ["reports", "events"]}},
                param("bbox", "string"), param("datetime", "string"), param("limit", "integer"), param("offset", "integer")
            ],
            "responses": {"200": {"description": "A GeoJSON FeatureCollection", "content": {"application/geo+json": {"schema": {"type": "object"}}}}}
        }
    });
    json_response(
        "application/vnd.oai.openapi+json;version=3.0",
        json!({
            "openapi": "3.0.3",
            "info": {"title": "crc situation picture (OGC API - Features)", "version": "1.0.0"},
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearer": []}],
            "paths": {
                format!("{BASE}"): {"get": {"summary": "Landing page", "responses": {"200": {"description": "Landing page"}}}},
                format!("{BASE}/conformance"): {"get": {"summary": "Conformance", "responses": {"200": {"description": "Conformance classes"}}}},
                format!("{BASE}/collections"): {"get": {"summary": "Collections", "responses": {"200": {"description": "Collections"}}}},
                format!("{BASE}/collections/{{collectionId}}/items"): items,
            }
        }),
    )
}

fn collection(o: &str, id: &str, title: &str, description: &str) -> Value {
    json!({
        "id": id,
        "title": title,
        "description": description,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {
            "spatial": {"bbox": [[-180.0, -90.0, 180.0, 90.0]], "crs": CRS84},
            "temporal": {"interval": [[null, null]]}
        },
        "links": [
            link(format!("{o}{BASE}/collections/{id}"), "self", "application/json", title),
            link(format!("{o}{BASE}/collections/{id}/items"), "items", "application/geo+json", "Items"),
        ]
    })
}

fn collections_of(o: &str) -> Vec<Value> {
    vec![
        collection(
            o,
            "reports",
            "Reports",
            "Reports on the situation, graded by the Admiralty code",
        ),
        collection(
            o,
            "events",
            "Events",
            "Events confirmed by the duty officers from corroborating reports",
        ),
    ]
}

/// The collections.
pub async fn collections(_auth: Auth, headers: axum::http::HeaderMap) -> Response {
    let o = origin(&headers);
    json_response(
        "application/json",
        json!({
            "links": [link(format!("{o}{BASE}/collections"), "self", "application/json", "Collections")],
            "collections": collections_of(&o),
        }),
    )
}

/// One collection.
pub async fn one_collection(
    _auth: Auth,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let o = origin(&headers);
    collections_of(&o)
        .into_iter()
        .find(|c| c["id"] == id.as_str())
        .map(|c| json_response("application/json", c))
        .ok_or_else(|| ApiError::not_found(format!("collection {id}")))
}

/// Query parameters of items (unknown ones are refused, as the standard asks).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemParams {
    bbox: Option<String>,
    #[serde(rename = "bbox-crs")]
    bbox_crs: Option<String>,
    datetime: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
    f: Option<String>,
}

/// `datetime`: an instant, or an interval `a/b` with `..` or empty for an open end.
fn parse_datetime(s: &str) -> ApiResult<(Option<i64>, Option<i64>)> {
    let end = |part: &str| -> ApiResult<Option<DateTime<Utc>>> {
        match part.trim() {
            "" | ".." => Ok(None),
            p => parse_time("datetime", p).map(Some),
        }
    };
    match s.split_once('/') {
        Some((a, b)) => {
            let (a, b) = (end(a)?, end(b)?);
            if let (Some(a), Some(b)) = (a, b) {
                if a > b {
                    return Err(ApiError::invalid(
                        "datetime",
                        format!("`{s}`: the interval ends before it starts"),
                    ));
                }
            }
            Ok((
                a.map(|t| t.timestamp_millis()),
                b.map(|t| t.timestamp_millis() + 1),
            ))
        }
        None => {
            let t = parse_time("datetime", s)?.timestamp_millis();
            Ok((Some(t), Some(t + 1)))
        }
    }
}

fn number(field: &str, v: &Option<String>, default: i64, min: i64, max: i64) -> ApiResult<i64> {
    match v {
        None => Ok(default),
        Some(s) => match s.trim().parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            // The standard lets a server bring a too large limit down to its maximum.
            Ok(n) if field == "limit" && n > max => Ok(max),
            _ => Err(ApiError::invalid(
                field,
                format!("`{s}` is not a whole number within {min} to {max}"),
            )),
        },
    }
}

fn report_feature(r: ReportRecord) -> Value {
    let s = &r.spec;
    json!({
        "type": "Feature",
        "id": r.id,
        "geometry": serde_json::to_value(&s.place).unwrap_or(Value::Null),
        "properties": {
            "title": s.title,
            "category": s.category,
            "observed": s.observed_at.to_rfc3339(),
            "reported": s.reported_at.to_rfc3339(),
            "grade": s.grade.to_string(),
            "reliability": s.grade.reliability.letter().to_string(),
            "credibility": s.grade.credibility.number(),
            "state": r.location.state.as_ref().map(|c| c.as_str()),
            "country": r.location.country.as_ref().map(|c| c.as_str()),
            "region": r.location.region,
            "place_name": s.place_name,
            "source": s.source.key(),
            "event_id": r.event_id,
            "text": s.text,
        }
    })
}

fn event_feature(e: EventRecord) -> Value {
    json!({
        "type": "Feature",
        "id": e.id,
        "geometry": {"type": "Point", "coordinates": e.position},
        "properties": {
            "title": e.title,
            "category": e.category,
            "first_observed": DateTime::<Utc>::from_timestamp_millis(e.first_ms).map(|t| t.to_rfc3339()),
            "last_observed": DateTime::<Utc>::from_timestamp_millis(e.last_ms).map(|t| t.to_rfc3339()),
            "grade": e.grade.to_string(),
            "state": e.state.as_ref().map(|c| c.as_str()),
            "region": e.region,
            "reports": e.reports.len(),
        }
    })
}

/// The items of a collection as a GeoJSON FeatureCollection, latest first, with a `next`
/// link while more may follow.
pub async fn items(
    State(st): State<AppState>,
    auth: Auth,
    headers: axum::http::HeaderMap,
    OriginalUri(uri): OriginalUri,
    Path(id): Path<String>,
    params: Result<Query<ItemParams>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Response> {
    let Query(p) = params.map_err(|e| ApiError::invalid("query", e.body_text()))?;
    if let Some(f) = p.f.as_deref().filter(|f| !matches!(*f, "json" | "geojson")) {
        return Err(ApiError::invalid(
            "f",
            format!("`{f}`: the items are served as json"),
        ));
    }
    if let Some(c) = p.bbox_crs.as_deref().filter(|c| *c != CRS84) {
        return Err(ApiError::invalid(
            "bbox-crs",
            format!("`{c}`: boxes are in {CRS84}"),
        ));
    }
    let bbox = p
        .bbox
        .as_deref()
        .map(|b| parse_bbox("bbox", b))
        .transpose()?;
    let (from_ms, to_ms) = match p.datetime.as_deref() {
        Some(d) => parse_datetime(d)?,
        None => (None, None),
    };
    let limit = number("limit", &p.limit, DEFAULT_LIMIT, 1, MAX_LIMIT)?;
    let offset = number("offset", &p.offset, 0, 0, i64::MAX)?;
    let viewer = auth.viewer();
    let features: Vec<Value> = match id.as_str() {
        "reports" => st
            .store
            .list_reports(
                &viewer,
                &ReportQuery {
                    world: World::Real,
                    bbox,
                    from_ms,
                    to_ms,
                    limit,
                    offset,
                    ..Default::default()
                },
            )
            .await?
            .into_iter()
            .map(report_feature)
            .collect(),
        "events" => st
            .store
            .list_events(
                &viewer,
                &EventQuery {
                    world: World::Real,
                    bbox,
                    from_ms,
                    to_ms,
                    limit,
                    offset,
                },
            )
            .await?
            .into_iter()
            .map(event_feature)
            .collect(),
        other => return Err(ApiError::not_found(format!("collection {other}"))),
    };
    let o = origin(&headers);
    let here = format!("{o}{}", uri.path());
    let keep: Vec<String> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("offset=") && !kv.starts_with("limit="))
        .map(str::to_owned)
        .collect();
    let page = |off: i64| {
        let mut q = keep.clone();
        q.push(format!("limit={limit}"));
        q.push(format!("offset={off}"));
        format!("{here}?{}", q.join("&"))
    };
    let mut links = vec![link(
        page(offset),
        "self",
        "application/geo+json",
        "This page",
    )];
    if features.len() as i64 == limit {
        links.push(link(
            page(offset + limit),
            "next",
            "application/geo+json",
            "Next page",
        ));
    }
    if offset > 0 {
        links.push(link(
            page((offset - limit).max(0)),
            "prev",
            "application/geo+json",
            "Previous page",
        ));
    }
    Ok(json_response(
        "application/geo+json",
        json!({
            "type": "FeatureCollection",
            "timeStamp": Utc::now().to_rfc3339(),
            "numberReturned": features.len(),
            "features": features,
            "links": links,
        }),
    ))
}

/// One item.
pub async fn item(
    State(st): State<AppState>,
    auth: Auth,
    Path((id, fid)): Path<(String, String)>,
) -> ApiResult<Response> {
    let n = crate::extract::parse_id(&fid)?;
    let viewer = auth.viewer();
    let f = match id.as_str() {
        "reports" => {
            let r = st.store.report(&viewer, n).await?;
            if r.spec.exercise.is_some() {
                return Err(ApiError::not_found(format!("report {n}")));
            }
            report_feature(r)
        }
        "events" => {
            let e = st.store.monitoring_event(&viewer, n).await?;
            if e.exercise.is_some() {
                return Err(ApiError::not_found(format!("event {n}")));
            }
            event_feature(e)
        }
        other => return Err(ApiError::not_found(format!("collection {other}"))),
    };
    Ok(json_response("application/geo+json", f))
}
