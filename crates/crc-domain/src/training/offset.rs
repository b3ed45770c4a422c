//! An inject's offset from the start of the exercise (StartEx), written `D+<days> <HH>:<MM>`:
//! `D+0 00:00` is the start, `D+1 06:30` is a day, six hours and thirty minutes later, in
//! scenario time. Offsets are relative so that a postponed exercise keeps its spacing.
//!
//! The notation is parsed strictly: the `D+` prefix, days without leading zeros (0 to
//! [`MAX_DAYS`]), one space, two-digit hours (00 to 23) and minutes (00 to 59).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::DomainError;

/// The furthest day an inject may be set on.
pub const MAX_DAYS: u32 = 365;

/// A non-negative offset in whole minutes of scenario time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Offset {
    minutes: u32,
}

impl Offset {
    /// The offset of `days`, `hours` and `minutes`, if in range.
    pub fn new(days: u32, hours: u32, minutes: u32) -> Option<Offset> {
        (days <= MAX_DAYS && hours < 24 && minutes < 60).then_some(Offset {
            minutes: (days * 24 + hours) * 60 + minutes,
        })
    }

    /// Parses `D+1 06:30`; `field` names where it was written.
    pub fn parse(field: &str, s: &str) -> Result<Offset, DomainError> {
        let bad = || {
            DomainError::invalid(
                field,
                format!("`{s}` is not an offset of the form D+<days> <HH>:<MM> (e.g. D+1 06:30)"),
            )
        };
        let rest = s.strip_prefix("D+").ok_or_else(bad)?;
        let (days, time) = rest.split_once(' ').ok_or_else(bad)?;
        let (hh, mm) = time.split_once(':').ok_or_else(bad)?;
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        let canonical_days = digits(days) && (days == "0" || !days.starts_with('0'));
        if !canonical_days || hh.len() != 2 || mm.len() != 2 || !digits(hh) || !digits(mm) {
            return Err(bad());
        }
        let days: u32 = days.parse().map_err(|_| bad())?;
        let (hours, minutes): (u32, u32) = (
            hh.parse().map_err(|_| bad())?,
            mm.parse().map_err(|_| bad())?,
        );
        if days > MAX_DAYS {
            return Err(DomainError::invalid(
                field,
                format!("`{s}` is past the furthest day D+{MAX_DAYS}"),
            ));
        }
        if hours > 23 || minutes > 59 {
            return Err(DomainError::invalid(
                field,
                format!("`{s}` has no such time of day (hours 00 to 23, minutes 00 to 59)"),
            ));
        }
        Offset::new(days, hours, minutes).ok_or_else(bad)
    }

    /// The offset in minutes.
    pub fn minutes(self) -> u32 {
        self.minutes
    }

    /// The offset as a duration.
    pub fn duration(self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.minutes))
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (days, rest) = (self.minutes / 1440, self.minutes % 1440);
        write!(f, "D+{days} {:02}:{:02}", rest / 60, rest % 60)
    }
}

impl Serialize for Offset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Offset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Offset::parse("offset", &s).map_err(|e| match e {
            DomainError::Invalid { message, .. } => serde::de::Error::custom(message),
            other => serde::de::Error::custom(other),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_notation_is_parsed_strictly() {
        let good = [
            ("D+0 00:00", 0),
            ("D+0 06:30", 390),
            ("D+1 06:30", 1440 + 390),
            ("D+12 23:59", 12 * 1440 + 1439),
            ("D+365 00:00", 365 * 1440),
        ];
        for (s, minutes) in good {
            let o = Offset::parse("offset", s).unwrap();
            assert_eq!(o.minutes(), minutes, "{s}");
            assert_eq!(o.to_string(), s);
        }
        let bad = [
            "",
            "D+1",
            "D+1 6:30",
            "D+01 06:30",
            "D+1  06:30",
            "d+1 06:30",
            "D-1 06:30",
            "D+1 06:30:00",
            "+1d06:30",
            "D+1 24:00",
            "D+1 06:60",
            "D+366 00:00",
            "D+1 0a:30",
            " D+1 06:30",
            "D+1 06:30 ",
            "D+99999999999 00:00",
        ];
        for s in bad {
            let e = Offset::parse("injects[2].offset", s)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("injects[2].offset: "), "{s}: {e}");
        }
    }

    proptest! {
        #[test]
        fn display_and_parse_are_inverse(days in 0..=MAX_DAYS, h in 0u32..24, m in 0u32..60) {
            let o = Offset::new(days, h, m).unwrap();
            prop_assert_eq!(Offset::parse("o", &o.to_string()), Ok(o));
            let json = serde_json::to_string(&o).unwrap();
            prop_assert_eq!(serde_json::from_str::<Offset>(&json).unwrap(), o);
        }
    }
}
