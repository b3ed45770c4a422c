//! The after-action report assembled from a whole small run.

use super::*;
use crate::training::actions::tests::action;
use crate::training::clock::tests::{real, started};
use crate::training::clock::ClockCommand;
use crate::training::delivery::{respond, ResponseSpec};
use crate::training::design::tests::design;
use crate::training::design::Observer;
use crate::training::evaluation::{observe, tests::spec};
use crate::training::msel::tests::{k, msel};
use crate::training::msel::{MselState, MselStatus};
use crate::training::release::{Conduct, ControlCommand, ReleasePolicy};

#[test]
fn the_report_tells_the_run_in_invented_names() {
    let mut d = design();
    d.observers.push(Observer {
        id: k("obs2"),
        name: "Major Karimov".into(),
        objectives: vec![],
        users: vec![],
    });
    let m = msel();
    let state = MselState {
        status: MselStatus::Approved,
        version: 1,
        approval: None,
        notes: vec![],
    };
    let mut clock = started(real(9, 0, 0));
    let mut log = ReleaseLog::default();
    let policy = ReleasePolicy::default();
    let tick = |clock: &ExerciseClock, log: &mut ReleaseLog, at| {
        let c = Conduct {
            msel: &m,
            msel_state: &state,
            clock,
            log: &*log,
            policy,
        };
        let new = c.tick(at);
        log.0.extend(new);
    };
    tick(&clock, &mut log, real(9, 0, 1));
    // Control skips 3 and the server misses inject 2's moment; 2 is held, then released.
    let c = Conduct {
        msel: &m,
        msel_state: &state,
        clock: &clock,
        log: &log,
        policy,
    };
    let skip = ControlCommand::Skip {
        inject: 3,
        note: "Kazakhstan asked to drop it".into(),
    };
    let skipped = c.control(&skip, "controller", real(9, 30, 0)).unwrap();
    log.0.extend(skipped);
    tick(&clock, &mut log, real(10, 2, 0));
    let c = Conduct {
        msel: &m,
        msel_state: &state,
        clock: &clock,
        log: &log,
        policy,
    };
    let all = ControlCommand::ReleaseOverdue {
        note: String::new(),
    };
    let released = c.control(&all, "controller", real(10, 3, 0)).unwrap();
    log.0.extend(released);
    clock = clock.apply(real(11, 0, 0), &ClockCommand::End).unwrap();

    let answer = ResponseSpec {
        from: k("kaz-lo"),
        inject: Some(1),
        text: "Kazakhstan's battalion is on alert.".into(),
    };
    let responses = vec![respond(&d, &m, &log, &clock, &answer, real(9, 10, 0)).unwrap()];
    let mut o2 = spec("O2", Rating::Untrained);
    o2.observer = k("obs2");
    o2.inject = None;
    let observations = vec![
        observe(
            &d,
            &m,
            &clock,
            &spec("O1", Rating::PartiallyTrained),
            real(9, 40, 0),
        )
        .unwrap(),
        observe(&d, &m, &clock, &spec("O1", Rating::Trained), real(9, 20, 0)).unwrap(),
        observe(&d, &m, &clock, &o2, real(10, 30, 0)).unwrap(),
    ];
    let mut done = ActionState::initial();
    done.status = ActionStatus::Verified;
    let mut late = action("2025-10-01");
    late.title = "Liaison with Kazakhstan".into();
    let actions = vec![
        (action("2025-12-01"), ActionState::initial()),
        (late, ActionState::initial()),
        (action("2025-09-30"), done),
    ];
    let report = after_action_report(&ReportInput {
        design: &d,
        msel: &m,
        clock: &clock,
        log: &log,
        responses: &responses,
        observations: &observations,
        actions: &actions,
        today: "2025-11-01".parse().unwrap(),
    });

    assert_eq!(
        (report.exercise.as_str(), report.marking.as_str()),
        ("Interaction-2025", "Interaction-2025")
    );
    assert_eq!(
        report.real_period,
        (Some(real(9, 0, 0)), Some(real(11, 0, 0)))
    );
    let kinds: Vec<(TimelineKind, Option<u32>)> =
        report.timeline.iter().map(|t| (t.kind, t.inject)).collect();
    assert_eq!(
        kinds,
        [
            (TimelineKind::Release, Some(1)),
            (TimelineKind::Response, Some(1)),
            (TimelineKind::Observation, Some(1)),
            (TimelineKind::Skip, Some(3)),
            (TimelineKind::Observation, Some(1)),
            (TimelineKind::Hold, Some(2)),
            (TimelineKind::Release, Some(2)),
            (TimelineKind::Observation, None),
        ]
    );
    assert_eq!(report.timeline[0].who, "Government of Northland");
    assert_eq!(
        report.timeline[0].text,
        "Inject 1 \u{201c}Inject 1\u{201d} released on schedule"
    );
    assert_eq!(
        report.timeline[1].text,
        "Northland's battalion is on alert."
    );
    assert_eq!(
        report.timeline[3].text,
        "Inject 3 \u{201c}Inject 3\u{201d} skipped: Northland asked to drop it"
    );
    assert_eq!(
        report.timeline[5].text,
        "Inject 2 \u{201c}Inject 2\u{201d} held: 120 s overdue"
    );
    assert!(report
        .timeline
        .iter()
        .all(|t| !t.text.contains("Kazakhstan")));
    assert_eq!(
        report.injects,
        InjectCounts {
            total: 4,
            on_schedule: 1,
            by_hand: 0,
            overdue: 1,
            skipped: 1,
            not_released: 1,
            answered: 1
        }
    );
    let o1 = &report.objectives[0];
    assert_eq!((o1.ratings, o1.assessment), ([1, 1, 0], Assessment::Met));
    assert_eq!(o1.injects, [1, 2, 3, 4]);
    assert_eq!(o1.observations, [0, 1]);
    assert_eq!(report.observations[0].rating, Rating::Trained);
    assert_eq!(
        report.observations[0].text,
        "The draft decision for Northland was ready in 5 hours."
    );
    let o2 = &report.objectives[1];
    assert_eq!((o2.ratings, o2.assessment), ([0, 0, 1], Assessment::NotMet));
    assert_eq!(report.observations[2].observer, "Major Karimov");
    let open: Vec<(&str, bool)> = report
        .open_actions
        .iter()
        .map(|a| (a.title.as_str(), a.overdue))
        .collect();
    assert_eq!(
        open,
        [
            ("Liaison with Northland", true),
            ("Train duty officers on the alert procedure", false)
        ]
    );
    // The report is content for the server to render: it serializes.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["objectives"][1]["assessment"], "not_met");
}
