//! The crc HTTP service: the JSON API under `/api/v1`, the live event stream, the web
//! console (embedded assets), health and metrics.
//!
//! `router(state)` builds the application; `serve(listener, state, shutdown)` runs it until
//! the shutdown future resolves, letting requests in flight finish. Tests bind 127.0.0.1:0
//! and talk real HTTP to it.
//!
//! Invariants: every route but `/health` and `/ready` extracts [`auth::Auth`], so an
//! unauthenticated request never reaches a handler's body; every error leaves as
//! [`error::ApiError`] with a stable code, never as a driver's message.

pub mod auth;
pub mod change_hub;
pub mod console;
pub mod crisis_print;
pub mod crisis_wire;
pub mod error;
pub mod exercise_ticker;
pub mod extract;
pub mod feed_poller;
pub mod metrics;
pub mod monitoring_context;
pub mod monitoring_summary;
pub mod monitoring_wire;
pub mod openapi;
pub mod plan_runner;
pub mod plan_scenario;
pub mod plan_wire;
pub mod routes;
pub mod state;
pub mod training_design_wire;
pub mod training_print;
pub mod training_report;
pub mod training_report_pdf;
pub mod training_wire;
pub mod wire;

use std::future::Future;
use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use error::ApiError;
pub use state::{AppState, Now, ServerSettings};

/// The largest request body accepted.
pub const MAX_BODY: usize = 64 * 1024;

pub(crate) fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no_route", "no such endpoint")
}

/// Wakes the event streams' change reader (`change_hub`) after every successful change,
/// whatever the endpoint.
async fn announce_changes(
    axum::extract::State(st): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let safe = matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let res = next.run(req).await;
    if !safe && res.status().is_success() {
        st.changes.send_modify(|n| *n = n.wrapping_add(1));
    }
    res
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint does not take that method",
    )
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::internal("a handler panicked").into_response()
}

/// The application.
pub fn router(state: AppState) -> Router {
    use routes::monitoring_exchange::MAX_DOCUMENT;
    use routes::*;
    let api = Router::new()
        .route("/auth/login", post(session::login))
        .route("/auth/logout", post(session::logout))
        .route("/auth/me", get(session::me))
        .route("/auth/me/preferences", put(session::preferences))
        .route(
            "/auth/tokens",
            get(session::list_tokens).post(session::create_token),
        )
        .route(
            "/auth/tokens/{id}",
            axum::routing::delete(session::revoke_token),
        )
        .route(
            "/contingents",
            get(contingents::list).post(contingents::create),
        )
        .route("/contingents/totals", get(contingents::totals))
        .route(
            "/contingents/{id}",
            get(contingents::get)
                .put(contingents::update)
                .delete(contingents::delete),
        )
        .route("/reference", get(reference::overview))
        .route("/reference/load", post(reference::load))
        .route("/reference/{kind}", get(reference::list))
        .route("/reference/{kind}/{key}", get(reference::get))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{username}", axum::routing::patch(users::patch))
        .route("/audit", get(audit::list))
        .route("/audit/verify", get(audit::verify))
        .route("/crisis/board", get(crisis_reports::board))
        .route("/crisis/journal", get(crisis_reports::journal))
        .route(
            "/crisis/requests/{id}/journal",
            get(crisis_reports::journal_json),
        )
        .route(
            "/crisis/requests/{id}/journal/print",
            get(crisis_reports::journal_html),
        )
        .route(
            "/crisis/operations/{id}/composition",
            get(crisis_reports::composition),
        )
        .route(
            "/crisis/decisions/{id}/control",
            get(crisis_reports::control),
        )
        .route("/crisis/{kind}", get(crisis::list).post(crisis::create))
        .route("/crisis/{kind}/{id}", get(crisis::get))
        .route("/crisis/{kind}/{id}/commands", post(crisis::command))
        .route(
            "/crisis/operations/{id}/plans",
            post(plans::create_for_operation),
        )
        .route("/plans", get(plans::list).post(plans::create))
        .route("/plans/{id}", get(plans::get))
        .route("/plans/{id}/plan", get(plans::plan_document))
        .route("/plans/{id}/scenario", get(plans::scenario_document))
        .route("/plans/{id}/what-if", post(plans::what_if))
        .route("/plans/{id}/diff", get(plans::diff))
        .route("/plans/{id}/stop", post(plans::stop))
        .route(
            "/training/exercises",
            get(training::list_exercises).post(training::create_exercise),
        )
        .route(
            "/training/exercises/{key}",
            get(training::get_exercise).put(training::update_exercise),
        )
        .route("/training/statistics", get(training::statistics))
        .route(
            "/training/plans",
            get(training::list_plans).post(training::create_plan),
        )
        .route("/training/plans/{id}", get(training::get_plan))
        .route(
            "/training/plans/{id}/commands",
            post(training::command_plan),
        )
        .route(
            "/training/plans/{id}/conflicts",
            get(training::plan_conflicts),
        )
        .route(
            "/training/plans/{id}/calendar.ics",
            get(training::plan_calendar),
        )
        .route("/training/plans/{id}/print", get(training::plan_print))
        .route(
            "/training/designs",
            get(training_designs::list_designs).post(training_designs::create_design),
        )
        .route(
            "/training/designs/{id}",
            get(training_designs::get_design).put(training_designs::update_design),
        )
        .route(
            "/training/designs/{id}/msels",
            get(training_designs::list_msels).post(training_designs::create_msel),
        )
        .route(
            "/training/designs/{id}/msels/import",
            post(training_designs::import_msel),
        )
        .route("/training/msels/{id}", get(training_designs::get_msel))
        .route(
            "/training/msels/{id}/export.csv",
            get(training_designs::export_msel),
        )
        .route(
            "/training/msels/{id}/commands",
            post(training_designs::command_msel),
        )
        .route(
            "/training/runs",
            get(training_runs::list_runs).post(training_runs::create_run),
        )
        .route("/training/runs/{id}", get(training_runs::get_run))
        .route("/training/runs/{id}/clock", post(training_runs::clock))
        .route("/training/runs/{id}/control", post(training_runs::control))
        .route("/training/runs/{id}/board", get(training_runs::board))
        .route("/training/runs/{id}/log", get(training_runs::log))
        .route("/training/runs/{id}/inbox", get(training_runs::inbox))
        .route(
            "/training/runs/{id}/inbox/{item}/acknowledge",
            post(training_runs::acknowledge),
        )
        .route(
            "/training/runs/{id}/responses",
            get(training_runs::responses).post(training_runs::add_response),
        )
        .route(
            "/training/runs/{id}/observations",
            get(training_runs::observations).post(training_runs::add_observation),
        )
        .route("/training/runs/{id}/report", get(training_runs::report))
        .route(
            "/training/runs/{id}/report.html",
            get(training_runs::report_html),
        )
        .route(
            "/training/runs/{id}/report.pdf",
            get(training_runs::report_pdf),
        )
        .route(
            "/training/actions",
            get(training_follow_up::list_actions).post(training_follow_up::create_action),
        )
        .route(
            "/training/actions/{id}",
            get(training_follow_up::get_action),
        )
        .route(
            "/training/actions/{id}/commands",
            post(training_follow_up::command_action),
        )
        .route(
            "/training/lessons",
            get(training_follow_up::list_lessons).post(training_follow_up::create_lesson),
        )
        .route(
            "/training/lessons/{id}",
            get(training_follow_up::get_lesson).put(training_follow_up::update_lesson),
        )
        .route("/monitoring/taxonomy", get(monitoring::taxonomy))
        .route(
            "/monitoring/reports",
            get(monitoring::list_reports)
                .post(monitoring::file_reports)
                .layer(DefaultBodyLimit::max(MAX_DOCUMENT)),
        )
        .route("/monitoring/map", get(monitoring::map))
        .route("/monitoring/reports/{id}", get(monitoring::get_report))
        .route(
            "/monitoring/reports/{id}/grade",
            put(monitoring::grade_report),
        )
        .route(
            "/monitoring/reports/{id}/suggestions",
            get(monitoring::suggestions),
        )
        .route(
            "/monitoring/reports/{id}/merge",
            post(monitoring::merge_report),
        )
        .route(
            "/monitoring/reports/{id}/cap",
            get(monitoring_exchange::export_cap),
        )
        .route(
            "/monitoring/events",
            get(monitoring::list_events).post(monitoring::create_event),
        )
        .route("/monitoring/events/{id}", get(monitoring::get_event))
        .route(
            "/monitoring/events/{id}/reports",
            post(monitoring::event_reports),
        )
        .route("/monitoring/threat", get(monitoring::threat_picture))
        .route("/monitoring/summary", get(monitoring::summary))
        .route(
            "/monitoring/cap",
            post(monitoring_exchange::import_cap).layer(DefaultBodyLimit::max(MAX_DOCUMENT)),
        )
        .route(
            "/monitoring/edxl",
            get(monitoring_exchange::export_edxl)
                .post(monitoring_exchange::import_edxl)
                .layer(DefaultBodyLimit::max(MAX_DOCUMENT)),
        )
        .route(
            "/monitoring/feeds/usgs",
            post(monitoring_exchange::ingest_usgs).layer(DefaultBodyLimit::max(MAX_DOCUMENT)),
        )
        .route("/ogc", get(ogc::landing))
        .route("/ogc/conformance", get(ogc::conformance))
        .route("/ogc/api", get(ogc::api))
        .route("/ogc/collections", get(ogc::collections))
        .route("/ogc/collections/{id}", get(ogc::one_collection))
        .route("/ogc/collections/{id}/items", get(ogc::items))
        .route("/ogc/collections/{id}/items/{fid}", get(ogc::item))
        .route("/events", get(events::stream))
        .route("/openapi.json", get(openapi::document));
    Router::new()
        .nest("/api/v1", api)
        .route("/health", get(health::live))
        .route("/ready", get(health::ready))
        .route("/metrics", get(health::metrics))
        .route("/", get(console::index))
        .fallback(console::asset_or_not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            announce_changes,
        ))
        .layer(axum::middleware::from_fn(metrics::track))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        // gzip or brotli where the client takes it (the console's scripts and map data shrink
        // to a fraction); never for the event stream, which must not be buffered.
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` resolves; requests in flight finish, then
/// the database closes cleanly.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let store = state.store.clone();
    let closing = state.closing.clone();
    let runner = state.plans.start(state.clone());
    let ticker = crate::exercise_ticker::start(state.clone());
    let _feeds = crate::feed_poller::start(state.clone());
    let runners_closing = state.closing.clone();
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    // Send small writes at once: an event of the event stream is one small write, which
    // Nagle's algorithm would otherwise hold back until the client acknowledged the previous
    // one (and clients delay their acknowledgements by up to 40 ms).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY could not be set");
        }
    });
    let r = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown.await;
            // Event streams never end by themselves; tell them to, or shutdown would wait.
            closing.send_replace(true);
        })
        .await;
    // The runners stop their searches when closing (also when serving failed); their last
    // writes land before the store closes.
    runners_closing.send_replace(true);
    let _ = runner.await;
    let _ = ticker.await;
    store.close().await;
    r
}
