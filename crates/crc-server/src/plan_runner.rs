//! The movement plans' runner: searches queued plans in the background, one or two at a time,
//! and stores what comes out.
//!
//! The queue is the `movement_plans` table itself (`Store::claim_plan` takes the oldest
//! queued plan), so a plan accepted with `202` is never only in memory: a server that stops
//! leaves it `queued` or `running`, and the next start queues the running ones again
//! (`Store::requeue_plans`) before its runners take them. The search is pure CPU work
//! (`crc_planner::plan`, itself parallel with rayon) and runs on tokio's blocking pool; its
//! [`Observer`] ends it at the time limit, on a stop request or at shutdown, and publishes
//! its progress at most four times a second to the event streams (`plan-progress`), which
//! are not audit changes. A plan's start and end are changes with their audit entries,
//! which the event stream tells as any other change.
//!
//! A search cut short by shutdown is not stored: its plan stays `running` and is searched
//! again in full at the next start, rather than keeping a result its time limit did not cut.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crc_planner::{Control, Observer, Options, PlanError, Progress};
use crc_storage::{
    OperationSight, PlanBinding, PlanOutcome, PlanProgress, PlanRecord, PlanStatus, PlanSummary,
};
use tokio::sync::{broadcast, watch, Notify};

use crate::state::AppState;

/// The audit log's actor for what the runner does (not a valid username, so never a person).
pub const RUNNER_ACTOR: &str = "system:planner";

/// Progress goes out at most this often per plan.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);
/// How often an idle runner looks for plans queued by another process.
const POLL: Duration = Duration::from_secs(5);
/// Progress notes the channel holds for a slow stream; it skips older ones (each note
/// replaces the one before).
const CAPACITY: usize = 64;

/// One progress report of a running plan, and who may hear of it.
#[derive(Debug, Clone)]
pub struct ProgressNote {
    /// The plan.
    pub plan: i64,
    /// Its operation (none: the Joint Staff's plan).
    pub operation_id: Option<i64>,
    /// Who may see the operation.
    pub sight: Option<OperationSight>,
    /// The report.
    pub progress: PlanProgress,
}

/// A search under way on this server.
struct Live {
    stop: Arc<AtomicBool>,
    latest: Arc<Mutex<Option<PlanProgress>>>,
}

struct Inner {
    wake: Notify,
    live: Mutex<HashMap<i64, Live>>,
    notes: broadcast::Sender<Arc<ProgressNote>>,
}

/// The runner's handle, shared by the handlers (through `AppState`) and its tasks.
#[derive(Clone)]
pub struct PlanRunner {
    inner: Arc<Inner>,
}

impl Default for PlanRunner {
    fn default() -> Self {
        PlanRunner::new()
    }
}

impl PlanRunner {
    /// A runner that runs nothing until [`PlanRunner::start`].
    pub fn new() -> PlanRunner {
        PlanRunner {
            inner: Arc::new(Inner {
                wake: Notify::new(),
                live: Mutex::new(HashMap::new()),
                notes: broadcast::channel(CAPACITY).0,
            }),
        }
    }

    /// The progress reports from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<ProgressNote>> {
        self.inner.notes.subscribe()
    }

    /// Tells an idle runner that a plan was queued.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    /// Stops the search of `plan` if it runs here (it keeps its best plan so far). The
    /// stored stop request covers a plan not started yet.
    pub fn request_stop(&self, plan: i64) {
        if let Some(l) = self.live().get(&plan) {
            l.stop.store(true, Ordering::Relaxed);
        }
    }

    /// The latest progress of `plan` if it runs here.
    pub fn live_progress(&self, plan: i64) -> Option<PlanProgress> {
        self.live()
            .get(&plan)
            .and_then(|l| *l.latest.lock().unwrap_or_else(PoisonError::into_inner))
    }

    fn live(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Live>> {
        self.inner
            .live
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Queues again what a previous process left running, then starts `st.settings.plan_runners`
    /// runners. They end when the server closes (`st.closing`); await the handle before
    /// closing the store.
    pub fn start(&self, st: AppState) -> tokio::task::JoinHandle<()> {
        let runner = self.clone();
        tokio::spawn(async move {
            match st.store.requeue_plans(RUNNER_ACTOR).await {
                Ok(ids) if !ids.is_empty() => {
                    tracing::info!(?ids, "movement plans left running are queued again");
                    st.changes.send_modify(|n| *n = n.wrapping_add(1));
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "queuing plans left running again failed"),
            }
            let workers: Vec<_> = (0..st.settings.plan_runners.max(1))
                .map(|_| tokio::spawn(work(runner.clone(), st.clone())))
                .collect();
            for w in workers {
                let _ = w.await;
            }
        })
    }
}

/// One runner: takes the oldest queued plan, searches it, stores the outcome; waits when
/// nothing is queued.
async fn work(runner: PlanRunner, st: AppState) {
    let mut closing = st.closing.subscribe();
    loop {
        if *closing.borrow_and_update() {
            return;
        }
        match st.store.claim_plan(RUNNER_ACTOR).await {
            Ok(Some((plan, scenario))) => {
                st.changes.send_modify(|n| *n = n.wrapping_add(1));
                run(&runner, &st, plan, scenario).await;
                continue;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "taking a queued plan failed"),
        }
        tokio::select! {
            _ = runner.inner.wake.notified() => {}
            _ = closing.changed() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Ends the search at its deadline, on a stop request or at shutdown, and publishes its
/// progress. Called from the search's threads.
struct RunObserver {
    plan: i64,
    operation_id: Option<i64>,
    sight: Option<OperationSight>,
    deadline: Instant,
    stop: Arc<AtomicBool>,
    closing: Arc<watch::Sender<bool>>,
    latest: Arc<Mutex<Option<PlanProgress>>>,
    last_sent: Mutex<Option<Instant>>,
    notes: broadcast::Sender<Arc<ProgressNote>>,
}

fn progress_of(p: &Progress) -> PlanProgress {
    PlanProgress {
        candidates: p.candidates,
        effort: p.effort,
        best_closure: p.best_closure,
        lower_bound: p.lower_bound,
    }
}

impl RunObserver {
    fn publish(&self, progress: PlanProgress) {
        // No stream listening is no error.
        let _ = self.notes.send(Arc::new(ProgressNote {
            plan: self.plan,
            operation_id: self.operation_id,
            sight: self.sight.clone(),
            progress,
        }));
    }
}

impl Observer for RunObserver {
    fn progress(&self, p: &Progress) -> Control {
        let progress = progress_of(p);
        *self.latest.lock().unwrap_or_else(PoisonError::into_inner) = Some(progress);
        let now = Instant::now();
        let due = {
            let mut last = self
                .last_sent
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let due = last.is_none_or(|t| now.duration_since(t) >= PROGRESS_EVERY);
            if due {
                *last = Some(now);
            }
            due
        };
        if due {
            self.publish(progress);
        }
        if self.stop.load(Ordering::Relaxed) || *self.closing.borrow() || now >= self.deadline {
            Control::Stop
        } else {
            Control::Continue
        }
    }
}

/// The search's effort: the planner's default. The time limit, not the effort, is what
/// people set; an effort the search finishes early keeps small scenarios quick and
/// repeatable.
fn options(seed: u64) -> Options {
    Options {
        seed,
        ..Options::default()
    }
}

async fn run(runner: &PlanRunner, st: &AppState, plan: PlanRecord, scenario: String) {
    let id = plan.id;
    let stop = Arc::new(AtomicBool::new(plan.stop_requested));
    let latest = Arc::new(Mutex::new(None));
    runner.live().insert(
        id,
        Live {
            stop: stop.clone(),
            latest: latest.clone(),
        },
    );
    let observer = RunObserver {
        plan: id,
        operation_id: plan.operation_id,
        sight: plan.sight.clone(),
        deadline: Instant::now() + Duration::from_millis(plan.time_limit_ms.max(1) as u64),
        stop,
        closing: st.closing.clone(),
        latest: latest.clone(),
        last_sent: Mutex::new(None),
        notes: runner.inner.notes.clone(),
    };
    let seed = plan.seed;
    let started = Instant::now();
    let searched = tokio::task::spawn_blocking(move || {
        let result = match serde_json::from_str::<crc_planner::Scenario>(&scenario) {
            Ok(s) => crc_planner::plan(&s, &options(seed), &observer),
            Err(e) => Err(PlanError::Invalid(crc_planner::ScenarioError {
                path: e.to_string(),
                message: "the stored scenario does not parse".into(),
            })),
        };
        (result, observer)
    })
    .await;
    runner.live().remove(&id);
    if *st.closing.borrow() {
        tracing::info!(
            plan = id,
            "search cut short by shutdown; it runs again at the next start"
        );
        return;
    }
    let elapsed_ms = started.elapsed().as_millis() as u64;
    let outcome = match searched {
        Ok((result, observer)) => {
            let last = *latest.lock().unwrap_or_else(PoisonError::into_inner);
            let outcome = outcome_of(result, last, elapsed_ms);
            if let Some(p) = outcome.progress {
                // The last word, whatever the throttle let through before.
                observer.publish(p);
            }
            outcome
        }
        Err(e) => {
            tracing::error!(plan = id, error = %e, "the search panicked");
            failed("the planner failed unexpectedly; it has been logged", None)
        }
    };
    match st.store.finish_plan(RUNNER_ACTOR, id, &outcome).await {
        Ok(_) => {
            st.changes.send_modify(|n| *n = n.wrapping_add(1));
        }
        Err(e) => tracing::warn!(plan = id, error = %e, "storing a plan's outcome failed"),
    }
}

fn failed(message: &str, progress: Option<PlanProgress>) -> PlanOutcome {
    PlanOutcome {
        status: PlanStatus::Failed,
        progress,
        plan: None,
        summary: None,
        error: Some(serde_json::json!({ "message": message })),
    }
}

/// What to store of a search's result.
fn outcome_of(
    result: Result<crc_planner::Plan, PlanError>,
    last: Option<PlanProgress>,
    elapsed_ms: u64,
) -> PlanOutcome {
    match result {
        Ok(mut plan) => {
            // The planner keeps no clock; the wall time is the caller's to tell.
            plan.search.elapsed_ms = elapsed_ms;
            let progress = PlanProgress {
                candidates: plan.search.candidates,
                effort: last.map(|p| p.effort).unwrap_or(options(plan.seed).effort),
                best_closure: plan.closure,
                lower_bound: plan.lower_bound,
            };
            let summary = PlanSummary {
                closure: plan.closure,
                lower_bound: plan.lower_bound,
                gap: plan.gap,
                sorties: i64::from(plan.sorties),
                weighted_lateness: plan.weighted_lateness,
                binding: PlanBinding {
                    kind: plan.binding.kind.clone(),
                    id: plan.binding.id.clone(),
                    text: plan.binding.text.clone(),
                },
            };
            match serde_json::to_value(&plan) {
                Ok(doc) => PlanOutcome {
                    status: PlanStatus::Done,
                    progress: Some(progress),
                    plan: Some(doc),
                    summary: Some(summary),
                    error: None,
                },
                Err(e) => {
                    tracing::error!(error = %e, "a plan did not serialize");
                    failed("the plan could not be stored; it has been logged", last)
                }
            }
        }
        Err(PlanError::Infeasible(parts)) => PlanOutcome {
            status: PlanStatus::Infeasible,
            progress: last,
            plan: None,
            summary: None,
            error: Some(serde_json::json!({
                "message": PlanError::Infeasible(parts.clone()).to_string(),
                "unreachable": parts,
            })),
        },
        Err(PlanError::Invalid(e)) => PlanOutcome {
            status: PlanStatus::Failed,
            progress: last,
            plan: None,
            summary: None,
            error: Some(serde_json::json!({
                "message": format!("the planner refused the scenario: {e}"),
                "field": e.path,
            })),
        },
    }
}
