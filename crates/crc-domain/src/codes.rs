//! Small parsed values: state codes and partial dates. Parse, don't validate: once built, a
//! value is known to be well formed.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::DomainError;

/// An ISO 3166-1 alpha-3 state code (three upper-case ASCII letters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateCode(String);

impl StateCode {
    /// Parses a code; lower case is accepted and upper-cased.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let up = s.trim().to_ascii_uppercase();
        if up.len() == 3 && up.chars().all(|c| c.is_ascii_uppercase()) {
            Ok(StateCode(up))
        } else {
            Err(DomainError::invalid(
                "state",
                format!("`{s}` is not an ISO 3166-1 alpha-3 code (three letters)"),
            ))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StateCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for StateCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for StateCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        StateCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A date known to the year, the month or the day: "2003", "2003-04", "2003-04-28".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl PartialDate {
    /// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD", checking the calendar.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let bad = || {
            DomainError::invalid(
                "date",
                format!("`{s}` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
            )
        };
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DomainError> {
            if p.len() == len && p.chars().all(|c| c.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = num(parts.first().ok_or_else(bad)?, 4)? as i32;
        let month = parts.get(1).map(|p| num(p, 2)).transpose()?;
        let day = parts.get(2).map(|p| num(p, 2)).transpose()?;
        if parts.len() > 3 {
            return Err(bad());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(bad());
            }
            if let Some(d) = day {
                if chrono::NaiveDate::from_ymd_opt(year, m, d).is_none() {
                    return Err(bad());
                }
            }
        }
        Ok(PartialDate { year, month, day })
    }

    /// The first day the date can mean.
    pub fn earliest(&self) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(chrono::NaiveDate::MIN)
    }

    /// The last day the date can mean.
    pub fn latest(&self) -> chrono::NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => chrono::NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => {
                let (y, nm) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                chrono::NaiveDate::from_ymd_opt(y, nm, 1).and_then(|d| d.pred_opt())
            }
            _ => chrono::NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .unwrap_or(chrono::NaiveDate::MAX)
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_codes() {
        assert_eq!(
            StateCode::parse("kaz").map(|c| c.to_string()),
            Ok("KAZ".into())
        );
        for bad in ["", "KA", "KAZA", "K4Z", "КАЗ"] {
            assert!(StateCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn partial_dates() {
        let cases = [
            ("2003", true),
            ("2003-04", true),
            ("2003-04-28", true),
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("2003-13", false),
            ("03-04-28", false),
            ("2003-4-28", false),
            ("2003-04-28-1", false),
            ("", false),
        ];
        for (s, ok) in cases {
            let p = PartialDate::parse(s);
            assert_eq!(p.is_ok(), ok, "{s}");
            if let Ok(p) = p {
                assert_eq!(p.to_string(), s);
            }
        }
        let m = PartialDate::parse("2024-02").unwrap();
        assert_eq!(m.latest().to_string(), "2024-02-29");
        assert_eq!(m.earliest().to_string(), "2024-02-01");
    }
}
