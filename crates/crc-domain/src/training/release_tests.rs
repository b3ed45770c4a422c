//! Tests of the release policy with controlled time, and its properties over random runs.

use chrono::Duration;
use proptest::prelude::*;

use super::*;
use crate::training::clock::tests::{real, scenario_start, started};
use crate::training::clock::{ClockCommand, Speed};
use crate::training::msel::tests::{inject, msel};
use crate::training::msel::MselStatus;

fn approved() -> MselState {
    MselState {
        status: MselStatus::Approved,
        version: 3,
        approval: None,
        notes: Vec::new(),
    }
}

/// A run: the MSEL (injects 1 at D+0 00:00, 2 and 3 at D+0 01:00, 4 at D+1 06:30), its
/// state, the clock and the log, with the default grace of 60 s.
struct Run {
    msel: MselSpec,
    state: MselState,
    clock: ExerciseClock,
    log: ReleaseLog,
}

impl Run {
    fn new(clock: ExerciseClock) -> Run {
        Run {
            msel: msel(),
            state: approved(),
            clock,
            log: ReleaseLog::default(),
        }
    }

    fn conduct(&self) -> Conduct<'_> {
        Conduct {
            msel: &self.msel,
            msel_state: &self.state,
            clock: &self.clock,
            log: &self.log,
            policy: ReleasePolicy::default(),
        }
    }

    /// Ticks and appends; what was appended as (inject, action).
    fn tick(&mut self, now: DateTime<Utc>) -> Vec<(u32, LogAction)> {
        let new = self.conduct().tick(now);
        self.log.0.extend(new.iter().cloned());
        new.into_iter().map(|e| (e.inject, e.action)).collect()
    }

    fn control(&mut self, c: ControlCommand, now: DateTime<Utc>) -> Result<Vec<u32>, DomainError> {
        let new = self.conduct().control(&c, "controller", now)?;
        self.log.0.extend(new.iter().cloned());
        Ok(new.into_iter().map(|e| e.inject).collect())
    }

    fn clock(&mut self, c: ClockCommand, at: DateTime<Utc>) {
        self.clock = self.clock.apply(at, &c).unwrap();
    }
}

const SCHEDULED: LogAction = LogAction::Released {
    how: ReleaseHow::Scheduled,
};

fn held(reason: HoldReason) -> LogAction {
    LogAction::Held { reason }
}

#[test]
fn injects_are_released_on_schedule_once() {
    let mut r = Run::new(started(real(9, 0, 0)));
    assert_eq!(r.tick(real(9, 0, 2)), [(1, SCHEDULED)]);
    assert_eq!(r.tick(real(9, 0, 2)), []);
    assert_eq!(r.tick(real(9, 59, 59)), []);
    assert_eq!(r.tick(real(10, 0, 30)), [(2, SCHEDULED), (3, SCHEDULED)]);
    assert_eq!(r.tick(real(10, 0, 31)), []);
    let e = &r.log.0[1];
    assert_eq!(
        (e.real_at, e.scenario_at),
        (real(10, 0, 30), scenario_start() + Duration::seconds(3630))
    );
    assert_eq!((e.by.as_deref(), e.msel_version), (None, 3));
}

#[test]
fn what_fell_due_during_an_outage_is_held_not_released() {
    let mut r = Run::new(started(real(9, 0, 0)));
    r.tick(real(9, 0, 1));
    // The server was down from 09:58 to 10:05.
    assert_eq!(
        r.tick(real(10, 5, 0)),
        [
            (2, held(HoldReason::Late { seconds: 300 })),
            (3, held(HoldReason::Late { seconds: 300 }))
        ]
    );
    assert_eq!(r.tick(real(10, 5, 1)), []);
}

#[test]
fn resuming_after_a_pause_fires_nothing_stale() {
    let mut r = Run::new(started(real(9, 0, 0)));
    r.tick(real(9, 0, 1));
    // Inject 2 falls due at 10:00:00; the tick is late and control pauses at 10:00:20.
    r.clock(ClockCommand::Pause, real(10, 0, 20));
    assert_eq!(
        r.tick(real(10, 0, 21)),
        [],
        "nothing is released while paused"
    );
    r.clock(ClockCommand::Resume, real(10, 30, 0));
    assert_eq!(
        r.tick(real(10, 30, 1)),
        [
            (2, held(HoldReason::Late { seconds: 1801 })),
            (3, held(HoldReason::Late { seconds: 1801 }))
        ]
    );
    // Control releases them all at once when ready.
    let all = ControlCommand::ReleaseOverdue {
        note: String::new(),
    };
    assert_eq!(r.control(all.clone(), real(10, 31, 0)), Ok(vec![2, 3]));
    assert_eq!(r.control(all, real(10, 31, 0)), Ok(vec![]));
    assert_eq!(
        r.log.status(2),
        InjectStatus::Released {
            how: ReleaseHow::Overdue,
            at: real(10, 31, 0)
        }
    );
}

#[test]
fn a_pause_before_the_due_moment_only_shifts_it() {
    let mut r = Run::new(started(real(9, 0, 0)));
    r.tick(real(9, 0, 1));
    r.clock(ClockCommand::Pause, real(9, 50, 0));
    r.clock(ClockCommand::Resume, real(10, 20, 0));
    assert_eq!(r.tick(real(10, 29, 59)), []);
    assert_eq!(r.tick(real(10, 30, 5)), [(2, SCHEDULED), (3, SCHEDULED)]);
}

#[test]
fn a_jump_holds_what_it_passes_over_but_not_its_target() {
    let mut msel = msel();
    msel.injects.push(inject(5, "D+0 02:00"));
    let mut r = Run::new(started(real(9, 0, 0)));
    r.msel = msel;
    r.tick(real(9, 0, 1));
    let to = scenario_start() + Duration::hours(2);
    r.clock(ClockCommand::Jump { to }, real(9, 10, 0));
    assert_eq!(
        r.tick(real(9, 10, 1)),
        [
            (2, held(HoldReason::JumpedOver)),
            (3, held(HoldReason::JumpedOver)),
            (5, SCHEDULED)
        ]
    );
    // The board shows it all.
    let board = r.conduct().board(real(9, 10, 2));
    assert_eq!(board.len(), 5);
    assert_eq!(
        board[1].status,
        InjectStatus::Held {
            reason: HoldReason::JumpedOver
        }
    );
    assert_eq!(
        board[4].scenario_due,
        Some(scenario_start() + Duration::minutes(30 * 60 + 30))
    );
    assert!(!board[4].due);
}

#[test]
fn control_releases_holds_and_skips_by_hand() {
    let mut r = Run::new(started(real(9, 0, 0)));
    r.tick(real(9, 0, 1));
    let release = |inject| ControlCommand::Release {
        inject,
        note: String::new(),
    };
    // Early release of inject 4 (due tomorrow) is by hand.
    assert_eq!(r.control(release(4), real(9, 5, 0)), Ok(vec![4]));
    assert_eq!(
        r.log.status(4),
        InjectStatus::Released {
            how: ReleaseHow::Manual,
            at: real(9, 5, 0)
        }
    );
    assert_eq!(r.log.0[1].by.as_deref(), Some("controller"));
    let e = r.control(release(4), real(9, 6, 0)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot release an inject that is released: it was released at 2025-09-15 09:05:00 UTC"
    );
    // Held by control: the schedule leaves it, release-all-overdue leaves it too.
    assert_eq!(
        r.control(
            ControlCommand::Hold {
                inject: 2,
                note: "not yet".into()
            },
            real(9, 6, 0)
        ),
        Ok(vec![2])
    );
    assert_eq!(r.tick(real(10, 0, 1)), [(3, SCHEDULED)]);
    let all = ControlCommand::ReleaseOverdue {
        note: String::new(),
    };
    assert_eq!(r.control(all, real(10, 1, 0)), Ok(vec![]));
    assert_eq!(r.control(release(2), real(10, 2, 0)), Ok(vec![2]));
    // Skips need a reason and end the inject.
    let mut r = Run::new(started(real(9, 0, 0)));
    let skip = |note: &str| ControlCommand::Skip {
        inject: 3,
        note: note.into(),
    };
    assert_eq!(
        r.control(skip(" "), real(9, 1, 0)).unwrap_err().to_string(),
        "note: must not be empty"
    );
    assert_eq!(
        r.control(skip("overtaken by events"), real(9, 1, 0)),
        Ok(vec![3])
    );
    assert_eq!(
        r.tick(real(10, 0, 1)),
        [
            (1, held(HoldReason::Late { seconds: 3601 })),
            (2, SCHEDULED)
        ]
    );
    let e = r.control(release(3), real(10, 2, 0)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot release an inject that is skipped: it was skipped"
    );
    let e = r.control(release(9), real(10, 2, 0)).unwrap_err();
    assert_eq!(e.to_string(), "inject: no inject 9 in the MSEL");
}

#[test]
fn nothing_is_released_without_an_approved_msel_or_a_running_exercise() {
    let mut r = Run::new(started(real(9, 0, 0)));
    r.state.status = MselStatus::Draft;
    assert_eq!(r.tick(real(9, 0, 1)), []);
    let release = ControlCommand::Release {
        inject: 1,
        note: String::new(),
    };
    let e = r.control(release.clone(), real(9, 0, 1)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot release a msel that is draft: injects are released from an approved MSEL only"
    );
    let mut r = Run::new(ExerciseClock::new());
    assert_eq!(r.tick(real(9, 0, 1)), []);
    let e = r.control(release.clone(), real(9, 0, 1)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot release an exercise clock that is not started: the exercise has not started"
    );
    let mut r = Run::new(started(real(9, 0, 0)));
    r.clock(ClockCommand::End, real(9, 0, 0));
    assert_eq!(r.tick(real(9, 0, 1)), []);
    assert!(r.control(release, real(9, 0, 1)).is_err());
}

#[test]
fn the_log_is_stored_as_json() {
    let mut r = Run::new(started(real(9, 0, 0)));
    r.tick(real(9, 0, 1));
    r.tick(real(10, 5, 0));
    let json = serde_json::to_value(&r.log).unwrap();
    assert_eq!(json[0]["action"], "released");
    assert_eq!(json[0]["how"], "scheduled");
    assert_eq!(json[1]["action"], "held");
    assert_eq!(json[1]["reason"], "late");
    assert_eq!(json[1]["seconds"], 300);
    let back: ReleaseLog = serde_json::from_value(json).unwrap();
    assert_eq!(back, r.log);
    let c: ControlCommand = serde_json::from_str(r#"{"command":"release_overdue"}"#).unwrap();
    assert_eq!(c.name(), "release_overdue");
}

/// One thing that happens in a random run, after a real-time gap in seconds.
#[derive(Debug, Clone)]
enum Event {
    Tick,
    Pause,
    Resume,
    Speed(u32),
    Jump(i64),
    Release(u32),
    ReleaseOverdue,
    Hold(u32),
    Skip(u32),
}

fn events() -> impl Strategy<Value = Vec<(i64, Event)>> {
    let event = prop_oneof![
        8 => Just(Event::Tick),
        1 => Just(Event::Pause),
        1 => Just(Event::Resume),
        1 => (100u32..=20_000).prop_map(Event::Speed),
        1 => (1i64..600).prop_map(Event::Jump),
        1 => (1u32..=12).prop_map(Event::Release),
        1 => Just(Event::ReleaseOverdue),
        1 => (1u32..=12).prop_map(Event::Hold),
        1 => (1u32..=12).prop_map(Event::Skip),
    ];
    let gap = prop_oneof![2 => 0i64..30, 1 => 0i64..7200];
    prop::collection::vec((gap, event), 0..80)
}

proptest! {
    #[test]
    fn releases_keep_the_policy(offsets in prop::collection::vec(0u32..600, 12), evs in events()) {
        let mut r = Run::new(started(real(9, 0, 0)));
        r.msel = MselSpec {
            injects: offsets.iter().enumerate().map(|(i, m)| {
                let mut inj = inject(i as u32 + 1, "D+0 00:00");
                inj.offset = crate::training::offset::Offset::new(0, m / 60, m % 60).unwrap();
                inj
            }).collect(),
        };
        let mut t = real(9, 0, 0);
        for (gap, ev) in evs {
            t += Duration::seconds(gap);
            match ev {
                Event::Tick => {
                    let first = r.tick(t);
                    // Idempotent: the same tick again adds nothing.
                    prop_assert!(r.tick(t).is_empty(), "after {:?}", first);
                    for (n, action) in first.into_iter().filter(|(_, a)| *a == SCHEDULED) {
                        let due = scenario_start() + r.msel.inject(n).unwrap().offset.duration();
                        // Never before its offset...
                        prop_assert!(r.clock.scenario_time(t).unwrap() >= due, "{:?}", action);
                        // ...never passed over by a jump, never later than the grace window
                        // (so never a stale one after a pause), and only while running.
                        let reach = r.clock.reached(due, t).unwrap();
                        prop_assert!(!reach.by_jump);
                        prop_assert!(t - reach.real_at <= Duration::seconds(60));
                        prop_assert!(r.clock.is_running_at(t));
                    }
                }
                Event::Pause => { if let Ok(n) = r.clock.apply(t, &ClockCommand::Pause) { r.clock = n } }
                Event::Resume => { if let Ok(n) = r.clock.apply(t, &ClockCommand::Resume) { r.clock = n } }
                Event::Speed(s) => {
                    let factor = Speed::from_thousandths(s).unwrap();
                    if let Ok(n) = r.clock.apply(t, &ClockCommand::SetSpeed { factor }) { r.clock = n }
                }
                Event::Jump(m) => {
                    let to = r.clock.scenario_time(t).unwrap() + Duration::minutes(m);
                    if let Ok(n) = r.clock.apply(t, &ClockCommand::Jump { to }) { r.clock = n }
                }
                Event::Release(i) => { let _ = r.control(ControlCommand::Release { inject: i, note: String::new() }, t); }
                Event::ReleaseOverdue => { let _ = r.control(ControlCommand::ReleaseOverdue { note: String::new() }, t); }
                Event::Hold(i) => { let _ = r.control(ControlCommand::Hold { inject: i, note: String::new() }, t); }
                Event::Skip(i) => { let _ = r.control(ControlCommand::Skip { inject: i, note: "x".into() }, t); }
            }
        }
        let mut released = std::collections::BTreeSet::new();
        for e in r.log.releases() {
            prop_assert!(released.insert(e.inject), "inject {} released twice", e.inject);
        }
        // Nothing follows a release or a skip.
        for (i, e) in r.log.0.iter().enumerate() {
            if matches!(e.action, LogAction::Released { .. } | LogAction::Skipped) {
                prop_assert!(r.log.0[i + 1..].iter().all(|later| later.inject != e.inject));
            }
        }
    }
}
