//! Alerts and feeds (docs/monitoring.md, "Exchange"): CAP 1.2 alerts and EDXL-DE 1.0 envelopes
//! imported into reports and exported from them, and the USGS earthquake feed ingested. An
//! invalid document is refused whole with its line, column and reason, and nothing is stored.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{FixedOffset, Utc};
use crc_domain::identity::Principal;
use crc_domain::monitoring::access;
use crc_domain::monitoring::cap::Alert;
use crc_domain::monitoring::cap_map::{self, Imported, Outgoing};
use crc_domain::monitoring::cap_read::{parse_alert, XmlFault};
use crc_domain::monitoring::edxl::{DeStatus, Distribution};
use crc_domain::monitoring::report::Source;
use crc_domain::monitoring::usgs;
use crc_domain::releasability::Releasability;
use crc_domain::StateCode;
use crc_storage::{ReportQuery, ReportRecord, Store, World};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{parse_id, ApiQuery};
use crate::monitoring_context::{Monitoring, SENDER};
use crate::monitoring_wire::*;
use crate::routes::monitoring::{prepare, received};
use crate::state::AppState;

/// Largest alert, envelope or feed document accepted.
pub const MAX_DOCUMENT: usize = 4 * 1024 * 1024;

fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

fn require(headers: &HeaderMap, allowed: &[&str], what: &str) -> ApiResult<()> {
    let m = media_type(headers);
    if allowed.contains(&m.as_str()) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("send {what} as {}", allowed.join(" or ")),
        ))
    }
}

fn utf8(body: &Bytes) -> ApiResult<&str> {
    std::str::from_utf8(body).map_err(|e| {
        ApiError::invalid(
            "body",
            format!("is not UTF-8 (at byte {})", e.valid_up_to()),
        )
    })
}

fn invalid_xml(f: XmlFault) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_xml",
        format!("line {}, column {}: {}", f.line, f.column, f.message),
    )
    .with_details(serde_json::json!({"line": f.line, "column": f.column, "reason": f.message}))
}

/// Whose alerts these are.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// The member state whose authorized body sent the alerts (a liaison officer's own state
    /// always); without it the alerts' sender is the source.
    pub state: Option<String>,
    /// Who may see the reports (`organization`, the default, or `national` to the state).
    pub releasability: Option<String>,
}

/// An alert that reported nothing.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SkippedOut {
    /// The alert's identifier.
    pub identifier: String,
    /// Why nothing was stored.
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportOut {
    /// Reports stored, or found already stored (`again`).
    pub items: Vec<ReceivedOut>,
    /// Alerts that reported nothing (Test, System, Draft, Cancel, Ack, Error).
    pub skipped: Vec<SkippedOut>,
    /// Content objects of an envelope that held no alert, by position from 1.
    pub other_contents: Vec<usize>,
}

fn source_of(p: &Principal, params: &ImportParams, sender: &str) -> ApiResult<Source> {
    let state = match (&p.state, &params.state, p.role) {
        (Some(own), _, crc_domain::identity::Role::LiaisonOfficer) => Some(own.clone()),
        (_, Some(s), _) => {
            Some(StateCode::parse(s).map_err(|e| ApiError::invalid("state", e.to_string()))?)
        }
        _ => None,
    };
    Ok(match state {
        Some(state) => Source::AuthorizedBody {
            state,
            body: sender.chars().take(300).collect(),
        },
        None => Source::Feed {
            feed: sender.chars().take(100).collect(),
        },
    })
}

/// Stores the reports `alerts` make, all or none, as `principal`; what the others were.
pub async fn store_alerts(
    store: &Store,
    m: &Monitoring,
    principal: &Principal,
    params: &ImportParams,
    alerts: &[Alert],
) -> ApiResult<(Vec<crate::monitoring_wire::ReceivedOut>, Vec<SkippedOut>)> {
    let label = match params.releasability.as_deref().unwrap_or("organization") {
        "organization" => Releasability::Organization,
        "national" => Releasability::National,
        other => {
            return Err(ApiError::invalid(
                "releasability",
                format!("`{other}`: alerts are imported as organization or national"),
            ))
        }
    };
    let now = Utc::now();
    let mut batch = Vec::new();
    let mut skipped = Vec::new();
    for (i, a) in alerts.iter().enumerate() {
        let source = source_of(principal, params, &a.sender)?;
        match cap_map::alert_to_report(a, source, &m.taxonomy, &m.geography)
            .map_err(|e| ApiError::invalid(&format!("alerts[{i}]"), e.to_string()))?
        {
            Imported::Skipped(reason) => skipped.push(SkippedOut {
                identifier: a.identifier.clone(),
                reason,
            }),
            Imported::Report(spec) => batch.push(
                prepare(m, principal, *spec, label.clone(), now)
                    .map_err(|e| ApiError::invalid(&format!("alerts[{i}]"), e.to_string()))?,
            ),
        }
    }
    let got = if batch.is_empty() {
        Vec::new()
    } else {
        store.receive_reports(&principal.username, &batch).await?
    };
    Ok((received(got).items, skipped))
}

/// Imports a CAP 1.2 alert (`application/cap+xml` or `application/xml`): an Actual alert
/// becomes a real-world report, an Exercise alert a report marked with its exercise (its
/// `note`); Test, System and Draft alerts and Cancel, Ack and Error messages store nothing.
/// The same sender's identifier again stores nothing either.
#[utoipa::path(post, path = "/api/v1/monitoring/cap", tag = "monitoring", params(ImportParams),
    request_body(content = String, content_type = "application/cap+xml", description = "A CAP 1.2 alert"),
    responses((status = 200, body = ImportOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 415, body = crate::error::ErrorBody)))]
pub async fn import_cap(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(params): ApiQuery<ImportParams>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<ImportOut>> {
    access::may_exchange(&auth.principal)?;
    require(
        &headers,
        &["application/cap+xml", "application/xml", "text/xml"],
        "a CAP alert",
    )?;
    let alert = parse_alert(utf8(&body)?).map_err(invalid_xml)?;
    let (items, skipped) = store_alerts(
        &st.store,
        &st.monitoring,
        &auth.principal,
        &params,
        std::slice::from_ref(&alert),
    )
    .await?;
    Ok(Json(ImportOut {
        items,
        skipped,
        other_contents: vec![],
    }))
}

/// Imports an EDXL-DE 1.0 envelope of CAP alerts (`application/xml`), all or none; each
/// alert as by `POST /monitoring/cap`. An envelope's status must agree with its alerts'.
#[utoipa::path(post, path = "/api/v1/monitoring/edxl", tag = "monitoring", params(ImportParams),
    request_body(content = String, content_type = "application/xml", description = "An EDXL-DE 1.0 envelope"),
    responses((status = 200, body = ImportOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 415, body = crate::error::ErrorBody)))]
pub async fn import_edxl(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(params): ApiQuery<ImportParams>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<ImportOut>> {
    access::may_exchange(&auth.principal)?;
    require(
        &headers,
        &["application/xml", "text/xml"],
        "an EDXL-DE envelope",
    )?;
    let (d, other) = Distribution::parse(utf8(&body)?).map_err(invalid_xml)?;
    let (items, skipped) = store_alerts(
        &st.store,
        &st.monitoring,
        &auth.principal,
        &params,
        &d.alerts,
    )
    .await?;
    Ok(Json(ImportOut {
        items,
        skipped,
        other_contents: other.contents,
    }))
}

fn restriction(r: &ReportRecord) -> String {
    match &r.releasability {
        Releasability::Organization => "Releasable to all member states".to_owned(),
        Releasability::National => format!(
            "National: {} only",
            r.owner_state
                .as_ref()
                .map_or("the Joint Staff", |s| s.as_str())
        ),
        Releasability::States(list) => {
            let mut names: Vec<&str> = list.iter().map(|s| s.as_str()).collect();
            if let Some(o) = &r.owner_state {
                names.insert(0, o.as_str());
            }
            format!("Releasable to {}", names.join(", "))
        }
    }
}

fn alert_of(st: &AppState, r: &ReportRecord) -> Alert {
    let sent = Utc::now().with_timezone(&FixedOffset::east_opt(0).expect("zero offset"));
    cap_map::report_to_alert(
        &Outgoing {
            id: r.id,
            spec: &r.spec,
            state: r.location.state.as_ref().map(|s| s.as_str()),
            restriction: restriction(r),
        },
        SENDER,
        sent,
        &st.monitoring.taxonomy,
    )
}

fn xml_response(media: &'static str, xml: String, file: &str) -> Response {
    let mut r = (StatusCode::OK, xml).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{file}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// One report as a CAP 1.2 alert (Exercise for an exercise report; the Admiralty grade as
/// the `admiralty` parameter; the releasability as the restriction).
#[utoipa::path(get, path = "/api/v1/monitoring/reports/{id}/cap", tag = "monitoring",
    params(("id" = i64, Path, description = "The report's id")),
    responses((status = 200, content_type = "application/cap+xml", body = String),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn export_cap(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    access::may_exchange(&auth.principal)?;
    let r = st.store.report(&auth.viewer(), parse_id(&id)?).await?;
    let xml = alert_of(&st, &r).to_xml();
    Ok(xml_response(
        "application/cap+xml",
        xml,
        &format!("crc-report-{}.xml", r.id),
    ))
}

/// Exports reports (the filters of `GET /monitoring/reports`, at most 500) as one EDXL-DE 1.0
/// envelope of CAP alerts: Actual for the real world, Exercise for an exercise's, never both.
#[utoipa::path(get, path = "/api/v1/monitoring/edxl", tag = "monitoring", params(ReportParams),
    responses((status = 200, content_type = "application/xml", body = String),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody)))]
pub async fn export_edxl(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Response> {
    access::may_exchange(&auth.principal)?;
    let mut q: ReportQuery = crate::routes::monitoring::report_query(p)?;
    q.limit = q.limit.min(500);
    let status = match &q.world {
        World::Real => DeStatus::Actual,
        World::Exercise(_) => DeStatus::Exercise,
        World::Exercises => {
            return Err(ApiError::invalid(
                "exercise",
                "an envelope carries one exercise's alerts: name it with `exercise`",
            ))
        }
    };
    let reports = st.store.list_reports(&auth.viewer(), &q).await?;
    let alerts: Vec<Alert> = reports.iter().map(|r| alert_of(&st, r)).collect();
    let (_, label) = crc_domain::releasability::narrowest(
        reports
            .iter()
            .map(|r| (r.owner_state.as_ref(), &r.releasability)),
    );
    let mut keywords: Vec<String> = reports.iter().map(|r| r.spec.category.clone()).collect();
    keywords.sort();
    keywords.dedup();
    let mut countries: Vec<String> = reports
        .iter()
        .filter_map(|r| r.location.state.as_ref().map(|s| s.as_str().to_owned()))
        .collect();
    countries.sort();
    countries.dedup();
    let now = Utc::now();
    let d = Distribution {
        id: format!("crc-de-{}", now.format("%Y%m%dT%H%M%S%.3fZ")),
        sender: SENDER.to_owned(),
        sent: now.with_timezone(&FixedOffset::east_opt(0).expect("zero offset")),
        status,
        kind: "Report".to_owned(),
        confidentiality: format!("RELEASABILITY: {}", label.label().to_uppercase()),
        language: None,
        keywords,
        countries,
        alerts,
    };
    Ok(xml_response("application/xml", d.to_xml(), "crc-edxl.xml"))
}

/// How to ingest a feed.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// The weakest magnitude taken (default 2.5).
    pub min_magnitude: Option<f64>,
}

/// What a feed gave.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedOut {
    /// Events in the document.
    pub events: usize,
    /// Reports stored now.
    pub stored: usize,
    /// Reports already stored from an earlier run.
    pub again: usize,
    /// Events outside the regions or too weak.
    pub outside: usize,
}

/// Ingests a USGS earthquake GeoJSON feed (`application/geo+json` or `application/json`): its
/// events in or near the regions of collective security become reports of source `usgs`,
/// graded B2 when reviewed and B3 when automatic; an event already ingested is not stored
/// again. The same runs on a schedule for the feeds in the server's settings.
#[utoipa::path(post, path = "/api/v1/monitoring/feeds/usgs", tag = "monitoring", params(FeedParams),
    request_body(content = Object, content_type = "application/geo+json", description = "A USGS GeoJSON summary feed"),
    responses((status = 200, body = FeedOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 415, body = crate::error::ErrorBody)))]
pub async fn ingest_usgs(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(p): ApiQuery<FeedParams>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<FeedOut>> {
    access::may_submit(
        &auth.principal,
        &Source::Feed {
            feed: usgs::FEED.into(),
        },
    )?;
    require(
        &headers,
        &["application/geo+json", "application/json"],
        "the feed",
    )?;
    let min = p.min_magnitude.unwrap_or(2.5);
    if !(-2.0..=10.0).contains(&min) {
        return Err(ApiError::invalid(
            "min_magnitude",
            format!("{min} is not a magnitude"),
        ));
    }
    Ok(Json(
        ingest(
            &st.store,
            &st.monitoring,
            &auth.principal,
            utf8(&body)?,
            min,
        )
        .await?,
    ))
}

/// Ingests a feed document as `principal`; the scheduled poller and the command line share it.
pub async fn ingest(
    store: &Store,
    m: &Monitoring,
    principal: &Principal,
    text: &str,
    min_magnitude: f64,
) -> ApiResult<FeedOut> {
    let quakes = usgs::parse(text)?;
    let now = Utc::now();
    let mut batch = Vec::new();
    for q in &quakes {
        if let Some(spec) = q.to_report(&m.geography, min_magnitude) {
            batch.push(prepare(
                m,
                principal,
                spec,
                Releasability::Organization,
                now,
            )?);
        }
    }
    let outside = quakes.len() - batch.len();
    let got = if batch.is_empty() {
        Vec::new()
    } else {
        store.receive_reports(&principal.username, &batch).await?
    };
    let again = got
        .iter()
        .filter(|r| matches!(r, crc_storage::Received::Again(_)))
        .count();
    Ok(FeedOut {
        events: quakes.len(),
        stored: got.len() - again,
        again,
        outside,
    })
}
