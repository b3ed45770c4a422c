//! The exercise ticker: every few seconds it asks the domain what falls due in each running
//! (or paused) exercise and writes the releases and holds, and delivers released injects to
//! the recipients' inboxes (docs/training-conduct.md, "Release"). The domain decides; a tick
//! repeated at the same moment adds nothing, so two servers on one database cannot release
//! an inject twice (each tick runs on the locked run). Control's own hand on a run (the
//! clock, releases by hand) is here too, shared by the API and the command line.

use chrono::{DateTime, Utc};
use crc_domain::identity::Principal;
use crc_domain::training::access::RunRoles;
use crc_domain::training::clock::ClockCommand;
use crc_domain::training::delivery::deliver;
use crc_domain::training::release::{Conduct, ControlCommand, LogEntry};
use crc_storage::{DesignRecord, MselRecord, RunChange, RunRecord, StorageError, Store};

use crate::state::AppState;

/// The actor of the ticker's changes in the audit log.
pub const SCHEDULE_ACTOR: &str = "schedule";

/// Appends `entries` to the run's log and delivers the releases among them.
pub fn record(run: &mut RunRecord, design: &DesignRecord, msel: &MselRecord, entries: &[LogEntry]) {
    for e in entries {
        run.log.0.push(e.clone());
        run.inbox.extend(deliver(&design.spec, &msel.spec, e));
    }
}

/// What the audit entry of new log entries keeps: the injects and what happened to them.
pub fn entries_detail(entries: &[LogEntry]) -> serde_json::Value {
    serde_json::to_value(entries).unwrap_or_default()
}

/// Ticks one run at `now`: the run as it stands after.
pub async fn tick(store: &Store, id: i64, now: DateTime<Utc>) -> Result<RunRecord, StorageError> {
    store
        .change_run(SCHEDULE_ACTOR, id, None, |run, design, msel| {
            let entries = Conduct {
                msel: &msel.spec,
                msel_state: &msel.state,
                clock: &run.clock,
                log: &run.log,
                policy: run.policy,
            }
            .tick(now);
            if entries.is_empty() {
                return Ok(None);
            }
            record(run, design, msel, &entries);
            Ok(Some(RunChange {
                action: "tick".into(),
                detail: entries_detail(&entries),
            }))
        })
        .await
}

/// Control (`who`) drives the clock of run `id` at `now`; what falls due at the moment of the
/// command (a start at `D+0 00:00`, a jump's target) goes out with it, judged by the same rules
/// as the ticker's.
pub async fn drive_clock(
    store: &Store,
    who: &Principal,
    id: i64,
    expected: Option<i64>,
    cmd: &ClockCommand,
    now: DateTime<Utc>,
) -> Result<RunRecord, StorageError> {
    store
        .change_run(&who.username, id, expected, |run, design, msel| {
            RunRoles::of(who, &design.spec).must_control(who, "drive the exercise clock")?;
            run.clock = run.clock.apply(now, cmd)?;
            let entries = Conduct {
                msel: &msel.spec,
                msel_state: &msel.state,
                clock: &run.clock,
                log: &run.log,
                policy: run.policy,
            }
            .tick(now);
            record(run, design, msel, &entries);
            Ok(Some(RunChange {
                action: format!("clock_{}", cmd.name()),
                detail: serde_json::json!({ "command": cmd, "entries": entries_detail(&entries) }),
            }))
        })
        .await
}

/// Control (`who`) releases, holds or skips injects of run `id` at `now`.
pub async fn control(
    store: &Store,
    who: &Principal,
    id: i64,
    expected: Option<i64>,
    cmd: &ControlCommand,
    now: DateTime<Utc>,
) -> Result<RunRecord, StorageError> {
    store
        .change_run(&who.username, id, expected, |run, design, msel| {
            RunRoles::of(who, &design.spec).must_control(who, "release or hold injects")?;
            let entries = Conduct {
                msel: &msel.spec,
                msel_state: &msel.state,
                clock: &run.clock,
                log: &run.log,
                policy: run.policy,
            }
            .control(cmd, &who.username, now)?;
            if entries.is_empty() {
                return Ok(None);
            }
            record(run, design, msel, &entries);
            Ok(Some(RunChange {
                action: cmd.name().into(),
                detail: entries_detail(&entries),
            }))
        })
        .await
}

/// Starts the ticker, unless the settings turn it off; it ends when the server closes.
pub fn start(st: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let Some(every) = st.settings.exercise_tick else {
            return;
        };
        let mut closing = st.closing.subscribe();
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = interval.tick() => {}
                _ = closing.wait_for(|c| *c) => return,
            }
            let ids = match st.store.live_runs().await {
                Ok(ids) => ids,
                Err(e) => {
                    tracing::warn!(error = %e, "reading the running exercises failed");
                    continue;
                }
            };
            for id in ids {
                let before = st.store.run(id).await.map(|r| r.version).ok();
                match tick(&st.store, id, st.settings.now.get()).await {
                    Ok(r) if Some(r.version) != before => {
                        st.changes.send_modify(|n| *n = n.wrapping_add(1));
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(run = id, error = %e, "an exercise tick failed"),
                }
            }
        }
    })
}
