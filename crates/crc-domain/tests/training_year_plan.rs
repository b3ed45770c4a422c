//! The Plan for Joint Training's workflow: drafting, coordination with each state, submission,
//! approval by both bodies, amendments as new versions; every illegal step refused with the
//! state, the command and why.

use chrono::{NaiveDate, TimeZone, Utc};
use crc_domain::crisis::workflow::Context;
use crc_domain::reference::{Names, ReferenceData};
use crc_domain::training::catalogue::Catalogue;
use crc_domain::training::period::Period;
use crc_domain::training::year_plan::{
    apply, create, Answer, ApprovingBody, PlanStatus, VersionStatus, YearPlanCommand as C,
    YearPlanSpec, YearPlanState,
};
use crc_domain::{DomainError, StateCode};

const STATES: [&str; 6] = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"];

fn st(s: &str) -> StateCode {
    StateCode::parse(s).expect("state code")
}

fn ctx(day: u32) -> Context {
    Context {
        now: Utc
            .with_ymd_and_hms(2024, 11, day, 10, 0, 0)
            .single()
            .expect("time"),
        actor: "joint.staff".into(),
        ..Context::default()
    }
}

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 11, d).expect("date")
}

struct Plan {
    org: ReferenceData,
    spec: YearPlanSpec,
    state: YearPlanState,
}

impl Plan {
    fn new() -> Plan {
        let org = ReferenceData::bundled().expect("org");
        let cat = Catalogue::bundled().expect("catalogue");
        let spec = YearPlanSpec::from_catalogue(
            &cat,
            2025,
            Names {
                en: "Plan for Joint Training for 2025".into(),
                ru: "План совместной подготовки на 2025 год".into(),
            },
        );
        let state = create(&spec, &org, &ctx(1)).expect("a new plan");
        Plan { org, spec, state }
    }

    fn try_do(&self, c: C, cx: &Context) -> Result<(YearPlanSpec, YearPlanState), DomainError> {
        apply(&self.spec, &self.state, &c, &self.org, cx)
    }

    fn go(&mut self, c: C) {
        self.go_at(c, &ctx(2));
    }

    fn go_at(&mut self, c: C, cx: &Context) {
        let (spec, state) = self
            .try_do(c.clone(), cx)
            .unwrap_or_else(|e| panic!("{c:?}: {e}"));
        assert!(state.is_consistent(), "{state:?}");
        self.spec = spec;
        self.state = state;
    }

    fn refused(&self, c: C) -> String {
        match self.try_do(c.clone(), &ctx(2)) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{c:?} should be refused"),
        }
    }

    fn coordinate_and_agree(&mut self) {
        self.go(C::SendForCoordination {
            states: STATES.iter().map(|s| st(s)).collect(),
        });
        for s in STATES {
            self.go(C::Answer {
                state: st(s),
                answer: Answer::Agrees,
                text: String::new(),
            });
        }
    }
}

#[test]
fn a_plan_goes_from_draft_to_approval_by_both_bodies() {
    let mut p = Plan::new();
    assert_eq!(p.state.status, PlanStatus::Drafting);
    p.coordinate_and_agree();
    p.go(C::Submit);
    assert_eq!(p.state.status, PlanStatus::Submitted);
    p.go(C::Approve {
        body: ApprovingBody::CouncilOfDefenceMinisters,
        number: 12,
        date: date(2),
    });
    // One body is not enough.
    assert_eq!(p.state.status, PlanStatus::Submitted);
    assert_eq!(p.state.in_force, None);
    p.go(C::Approve {
        body: ApprovingBody::CommitteeOfSecretaries,
        number: 7,
        date: date(2),
    });
    assert_eq!(p.state.status, PlanStatus::Approved);
    assert_eq!(p.state.in_force, Some(1));
    let v = p.state.version_in_force().expect("in force");
    assert_eq!(v.approvals.len(), 2);
}

#[test]
fn a_joint_decision_approves_for_both_bodies_at_once() {
    let mut p = Plan::new();
    p.coordinate_and_agree();
    p.go(C::Submit);
    p.go(C::ApproveJointly {
        number: 3,
        date: date(2),
    });
    assert_eq!(p.state.status, PlanStatus::Approved);
    let v = p.state.version_in_force().expect("in force");
    assert!(v.approvals.iter().all(|a| a.joint && a.number == 3));
    let bodies: Vec<_> = v.approvals.iter().map(|a| a.body).collect();
    assert_eq!(bodies, ApprovingBody::BOTH);
}

#[test]
fn a_state_with_comments_holds_the_submission_until_it_agrees_with_a_revision() {
    let mut p = Plan::new();
    p.go(C::SendForCoordination {
        states: STATES.iter().map(|s| st(s)).collect(),
    });
    for s in STATES {
        let (answer, text) = if s == "KGZ" {
            (
                Answer::Comments,
                "Rubezh-2025: the second half of October suits better",
            )
        } else {
            (Answer::Agrees, "")
        };
        p.go(C::Answer {
            state: st(s),
            answer,
            text: text.into(),
        });
    }
    assert_eq!(
        p.refused(C::Submit),
        "cannot submit a year plan that is coordinating: not every state agrees with revision \
         1: KGZ (comments)"
    );
    // The Joint Staff revises: everyone must agree with revision 2.
    let mut revised = p.spec.clone();
    let rubezh = revised
        .exercises
        .iter_mut()
        .find(|x| x.key == "rubezh_2025")
        .expect("Rubezh-2025");
    rubezh.dates = Period::Days {
        start: NaiveDate::from_ymd_opt(2025, 10, 6).expect("date"),
        end: NaiveDate::from_ymd_opt(2025, 10, 10).expect("date"),
    };
    p.go(C::Revise { spec: revised });
    let refusal = p.refused(C::Submit);
    assert!(refusal.contains("revision 2: ARM (no answer)"), "{refusal}");
    p.coordinate_answers_again();
    p.go(C::Submit);
    let v = p.state.current().expect("version");
    assert_eq!(v.revision, 2);
    assert_eq!(v.answers.len(), 12, "both rounds kept");
}

impl Plan {
    fn coordinate_answers_again(&mut self) {
        for s in STATES {
            self.go(C::Answer {
                state: st(s),
                answer: Answer::Agrees,
                text: String::new(),
            });
        }
    }
}

#[test]
fn a_liaison_officer_answers_for_their_own_state_only() {
    let mut p = Plan::new();
    p.go(C::SendForCoordination {
        states: STATES.iter().map(|s| st(s)).collect(),
    });
    let officer = Context {
        actor_state: Some(st("KAZ")),
        actor: "kaz.liaison".into(),
        ..ctx(2)
    };
    let e = p
        .try_do(
            C::Answer {
                state: st("BLR"),
                answer: Answer::Agrees,
                text: String::new(),
            },
            &officer,
        )
        .expect_err("not their state");
    assert!(e.to_string().contains("answers for KAZ only"), "{e}");
    p.go_at(
        C::Answer {
            state: st("KAZ"),
            answer: Answer::Agrees,
            text: String::new(),
        },
        &officer,
    );
}

#[test]
fn an_amendment_is_a_new_version_approved_again_and_the_old_one_is_kept() {
    let mut p = Plan::new();
    p.coordinate_and_agree();
    p.go(C::Submit);
    p.go(C::ApproveJointly {
        number: 3,
        date: date(2),
    });
    let mut amended = p.spec.clone();
    amended.exercises.retain(|x| x.key != "barrier_2025");
    for x in &mut amended.exercises {
        x.links.retain(|l| l.target != "barrier_2025");
    }
    p.go(C::Amend {
        reason: "Barrier-2025 moves to 2026".into(),
        spec: amended,
    });
    assert_eq!(p.state.status, PlanStatus::Drafting);
    assert_eq!(
        p.state.in_force,
        Some(1),
        "version 1 stays in force meanwhile"
    );
    assert_eq!(p.state.versions.len(), 2);
    p.coordinate_and_agree();
    p.go(C::Submit);
    p.go(C::Approve {
        body: ApprovingBody::CommitteeOfSecretaries,
        number: 9,
        date: date(2),
    });
    let e = p.refused(C::Approve {
        body: ApprovingBody::CommitteeOfSecretaries,
        number: 10,
        date: date(2),
    });
    assert!(e.contains("already approved version 2"), "{e}");
    p.go(C::Approve {
        body: ApprovingBody::CouncilOfDefenceMinisters,
        number: 15,
        date: date(2),
    });
    assert_eq!(p.state.in_force, Some(2));
    let statuses: Vec<_> = p.state.versions.iter().map(|v| v.status).collect();
    assert_eq!(
        statuses,
        [VersionStatus::Superseded, VersionStatus::InForce]
    );
    assert_eq!(p.state.versions[0].spec.exercises.len(), 7);
    assert_eq!(p.spec.exercises.len(), 6);
    assert_eq!(
        p.state.versions[1].reason.as_deref(),
        Some("Barrier-2025 moves to 2026")
    );
}

#[test]
fn dropping_an_amendment_restores_the_version_in_force() {
    let mut p = Plan::new();
    p.coordinate_and_agree();
    p.go(C::Submit);
    p.go(C::ApproveJointly {
        number: 3,
        date: date(2),
    });
    let before = p.spec.clone();
    let mut amended = p.spec.clone();
    amended.title.en = "Plan for Joint Training for 2025 (amended)".into();
    p.go(C::Amend {
        reason: "a new title".into(),
        spec: amended,
    });
    p.go(C::DropAmendment {
        reason: "not needed".into(),
    });
    assert_eq!(p.state.status, PlanStatus::Approved);
    assert_eq!(p.spec, before);
    assert_eq!(p.state.versions[1].status, VersionStatus::Dropped);
}

#[test]
fn illegal_steps_are_refused_with_state_command_and_reason() {
    let mut p = Plan::new();
    let approve = C::Approve {
        body: ApprovingBody::CouncilOfDefenceMinisters,
        number: 1,
        date: date(2),
    };
    assert_eq!(
        p.refused(approve.clone()),
        "cannot approve a year plan that is drafting: only a submitted plan is approved"
    );
    assert_eq!(
        p.refused(C::Submit),
        "cannot submit a year plan that is drafting: only a draft in coordination is submitted"
    );
    assert!(p
        .refused(C::Amend {
            reason: "x".into(),
            spec: p.spec.clone()
        })
        .starts_with("cannot amend a year plan that is drafting"));
    assert!(p
        .refused(C::DropAmendment { reason: "x".into() })
        .contains("never been approved"));
    p.coordinate_and_agree();
    p.go(C::Submit);
    // Decisions are recorded once taken, and numbered.
    let future = p.refused(C::Approve {
        body: ApprovingBody::CouncilOfDefenceMinisters,
        number: 1,
        date: date(20),
    });
    assert!(future.starts_with("date: "), "{future}");
    let unnumbered = p.refused(C::Approve {
        body: ApprovingBody::CouncilOfDefenceMinisters,
        number: 0,
        date: date(2),
    });
    assert!(unnumbered.starts_with("number: "), "{unnumbered}");
    p.go(C::ApproveJointly {
        number: 3,
        date: date(2),
    });
    assert!(p
        .refused(C::Withdraw { reason: "x".into() })
        .contains("stays on record"));
    assert!(p
        .refused(C::Revise {
            spec: p.spec.clone()
        })
        .starts_with("cannot revise a year plan that is approved"));
}

#[test]
fn a_revision_for_another_year_or_with_a_dangling_link_is_refused_with_its_path() {
    let mut p = Plan::new();
    let mut other = p.spec.clone();
    other.year = 2026;
    let e = p.refused(C::Revise { spec: other });
    assert!(e.starts_with("spec.year: "), "{e}");
    let mut dangling = p.spec.clone();
    dangling.exercises.retain(|x| x.key != "search_2025");
    let e = p.refused(C::Revise { spec: dangling });
    assert!(e.starts_with("spec.exercises[0].links[1].target: "), "{e}");
    p.go(C::SendForCoordination {
        states: vec![st("KAZ")],
    });
    let e = p.refused(C::Answer {
        state: st("KAZ"),
        answer: Answer::Comments,
        text: String::new(),
    });
    assert!(e.starts_with("text: "), "{e}");
}

#[test]
fn commands_parse_from_json_with_field_paths() {
    let ok = C::parse(serde_json::json!({
        "command": "approve", "body": "committee_of_secretaries", "number": 4, "date": "2024-11-02"
    }))
    .expect("a good command");
    assert!(matches!(ok, C::Approve { .. }));
    let e = C::parse(serde_json::json!({
        "command": "approve", "body": "collective_security_council", "number": 4, "date": "2024-11-02"
    }))
    .expect_err("not an approving body");
    assert!(e.to_string().starts_with("command"), "{e}");
    let spec = serde_json::to_value(&Plan::new().spec).expect("json");
    let back = YearPlanSpec::parse(spec).expect("a plan round-trips through JSON");
    assert_eq!(back.exercises.len(), 7);
}
