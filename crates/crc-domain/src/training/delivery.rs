//! Delivery of released injects to the recipients' inboxes in the console, and the training
//! audience's responses. What is delivered is shown in the scenario's invented names.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::clock::ExerciseClock;
use super::design::ExerciseDesign;
use super::key::Key;
use super::msel::{Channel, MselSpec};
use super::release::{InjectStatus, LogAction, LogEntry, ReleaseLog};
use crate::crisis::workflow::check_text;
use crate::error::DomainError;

/// An inject as one recipient received it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    /// The inject's number.
    pub inject: u32,
    /// The participant it was delivered to.
    pub recipient: Key,
    /// The sender as shown (the simulated actor's name).
    pub sender: String,
    /// How it arrived.
    pub channel: Channel,
    /// Subject, in invented names.
    pub subject: String,
    /// Message, in invented names.
    pub message: String,
    /// Real time of delivery.
    pub delivered_at: DateTime<Utc>,
    /// Scenario time of delivery.
    pub scenario_at: DateTime<Utc>,
    /// When the recipient first opened it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<DateTime<Utc>>,
    /// When the recipient acknowledged it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_at: Option<DateTime<Utc>>,
}

/// The inbox items a release makes: one per recipient still in the design. A log entry
/// that is not a release delivers nothing.
pub fn deliver(design: &ExerciseDesign, msel: &MselSpec, entry: &LogEntry) -> Vec<InboxItem> {
    let (LogAction::Released { .. }, Some(inject)) = (entry.action, msel.inject(entry.inject))
    else {
        return Vec::new();
    };
    let names = design.scenario.names.renamer();
    let sender = design
        .actor("sender", &inject.sender)
        .map(|a| a.name.clone())
        .unwrap_or_else(|_| inject.sender.to_string());
    inject
        .recipients
        .iter()
        .filter(|r| design.participant("recipient", r).is_ok())
        .map(|r| InboxItem {
            inject: inject.number,
            recipient: r.clone(),
            sender: names.apply(&sender),
            channel: inject.channel,
            subject: names.apply(&inject.subject),
            message: names.apply(&inject.message),
            delivered_at: entry.real_at,
            scenario_at: entry.scenario_at,
            read_at: None,
            acknowledged_at: None,
        })
        .collect()
}

impl InboxItem {
    /// Marks it read at `at` (the first time counts).
    pub fn read(&self, at: DateTime<Utc>) -> Result<InboxItem, DomainError> {
        self.not_before_delivery(at)?;
        let mut next = self.clone();
        next.read_at = Some(self.read_at.unwrap_or(at));
        Ok(next)
    }

    /// Acknowledges it at `at`, which also reads it (the first time counts).
    pub fn acknowledge(&self, at: DateTime<Utc>) -> Result<InboxItem, DomainError> {
        let mut next = self.read(at)?;
        next.acknowledged_at = Some(self.acknowledged_at.unwrap_or(at));
        Ok(next)
    }

    fn not_before_delivery(&self, at: DateTime<Utc>) -> Result<(), DomainError> {
        if at < self.delivered_at {
            return Err(DomainError::invalid(
                "at",
                format!("{at} is before the delivery at {}", self.delivered_at),
            ));
        }
        Ok(())
    }
}

/// A response of the training audience: to an inject, or on its own initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// The participant who responds.
    pub from: Key,
    /// The inject answered, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inject: Option<u32>,
    /// What they say or did.
    pub text: String,
    /// Real time.
    pub real_at: DateTime<Utc>,
    /// Scenario time.
    pub scenario_at: DateTime<Utc>,
}

/// What a participant writes as a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    /// The participant who responds.
    pub from: Key,
    /// The inject answered, if any.
    #[serde(default)]
    pub inject: Option<u32>,
    /// What they say or did.
    pub text: String,
}

/// A response logged at real time `now`: the participant must be in the audience, and an
/// inject answered must have been released to them.
pub fn respond(
    design: &ExerciseDesign,
    msel: &MselSpec,
    log: &ReleaseLog,
    clock: &ExerciseClock,
    spec: &ResponseSpec,
    now: DateTime<Utc>,
) -> Result<Response, DomainError> {
    design.participant("from", &spec.from)?;
    check_text("text", &spec.text, true)?;
    let scenario_at = clock
        .scenario_time(now)
        .ok_or_else(|| DomainError::invalid("at", "the exercise has not started"))?;
    if let Some(n) = spec.inject {
        let inject = msel
            .inject(n)
            .ok_or_else(|| DomainError::invalid("inject", format!("no inject {n} in the MSEL")))?;
        if !matches!(log.status(n), InjectStatus::Released { .. }) {
            return Err(DomainError::invalid(
                "inject",
                format!("inject {n} has not been released"),
            ));
        }
        if !inject.recipients.contains(&spec.from) {
            return Err(DomainError::invalid(
                "inject",
                format!("inject {n} was not sent to `{}`", spec.from),
            ));
        }
    }
    Ok(Response {
        from: spec.from.clone(),
        inject: spec.inject,
        text: spec.text.clone(),
        real_at: now,
        scenario_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::clock::tests::{real, started};
    use crate::training::design::tests::design;
    use crate::training::msel::tests::{k, msel};
    use crate::training::release::ReleaseHow;

    fn released(inject: u32) -> LogEntry {
        LogEntry {
            inject,
            action: LogAction::Released {
                how: ReleaseHow::Scheduled,
            },
            real_at: real(9, 0, 1),
            scenario_at: real(9, 0, 1),
            by: None,
            msel_version: 1,
            note: String::new(),
        }
    }

    #[test]
    fn a_release_reaches_each_recipient_in_invented_names() {
        let items = deliver(&design(), &msel(), &released(1));
        let to: Vec<&str> = items.iter().map(|i| i.recipient.as_str()).collect();
        assert_eq!(to, ["js-ops", "kaz-lo"]);
        assert_eq!(items[0].sender, "Government of Northland");
        assert_eq!(
            items[0].message,
            "Armed groups crossed the border of Northland at 05:40."
        );
        let held = LogEntry {
            action: LogAction::Skipped,
            ..released(1)
        };
        assert!(deliver(&design(), &msel(), &held).is_empty());
    }

    #[test]
    fn reading_and_acknowledging_keep_the_first_time() {
        let item = deliver(&design(), &msel(), &released(1)).remove(0);
        assert!(item.read(real(9, 0, 0)).is_err());
        let ack = item.acknowledge(real(9, 5, 0)).unwrap();
        assert_eq!(
            (ack.read_at, ack.acknowledged_at),
            (Some(real(9, 5, 0)), Some(real(9, 5, 0)))
        );
        let again = ack
            .read(real(9, 9, 0))
            .unwrap()
            .acknowledge(real(9, 9, 0))
            .unwrap();
        assert_eq!(again, ack);
    }

    #[test]
    fn responses_are_logged_with_both_times_and_checked() {
        let (d, m, clock) = (design(), msel(), started(real(9, 0, 0)));
        let log = ReleaseLog(vec![released(1)]);
        let spec = |from: &str, inject| ResponseSpec {
            from: k(from),
            inject,
            text: "Reported to the Secretary General.".into(),
        };
        let r = respond(
            &d,
            &m,
            &log,
            &clock,
            &spec("kaz-lo", Some(1)),
            real(9, 20, 0),
        )
        .unwrap();
        assert_eq!(
            r.scenario_at,
            crate::training::clock::tests::scenario_start() + chrono::Duration::minutes(20)
        );
        let cases = [
            (
                spec("ghost", None),
                "from: no participant `ghost` in the design",
            ),
            (
                spec("rus-lo", Some(1)),
                "inject: inject 1 was not sent to `rus-lo`",
            ),
            (
                spec("kaz-lo", Some(2)),
                "inject: inject 2 has not been released",
            ),
            (spec("kaz-lo", Some(9)), "inject: no inject 9 in the MSEL"),
        ];
        for (s, want) in cases {
            let e = respond(&d, &m, &log, &clock, &s, real(9, 20, 0)).unwrap_err();
            assert_eq!(e.to_string(), want);
        }
        let e = respond(
            &d,
            &m,
            &log,
            &ExerciseClock::new(),
            &spec("kaz-lo", None),
            real(9, 0, 0),
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "at: the exercise has not started"
        );
    }
}
