//! Situation monitoring (docs/monitoring.md): reports filed and evaluated, events confirmed,
//! and the threat picture (`/api/v1/monitoring`). Everyone signed in reads what is releasable
//! to them; who files and evaluates is `crc_domain::monitoring::access`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use crc_domain::identity::Principal;
use crc_domain::monitoring::access;
use crc_domain::monitoring::corroboration;
use crc_domain::monitoring::grade::Grade;
use crc_domain::monitoring::report::ReportSpec;
use crc_domain::monitoring::taxonomy::Taxonomy;
use crc_domain::monitoring::threat::{self, Scope};
use crc_domain::releasability::Releasability;
use crc_domain::{DomainError, StateCode};
use crc_storage::{CrisisActor, EventQuery, NewReport, Received, ReportQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{from_json, optional_if_match, parse_id, ApiJson, ApiQuery};
use crate::monitoring_wire::*;
use crate::routes::training::with_etag;
use crate::state::AppState;

/// Most reports filed in one request.
pub const MAX_BATCH: usize = 5_000;

/// The domain's error on report `i` of a batch, its field under `reports[i]`.
fn at_report(i: usize, e: DomainError) -> ApiError {
    match e {
        DomainError::Invalid { field, message } => {
            ApiError::invalid(&format!("reports[{i}].{field}"), message)
        }
        other => other.into(),
    }
}

/// Checks a report to be filed by `p` and gives it its owner and label.
pub fn prepare(
    m: &crate::monitoring_context::Monitoring,
    p: &Principal,
    spec: ReportSpec,
    releasability: Releasability,
    now: DateTime<Utc>,
) -> Result<NewReport, DomainError> {
    spec.check(&m.taxonomy, &m.partners, now)?;
    access::may_submit(p, &spec.source)?;
    let owner = spec.source.state().cloned().or_else(|| p.state.clone());
    if releasability == Releasability::National && owner.is_none() {
        return Err(DomainError::invalid(
            "releasability",
            "a national report belongs to a state: only a state's body's report, or one filed by \
             a state's officer, can be national",
        ));
    }
    Ok(NewReport {
        location: m.geography.locate(&spec.place),
        spec,
        owner_state: owner,
        releasability,
    })
}

/// Files reports, all or none: `{"reports": [{"spec": ..., "releasability"?: ...}]}`. A report
/// whose sender's identifier (`spec.external_id` from the same source) is already stored is
/// not stored again (`again: true`).
#[utoipa::path(post, path = "/api/v1/monitoring/reports", tag = "monitoring", request_body = ReportBatchIn,
    responses((status = 201, body = ReceivedListOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn file_reports(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<ReportBatchIn>,
) -> ApiResult<(StatusCode, Json<ReceivedListOut>)> {
    if body.reports.is_empty() || body.reports.len() > MAX_BATCH {
        return Err(ApiError::invalid(
            "reports",
            format!("{} reports; send 1 to {MAX_BATCH}", body.reports.len()),
        ));
    }
    let now = Utc::now();
    let mut batch = Vec::with_capacity(body.reports.len());
    for (i, r) in body.reports.into_iter().enumerate() {
        let spec: ReportSpec = from_json(&format!("reports[{i}].spec"), r.spec)?;
        let label = match r.releasability {
            Some(w) => w.parse().map_err(|e| at_report(i, e))?,
            None => Releasability::Organization,
        };
        batch.push(
            prepare(&st.monitoring, &auth.principal, spec, label, now)
                .map_err(|e| at_report(i, e))?,
        );
    }
    let got = st.store.receive_reports(auth.actor(), &batch).await?;
    Ok((StatusCode::CREATED, Json(received(got))))
}

/// The wire form of what receiving reports did.
pub fn received(got: Vec<Received>) -> ReceivedListOut {
    ReceivedListOut {
        items: got
            .into_iter()
            .map(|r| match r {
                Received::New(r) => ReceivedOut {
                    report: r.into(),
                    again: false,
                },
                Received::Again(r) => ReceivedOut {
                    report: r.into(),
                    again: true,
                },
            })
            .collect(),
    }
}

/// The storage query of a report list's parameters.
pub(crate) fn report_query(p: ReportParams) -> ApiResult<ReportQuery> {
    let ms = |field: &str, v: &Option<String>| -> ApiResult<Option<i64>> {
        v.as_deref()
            .map(|s| parse_time(field, s).map(|t| t.timestamp_millis()))
            .transpose()
    };
    Ok(ReportQuery {
        world: parse_world(p.world.as_deref(), p.exercise.as_deref())?,
        bbox: p
            .bbox
            .as_deref()
            .map(|b| parse_bbox("bbox", b))
            .transpose()?,
        from_ms: ms("from", &p.from)?,
        to_ms: ms("to", &p.to)?,
        categories: p
            .category
            .as_deref()
            .map(|c| {
                c.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        state: p.state.map(|s| s.to_ascii_uppercase()),
        region: p.region,
        words: p
            .q
            .as_deref()
            .map(crc_domain::training::lessons::words)
            .unwrap_or_default(),
        event: p.event,
        include_merged: p.include_merged.unwrap_or(false),
        limit: limit("limit", p.limit, 100, 1_000)?,
        offset: offset(p.offset)?,
    })
}

/// Lists the reports releasable to the caller, latest observed first: by box, time,
/// category, state, region, words (Russian or English, any form), world and event.
#[utoipa::path(get, path = "/api/v1/monitoring/reports", tag = "monitoring", params(ReportParams),
    responses((status = 200, body = ReportListOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn list_reports(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Json<ReportListOut>> {
    let q = report_query(p)?;
    let items = st.store.list_reports(&auth.viewer(), &q).await?;
    Ok(Json(ReportListOut {
        items: items.into_iter().map(ReportOut::from).collect(),
    }))
}

/// What the map draws: the reports of `GET /monitoring/reports`'s filters (here `limit` is at
/// most 10,000, 2,000 by default) as a GeoJSON FeatureCollection of their anchor points with
/// only what a symbol needs (`category`, `grade`, `observed`, `area`, `event`), latest first.
#[utoipa::path(get, path = "/api/v1/monitoring/map", tag = "monitoring", params(ReportParams),
    responses((status = 200, content_type = "application/geo+json", body = Object),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody)))]
pub async fn map(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(mut p): ApiQuery<ReportParams>,
) -> ApiResult<Response> {
    let wanted = limit("limit", p.limit, 2_000, 10_000)?;
    p.limit = None;
    let mut q = report_query(p)?;
    q.limit = wanted;
    let points = st.store.map_points(&auth.viewer(), &q).await?;
    let features: Vec<serde_json::Value> = points
        .into_iter()
        .map(|m| {
            serde_json::json!({
                "type": "Feature",
                "id": m.id,
                "geometry": {"type": "Point", "coordinates": m.position},
                "properties": {
                    "category": m.category,
                    "grade": m.grade,
                    "observed": m.observed_ms,
                    "area": m.area,
                    "event": m.event_id,
                }
            })
        })
        .collect();
    let body = serde_json::json!({"type": "FeatureCollection", "features": features});
    let mut r = (StatusCode::OK, body.to_string()).into_response();
    r.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/geo+json"),
    );
    Ok(r)
}

/// Reads one report.
#[utoipa::path(get, path = "/api/v1/monitoring/reports/{id}", tag = "monitoring",
    params(("id" = i64, Path, description = "The report's id")),
    responses((status = 200, body = ReportOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_report(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let r = st.store.report(&auth.viewer(), parse_id(&id)?).await?;
    Ok(with_etag(
        StatusCode::OK,
        r.version,
        None,
        ReportOut::from(r),
    ))
}

/// A grade: `{"grade": "B2"}`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeIn {
    /// Source reliability A-F and information credibility 1-6.
    #[schema(example = "B2")]
    pub grade: String,
}

/// Grades a report (a duty officer); its event's grade follows.
#[utoipa::path(put, path = "/api/v1/monitoring/reports/{id}/grade", tag = "monitoring", request_body = GradeIn,
    params(("id" = i64, Path, description = "The report's id"),
           ("If-Match" = Option<String>, Header, description = "The ETag read")),
    responses((status = 200, body = ReportOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 412, body = crate::error::ErrorBody)))]
pub async fn grade_report(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<GradeIn>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    access::may_assess(&auth.principal)?;
    let expected = optional_if_match(&headers)?;
    let grade = Grade::parse("grade", &body.grade)?;
    let viewer = auth.viewer();
    let r = st
        .store
        .grade_report(&actor(&auth, &viewer), id, expected, grade)
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        r.version,
        None,
        ReportOut::from(r),
    ))
}

fn actor<'a>(auth: &'a Auth, viewer: &'a crc_domain::identity::Viewer) -> CrisisActor<'a> {
    CrisisActor {
        name: &auth.principal.username,
        state: auth.principal.state.as_ref(),
        viewer,
    }
}

/// The reports suggested as about the same event as this one (same kind, near in time and
/// place, same world), best first: from another source they corroborate it, from the same
/// source they are probably duplicates.
#[utoipa::path(get, path = "/api/v1/monitoring/reports/{id}/suggestions", tag = "monitoring",
    params(("id" = i64, Path, description = "The report's id")),
    responses((status = 200, body = SuggestionListOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn suggestions(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<SuggestionListOut>> {
    let id = parse_id(&id)?;
    let rule = &st.monitoring.taxonomy.corroboration;
    let (report, others) = st
        .store
        .corroboration_candidates(&auth.viewer(), id, rule.window_hours, rule.radius_km)
        .await?;
    let candidates: Vec<(crc_storage::ReportRecord, &ReportSpec)> =
        others.iter().map(|o| (o.clone(), &o.spec)).collect();
    let items = corroboration::suggest(&report.spec, &candidates, &st.monitoring.taxonomy)
        .into_iter()
        .filter(|s| s.id.event_id.is_none() || s.id.event_id != report.event_id)
        .map(SuggestionOut::new)
        .collect();
    Ok(Json(SuggestionListOut { items }))
}

/// A merge: `{"into": 12}`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeIn {
    /// The report this one duplicates.
    pub into: i64,
}

/// Merges this report, a duplicate, into another (a duty officer): it stays stored and
/// readable, leaves the lists, and joins the other's event.
#[utoipa::path(post, path = "/api/v1/monitoring/reports/{id}/merge", tag = "monitoring", request_body = MergeIn,
    params(("id" = i64, Path, description = "The duplicate's id")),
    responses((status = 200, body = ReportOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn merge_report(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MergeIn>,
) -> ApiResult<Json<ReportOut>> {
    let id = parse_id(&id)?;
    access::may_assess(&auth.principal)?;
    let viewer = auth.viewer();
    let r = st
        .store
        .merge_report(&actor(&auth, &viewer), id, body.into)
        .await?;
    Ok(Json(r.into()))
}

/// A new event: `{"title", "category"?, "reports": [ids]}`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventIn {
    /// In a line.
    pub title: String,
    /// A category of the taxonomy (the first report's when absent).
    #[serde(default)]
    pub category: Option<String>,
    /// The reports confirmed to be about it.
    pub reports: Vec<i64>,
}

/// Confirms reports to be about one event (a duty officer). Its grade follows from its
/// reports: two independent sources graded A to C confirm it.
#[utoipa::path(post, path = "/api/v1/monitoring/events", tag = "monitoring", request_body = EventIn,
    responses((status = 201, body = EventOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn create_event(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<EventIn>,
) -> ApiResult<Response> {
    access::may_assess(&auth.principal)?;
    crc_domain::crisis::workflow::check_title("title", &body.title, 300)?;
    let viewer = auth.viewer();
    let category = match body.category {
        Some(c) => c,
        None => {
            let first = body.reports.first().ok_or_else(|| {
                ApiError::invalid("reports", "an event needs at least one report")
            })?;
            st.store.report(&viewer, *first).await?.spec.category
        }
    };
    check_category(&st.monitoring.taxonomy, &category)?;
    let e = st
        .store
        .create_event(
            &actor(&auth, &viewer),
            &body.title,
            &category,
            &body.reports,
        )
        .await?;
    let location = Some(format!("/api/v1/monitoring/events/{}", e.id));
    Ok(with_etag(
        StatusCode::CREATED,
        e.version,
        location,
        EventOut::from(e),
    ))
}

fn check_category(t: &Taxonomy, c: &str) -> ApiResult<()> {
    match t.category(c) {
        Some(_) => Ok(()),
        None => Err(ApiError::invalid(
            "category",
            format!("`{c}` is not a category of the monitoring taxonomy"),
        )),
    }
}

/// Which events to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// `west,south,east,north`.
    pub bbox: Option<String>,
    /// Last observed at or after (RFC 3339).
    pub from: Option<String>,
    /// First observed before (RFC 3339).
    pub to: Option<String>,
    /// `real` (the default) or `exercise`.
    pub world: Option<String>,
    /// With `world=exercise`: one exercise's marking.
    pub exercise: Option<String>,
    /// At most (default 100, at most 1,000).
    pub limit: Option<i64>,
    /// Skip so many.
    pub offset: Option<i64>,
}

pub(crate) fn event_query(p: EventParams) -> ApiResult<EventQuery> {
    Ok(EventQuery {
        world: parse_world(p.world.as_deref(), p.exercise.as_deref())?,
        bbox: p
            .bbox
            .as_deref()
            .map(|b| parse_bbox("bbox", b))
            .transpose()?,
        from_ms: p
            .from
            .as_deref()
            .map(|s| parse_time("from", s).map(|t| t.timestamp_millis()))
            .transpose()?,
        to_ms: p
            .to
            .as_deref()
            .map(|s| parse_time("to", s).map(|t| t.timestamp_millis()))
            .transpose()?,
        limit: limit("limit", p.limit, 100, 1_000)?,
        offset: offset(p.offset)?,
    })
}

/// Lists the events releasable to the caller, latest first.
#[utoipa::path(get, path = "/api/v1/monitoring/events", tag = "monitoring", params(EventParams),
    responses((status = 200, body = EventListOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn list_events(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(p): ApiQuery<EventParams>,
) -> ApiResult<Json<EventListOut>> {
    let q = event_query(p)?;
    let items = st.store.list_events(&auth.viewer(), &q).await?;
    Ok(Json(EventListOut {
        items: items.into_iter().map(EventOut::from).collect(),
    }))
}

/// Reads one event.
#[utoipa::path(get, path = "/api/v1/monitoring/events/{id}", tag = "monitoring",
    params(("id" = i64, Path, description = "The event's id")),
    responses((status = 200, body = EventOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_event(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let e = st
        .store
        .monitoring_event(&auth.viewer(), parse_id(&id)?)
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        e.version,
        None,
        EventOut::from(e),
    ))
}

/// A change of an event's reports: `{"report": 7, "action": "add"}` or `"remove"`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventReportIn {
    /// The report.
    pub report: i64,
    /// `add` or `remove`.
    pub action: String,
}

/// Adds a report to an event or takes it out (a duty officer), at the version read.
#[utoipa::path(post, path = "/api/v1/monitoring/events/{id}/reports", tag = "monitoring", request_body = EventReportIn,
    params(("id" = i64, Path, description = "The event's id"),
           ("If-Match" = Option<String>, Header, description = "The ETag read")),
    responses((status = 200, body = EventOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody)))]
pub async fn event_reports(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<EventReportIn>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    access::may_assess(&auth.principal)?;
    let expected = optional_if_match(&headers)?;
    let join = match body.action.as_str() {
        "add" => true,
        "remove" => false,
        other => {
            return Err(ApiError::invalid(
                "action",
                format!("`{other}` is not an action: add or remove"),
            ))
        }
    };
    let viewer = auth.viewer();
    let e = st
        .store
        .link_report(&actor(&auth, &viewer), id, expected, body.report, join)
        .await?;
    Ok(with_etag(
        StatusCode::OK,
        e.version,
        None,
        EventOut::from(e),
    ))
}

/// When to assess.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ThreatParams {
    /// The moment assessed (RFC 3339; now when absent).
    pub at: Option<String>,
    /// Hours between the points of the history (default 6).
    pub step_hours: Option<i64>,
    /// Points of the history, ending at `at` (default 28: a week by 6 hours; at most 400).
    pub points: Option<i64>,
}

/// One scope's level.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LevelOut {
    /// `region` or `state`.
    pub kind: String,
    /// The region's key or the state's code.
    pub key: String,
    /// The weighted sum of its events now.
    pub score: f64,
    /// The level's key now.
    pub level: String,
    /// `rising`, `steady` or `falling`.
    pub trend: String,
    /// Events and unconfirmed reports counted.
    pub events: usize,
    /// The history, oldest first: `{at, score, level}`.
    #[schema(value_type = Vec<Object>)]
    pub series: Vec<threat::Point>,
}

/// An alert for the duty officer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThreatAlertOut {
    /// `region` or `state`.
    pub kind: String,
    /// The region's key or the state's code.
    pub key: String,
    /// When the level was reached.
    pub at: DateTime<Utc>,
    /// The level before.
    pub from: String,
    /// The level reached.
    pub to: String,
    /// The operating mode proposed (`enhanced`, `round_the_clock`), if any.
    pub propose: Option<String>,
}

/// The threat picture.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThreatOut {
    /// The moment assessed.
    pub at: DateTime<Utc>,
    /// Every region and member state.
    pub levels: Vec<LevelOut>,
    /// The alerts the history raised, latest first.
    pub alerts: Vec<ThreatAlertOut>,
    /// The levels and their thresholds (`{key, name, from, alert, propose}`).
    #[schema(value_type = Vec<Object>)]
    pub scale: Vec<crc_domain::monitoring::taxonomy::Level>,
}

fn scope_parts(s: &Scope) -> (String, String) {
    match s {
        Scope::Region(r) => ("region".into(), r.clone()),
        Scope::State(c) => ("state".into(), c.as_str().to_owned()),
    }
}

/// The threat picture as the caller may see it: a level per region and member state with its
/// trend and history, from the real-world events and reports releasable to them (exercise
/// traffic never counts), and the alerts crossing into an alerting level raised, with the
/// operating mode proposed.
#[utoipa::path(get, path = "/api/v1/monitoring/threat", tag = "monitoring", params(ThreatParams),
    responses((status = 200, body = ThreatOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn threat_picture(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(p): ApiQuery<ThreatParams>,
) -> ApiResult<Json<ThreatOut>> {
    let at = match p.at.as_deref() {
        Some(s) => parse_time("at", s)?,
        None => st.settings.now.get(),
    };
    let step = limit("step_hours", p.step_hours, 6, 24 * 30)?;
    let points = limit("points", p.points, 28, 400)?;
    let t = &st.monitoring.taxonomy;
    let reach = Duration::hours(step * (points - 1))
        + Duration::seconds((t.threat.window_hours * 3600.0) as i64);
    let items = st
        .store
        .threat_items(
            &auth.viewer(),
            (at - reach).timestamp_millis(),
            at.timestamp_millis() + 1,
        )
        .await?;
    let mut always: Vec<Scope> = st
        .monitoring
        .regions
        .iter()
        .map(|r| Scope::Region(r.clone()))
        .collect();
    always.extend(
        st.monitoring
            .states
            .iter()
            .filter_map(|s| StateCode::parse(s).ok())
            .map(Scope::State),
    );
    let assessed = threat::assess(
        &items,
        t,
        at,
        Duration::hours(step),
        points as usize,
        &always,
    );
    let mut alerts: Vec<ThreatAlertOut> = assessed
        .iter()
        .flat_map(|a| threat::alerts(a, t))
        .map(|a| {
            let (kind, key) = scope_parts(&a.scope);
            ThreatAlertOut {
                kind,
                key,
                at: a.at,
                from: a.from,
                to: a.to,
                propose: a.propose.map(|m| m.as_str().to_owned()),
            }
        })
        .collect();
    alerts.sort_by_key(|a| std::cmp::Reverse(a.at));
    let levels = assessed
        .into_iter()
        .map(|a| {
            let (kind, key) = scope_parts(&a.scope);
            LevelOut {
                kind,
                key,
                score: a.score,
                level: a.level,
                trend: serde_json::to_value(a.trend)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                events: a.events,
                series: a.series,
            }
        })
        .collect();
    Ok(Json(ThreatOut {
        at,
        levels,
        alerts,
        scale: t.threat.levels.clone(),
    }))
}

/// The monitoring taxonomy and the Admiralty scales.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaxonomyOut {
    /// Categories (`{key, parent?, name, severity, cap}`).
    #[schema(value_type = Vec<Object>)]
    pub categories: Vec<crc_domain::monitoring::taxonomy::Category>,
    /// Source reliability A-F with their meanings.
    #[schema(value_type = Vec<Object>)]
    pub reliability: Vec<serde_json::Value>,
    /// Information credibility 1-6 with their meanings.
    #[schema(value_type = Vec<Object>)]
    pub credibility: Vec<serde_json::Value>,
    /// Corroboration window and radius.
    #[schema(value_type = Object)]
    pub corroboration: crc_domain::monitoring::taxonomy::CorroborationRule,
    /// Threat levels and their thresholds.
    #[schema(value_type = Vec<Object>)]
    pub levels: Vec<crc_domain::monitoring::taxonomy::Level>,
}

/// The categories reports are filed under, the Admiralty scales and the threat levels.
#[utoipa::path(get, path = "/api/v1/monitoring/taxonomy", tag = "monitoring",
    responses((status = 200, body = TaxonomyOut), (status = 401, body = crate::error::ErrorBody)))]
pub async fn taxonomy(State(st): State<AppState>, _auth: Auth) -> Json<TaxonomyOut> {
    use crc_domain::monitoring::grade::{Credibility, Reliability};
    let t = &st.monitoring.taxonomy;
    Json(TaxonomyOut {
        categories: t.categories.clone(),
        reliability: Reliability::ALL
            .iter()
            .map(|r| serde_json::json!({"code": r.letter().to_string(), "name": r.meaning()}))
            .collect(),
        credibility: (1..=6)
            .filter_map(Credibility::new)
            .map(|c| serde_json::json!({"code": c.number(), "name": c.meaning()}))
            .collect(),
        corroboration: t.corroboration.clone(),
        levels: t.threat.levels.clone(),
    })
}

/// Which summary.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SummaryParams {
    /// The period's start (RFC 3339; a day before `to` when absent).
    pub from: Option<String>,
    /// The period's end (RFC 3339; now when absent).
    pub to: Option<String>,
    /// A region's key (every region when absent).
    pub region: Option<String>,
}

/// The situation summary of a period (at most 31 days) and region as a printable page: the
/// threat levels with their trend, a map of the period's events and reports, the key events
/// and the counts by category; real-world records releasable to the reader only.
#[utoipa::path(get, path = "/api/v1/monitoring/summary", tag = "monitoring", params(SummaryParams),
    responses((status = 200, content_type = "text/html", body = String),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody)))]
pub async fn summary(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(p): ApiQuery<SummaryParams>,
) -> ApiResult<Response> {
    let to = match p.to.as_deref() {
        Some(s) => parse_time("to", s)?,
        None => st.settings.now.get(),
    };
    let from = match p.from.as_deref() {
        Some(s) => parse_time("from", s)?,
        None => to - Duration::days(1),
    };
    if from >= to || to - from > Duration::days(31) {
        return Err(ApiError::invalid(
            "from",
            "the period runs forward, at most 31 days",
        ));
    }
    let m = &st.monitoring;
    if let Some(r) = p
        .region
        .as_deref()
        .filter(|r| !m.regions.iter().any(|k| k == r))
    {
        return Err(ApiError::invalid(
            "region",
            format!("`{r}` is not a region: {}", m.regions.join(", ")),
        ));
    }
    let viewer = auth.viewer();
    let reports = st
        .store
        .list_reports(
            &viewer,
            &ReportQuery {
                from_ms: Some(from.timestamp_millis()),
                to_ms: Some(to.timestamp_millis()),
                region: p.region.clone(),
                limit: 5_000,
                ..Default::default()
            },
        )
        .await?;
    let events: Vec<crc_storage::EventRecord> = st
        .store
        .list_events(
            &viewer,
            &EventQuery {
                from_ms: Some(from.timestamp_millis()),
                to_ms: Some(to.timestamp_millis()),
                limit: 1_000,
                ..Default::default()
            },
        )
        .await?
        .into_iter()
        .filter(|e| p.region.is_none() || e.region == p.region)
        .collect();
    let t = &m.taxonomy;
    let reach = Duration::seconds((t.threat.window_hours * 3600.0) as i64) + Duration::days(1);
    let items = st
        .store
        .threat_items(
            &viewer,
            (to - reach).timestamp_millis(),
            to.timestamp_millis() + 1,
        )
        .await?;
    let reference = crc_domain::reference::ReferenceData::bundled()?;
    let mut scopes: Vec<Scope> = Vec::new();
    for r in &reference.regions {
        if p.region.as_deref().is_none_or(|k| k == r.key) {
            scopes.push(Scope::Region(r.key.clone()));
            for c in &r.states {
                if !scopes.contains(&Scope::State(c.clone())) {
                    scopes.push(Scope::State(c.clone()));
                }
            }
        }
    }
    let mut levels = threat::assess(&items, t, to, Duration::hours(6), 5, &scopes);
    levels.retain(|a| scopes.contains(&a.scope));
    levels.sort_by_key(|a| scopes.iter().position(|s| s == &a.scope));
    let reader = match &auth.principal.state {
        Some(s) => format!("{} ({})", auth.principal.username, s.as_str()),
        None => auth.principal.username.clone(),
    };
    let page = crate::monitoring_summary::page(
        &crate::monitoring_summary::Summary {
            from,
            to,
            region: p.region.as_deref(),
            reader: &reader,
            levels: &levels,
            events: &events,
            reports: &reports,
        },
        m,
    );
    let mut r = (StatusCode::OK, page).into_response();
    r.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    Ok(r)
}
