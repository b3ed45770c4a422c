//! When an exercise takes place, as precisely as it is known: exact days, half a month, a
//! month, a season or only the year. A plan announced as "the first half of October" must not
//! become 1-15 October exact: the precision travels with the dates, and every comparison of two
//! periods says whether its answer is certain or only possible.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::DomainError;

/// The first or the second half of a month (days 1-15, and 16 to the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Half {
    /// Days 1 to 15.
    First,
    /// Day 16 to the end of the month.
    Second,
}

/// A season of the northern hemisphere, by whole months (spring March-May, summer June-August,
/// autumn September-November; winter is not offered: it spans two years).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Autumn,
}

impl Season {
    fn months(self) -> (u32, u32) {
        match self {
            Season::Spring => (3, 5),
            Season::Summer => (6, 8),
            Season::Autumn => (9, 11),
        }
    }
}

/// When an exercise takes place. Every variant but `days` is a window the exercise lies
/// somewhere inside, not a claim that it lasts the whole window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "precision", rename_all = "snake_case", deny_unknown_fields)]
pub enum Period {
    /// Exact days, both inclusive.
    Days {
        /// First day.
        start: NaiveDate,
        /// Last day (inclusive).
        end: NaiveDate,
    },
    /// Half of a month ("the first half of October 2025").
    HalfMonth {
        /// Year.
        year: i32,
        /// Month, 1-12.
        month: u32,
        /// Which half.
        half: Half,
    },
    /// A month ("in September 2025").
    Month {
        /// Year.
        year: i32,
        /// Month, 1-12.
        month: u32,
    },
    /// A season ("this autumn").
    Season {
        /// Year.
        year: i32,
        /// Season.
        season: Season,
    },
    /// Only the year is known.
    Year {
        /// Year.
        year: i32,
    },
}

/// Whether two periods share a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overlap {
    /// They cannot share a day.
    None,
    /// They may share a day: at least one is imprecise and their windows meet.
    Possible,
    /// They certainly share a day: both are exact days and their ranges meet.
    Certain,
}

/// Years a period may name: wide enough for the organization's history and any plan.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

impl Period {
    /// Checks the values are a real calendar period; `field` is the path for errors.
    pub fn check(&self, field: &str) -> Result<(), DomainError> {
        let year_ok = |y: i32, at: &str| {
            if YEARS.contains(&y) {
                Ok(())
            } else {
                Err(DomainError::invalid(
                    format!("{field}.{at}"),
                    format!("year {y} is outside {}-{}", YEARS.start(), YEARS.end()),
                ))
            }
        };
        let month_ok = |m: u32| {
            if (1..=12).contains(&m) {
                Ok(())
            } else {
                Err(DomainError::invalid(
                    format!("{field}.month"),
                    format!("month {m} is not 1-12"),
                ))
            }
        };
        match *self {
            Period::Days { start, end } => {
                year_ok(start.year(), "start")?;
                year_ok(end.year(), "end")?;
                if end < start {
                    return Err(DomainError::invalid(
                        format!("{field}.end"),
                        format!("ends on {end}, before it starts on {start}"),
                    ));
                }
                if (end - start).num_days() > 366 {
                    return Err(DomainError::invalid(
                        format!("{field}.end"),
                        "an exercise lasts at most a year",
                    ));
                }
                Ok(())
            }
            Period::HalfMonth { year, month, .. } | Period::Month { year, month } => {
                year_ok(year, "year")?;
                month_ok(month)
            }
            Period::Season { year, .. } | Period::Year { year } => year_ok(year, "year"),
        }
    }

    /// Whether the days are known exactly.
    pub fn is_exact(&self) -> bool {
        matches!(self, Period::Days { .. })
    }

    /// The precision's wire name (`days`, `half_month`, `month`, `season`, `year`).
    pub fn precision(&self) -> &'static str {
        match self {
            Period::Days { .. } => "days",
            Period::HalfMonth { .. } => "half_month",
            Period::Month { .. } => "month",
            Period::Season { .. } => "season",
            Period::Year { .. } => "year",
        }
    }

    /// The first day the exercise may fall on.
    pub fn earliest(&self) -> NaiveDate {
        match *self {
            Period::Days { start, .. } => start,
            Period::HalfMonth { year, month, half } => {
                ymd(year, month, if half == Half::First { 1 } else { 16 })
            }
            Period::Month { year, month } => ymd(year, month, 1),
            Period::Season { year, season } => ymd(year, season.months().0, 1),
            Period::Year { year } => ymd(year, 1, 1),
        }
    }

    /// The last day the exercise may fall on (inclusive).
    pub fn latest(&self) -> NaiveDate {
        match *self {
            Period::Days { end, .. } => end,
            Period::HalfMonth {
                year,
                month,
                half: Half::First,
            } => ymd(year, month, 15),
            Period::HalfMonth { year, month, .. } | Period::Month { year, month } => {
                month_end(year, month)
            }
            Period::Season { year, season } => month_end(year, season.months().1),
            Period::Year { year } => ymd(year, 12, 31),
        }
    }

    /// The year the period starts in.
    pub fn year(&self) -> i32 {
        self.earliest().year()
    }

    /// Whether two periods share a day, and how sure that is.
    pub fn overlap(&self, other: &Period) -> Overlap {
        if self.latest() < other.earliest() || other.latest() < self.earliest() {
            Overlap::None
        } else if self.is_exact() && other.is_exact() {
            Overlap::Certain
        } else {
            Overlap::Possible
        }
    }

    /// The same period `days` later (exact days only move; an imprecise period is a named
    /// window and stays as it is, so callers shift only exact periods).
    pub fn shifted(&self, days: i64) -> Period {
        match *self {
            Period::Days { start, end } => {
                let d = chrono::Duration::days(days);
                Period::Days {
                    start: start.checked_add_signed(d).unwrap_or(start),
                    end: end.checked_add_signed(d).unwrap_or(end),
                }
            }
            other => other,
        }
    }

    /// The period in words, in English ("12-13 March 2024", "first half of October 2025").
    pub fn label_en(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let m = |n: u32| MONTHS[(n.clamp(1, 12) - 1) as usize];
        match *self {
            Period::Days { start, end } => {
                if start == end {
                    format!("{} {} {}", start.day(), m(start.month()), start.year())
                } else if (start.year(), start.month()) == (end.year(), end.month()) {
                    format!(
                        "{}-{} {} {}",
                        start.day(),
                        end.day(),
                        m(end.month()),
                        end.year()
                    )
                } else {
                    format!(
                        "{} {} {} - {} {} {}",
                        start.day(),
                        m(start.month()),
                        start.year(),
                        end.day(),
                        m(end.month()),
                        end.year()
                    )
                }
            }
            Period::HalfMonth { year, month, half } => format!(
                "{} half of {} {year}",
                if half == Half::First {
                    "first"
                } else {
                    "second"
                },
                m(month)
            ),
            Period::Month { year, month } => format!("{} {year}", m(month)),
            Period::Season { year, season } => format!(
                "{} {year}",
                match season {
                    Season::Spring => "spring",
                    Season::Summer => "summer",
                    Season::Autumn => "autumn",
                }
            ),
            Period::Year { year } => format!("{year} (dates not stated)"),
        }
    }

    /// The period in words, in Russian ("12-13 марта 2024 г.", "первая половина октября
    /// 2025 г.").
    pub fn label_ru(&self) -> String {
        // Genitive after a day or "половина"; nominative for a month on its own.
        const GENITIVE: [&str; 12] = [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ];
        const NOMINATIVE: [&str; 12] = [
            "январь",
            "февраль",
            "март",
            "апрель",
            "май",
            "июнь",
            "июль",
            "август",
            "сентябрь",
            "октябрь",
            "ноябрь",
            "декабрь",
        ];
        let g = |n: u32| GENITIVE[(n.clamp(1, 12) - 1) as usize];
        match *self {
            Period::Days { start, end } => {
                if start == end {
                    format!("{} {} {} г.", start.day(), g(start.month()), start.year())
                } else if (start.year(), start.month()) == (end.year(), end.month()) {
                    format!(
                        "{}-{} {} {} г.",
                        start.day(),
                        end.day(),
                        g(end.month()),
                        end.year()
                    )
                } else {
                    format!(
                        "{} {} {} г. - {} {} {} г.",
                        start.day(),
                        g(start.month()),
                        start.year(),
                        end.day(),
                        g(end.month()),
                        end.year()
                    )
                }
            }
            Period::HalfMonth { year, month, half } => format!(
                "{} половина {} {year} г.",
                if half == Half::First {
                    "первая"
                } else {
                    "вторая"
                },
                g(month)
            ),
            Period::Month { year, month } => {
                format!(
                    "{} {year} г.",
                    NOMINATIVE[(month.clamp(1, 12) - 1) as usize]
                )
            }
            Period::Season { year, season } => format!(
                "{} {year} г.",
                match season {
                    Season::Spring => "весна",
                    Season::Summer => "лето",
                    Season::Autumn => "осень",
                }
            ),
            Period::Year { year } => format!("{year} г. (сроки не указаны)"),
        }
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    // Only reached with checked months and days 1, 15 or 16, which every month has; the
    // fallback keeps an unchecked period from panicking.
    NaiveDate::from_ymd_opt(year, month.clamp(1, 12), day).unwrap_or(NaiveDate::MIN)
}

fn month_end(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month.max(1) + 1)
    };
    ymd(y, m, 1).pred_opt().unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn windows_cover_what_the_words_say() {
        let cases = [
            (
                Period::HalfMonth {
                    year: 2025,
                    month: 10,
                    half: Half::First,
                },
                "2025-10-01",
                "2025-10-15",
            ),
            (
                Period::HalfMonth {
                    year: 2025,
                    month: 10,
                    half: Half::Second,
                },
                "2025-10-16",
                "2025-10-31",
            ),
            (
                Period::Month {
                    year: 2024,
                    month: 2,
                },
                "2024-02-01",
                "2024-02-29",
            ),
            (
                Period::Season {
                    year: 2024,
                    season: Season::Autumn,
                },
                "2024-09-01",
                "2024-11-30",
            ),
            (Period::Year { year: 2024 }, "2024-01-01", "2024-12-31"),
        ];
        for (p, from, to) in cases {
            assert_eq!((p.earliest(), p.latest()), (d(from), d(to)), "{p:?}");
        }
    }

    #[test]
    fn overlap_is_certain_only_for_exact_days() {
        let a = Period::Days {
            start: d("2025-10-01"),
            end: d("2025-10-05"),
        };
        let b = Period::Days {
            start: d("2025-10-05"),
            end: d("2025-10-09"),
        };
        let c = Period::Days {
            start: d("2025-10-06"),
            end: d("2025-10-09"),
        };
        let first = Period::HalfMonth {
            year: 2025,
            month: 10,
            half: Half::First,
        };
        let second = Period::HalfMonth {
            year: 2025,
            month: 10,
            half: Half::Second,
        };
        assert_eq!(a.overlap(&b), Overlap::Certain);
        assert_eq!(a.overlap(&c), Overlap::None);
        assert_eq!(a.overlap(&first), Overlap::Possible);
        assert_eq!(first.overlap(&second), Overlap::None);
        assert_eq!(c.overlap(&second), Overlap::None);
    }

    #[test]
    fn bad_periods_are_refused_with_their_path() {
        let back = Period::Days {
            start: d("2025-10-05"),
            end: d("2025-10-01"),
        };
        let e = back.check("spec.dates").unwrap_err();
        assert!(matches!(e, DomainError::Invalid { ref field, .. } if field == "spec.dates.end"));
        let m = Period::Month {
            year: 2025,
            month: 13,
        };
        let e = m.check("spec.dates").unwrap_err();
        assert!(matches!(e, DomainError::Invalid { ref field, .. } if field == "spec.dates.month"));
    }

    #[test]
    fn labels_in_both_languages() {
        let p = Period::HalfMonth {
            year: 2025,
            month: 10,
            half: Half::First,
        };
        assert_eq!(p.label_en(), "first half of October 2025");
        assert_eq!(p.label_ru(), "первая половина октября 2025 г.");
        let s = Period::Days {
            start: d("2024-03-12"),
            end: d("2024-03-13"),
        };
        assert_eq!(s.label_en(), "12-13 March 2024");
        assert_eq!(s.label_ru(), "12-13 марта 2024 г.");
    }
}
