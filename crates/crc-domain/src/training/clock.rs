//! The exercise clock: scenario time apart from real time. Control starts it at a scenario
//! time (StartEx, `D+0 00:00`), pauses and resumes it, runs it faster or slower, jumps it
//! forward, and ends it (EndEx).
//!
//! The clock is a value: every command takes the real time it is given and returns the next
//! clock, so tests control time and the server passes "now". The clock keeps its whole
//! history as segments, so [`ExerciseClock::scenario_time`] answers for any real time, past
//! ones included: piecewise linear, flat while paused, steeper when faster, with a step up at
//! each jump, and never decreasing.
//!
//! Real times are taken to the microsecond (as the storage keeps them) and the speed in
//! thousandths, so scenario time is computed exactly in nanoseconds: pausing and resuming at
//! the same instant changes nothing, not even by rounding.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::DomainError;

/// The slowest speed, in thousandths (0.1: ten real minutes for one scenario minute).
pub const MIN_SPEED: u32 = 100;
/// The fastest speed, in thousandths (100: a scenario day in under fifteen real minutes).
pub const MAX_SPEED: u32 = 100_000;

/// How many scenario seconds pass in one real second, 0.1 to 100, to a thousandth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Speed(u32);

impl Speed {
    /// Real time.
    pub const REAL_TIME: Speed = Speed(1000);

    /// The speed `factor`, rounded to a thousandth, if within 0.1 to 100.
    pub fn new(factor: f64) -> Result<Speed, DomainError> {
        let thousandths = (factor * 1000.0).round();
        if factor.is_finite()
            && thousandths >= f64::from(MIN_SPEED)
            && thousandths <= f64::from(MAX_SPEED)
        {
            Ok(Speed(thousandths as u32))
        } else {
            Err(DomainError::invalid(
                "factor",
                format!("{factor} is not a speed from 0.1 to 100"),
            ))
        }
    }

    /// The speed in thousandths, if within range.
    pub fn from_thousandths(t: u32) -> Result<Speed, DomainError> {
        if (MIN_SPEED..=MAX_SPEED).contains(&t) {
            Ok(Speed(t))
        } else {
            Err(DomainError::invalid(
                "factor",
                format!("{t} thousandths is not a speed from 0.1 to 100"),
            ))
        }
    }

    /// The factor.
    pub fn factor(self) -> f64 {
        f64::from(self.0) / 1000.0
    }

    /// The factor in thousandths.
    pub fn thousandths(self) -> u32 {
        self.0
    }

    /// Scenario time passing in `real` microseconds: exactly `real × thousandths`
    /// nanoseconds, saturating past about 290 years.
    fn scale(self, real_us: i64) -> Duration {
        let ns = i128::from(real_us) * i128::from(self.0);
        Duration::nanoseconds(i64::try_from(ns).unwrap_or(i64::MAX))
    }

    /// The real microseconds after which `scenario` has passed at this speed (rounded up).
    fn real_for(self, scenario: Duration) -> i64 {
        let ns = i128::from(scenario.num_nanoseconds().unwrap_or(i64::MAX));
        let us = (ns + i128::from(self.0) - 1) / i128::from(self.0);
        i64::try_from(us).unwrap_or(i64::MAX)
    }
}

impl Serialize for Speed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.factor())
    }
}

impl<'de> Deserialize<'de> for Speed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Speed::new(f64::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Where the clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockStatus {
    /// Before StartEx.
    NotStarted,
    /// Scenario time runs.
    Running,
    /// Scenario time stands still.
    Paused,
    /// After EndEx.
    Ended,
}

impl ClockStatus {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ClockStatus::NotStarted => "not_started",
            ClockStatus::Running => "running",
            ClockStatus::Paused => "paused",
            ClockStatus::Ended => "ended",
        }
    }
}

/// A stretch of real time from one command to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Real time it begins.
    pub real_from: DateTime<Utc>,
    /// Scenario time it begins at.
    pub scenario_from: DateTime<Utc>,
    /// Whether scenario time runs in it.
    pub running: bool,
    /// Its speed.
    pub speed: Speed,
    /// When it begins with a jump: the scenario time just before the jump.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jumped_from: Option<DateTime<Utc>>,
}

/// What control does with the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClockCommand {
    /// StartEx: scenario time starts at `scenario_start` (`D+0 00:00`).
    Start {
        /// The scenario time of the start.
        scenario_start: DateTime<Utc>,
    },
    /// Stop scenario time.
    Pause,
    /// Let scenario time run again from where it stood.
    Resume,
    /// Change the speed (before the start too).
    SetSpeed {
        /// Scenario seconds per real second.
        factor: Speed,
    },
    /// Move scenario time forward to `to`.
    Jump {
        /// The scenario time to jump to.
        to: DateTime<Utc>,
    },
    /// EndEx: scenario time stops for good.
    End,
}

impl ClockCommand {
    /// The command's wire name.
    pub fn name(&self) -> &'static str {
        match self {
            ClockCommand::Start { .. } => "start",
            ClockCommand::Pause => "pause",
            ClockCommand::Resume => "resume",
            ClockCommand::SetSpeed { .. } => "set_speed",
            ClockCommand::Jump { .. } => "jump",
            ClockCommand::End => "end",
        }
    }
}

/// When scenario time reached a given scenario time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// The real time it was reached.
    pub real_at: DateTime<Utc>,
    /// Whether a jump passed over it (a jump's target itself is reached, not passed over).
    pub by_jump: bool,
}

/// The exercise clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseClock {
    status: ClockStatus,
    speed: Speed,
    scenario_start: Option<DateTime<Utc>>,
    last_at: Option<DateTime<Utc>>,
    segments: Vec<Segment>,
}

impl Default for ExerciseClock {
    fn default() -> Self {
        ExerciseClock::new()
    }
}

impl ExerciseClock {
    /// A clock not yet started, at real-time speed.
    pub fn new() -> ExerciseClock {
        ExerciseClock {
            status: ClockStatus::NotStarted,
            speed: Speed::REAL_TIME,
            scenario_start: None,
            last_at: None,
            segments: Vec::new(),
        }
    }

    /// Where it stands.
    pub fn status(&self) -> ClockStatus {
        self.status
    }

    /// The current speed.
    pub fn speed(&self) -> Speed {
        self.speed
    }

    /// The scenario time of StartEx, once started.
    pub fn scenario_start(&self) -> Option<DateTime<Utc>> {
        self.scenario_start
    }

    /// The real time of the first command (StartEx), once started.
    pub fn real_start(&self) -> Option<DateTime<Utc>> {
        self.segments.first().map(|s| s.real_from)
    }

    /// The real time of EndEx, once ended.
    pub fn real_end(&self) -> Option<DateTime<Utc>> {
        match self.status {
            ClockStatus::Ended => self.segments.last().map(|s| s.real_from),
            _ => None,
        }
    }

    /// The real time of the last command.
    pub fn last_command_at(&self) -> Option<DateTime<Utc>> {
        self.last_at
    }

    /// The history.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The next clock after `command` at real time `at`, or why not.
    pub fn apply(&self, at: DateTime<Utc>, command: &ClockCommand) -> Result<Self, DomainError> {
        let at = at.trunc_subsecs(6);
        let refuse = |reason: String| DomainError::Transition {
            kind: "exercise clock".into(),
            state: self.status.as_str().replace('_', " "),
            command: command.name().replace('_', " "),
            reason,
        };
        if let Some(last) = self.last_at {
            if at < last {
                return Err(refuse(format!(
                    "real time {at} is before its last command at {last}"
                )));
            }
        }
        use ClockStatus::*;
        let mut next = self.clone();
        next.last_at = Some(at);
        let now = self.scenario_time(at);
        match command {
            ClockCommand::Start { scenario_start } => {
                if self.status != NotStarted {
                    return Err(refuse("it has already started".into()));
                }
                next.status = Running;
                next.scenario_start = Some(*scenario_start);
                next.push(at, *scenario_start, true, None);
                return Ok(next);
            }
            ClockCommand::SetSpeed { factor } => {
                if self.status == Ended {
                    return Err(refuse("the exercise has ended".into()));
                }
                next.speed = *factor;
                if let Some(s) = now {
                    next.push(at, s, self.status == Running, None);
                }
                return Ok(next);
            }
            _ => {}
        }
        let s = match (self.status, now) {
            (Ended, _) => return Err(refuse("the exercise has ended".into())),
            (NotStarted, _) | (_, None) => return Err(refuse("it has not started".into())),
            (_, Some(s)) => s,
        };
        match (self.status, command) {
            (Running, ClockCommand::Pause) => {
                next.status = Paused;
                next.push(at, s, false, None);
            }
            (_, ClockCommand::Pause) => return Err(refuse("it is already paused".into())),
            (Paused, ClockCommand::Resume) => {
                next.status = Running;
                next.push(at, s, true, None);
            }
            (_, ClockCommand::Resume) => return Err(refuse("it is running".into())),
            (_, ClockCommand::Jump { to }) => {
                if *to <= s {
                    return Err(refuse(format!(
                        "scenario time only moves forward: {to} is not after {s}"
                    )));
                }
                next.push(at, *to, self.status == Running, Some(s));
            }
            (_, ClockCommand::End) => {
                next.status = Ended;
                next.push(at, s, false, None);
            }
            // Taken above.
            (_, ClockCommand::Start { .. } | ClockCommand::SetSpeed { .. }) => {}
        }
        Ok(next)
    }

    fn push(
        &mut self,
        at: DateTime<Utc>,
        scenario: DateTime<Utc>,
        running: bool,
        jumped_from: Option<DateTime<Utc>>,
    ) {
        self.segments.push(Segment {
            real_from: at,
            scenario_from: scenario,
            running,
            speed: self.speed,
            jumped_from,
        });
    }

    /// Scenario time at real time `t`; `None` before the start.
    pub fn scenario_time(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let t = t.trunc_subsecs(6);
        let seg = self.segments.iter().rev().find(|s| s.real_from <= t)?;
        if !seg.running {
            return Some(seg.scenario_from);
        }
        let real_us = (t - seg.real_from).num_microseconds().unwrap_or(i64::MAX);
        Some(
            seg.scenario_from
                .checked_add_signed(seg.speed.scale(real_us))
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        )
    }

    /// How far the exercise is at real time `t`: scenario time since StartEx.
    pub fn elapsed(&self, t: DateTime<Utc>) -> Option<Duration> {
        Some(self.scenario_time(t)? - self.scenario_start?)
    }

    /// Whether scenario time runs at real time `t` (after the last command, the current
    /// status; before it, the history's).
    pub fn is_running_at(&self, t: DateTime<Utc>) -> bool {
        let t = t.trunc_subsecs(6);
        self.segments
            .iter()
            .rev()
            .find(|s| s.real_from <= t)
            .is_some_and(|s| s.running)
    }

    /// When scenario time first reached `scenario` at or before real time `now`, and whether
    /// a jump passed over it; `None` if it has not (yet).
    pub fn reached(&self, scenario: DateTime<Utc>, now: DateTime<Utc>) -> Option<Reach> {
        let now = now.trunc_subsecs(6);
        for (i, seg) in self.segments.iter().enumerate() {
            if seg.real_from > now {
                return None;
            }
            if scenario <= seg.scenario_from {
                let by_jump = seg
                    .jumped_from
                    .is_some_and(|j| scenario > j && scenario < seg.scenario_from);
                return Some(Reach {
                    real_at: seg.real_from,
                    by_jump,
                });
            }
            if seg.running {
                let us = seg.speed.real_for(scenario - seg.scenario_from);
                let at = seg
                    .real_from
                    .checked_add_signed(Duration::microseconds(us))?;
                let ends = self.segments.get(i + 1).map(|n| n.real_from);
                if at <= now && ends.is_none_or(|e| at < e) {
                    return Some(Reach {
                        real_at: at,
                        by_jump: false,
                    });
                }
            }
        }
        None
    }
}

#[cfg(test)]
#[path = "clock_tests.rs"]
pub(crate) mod tests;
