//! Running an exercise (docs/training-conduct.md): `/api/v1/training/runs`. Control (the
//! design's director and the Joint Staff) drives the clock and releases injects; the ticker
//! releases what falls due; participants read their own inboxes and respond; observers record
//! observations; control and observers see the whole run and its after-action report.
//! `training::access::RunRoles` decides who is what, from the design read with the run.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use crc_domain::training::access::RunRoles;
use crc_domain::training::clock::ClockCommand;
use crc_domain::training::delivery::{respond, ResponseSpec};
use crc_domain::training::evaluation::{observe, ObservationSpec};
use crc_domain::training::key::Key;
use crc_domain::training::release::{Conduct, ControlCommand, ReleasePolicy};
use crc_domain::training::report::{after_action_report, ReportInput};
use crc_domain::DomainError;
use crc_storage::{DesignRecord, MselRecord, RunChange, RunRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{from_json, optional_if_match, parse_id, ApiJson, ApiQuery};
use crate::routes::training::with_etag;
use crate::state::AppState;

/// A new run.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunIn {
    /// The design's id.
    pub design: i64,
    /// The MSEL's id (one of the design's; only an approved one releases).
    pub msel: i64,
    /// Seconds after an inject falls due that a tick still releases it on schedule
    /// (default 60).
    #[serde(default)]
    pub grace_seconds: Option<u32>,
}

/// A run as everyone sees it, with what the caller is in it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RunOut {
    /// Row id.
    pub id: i64,
    /// The design's id.
    pub design_id: i64,
    /// The MSEL's id.
    pub msel_id: i64,
    /// The exercise's name.
    pub name: String,
    /// Its exercise marking.
    pub marking: String,
    /// The clock: `not_started`, `running`, `paused`, `ended`.
    pub status: String,
    /// Scenario seconds per real second.
    pub speed: f64,
    /// The scenario time now, once started.
    pub scenario_now: Option<chrono::DateTime<chrono::Utc>>,
    /// The real time the answer was made.
    pub real_now: chrono::DateTime<chrono::Utc>,
    /// Injects in the MSEL.
    pub injects: usize,
    /// Injects released so far.
    pub released: usize,
    /// The grace window in seconds.
    pub grace_seconds: u32,
    /// Whether the caller controls the run.
    pub control: bool,
    /// The participants the caller plays.
    #[schema(value_type = Vec<String>)]
    pub participants: Vec<Key>,
    /// The observers the caller acts as.
    #[schema(value_type = Vec<String>)]
    pub observers: Vec<Key>,
    /// Version (the ETag).
    pub version: i64,
}

/// The runs, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RunListOut {
    /// The runs.
    pub items: Vec<RunOut>,
}

/// Whose inbox.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct InboxParams {
    /// A participant's id; by default every participant the caller plays (control and
    /// observers: every participant).
    pub participant: Option<String>,
}

/// An inbox item with its id.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InboxItemOut {
    /// Its id in the run.
    pub id: usize,
    /// The item (`InboxItem`: inject, recipient, sender, channel, subject, message, times).
    #[schema(value_type = Object)]
    #[serde(flatten)]
    pub item: serde_json::Value,
}

/// A list of the run's items (inbox items, responses, observations, log entries, board rows).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemsOut {
    /// The items.
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<serde_json::Value>,
}

struct Loaded {
    run: RunRecord,
    design: DesignRecord,
    msel: MselRecord,
    roles: RunRoles,
}

async fn load(st: &AppState, auth: &Auth, id: &str) -> ApiResult<Loaded> {
    let run = st.store.run(parse_id(id)?).await?;
    reloaded(st, auth, run).await
}

/// The run as changed, with its design and MSEL read again.
async fn reloaded(st: &AppState, auth: &Auth, run: RunRecord) -> ApiResult<Loaded> {
    let design = st.store.design(run.design_id).await?;
    let msel = st.store.msel(run.msel_id).await?;
    let roles = RunRoles::of(&auth.principal, &design.spec);
    Ok(Loaded {
        run,
        design,
        msel,
        roles,
    })
}

fn run_out(st: &AppState, l: &Loaded) -> RunOut {
    let now = st.settings.now.get();
    RunOut {
        id: l.run.id,
        design_id: l.run.design_id,
        msel_id: l.run.msel_id,
        name: l.design.spec.name.clone(),
        marking: l.design.spec.marking.as_str().to_owned(),
        status: l.run.clock.status().as_str().to_owned(),
        speed: l.run.clock.speed().factor(),
        scenario_now: l.run.clock.scenario_time(now),
        real_now: now,
        injects: l.msel.spec.injects.len(),
        released: l.run.log.releases().count(),
        grace_seconds: l.run.policy.grace_seconds,
        control: l.roles.control,
        participants: l.roles.participants.clone(),
        observers: l.roles.observers.clone(),
        version: l.run.version,
    }
}

fn respond_run(st: &AppState, status: StatusCode, l: &Loaded) -> Response {
    let location =
        (status == StatusCode::CREATED).then(|| format!("/api/v1/training/runs/{}", l.run.id));
    with_etag(status, l.run.version, location, run_out(st, l))
}

/// A change of the run by the caller, on the locked row; the run as it stands after.
async fn change(
    st: &AppState,
    auth: &Auth,
    l: Loaded,
    expected: Option<i64>,
    f: impl FnOnce(
        &mut RunRecord,
        &DesignRecord,
        &MselRecord,
        &RunRoles,
    ) -> Result<Option<RunChange>, DomainError>,
) -> ApiResult<Loaded> {
    let principal = auth.principal.clone();
    let run = st
        .store
        .change_run(
            &principal.username,
            l.run.id,
            expected,
            |run, design, msel| {
                // The roles again, from the design as read in the transaction.
                let roles = RunRoles::of(&principal, &design.spec);
                f(run, design, msel, &roles)
            },
        )
        .await?;
    let design = st.store.design(run.design_id).await?;
    let msel = st.store.msel(run.msel_id).await?;
    let roles = RunRoles::of(&auth.principal, &design.spec);
    Ok(Loaded {
        run,
        design,
        msel,
        roles,
    })
}

/// Creates a run of a design from one of its MSELs, its clock not started (control: the
/// design's director or the Joint Staff).
#[utoipa::path(post, path = "/api/v1/training/runs", tag = "training", request_body = RunIn,
    responses((status = 201, body = RunOut, headers(("ETag" = String), ("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn create_run(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<RunIn>,
) -> ApiResult<Response> {
    let RunIn {
        design,
        msel,
        grace_seconds,
    } = body;
    let policy = ReleasePolicy {
        grace_seconds: grace_seconds.unwrap_or(ReleasePolicy::default().grace_seconds),
    };
    if policy.grace_seconds > 3600 {
        return Err(ApiError::invalid(
            "grace_seconds",
            "must be at most 3600 (an hour)",
        ));
    }
    let principal = auth.principal.clone();
    let run = st
        .store
        .create_run(&principal.username, design, msel, policy, |d| {
            RunRoles::of(&principal, &d.spec).must_control(&principal, "run this exercise")
        })
        .await?;
    let l = load(&st, &auth, &run.id.to_string()).await?;
    Ok(respond_run(&st, StatusCode::CREATED, &l))
}

/// Lists the runs, newest first.
#[utoipa::path(get, path = "/api/v1/training/runs", tag = "training",
    responses((status = 200, body = RunListOut), (status = 401, body = crate::error::ErrorBody)))]
pub async fn list_runs(State(st): State<AppState>, auth: Auth) -> ApiResult<Json<RunListOut>> {
    let mut items = Vec::new();
    for r in st.store.list_runs().await? {
        let l = load(&st, &auth, &r.id.to_string()).await?;
        items.push(run_out(&st, &l));
    }
    Ok(Json(RunListOut { items }))
}

/// Reads a run: its clock, scenario time and counts, and what the caller is in it.
#[utoipa::path(get, path = "/api/v1/training/runs/{id}", tag = "training",
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 200, body = RunOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_run(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let l = load(&st, &auth, &id).await?;
    Ok(respond_run(&st, StatusCode::OK, &l))
}

/// Drives the clock (control): `{"command": "start", "scenario_start": "..."}`, `pause`,
/// `resume`, `set_speed` (`factor`), `jump` (`to`), `end`. A command out of turn is 409.
#[utoipa::path(post, path = "/api/v1/training/runs/{id}/clock", tag = "training",
    request_body(content = Object, description = "e.g. {\"command\": \"start\", \"scenario_start\": \"2025-09-01T06:00:00Z\"}"),
    params(("id" = i64, Path, description = "The run's id"),
           ("If-Match" = Option<String>, Header, description = "The ETag read")),
    responses((status = 200, body = RunOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody)))]
pub async fn clock(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<Response> {
    let expected = optional_if_match(&headers)?;
    let cmd: ClockCommand = from_json("command", body)?;
    let l = load(&st, &auth, &id).await?;
    l.roles
        .must_control(&auth.principal, "drive the exercise clock")?;
    let run = crate::exercise_ticker::drive_clock(
        &st.store,
        &auth.principal,
        l.run.id,
        expected,
        &cmd,
        st.settings.now.get(),
    )
    .await?;
    let l = reloaded(&st, &auth, run).await?;
    Ok(respond_run(&st, StatusCode::OK, &l))
}

/// Control's hand on the injects: `{"command": "release", "inject": 3}`, `release_overdue`,
/// `hold` (`inject`), `skip` (`inject`, `note`).
#[utoipa::path(post, path = "/api/v1/training/runs/{id}/control", tag = "training",
    request_body(content = Object, description = "e.g. {\"command\": \"release_overdue\"}"),
    params(("id" = i64, Path, description = "The run's id"),
           ("If-Match" = Option<String>, Header, description = "The ETag read")),
    responses((status = 200, body = RunOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody)))]
pub async fn control(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<Response> {
    let expected = optional_if_match(&headers)?;
    let cmd: ControlCommand = from_json("command", body)?;
    let l = load(&st, &auth, &id).await?;
    l.roles
        .must_control(&auth.principal, "release or hold injects")?;
    let run = crate::exercise_ticker::control(
        &st.store,
        &auth.principal,
        l.run.id,
        expected,
        &cmd,
        st.settings.now.get(),
    )
    .await?;
    let l = reloaded(&st, &auth, run).await?;
    Ok(respond_run(&st, StatusCode::OK, &l))
}

fn values<T: Serialize>(items: impl IntoIterator<Item = T>) -> Vec<serde_json::Value> {
    items
        .into_iter()
        .map(|i| serde_json::to_value(i).unwrap_or_default())
        .collect()
}

/// The control board: every inject with its status, due or overdue now (control and
/// observers).
#[utoipa::path(get, path = "/api/v1/training/runs/{id}/board", tag = "training",
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 200, body = ItemsOut), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn board(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ItemsOut>> {
    let l = load(&st, &auth, &id).await?;
    l.roles
        .must_see_all(&auth.principal, "read the control board")?;
    let rows = Conduct {
        msel: &l.msel.spec,
        msel_state: &l.msel.state,
        clock: &l.run.clock,
        log: &l.run.log,
        policy: l.run.policy,
    }
    .board(st.settings.now.get());
    // Each row with its inject's subject, sender and expected actions for control's eyes.
    let items = rows
        .into_iter()
        .map(|r| {
            let mut v = serde_json::to_value(&r).unwrap_or_default();
            if let Some(i) = l.msel.spec.inject(r.inject) {
                v["offset"] = serde_json::to_value(i.offset).unwrap_or_default();
                v["subject"] = i.subject.clone().into();
                v["sender"] = i.sender.to_string().into();
                v["recipients"] = values(i.recipients.iter().map(|k| k.to_string())).into();
                v["expected_actions"] = i.expected_actions.clone().into();
            }
            v
        })
        .collect();
    Ok(Json(ItemsOut { items }))
}

/// The release log (control and observers).
#[utoipa::path(get, path = "/api/v1/training/runs/{id}/log", tag = "training",
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 200, body = ItemsOut), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn log(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ItemsOut>> {
    let l = load(&st, &auth, &id).await?;
    l.roles
        .must_see_all(&auth.principal, "read the release log")?;
    Ok(Json(ItemsOut {
        items: values(&l.run.log.0),
    }))
}

/// An inbox: a participant's own, or (control and observers) anyone's.
#[utoipa::path(get, path = "/api/v1/training/runs/{id}/inbox", tag = "training",
    params(("id" = i64, Path, description = "The run's id"), InboxParams),
    responses((status = 200, body = ItemsOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn inbox(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    ApiQuery(p): ApiQuery<InboxParams>,
) -> ApiResult<Json<ItemsOut>> {
    let l = load(&st, &auth, &id).await?;
    let wanted: Option<Key> = p
        .participant
        .as_deref()
        .map(|s| Key::parse("participant", s))
        .transpose()?;
    if let Some(k) = &wanted {
        l.design.spec.participant("participant", k)?;
        if !l.roles.may_read_inbox(k) {
            return Err(DomainError::Forbidden(format!(
                "{} may not read the inbox of `{k}`",
                auth.principal.username
            ))
            .into());
        }
    }
    let items = l
        .run
        .inbox
        .iter()
        .enumerate()
        .filter(|(_, i)| match &wanted {
            Some(k) => &i.recipient == k,
            None => {
                l.roles.may_read_inbox(&i.recipient)
                    && (l.roles.sees_all() || l.roles.participants.contains(&i.recipient))
            }
        })
        .map(|(n, i)| {
            serde_json::to_value(InboxItemOut {
                id: n,
                item: serde_json::to_value(i).unwrap_or_default(),
            })
            .unwrap_or_default()
        })
        .rev()
        .collect();
    Ok(Json(ItemsOut { items }))
}

/// Acknowledges an inbox item (which also reads it), by one who plays its recipient.
#[utoipa::path(post, path = "/api/v1/training/runs/{id}/inbox/{item}/acknowledge", tag = "training",
    params(("id" = i64, Path, description = "The run's id"), ("item" = usize, Path, description = "The item's id")),
    responses((status = 200, body = RunOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn acknowledge(
    State(st): State<AppState>,
    auth: Auth,
    Path((id, item)): Path<(String, String)>,
) -> ApiResult<Response> {
    let n: usize = item
        .parse()
        .map_err(|_| ApiError::invalid("item", format!("`{item}` is not an item id")))?;
    let l = load(&st, &auth, &id).await?;
    if n >= l.run.inbox.len() {
        return Err(ApiError::not_found(format!("inbox item {n}")));
    }
    let now = st.settings.now.get();
    let principal = auth.principal.clone();
    let l = change(&st, &auth, l, None, |run, _, _, roles| {
        let Some(i) = run.inbox.get(n) else {
            return Err(DomainError::invalid("item", format!("no inbox item {n}")));
        };
        roles.must_play(&principal, &i.recipient)?;
        if i.acknowledged_at.is_some() {
            return Ok(None);
        }
        run.inbox[n] = i.acknowledge(now)?;
        Ok(Some(RunChange {
            action: "acknowledge".into(),
            detail: serde_json::json!({ "item": n, "inject": run.inbox[n].inject }),
        }))
    })
    .await?;
    Ok(respond_run(&st, StatusCode::OK, &l))
}

/// The responses: control and observers read all, a participant's users their own.
#[utoipa::path(get, path = "/api/v1/training/runs/{id}/responses", tag = "training",
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 200, body = ItemsOut), (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn responses(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ItemsOut>> {
    let l = load(&st, &auth, &id).await?;
    let items = values(
        l.run
            .responses
            .iter()
            .filter(|r| l.roles.sees_all() || l.roles.participants.contains(&r.from)),
    );
    Ok(Json(ItemsOut { items }))
}

/// Logs a response for a participant the caller plays: `{"from": "kaz-lo", "inject": 1,
/// "text": "..."}` (an inject answered must have been released to them).
#[utoipa::path(post, path = "/api/v1/training/runs/{id}/responses", tag = "training",
    request_body(content = Object, description = "{\"from\", \"inject\"?, \"text\"}"),
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 201, body = RunOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn add_response(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<Response> {
    let spec: ResponseSpec = from_json("", body)?;
    let l = load(&st, &auth, &id).await?;
    l.roles.must_play(&auth.principal, &spec.from)?;
    let now = st.settings.now.get();
    let principal = auth.principal.clone();
    let l = change(&st, &auth, l, None, |run, design, msel, roles| {
        roles.must_play(&principal, &spec.from)?;
        let r = respond(&design.spec, &msel.spec, &run.log, &run.clock, &spec, now)?;
        run.responses.push(r);
        Ok(Some(RunChange {
            action: "respond".into(),
            detail: serde_json::json!({
                "response": run.responses.len() - 1, "from": spec.from, "inject": spec.inject,
            }),
        }))
    })
    .await?;
    Ok(respond_run(&st, StatusCode::CREATED, &l))
}

/// The observations (control and observers; never the training audience).
#[utoipa::path(get, path = "/api/v1/training/runs/{id}/observations", tag = "training",
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 200, body = ItemsOut), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn observations(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ItemsOut>> {
    let l = load(&st, &auth, &id).await?;
    l.roles
        .must_see_all(&auth.principal, "read the observations")?;
    Ok(Json(ItemsOut {
        items: values(&l.run.observations),
    }))
}

/// Records an observation as an observer the caller acts as: `{"observer", "objective",
/// "rating": "trained" | "partially_trained" | "untrained", "text", "inject"?}`.
#[utoipa::path(post, path = "/api/v1/training/runs/{id}/observations", tag = "training",
    request_body(content = Object, description = "{\"observer\", \"objective\", \"rating\", \"text\", \"inject\"?}"),
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 201, body = RunOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn add_observation(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<Response> {
    let spec: ObservationSpec = from_json("", body)?;
    let l = load(&st, &auth, &id).await?;
    l.roles.must_observe_as(&auth.principal, &spec.observer)?;
    let now = st.settings.now.get();
    let principal = auth.principal.clone();
    let l = change(&st, &auth, l, None, |run, design, msel, roles| {
        roles.must_observe_as(&principal, &spec.observer)?;
        let o = observe(&design.spec, &msel.spec, &run.clock, &spec, now)?;
        run.observations.push(o);
        Ok(Some(RunChange {
            action: "observe".into(),
            detail: serde_json::json!({
                "observation": run.observations.len() - 1, "observer": spec.observer,
                "objective": spec.objective, "rating": spec.rating,
            }),
        }))
    })
    .await?;
    Ok(respond_run(&st, StatusCode::CREATED, &l))
}

/// The report's content: the run, and the corrective actions of its exercise marking.
async fn report_of(
    st: &AppState,
    l: &Loaded,
) -> ApiResult<crc_domain::training::report::AfterActionReport> {
    let actions: Vec<_> = st
        .store
        .list_actions(Some(l.design.spec.marking.as_str()), None)
        .await?
        .into_iter()
        .map(|a| (a.spec, a.state))
        .collect();
    Ok(after_action_report(&ReportInput {
        design: &l.design.spec,
        msel: &l.msel.spec,
        clock: &l.run.clock,
        log: &l.run.log,
        responses: &l.run.responses,
        observations: &l.run.observations,
        actions: &actions,
        today: st.settings.now.get().date_naive(),
    }))
}

/// The after-action report as JSON (control and observers): timeline, injects, objectives
/// met, observations and the exercise's corrective actions still open, in the scenario's
/// invented names.
#[utoipa::path(get, path = "/api/v1/training/runs/{id}/report", tag = "training",
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 200, body = Object), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn report(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let l = load(&st, &auth, &id).await?;
    l.roles
        .must_see_all(&auth.principal, "read the after-action report")?;
    Ok(Json(
        serde_json::to_value(report_of(&st, &l).await?).map_err(ApiError::internal)?,
    ))
}

/// The after-action report as a printable page (control and observers; print or save as
/// PDF from the browser).
#[utoipa::path(get, path = "/api/v1/training/runs/{id}/report.html", tag = "training",
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 200, content_type = "text/html", body = String), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn report_html(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let l = load(&st, &auth, &id).await?;
    l.roles
        .must_see_all(&auth.principal, "read the after-action report")?;
    let r = report_of(&st, &l).await?;
    Ok(Html(crate::training_report::html(&r)).into_response())
}

/// The after-action report as a PDF made on the server (control and observers).
#[utoipa::path(get, path = "/api/v1/training/runs/{id}/report.pdf", tag = "training",
    params(("id" = i64, Path, description = "The run's id")),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn report_pdf(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let l = load(&st, &auth, &id).await?;
    l.roles
        .must_see_all(&auth.principal, "read the after-action report")?;
    let r = report_of(&st, &l).await?;
    // Layout and font subsetting take a few milliseconds of CPU: off the async workers.
    let bytes = tokio::task::spawn_blocking(move || crate::training_report_pdf::pdf(&r))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let mut res = bytes.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!(
        "inline; filename=\"after-action-report-run-{}.pdf\"",
        l.run.id
    )) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
