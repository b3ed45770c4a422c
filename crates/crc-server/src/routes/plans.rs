//! Movement plans: planning an operation's movement (or a scenario sent whole) in the
//! background, reading the plans, what-if re-planning and comparing, stopping a search.
//!
//! The Joint Staff (administrators, duty officers, planners) create, change and stop plans;
//! everyone reads the plans of the operations they may see, which the store decides in SQL.
//! A plan without an operation is the Joint Staff's alone. Requests queue a plan and answer
//! `202` at once; the runner (`plan_runner.rs`) searches it and the event stream tells how
//! it goes.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, DurationRound, Utc};
use crc_domain::crisis::{Kind, Spec, State as CrisisState};
use crc_domain::identity::{Principal, Role};
use crc_planner::whatif::{self, Change, PlanDiff};
use crc_planner::Scenario;
use crc_storage::{
    CrisisQuery, CrisisRecord, ExerciseFilter, NewPlan, PlanDocument, PlanQuery, PlanRecord,
    PlanStatus, PlanViewer, StorageError,
};
use serde::de::DeserializeOwned;

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{parse_id, ApiJson, ApiQuery};
use crate::plan_scenario::{self, ForceInput};
use crate::plan_wire::*;
use crate::state::AppState;

/// Administrators, duty officers and planners: who plan, and who alone read the plans made
/// without an operation.
pub(crate) fn joint_staff(p: &Principal) -> bool {
    matches!(
        p.role,
        Role::Administrator | Role::DutyOfficer | Role::Planner
    )
}

fn plan_viewer<'a>(auth: &Auth, viewer: &'a crc_domain::identity::Viewer) -> PlanViewer<'a> {
    PlanViewer {
        viewer,
        joint_staff: joint_staff(&auth.principal),
    }
}

/// Refused before anything is looked at, so a role that may not plan learns nothing.
fn require_planner(auth: &Auth, what: &str) -> ApiResult<()> {
    if joint_staff(&auth.principal) {
        return Ok(());
    }
    let who = match (&auth.principal.state, auth.principal.role) {
        (Some(s), Role::LiaisonOfficer) => format!("a liaison officer of {s}"),
        (_, role) => format!("the role {role}"),
    };
    Err(ApiError::new(
        StatusCode::FORBIDDEN,
        "forbidden",
        format!("{who} may not {what}; the Joint Staff plans movements"),
    ))
}

fn time_limit(asked: Option<u64>, default: u64) -> ApiResult<i64> {
    let t = asked.unwrap_or(default);
    if !(1..=MAX_TIME_LIMIT_MS).contains(&t) {
        return Err(ApiError::invalid(
            "time_limit_ms",
            format!("must be within 1..{MAX_TIME_LIMIT_MS} milliseconds"),
        ));
    }
    Ok(t as i64)
}

/// Parses a planner document, naming the field that does not fit (`prefix` + its path).
fn parse_at<T: DeserializeOwned>(
    v: serde_json::Value,
    prefix: &str,
    code: &'static str,
) -> ApiResult<T> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let field = match path.as_str() {
            "." => prefix.to_owned(),
            p if p.starts_with('[') => format!("{prefix}{p}"),
            p => format!("{prefix}.{p}"),
        };
        let message = e.into_inner().to_string();
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            code,
            format!("{field}: {message}"),
        )
        .with_details(serde_json::json!({ "field": field }))
    })
}

fn parse_changes(v: Option<serde_json::Value>) -> ApiResult<Vec<Change>> {
    match v {
        None | Some(serde_json::Value::Null) => Ok(Vec::new()),
        Some(v) => parse_at(v, "changes", "invalid_change"),
    }
}

/// Applies what-if changes; an unknown state, airfield, type or unit is named by its place.
fn apply_changes(s: &Scenario, changes: &[Change]) -> ApiResult<Scenario> {
    whatif::apply(s, changes).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_change",
            e.to_string(),
        )
        .with_details(serde_json::json!({ "field": e.path }))
    })
}

fn accepted(st: &AppState, rec: PlanRecord) -> Response {
    st.plans.wake();
    let location = HeaderValue::from_str(&format!("/api/v1/plans/{}", rec.id)).ok();
    let mut r = (StatusCode::ACCEPTED, Json(PlanOut::new(rec, None))).into_response();
    if let Some(l) = location {
        r.headers_mut().insert(header::LOCATION, l);
    }
    r
}

fn out(st: &AppState, rec: PlanRecord) -> PlanOut {
    let live = st.plans.live_progress(rec.id);
    PlanOut::new(rec, live)
}

/// C-hour of a plan asked for now: this minute.
fn c_hour(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(chrono::Duration::minutes(1))
        .unwrap_or(now)
}

/// An operation the caller may see, and its forces with their contingents.
async fn operation_inputs(
    st: &AppState,
    auth: &Auth,
    id: i64,
) -> ApiResult<(CrisisRecord, Vec<ForceInput>)> {
    let viewer = auth.viewer();
    let op = st.store.crisis_record(&viewer, id).await?;
    if op.kind != Kind::Operation {
        return Err(ApiError::not_found(format!("operation {id}")));
    }
    let forces = st
        .store
        .list_crisis_records(
            &viewer,
            &CrisisQuery {
                kind: Some(Kind::Force),
                parent: Some(id),
                exercise: ExerciseFilter::All,
                limit: 500,
                ..CrisisQuery::default()
            },
        )
        .await?
        .items;
    let mut inputs = Vec::new();
    for f in forces {
        let (Spec::Force(spec), CrisisState::Force(state)) = (&f.spec, &f.state) else {
            continue;
        };
        let contingent = match st.store.contingent(&viewer, spec.contingent_id).await {
            Ok(c) => Some(c),
            Err(StorageError::NotFound(_)) => None,
            Err(e) => return Err(e.into()),
        };
        inputs.push(ForceInput {
            id: f.id,
            status: state.status,
            spec: spec.clone(),
            contingent,
        });
    }
    Ok((op, inputs))
}

/// Plans an operation's movement: a scenario from its forces that are still to move, the
/// movement network and the time of the request as C-hour, queued for the runner.
#[utoipa::path(post, path = "/api/v1/crisis/operations/{id}/plans", tag = "plans",
    request_body = OperationPlanIn,
    params(("id" = i64, Path, description = "The operation's id")),
    responses((status = 202, body = PlanOut, headers(("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn create_for_operation(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Response> {
    require_planner(&auth, "plan movements")?;
    let id = parse_id(&id)?;
    // Every field is optional, so an empty body is the defaults.
    let OperationPlanIn {
        seed,
        time_limit_ms,
        changes,
    } = if body.iter().all(u8::is_ascii_whitespace) {
        OperationPlanIn::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_body",
                format!("the body does not fit: {e}"),
            )
        })?
    };
    let time_limit_ms = time_limit(time_limit_ms, DEFAULT_TIME_LIMIT_MS)?;
    let changes = parse_changes(changes)?;
    let (op, forces) = operation_inputs(&st, &auth, id).await?;
    let epoch = c_hour(Utc::now());
    let base = plan_scenario::from_operation(&op, &forces, epoch).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "operation_not_plannable",
            e.message.clone(),
        )
        .with_details(serde_json::json!({ "field": e.field, "force": e.force }))
    })?;
    let scenario = apply_changes(&base, &changes)?;
    let rec = st
        .store
        .create_plan(
            auth.actor(),
            NewPlan {
                operation_id: Some(op.id),
                parent_id: None,
                changes: serde_json::to_value(&changes).map_err(ApiError::internal)?,
                exercise: op.exercise.clone(),
                scenario: serde_json::to_value(&scenario).map_err(ApiError::internal)?,
                epoch: Some(epoch),
                seed: seed.unwrap_or(1),
                time_limit_ms,
            },
        )
        .await?;
    Ok(accepted(&st, rec))
}

/// Plans a scenario sent whole (`docs/planner/scenario.schema.json`); with `operation_id`,
/// the operation's readers read it.
#[utoipa::path(post, path = "/api/v1/plans", tag = "plans", request_body = ScenarioPlanIn,
    responses((status = 202, body = PlanOut, headers(("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<ScenarioPlanIn>,
) -> ApiResult<Response> {
    require_planner(&auth, "plan movements")?;
    let ScenarioPlanIn {
        scenario,
        seed,
        time_limit_ms,
        operation_id,
    } = body;
    let time_limit_ms = time_limit(time_limit_ms, DEFAULT_TIME_LIMIT_MS)?;
    let scenario: Scenario = parse_at(scenario, "scenario", "invalid_scenario")?;
    plan_scenario::check_references(&scenario).map_err(|e| {
        let field = format!("scenario.{}", e.path);
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_scenario",
            format!("{field}: {}", e.message),
        )
        .with_details(serde_json::json!({ "field": field }))
    })?;
    let exercise = match operation_id {
        Some(op) => {
            let rec = st.store.crisis_record(&auth.viewer(), op).await?;
            if rec.kind != Kind::Operation {
                return Err(ApiError::not_found(format!("operation {op}")));
            }
            rec.exercise
        }
        None => None,
    };
    let rec = st
        .store
        .create_plan(
            auth.actor(),
            NewPlan {
                operation_id,
                parent_id: None,
                changes: serde_json::json!([]),
                exercise,
                epoch: scenario.epoch,
                scenario: serde_json::to_value(&scenario).map_err(ApiError::internal)?,
                seed: seed.unwrap_or(1),
                time_limit_ms,
            },
        )
        .await?;
    Ok(accepted(&st, rec))
}

/// The plans the caller may see, newest first (at most 200).
#[utoipa::path(get, path = "/api/v1/plans", tag = "plans", params(PlanListParams),
    responses((status = 200, body = PlanListOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    auth: Auth,
    ApiQuery(p): ApiQuery<PlanListParams>,
) -> ApiResult<Json<PlanListOut>> {
    let PlanListParams {
        operation_id,
        status,
    } = p;
    let status = status
        .as_deref()
        .map(PlanStatus::parse)
        .transpose()
        .map_err(|e| ApiError::from(e).with_details(serde_json::json!({"field": "status"})))?;
    let viewer = auth.viewer();
    let items = st
        .store
        .list_plans(
            &plan_viewer(&auth, &viewer),
            &PlanQuery {
                operation_id,
                status,
                limit: 200,
            },
        )
        .await?;
    Ok(Json(PlanListOut {
        items: items.into_iter().map(|r| out(&st, r)).collect(),
    }))
}

/// One plan record.
#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "plans",
    params(("id" = i64, Path, description = "The plan's id")),
    responses((status = 200, body = PlanOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PlanOut>> {
    let id = parse_id(&id)?;
    let viewer = auth.viewer();
    let rec = st.store.plan(&plan_viewer(&auth, &viewer), id).await?;
    Ok(Json(out(&st, rec)))
}

fn not_ready(rec: &PlanRecord, what: &str) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "plan_not_ready",
        format!(
            "{what} {} is {}, not done: it has no plan",
            rec.id,
            rec.status.as_str()
        ),
    )
    .with_details(serde_json::json!({ "status": rec.status.as_str(), "plan": rec.id }))
}

/// A stored JSON document as the response body, as it is.
fn json_document(text: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        text,
    )
        .into_response()
}

/// The plan (`docs/planner/plan.schema.json`) of a plan that is done.
#[utoipa::path(get, path = "/api/v1/plans/{id}/plan", tag = "plans",
    params(("id" = i64, Path, description = "The plan's id")),
    responses((status = 200, description = "The plan (docs/planner/plan.schema.json)", body = Object),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody)))]
pub async fn plan_document(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let viewer = auth.viewer();
    let (rec, doc) = st
        .store
        .plan_document(&plan_viewer(&auth, &viewer), id, PlanDocument::Plan)
        .await?;
    match doc {
        Some(text) if rec.status == PlanStatus::Done => Ok(json_document(text)),
        _ => Err(not_ready(&rec, "plan")),
    }
}

/// The scenario a plan was made from (`docs/planner/scenario.schema.json`).
#[utoipa::path(get, path = "/api/v1/plans/{id}/scenario", tag = "plans",
    params(("id" = i64, Path, description = "The plan's id")),
    responses((status = 200, description = "The scenario (docs/planner/scenario.schema.json)", body = Object),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn scenario_document(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let viewer = auth.viewer();
    let (_, doc) = st
        .store
        .plan_document(&plan_viewer(&auth, &viewer), id, PlanDocument::Scenario)
        .await?;
    let text = doc.ok_or_else(|| ApiError::internal(format!("plan {id} has no scenario")))?;
    Ok(json_document(text))
}

/// Re-plans with changes: a new plan from this plan's scenario with the changes applied,
/// its `parent_id` this plan.
#[utoipa::path(post, path = "/api/v1/plans/{id}/what-if", tag = "plans", request_body = WhatIfIn,
    params(("id" = i64, Path, description = "The plan to start from")),
    responses((status = 202, body = PlanOut, headers(("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn what_if(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<WhatIfIn>,
) -> ApiResult<Response> {
    require_planner(&auth, "re-plan movements")?;
    let id = parse_id(&id)?;
    let WhatIfIn {
        changes,
        seed,
        time_limit_ms,
    } = body;
    let changes = parse_changes(Some(changes))?;
    let viewer = auth.viewer();
    let (parent, doc) = st
        .store
        .plan_document(&plan_viewer(&auth, &viewer), id, PlanDocument::Scenario)
        .await?;
    let time_limit_ms = time_limit(time_limit_ms, parent.time_limit_ms.max(1) as u64)?;
    let base: Scenario = serde_json::from_str(&doc.unwrap_or_default())
        .map_err(|e| ApiError::internal(format!("plan {id}'s scenario: {e}")))?;
    let scenario = apply_changes(&base, &changes)?;
    let rec = st
        .store
        .create_plan(
            auth.actor(),
            NewPlan {
                operation_id: parent.operation_id,
                parent_id: Some(parent.id),
                changes: serde_json::to_value(&changes).map_err(ApiError::internal)?,
                exercise: parent.exercise.clone(),
                epoch: parent.epoch,
                scenario: serde_json::to_value(&scenario).map_err(ApiError::internal)?,
                seed: seed.unwrap_or(parent.seed),
                time_limit_ms,
            },
        )
        .await?;
    Ok(accepted(&st, rec))
}

async fn done_plan(
    st: &AppState,
    pv: &PlanViewer<'_>,
    id: i64,
    what: &str,
) -> ApiResult<(PlanRecord, crc_planner::Plan)> {
    let (rec, doc) = st.store.plan_document(pv, id, PlanDocument::Plan).await?;
    match doc {
        Some(text) if rec.status == PlanStatus::Done => {
            let plan = serde_json::from_str(&text)
                .map_err(|e| ApiError::internal(format!("plan {id}'s plan: {e}")))?;
            Ok((rec, plan))
        }
        _ => Err(not_ready(&rec, what)),
    }
}

/// How a what-if's plan differs from its parent's (`PlanDiff` of the planner: closure,
/// sorties, lateness, and the units whose closure or modes changed).
#[utoipa::path(get, path = "/api/v1/plans/{id}/diff", tag = "plans",
    params(("id" = i64, Path, description = "The what-if plan")),
    responses((status = 200, description = "The planner's PlanDiff (closure_before, closure_after, closure_delta, sorties, weighted_lateness, units)", body = Object),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody)))]
pub async fn diff(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PlanDiff>> {
    let id = parse_id(&id)?;
    let viewer = auth.viewer();
    let pv = plan_viewer(&auth, &viewer);
    let rec = st.store.plan(&pv, id).await?;
    let Some(parent) = rec.parent_id else {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "no_parent",
            format!("plan {id} is no what-if: there is nothing to compare it with"),
        ));
    };
    let (_, before) = done_plan(&st, &pv, parent, "the parent plan").await?;
    let (_, after) = done_plan(&st, &pv, id, "plan").await?;
    Ok(Json(whatif::diff(&before, &after)))
}

/// Stops a plan's search: it keeps the best plan found so far (a queued plan stops after its
/// first plan). A finished plan is returned as it is.
#[utoipa::path(post, path = "/api/v1/plans/{id}/stop", tag = "plans",
    params(("id" = i64, Path, description = "The plan's id")),
    responses((status = 200, body = PlanOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn stop(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PlanOut>> {
    require_planner(&auth, "stop a plan's search")?;
    let id = parse_id(&id)?;
    let viewer = auth.viewer();
    let rec = st
        .store
        .stop_plan(auth.actor(), &plan_viewer(&auth, &viewer), id)
        .await?;
    st.plans.request_stop(id);
    Ok(Json(out(&st, rec)))
}
