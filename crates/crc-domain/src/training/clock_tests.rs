//! Tests of the exercise clock with controlled time: commands, refusals, the inverse
//! (`reached`), and properties over random command sequences.

use chrono::TimeZone;
use proptest::prelude::*;

use super::*;

/// Real time on the first day of the exercise.
pub(crate) fn real(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 9, 15, h, m, s).unwrap()
}

/// The scenario's StartEx.
pub(crate) fn scenario_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 9, 20, 6, 0, 0).unwrap()
}

fn minutes(m: i64) -> Duration {
    Duration::minutes(m)
}

pub(crate) fn started(at: DateTime<Utc>) -> ExerciseClock {
    ExerciseClock::new()
        .apply(
            at,
            &ClockCommand::Start {
                scenario_start: scenario_start(),
            },
        )
        .unwrap()
}

fn speed(f: f64) -> ClockCommand {
    ClockCommand::SetSpeed {
        factor: Speed::new(f).unwrap(),
    }
}

#[test]
fn scenario_time_runs_pauses_and_speeds_up() {
    let c = started(real(9, 0, 0));
    assert_eq!(c.scenario_time(real(8, 59, 59)), None);
    assert_eq!(c.scenario_time(real(9, 0, 0)), Some(scenario_start()));
    assert_eq!(c.elapsed(real(9, 10, 0)), Some(minutes(10)));
    let c = c.apply(real(9, 10, 0), &ClockCommand::Pause).unwrap();
    assert_eq!(c.elapsed(real(11, 0, 0)), Some(minutes(10)));
    // The history stays: before the pause it ran.
    assert_eq!(c.elapsed(real(9, 5, 0)), Some(minutes(5)));
    let c = c.apply(real(9, 30, 0), &ClockCommand::Resume).unwrap();
    assert_eq!(c.elapsed(real(9, 40, 0)), Some(minutes(20)));
    let c = c.apply(real(9, 40, 0), &speed(6.0)).unwrap();
    assert_eq!(c.elapsed(real(9, 50, 0)), Some(minutes(80)));
    let c = c.apply(real(9, 50, 0), &speed(0.5)).unwrap();
    assert_eq!(c.elapsed(real(10, 10, 0)), Some(minutes(90)));
    let to = scenario_start() + minutes(24 * 60);
    let c = c
        .apply(real(10, 10, 0), &ClockCommand::Jump { to })
        .unwrap();
    assert_eq!(c.scenario_time(real(10, 10, 0)), Some(to));
    assert_eq!(c.elapsed(real(10, 12, 0)), Some(minutes(24 * 60 + 1)));
    let c = c.apply(real(10, 12, 0), &ClockCommand::End).unwrap();
    assert_eq!(c.status(), ClockStatus::Ended);
    assert_eq!(c.elapsed(real(23, 0, 0)), Some(minutes(24 * 60 + 1)));
    assert_eq!(c.real_end(), Some(real(10, 12, 0)));
    assert_eq!(c.real_start(), Some(real(9, 0, 0)));
}

#[test]
fn speed_set_before_the_start_applies_from_the_start() {
    let c = ExerciseClock::new()
        .apply(real(8, 0, 0), &speed(2.0))
        .unwrap();
    assert_eq!(c.scenario_time(real(9, 0, 0)), None);
    let c = c
        .apply(
            real(9, 0, 0),
            &ClockCommand::Start {
                scenario_start: scenario_start(),
            },
        )
        .unwrap();
    assert_eq!(c.elapsed(real(9, 30, 0)), Some(minutes(60)));
}

#[test]
fn commands_that_make_no_sense_are_refused() {
    let fresh = ExerciseClock::new();
    let running = started(real(9, 0, 0));
    let paused = running.apply(real(9, 5, 0), &ClockCommand::Pause).unwrap();
    let ended = running.apply(real(9, 5, 0), &ClockCommand::End).unwrap();
    let back = ClockCommand::Jump {
        to: scenario_start() + minutes(1),
    };
    let start = ClockCommand::Start {
        scenario_start: scenario_start(),
    };
    let cases = [
        (&fresh, ClockCommand::Pause, "cannot pause an exercise clock that is not started: it has not started"),
        (&fresh, ClockCommand::End, "cannot end an exercise clock that is not started: it has not started"),
        (&running, start.clone(), "cannot start an exercise clock that is running: it has already started"),
        (&running, ClockCommand::Resume, "cannot resume an exercise clock that is running: it is running"),
        (&paused, ClockCommand::Pause, "cannot pause an exercise clock that is paused: it is already paused"),
        (&ended, ClockCommand::Resume, "cannot resume an exercise clock that is ended: the exercise has ended"),
        (&ended, speed(2.0), "cannot set speed an exercise clock that is ended: the exercise has ended"),
        (
            &running,
            back,
            "cannot jump an exercise clock that is running: scenario time only moves forward: 2025-09-20 06:01:00 UTC is not after 2025-09-20 06:10:00 UTC",
        ),
    ];
    for (clock, command, want) in cases {
        let e = clock.apply(real(9, 10, 0), &command).unwrap_err();
        assert_eq!(e.to_string(), want);
    }
    let e = paused
        .apply(real(9, 4, 0), &ClockCommand::Resume)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot resume an exercise clock that is paused: real time 2025-09-15 09:04:00 UTC is before its last command at 2025-09-15 09:05:00 UTC"
    );
    // Speeds out of range are refused when parsed.
    for bad in [0.0, 0.09, 100.1, -1.0, f64::NAN, f64::INFINITY] {
        assert!(Speed::new(bad).is_err(), "{bad}");
    }
    assert!(
        serde_json::from_str::<ClockCommand>(r#"{"command":"set_speed","factor":1000}"#).is_err()
    );
}

#[test]
fn reached_tells_when_and_whether_by_a_jump() {
    let c = started(real(9, 0, 0))
        .apply(real(9, 10, 0), &ClockCommand::Pause)
        .unwrap()
        .apply(real(9, 30, 0), &ClockCommand::Resume)
        .unwrap()
        .apply(
            real(9, 40, 0),
            &ClockCommand::Jump {
                to: scenario_start() + minutes(120),
            },
        )
        .unwrap();
    let at = |m: i64| scenario_start() + minutes(m);
    let reach = |m: i64| c.reached(at(m), real(12, 0, 0));
    assert_eq!(
        reach(0),
        Some(Reach {
            real_at: real(9, 0, 0),
            by_jump: false
        })
    );
    assert_eq!(
        reach(5),
        Some(Reach {
            real_at: real(9, 5, 0),
            by_jump: false
        })
    );
    // Reached at the pause, found again only after it.
    assert_eq!(
        reach(10),
        Some(Reach {
            real_at: real(9, 10, 0),
            by_jump: false
        })
    );
    assert_eq!(
        reach(15),
        Some(Reach {
            real_at: real(9, 35, 0),
            by_jump: false
        })
    );
    // Passed over by the jump; the jump's target itself is reached.
    assert_eq!(
        reach(60),
        Some(Reach {
            real_at: real(9, 40, 0),
            by_jump: true
        })
    );
    assert_eq!(
        reach(120),
        Some(Reach {
            real_at: real(9, 40, 0),
            by_jump: false
        })
    );
    assert_eq!(
        reach(125),
        Some(Reach {
            real_at: real(9, 45, 0),
            by_jump: false
        })
    );
    // Not before `now`.
    assert_eq!(c.reached(at(125), real(9, 44, 59)), None);
}

#[test]
fn the_clock_is_stored_as_json() {
    let c = started(real(9, 0, 0))
        .apply(real(9, 1, 0), &speed(2.5))
        .unwrap();
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["status"], "running");
    assert_eq!(json["speed"], 2.5);
    let back: ExerciseClock = serde_json::from_value(json).unwrap();
    assert_eq!(back, c);
    let cmd: ClockCommand =
        serde_json::from_str(r#"{"command":"jump","to":"2025-09-21T06:00:00Z"}"#).unwrap();
    assert_eq!(cmd.name(), "jump");
}

/// A command of a random sequence: its real-time gap after the previous one (µs) and what.
#[derive(Debug, Clone)]
enum Step {
    Pause,
    Resume,
    Speed(u32),
    Jump(i64),
    End,
}

fn steps() -> impl Strategy<Value = Vec<(i64, Step)>> {
    let step = prop_oneof![
        3 => Just(Step::Pause),
        3 => Just(Step::Resume),
        2 => (MIN_SPEED..=MAX_SPEED).prop_map(Step::Speed),
        1 => (1i64..600_000_000).prop_map(Step::Jump),
        1 => Just(Step::End),
    ];
    // Gaps of zero happen often (two commands in the same microsecond).
    let gap = prop_oneof![1 => Just(0i64), 4 => 0i64..7_200_000_000];
    prop::collection::vec((gap, step), 0..25)
}

/// Runs a sequence from a start at 09:00, skipping refused commands; the clock and the real
/// time of the last command.
fn run(seq: &[(i64, Step)]) -> (ExerciseClock, DateTime<Utc>) {
    let mut clock = started(real(9, 0, 0));
    let mut t = real(9, 0, 0);
    for (gap, step) in seq {
        t += Duration::microseconds(*gap);
        let command = match step {
            Step::Pause => ClockCommand::Pause,
            Step::Resume => ClockCommand::Resume,
            Step::Speed(s) => ClockCommand::SetSpeed {
                factor: Speed::from_thousandths(*s).unwrap(),
            },
            Step::Jump(us) => ClockCommand::Jump {
                to: clock.scenario_time(t).unwrap() + Duration::microseconds(*us),
            },
            Step::End => ClockCommand::End,
        };
        if let Ok(next) = clock.apply(t, &command) {
            clock = next;
        }
    }
    (clock, t)
}

proptest! {
    #[test]
    fn scenario_time_never_goes_back(seq in steps(), mut probes in prop::collection::vec(-3_600_000_000i64..200_000_000_000, 2..40)) {
        let (clock, _) = run(&seq);
        probes.sort_unstable();
        let times: Vec<_> = probes.iter().map(|us| clock.scenario_time(real(9, 0, 0) + Duration::microseconds(*us))).collect();
        for w in times.windows(2) {
            prop_assert!(w[0] <= w[1], "{:?} then {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn paused_stands_still_and_running_goes_at_its_speed(seq in steps(), frac in 0.0f64..1.0) {
        let (clock, last) = run(&seq);
        let segs = clock.segments();
        for (i, seg) in segs.iter().enumerate() {
            let end = segs.get(i + 1).map(|n| n.real_from).unwrap_or(last + Duration::hours(3));
            let len = (end - seg.real_from).num_microseconds().unwrap();
            if len == 0 {
                continue;
            }
            let inside = seg.real_from + Duration::microseconds(((len - 1) as f64 * frac) as i64);
            let passed = clock.scenario_time(inside).unwrap() - seg.scenario_from;
            if seg.running {
                let real_us = (inside - seg.real_from).num_microseconds().unwrap();
                prop_assert_eq!(passed, Duration::nanoseconds(real_us * i64::from(seg.speed.thousandths())));
            } else {
                prop_assert_eq!(passed, Duration::zero());
            }
        }
    }

    #[test]
    fn pausing_and_resuming_at_once_changes_nothing(seq in steps(), extra in 0i64..3_600_000_000, probes in prop::collection::vec(0i64..100_000_000_000, 1..20)) {
        // A running clock: no EndEx, and resumed if the sequence left it paused.
        let seq: Vec<_> = seq.into_iter().filter(|(_, s)| !matches!(s, Step::End)).collect();
        let (mut clock, last) = run(&seq);
        if clock.status() == ClockStatus::Paused {
            clock = clock.apply(last, &ClockCommand::Resume).unwrap();
        }
        let t = last + Duration::microseconds(extra);
        let bounced = clock.apply(t, &ClockCommand::Pause).unwrap().apply(t, &ClockCommand::Resume).unwrap();
        for us in probes {
            let p = real(9, 0, 0) + Duration::microseconds(us);
            prop_assert_eq!(bounced.scenario_time(p), clock.scenario_time(p));
        }
    }

    #[test]
    fn reached_is_the_first_moment_scenario_time_gets_there(seq in steps(), target_us in 0i64..400_000_000_000) {
        let (clock, last) = run(&seq);
        let far = last + Duration::days(400);
        let target = scenario_start() + Duration::microseconds(target_us);
        match clock.reached(target, far) {
            None => prop_assert!(clock.scenario_time(far).unwrap() < target),
            Some(r) => {
                prop_assert!(clock.scenario_time(r.real_at).unwrap() >= target);
                if r.real_at > real(9, 0, 0) {
                    let before = clock.scenario_time(r.real_at - Duration::microseconds(1)).unwrap();
                    prop_assert!(before < target, "{} already at {}", before, r.real_at);
                }
                if r.by_jump {
                    prop_assert!(clock.scenario_time(r.real_at).unwrap() > target);
                }
            }
        }
    }
}
