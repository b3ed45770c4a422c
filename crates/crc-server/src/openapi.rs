//! The OpenAPI 3.1 document, generated from the handlers' annotations and the wire types.

use axum::extract::State;
use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::auth::Auth;
use crate::routes;
use crate::state::AppState;

struct Security;

impl Modify for Security {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let c = doc.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token from POST /api/v1/auth/tokens"))
                    .build(),
            ),
        );
        c.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::SESSION_COOKIE,
                "The login session; changes must also send X-CSRF-Token",
            ))),
        );
    }
}

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(title = "crc", description = "The crisis response centre system's API."),
    modifiers(&Security),
    security(("bearer" = []), ("session" = [])),
    paths(
        routes::health::live,
        routes::health::ready,
        routes::health::metrics,
        routes::session::login,
        routes::session::logout,
        routes::session::me,
        routes::session::preferences,
        routes::session::list_tokens,
        routes::session::create_token,
        routes::session::revoke_token,
        routes::contingents::list,
        routes::contingents::totals,
        routes::contingents::get,
        routes::contingents::create,
        routes::contingents::update,
        routes::contingents::delete,
        routes::crisis::list,
        routes::crisis::get,
        routes::crisis::create,
        routes::crisis::command,
        routes::crisis_reports::board,
        routes::crisis_reports::journal,
        routes::crisis_reports::journal_json,
        routes::crisis_reports::journal_html,
        routes::crisis_reports::composition,
        routes::crisis_reports::control,
        routes::reference::overview,
        routes::reference::list,
        routes::reference::get,
        routes::reference::load,
        routes::users::list,
        routes::users::create,
        routes::users::patch,
        routes::audit::list,
        routes::audit::verify,
        routes::events::stream,
        routes::plans::create_for_operation,
        routes::plans::create,
        routes::plans::list,
        routes::plans::get,
        routes::plans::plan_document,
        routes::plans::scenario_document,
        routes::plans::what_if,
        routes::plans::diff,
        routes::plans::stop,
        routes::training::list_exercises,
        routes::training::get_exercise,
        routes::training::create_exercise,
        routes::training::update_exercise,
        routes::training::statistics,
        routes::training::create_plan,
        routes::training::list_plans,
        routes::training::get_plan,
        routes::training::command_plan,
        routes::training::plan_conflicts,
        routes::training::plan_calendar,
        routes::training::plan_print,
        routes::training_designs::list_designs,
        routes::training_designs::create_design,
        routes::training_designs::get_design,
        routes::training_designs::update_design,
        routes::training_designs::list_msels,
        routes::training_designs::create_msel,
        routes::training_designs::import_msel,
        routes::training_designs::get_msel,
        routes::training_designs::export_msel,
        routes::training_designs::command_msel,
        routes::training_runs::create_run,
        routes::training_runs::list_runs,
        routes::training_runs::get_run,
        routes::training_runs::clock,
        routes::training_runs::control,
        routes::training_runs::board,
        routes::training_runs::log,
        routes::training_runs::inbox,
        routes::training_runs::acknowledge,
        routes::training_runs::responses,
        routes::training_runs::add_response,
        routes::training_runs::observations,
        routes::training_runs::add_observation,
        routes::training_runs::report,
        routes::training_runs::report_html,
        routes::training_runs::report_pdf,
        routes::training_follow_up::list_actions,
        routes::training_follow_up::create_action,
        routes::training_follow_up::get_action,
        routes::training_follow_up::command_action,
        routes::training_follow_up::list_lessons,
        routes::training_follow_up::create_lesson,
        routes::training_follow_up::get_lesson,
        routes::training_follow_up::update_lesson,
        routes::monitoring::taxonomy,
        routes::monitoring::file_reports,
        routes::monitoring::list_reports,
        routes::monitoring::map,
        routes::monitoring::get_report,
        routes::monitoring::grade_report,
        routes::monitoring::suggestions,
        routes::monitoring::merge_report,
        routes::monitoring::create_event,
        routes::monitoring::list_events,
        routes::monitoring::get_event,
        routes::monitoring::event_reports,
        routes::monitoring::threat_picture,
        routes::monitoring::summary,
        routes::monitoring_exchange::import_cap,
        routes::monitoring_exchange::import_edxl,
        routes::monitoring_exchange::export_cap,
        routes::monitoring_exchange::export_edxl,
        routes::monitoring_exchange::ingest_usgs,
        document,
    ),
    components(schemas(crate::plan_wire::PlanProgressEvent)),
    tags(
        (name = "operations", description = "Health, readiness, metrics"),
        (name = "session", description = "Login, logout, API tokens"),
        (name = "contingents", description = "The register of national contingents"),
        (name = "crisis", description = "The crisis response chain: requests, sessions, decisions, operations, forces, tasks, logistics, operating mode, shifts, groups; board, journal, reports"),
        (name = "reference", description = "The organization's reference data"),
        (name = "users", description = "User administration"),
        (name = "audit", description = "The hash-chained audit log"),
        (name = "training", description = "Joint training: the catalogue of exercises, its statistics, the yearly Plan for Joint Training with its coordination and approval, conflicts, iCalendar and print; exercise designs and their master scenario events lists (JSON or CSV); exercise runs: the clock, release of injects, inboxes, responses, observations and the after-action report; corrective actions and lessons learned"),
        (name = "monitoring", description = "Situation monitoring: reports graded by the Admiralty code, corroboration and events, the threat picture, CAP 1.2 and EDXL-DE exchange, the USGS earthquake feed; the same reports and events as OGC API - Features under /api/v1/ogc"),
        (name = "plans", description = "Movement plans: an operation's deployment planned in the background, what-if re-planning and comparison"),
    )
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "operations",
    responses((status = 200, description = "OpenAPI 3.1 document", body = Object),
              (status = 401, body = crate::error::ErrorBody)))]
pub async fn document(State(_st): State<AppState>, _auth: Auth) -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
