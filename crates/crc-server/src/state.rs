//! The state every handler receives: the store, the settings, and the caches. Passed in,
//! never global.

use std::sync::Arc;
use std::time::Duration;

use crc_storage::Store;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::auth::{AuthCache, LoginThrottle};
use crate::change_hub::ChangeHub;

/// Settings of the HTTP service.
#[derive(Debug, Clone)]
pub struct ServerSettings {
    /// Mark the session cookie `Secure` (behind TLS).
    pub secure_cookies: bool,
    /// How long a login session lasts.
    pub session_ttl: Duration,
    /// Failed logins allowed per user and address within `throttle_window`.
    pub login_attempts: u32,
    /// The throttle's window.
    pub throttle_window: Duration,
    /// How often an open event stream checks that its session or token still stands.
    pub event_recheck: Duration,
    /// Movement plans searched at once; the rest wait queued. The search itself is parallel,
    /// so one keeps a small machine responsive.
    pub plan_runners: usize,
    /// How often the exercise ticker releases what falls due in running exercises; `None`
    /// stops it (tests tick by hand).
    pub exercise_tick: Option<Duration>,
    /// The time exercise runs are driven by.
    pub now: Now,
    /// Hazard feeds ingested on a schedule.
    pub feeds: Vec<crate::feed_poller::FeedSource>,
}

/// The real time, or a time a test sets and moves, for the exercise clock's commands and
/// ticks: the domain takes time as an argument, and so does the service through this.
#[derive(Debug, Clone, Default)]
pub struct Now(Option<Arc<std::sync::Mutex<chrono::DateTime<chrono::Utc>>>>);

impl Now {
    /// A time that stands at `t` until moved.
    pub fn manual(t: chrono::DateTime<chrono::Utc>) -> Now {
        Now(Some(Arc::new(std::sync::Mutex::new(t))))
    }

    /// The time now.
    pub fn get(&self) -> chrono::DateTime<chrono::Utc> {
        match &self.0 {
            None => chrono::Utc::now(),
            Some(t) => *t.lock().unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// Moves a manual time forward (a real time moves by itself).
    pub fn advance(&self, d: chrono::Duration) {
        if let Some(t) = &self.0 {
            let mut g = t.lock().unwrap_or_else(|e| e.into_inner());
            *g += d;
        }
    }
}

impl Default for ServerSettings {
    fn default() -> Self {
        ServerSettings {
            secure_cookies: false,
            session_ttl: Duration::from_secs(12 * 3600),
            login_attempts: 5,
            throttle_window: Duration::from_secs(15 * 60),
            event_recheck: Duration::from_secs(30),
            plan_runners: 1,
            exercise_tick: Some(Duration::from_secs(2)),
            now: Now::default(),
            feeds: Vec::new(),
        }
    }
}

/// The bundled monitoring data, parsed once per process (the outlines take a moment, and tests
/// make many servers). The test suite checks the bundled taxonomy and outlines; a build that
/// broke them could not serve monitoring at all.
fn bundled_monitoring() -> Arc<crate::monitoring_context::Monitoring> {
    static M: std::sync::OnceLock<Arc<crate::monitoring_context::Monitoring>> =
        std::sync::OnceLock::new();
    M.get_or_init(|| {
        Arc::new(
            crate::monitoring_context::Monitoring::bundled()
                .expect("the bundled monitoring taxonomy and outlines are valid"),
        )
    })
    .clone()
}

/// Shared application state.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Store,
    /// Settings.
    pub settings: Arc<ServerSettings>,
    /// Recently authenticated credentials.
    pub auth_cache: AuthCache,
    /// Failed-login counters.
    pub throttle: LoginThrottle,
    /// Prometheus rendering.
    pub metrics: PrometheusHandle,
    /// Bumped after every successful change through this server; wakes the event streams.
    pub changes: Arc<tokio::sync::watch::Sender<u64>>,
    /// Set when the server begins to shut down; ends the event streams, which would
    /// otherwise hold the graceful shutdown open.
    pub closing: Arc<tokio::sync::watch::Sender<bool>>,
    /// The shared reader of new changes for the event streams.
    pub hub: ChangeHub,
    /// The movement plans' runner (started by `serve`).
    pub plans: crate::plan_runner::PlanRunner,
    /// Monitoring's taxonomy, outlines and partners.
    pub monitoring: Arc<crate::monitoring_context::Monitoring>,
}

impl AppState {
    /// State over a store.
    pub fn new(store: Store, settings: ServerSettings) -> Self {
        let throttle = LoginThrottle::new(settings.login_attempts, settings.throttle_window);
        let changes = Arc::new(tokio::sync::watch::Sender::new(0));
        let closing = Arc::new(tokio::sync::watch::Sender::new(false));
        let hub = ChangeHub::new(store.clone(), changes.clone(), closing.clone());
        AppState {
            store,
            settings: Arc::new(settings),
            auth_cache: AuthCache::new(),
            throttle,
            metrics: crate::metrics::handle(),
            changes,
            closing,
            hub,
            plans: crate::plan_runner::PlanRunner::new(),
            monitoring: bundled_monitoring(),
        }
    }
}
