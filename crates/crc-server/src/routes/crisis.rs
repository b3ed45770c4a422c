//! The crisis chain: one set of endpoints for every kind of record (`/api/v1/crisis/{kind}`),
//! creating records and taking workflow steps (`.../{id}/commands`). The domain decides the
//! step, `crisis::access` who may take it (on the record as locked in the write
//! transaction), the store what each viewer may see and which records are exercises.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use crc_domain::crisis::{access, Command, Kind, Spec};
use crc_domain::releasability::Releasability;
use crc_domain::StateCode;
use crc_storage::{CrisisActor, CrisisQuery, ExerciseFilter, NewCrisisRecord};

use crate::auth::Auth;
use crate::crisis_wire::{CrisisIn, CrisisListParams, CrisisOut, CrisisPageOut};
use crate::error::{ApiError, ApiResult};
use crate::extract::{parse_id, ApiJson, ApiQuery};
use crate::routes::contingents::{etag, if_match, Precondition};
use crate::state::AppState;

pub(crate) fn kind_of(s: &str) -> ApiResult<Kind> {
    Kind::parse(s).map_err(|_| {
        ApiError::not_found(format!(
            "`{s}` is not a kind of crisis record (requests, sessions, decisions, operations, forces, tasks, logistics, modes, shifts, groups)"
        ))
    })
}

pub(crate) fn plural(k: Kind) -> &'static str {
    match k {
        Kind::Request => "requests",
        Kind::Session => "sessions",
        Kind::Decision => "decisions",
        Kind::Operation => "operations",
        Kind::Force => "forces",
        Kind::Task => "tasks",
        Kind::Logistics => "logistics",
        Kind::Mode => "modes",
        Kind::Shift => "shifts",
        Kind::Group => "groups",
    }
}

fn respond(status: StatusCode, out: CrisisOut) -> Response {
    let tag = etag(out.version);
    let location = HeaderValue::from_str(&format!(
        "/api/v1/crisis/{}/{}",
        Kind::parse(&out.kind).map(plural).unwrap_or("requests"),
        out.id
    ))
    .ok();
    let mut r = (status, Json(out)).into_response();
    r.headers_mut().insert(header::ETAG, tag);
    if status == StatusCode::CREATED {
        if let Some(l) = location {
            r.headers_mut().insert(header::LOCATION, l);
        }
    }
    r
}

pub(crate) fn exercise_filter(s: Option<&str>) -> ApiResult<ExerciseFilter> {
    Ok(ExerciseFilter::parse(s.unwrap_or(""))?)
}

fn actor(auth: &Auth) -> (String, Option<StateCode>) {
    (
        auth.principal.username.clone(),
        auth.principal.state.clone(),
    )
}

/// Lists crisis records of a kind the caller may see; real-world only unless `exercise`
/// asks for exercises.
#[utoipa::path(get, path = "/api/v1/crisis/{kind}", tag = "crisis",
    params(("kind" = String, Path, description = "requests, sessions, decisions, operations, forces, tasks, logistics, modes, shifts or groups"), CrisisListParams),
    responses((status = 200, body = CrisisPageOut), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    auth: Auth,
    Path(kind): Path<String>,
    ApiQuery(p): ApiQuery<CrisisListParams>,
) -> ApiResult<Json<CrisisPageOut>> {
    let kind = kind_of(&kind)?;
    let now = Utc::now();
    let CrisisListParams {
        parent,
        crisis,
        status,
        state,
        exercise,
        overdue,
        limit,
        offset,
    } = p;
    let q = CrisisQuery {
        kind: Some(kind),
        parent,
        crisis,
        statuses: status
            .map(|s| {
                s.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        owner_state: state.as_deref().map(StateCode::parse).transpose()?,
        exercise: exercise_filter(exercise.as_deref())?,
        overdue_at: overdue.unwrap_or(false).then_some(now),
        limit: limit.unwrap_or(50),
        offset: offset.unwrap_or(0),
        skip_total: false,
    };
    let page = st.store.list_crisis_records(&auth.viewer(), &q).await?;
    Ok(Json(CrisisPageOut {
        items: page
            .items
            .into_iter()
            .map(|r| CrisisOut::new(r, now))
            .collect(),
        total: page.total,
        limit: q.limit,
        offset: q.offset,
    }))
}

/// Reads one crisis record; the ETag is its version.
#[utoipa::path(get, path = "/api/v1/crisis/{kind}/{id}", tag = "crisis",
    params(("kind" = String, Path, description = "The record's kind (plural)"), ("id" = i64, Path, description = "Record id")),
    responses((status = 200, body = CrisisOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(
    State(st): State<AppState>,
    auth: Auth,
    Path((kind, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let kind = kind_of(&kind)?;
    let id = parse_id(&id)?;
    let r = st.store.crisis_record(&auth.viewer(), id).await?;
    if r.kind != kind {
        return Err(ApiError::not_found(format!("{kind} {id}")));
    }
    Ok(respond(StatusCode::OK, CrisisOut::new(r, Utc::now())))
}

/// Creates a crisis record of a kind: its spec is checked field by field, its parent must
/// be of the right kind and visible, and a liaison officer acts for their own state only.
#[utoipa::path(post, path = "/api/v1/crisis/{kind}", tag = "crisis", request_body = CrisisIn,
    params(("kind" = String, Path, description = "The record's kind (plural)")),
    responses((status = 201, body = CrisisOut, headers(("ETag" = String), ("Location" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn create(
    State(st): State<AppState>,
    auth: Auth,
    Path(kind): Path<String>,
    ApiJson(body): ApiJson<CrisisIn>,
) -> ApiResult<Response> {
    let kind = kind_of(&kind)?;
    if !access::creatable(&auth.principal).contains(&kind) {
        // Refused before the body is looked at, so a role that may create nothing of the
        // kind learns nothing from the answer.
        let who = match (&auth.principal.state, auth.principal.role) {
            (Some(s), crc_domain::identity::Role::LiaisonOfficer) => {
                format!("a liaison officer of {s}")
            }
            (_, role) => format!("the role {role}"),
        };
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("{who} may not create {}", kind.a()),
        ));
    }
    let CrisisIn {
        parent,
        exercise,
        releasability,
        spec,
    } = body;
    let spec = Spec::parse(kind, spec)?;
    let releasability = match releasability {
        Some(r) => r.parse()?,
        None => Releasability::Organization,
    };
    let (name, state) = actor(&auth);
    let viewer = auth.viewer();
    let principal = auth.principal.clone();
    let rec = st
        .store
        .create_crisis_record(
            &CrisisActor {
                name: &name,
                state: state.as_ref(),
                viewer: &viewer,
            },
            NewCrisisRecord {
                spec,
                parent,
                exercise,
                releasability,
                demo: false,
            },
            |spec| access::may_create(&principal, spec),
        )
        .await?;
    Ok(respond(
        StatusCode::CREATED,
        CrisisOut::new(rec, Utc::now()),
    ))
}

/// Takes one step of a record's workflow: `{"command": "...", ...}`. `If-Match` (optional)
/// makes it conditional on the version read. An illegal step is refused with 409
/// `illegal_transition`, naming the state, the command and why.
#[utoipa::path(post, path = "/api/v1/crisis/{kind}/{id}/commands", tag = "crisis",
    request_body(content = Object, description = "The command, e.g. {\"command\": \"decide\", \"outcome\": \"granted\"}"),
    params(("kind" = String, Path, description = "The record's kind (plural)"), ("id" = i64, Path, description = "Record id"),
           ("If-Match" = Option<String>, Header, description = "The ETag read, e.g. \"3\"")),
    responses((status = 200, body = CrisisOut, headers(("ETag" = String))),
              (status = 400, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody)))]
pub async fn command(
    State(st): State<AppState>,
    auth: Auth,
    Path((kind, id)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<Response> {
    let kind = kind_of(&kind)?;
    let id = parse_id(&id)?;
    let expected = if headers.contains_key(header::IF_MATCH) {
        match if_match(&headers)? {
            Precondition::Version(v) => Some(v),
            Precondition::Any => None,
        }
    } else {
        None
    };
    let cmd = Command::parse(kind, body)?;
    let (name, state) = actor(&auth);
    let viewer = auth.viewer();
    let principal = auth.principal.clone();
    let rec = st
        .store
        .command_crisis_record(
            &CrisisActor {
                name: &name,
                state: state.as_ref(),
                viewer: &viewer,
            },
            id,
            expected,
            &cmd,
            |spec, cmd| {
                if spec.kind() != kind {
                    return Err(crc_domain::DomainError::invalid(
                        "kind",
                        format!("record {id} is {}, not {}", spec.kind().a(), kind.a()),
                    ));
                }
                access::may_command(&principal, spec, cmd)
            },
        )
        .await?;
    Ok(respond(StatusCode::OK, CrisisOut::new(rec, Utc::now())))
}
