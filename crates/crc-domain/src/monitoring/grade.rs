//! The Admiralty code: how reliable the source is (A to F) and how credible the information
//! is (1 to 6), graded separately. A usually reliable source can pass on a doubtful rumour
//! (B4), and an unknown source can report what others confirm (F1); folding the two into one
//! score would lose exactly what the duty officer needs to see.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::reference::Names;

/// How reliable a source has proved: A (completely reliable) to F (cannot be judged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Reliability {
    /// Completely reliable: no doubt of authenticity, trustworthiness or competency.
    A,
    /// Usually reliable: minor doubts; a history of valid information most of the time.
    B,
    /// Fairly reliable: doubts; has given valid information in the past.
    C,
    /// Not usually reliable: significant doubts; has given valid information in the past.
    D,
    /// Unreliable: lacking in authenticity, trustworthiness and competency.
    E,
    /// Reliability cannot be judged: no basis for evaluating the source.
    F,
}

impl Reliability {
    /// All six, best first.
    pub const ALL: [Reliability; 6] = [
        Reliability::A,
        Reliability::B,
        Reliability::C,
        Reliability::D,
        Reliability::E,
        Reliability::F,
    ];

    /// The letter.
    pub fn letter(self) -> char {
        match self {
            Reliability::A => 'A',
            Reliability::B => 'B',
            Reliability::C => 'C',
            Reliability::D => 'D',
            Reliability::E => 'E',
            Reliability::F => 'F',
        }
    }

    /// The letter's meaning.
    pub fn meaning(self) -> Names {
        let (en, ru) = match self {
            Reliability::A => ("Completely reliable", "Полностью надёжный"),
            Reliability::B => ("Usually reliable", "Обычно надёжный"),
            Reliability::C => ("Fairly reliable", "Довольно надёжный"),
            Reliability::D => ("Not usually reliable", "Обычно ненадёжный"),
            Reliability::E => ("Unreliable", "Ненадёжный"),
            Reliability::F => (
                "Reliability cannot be judged",
                "Надёжность не может быть оценена",
            ),
        };
        Names {
            en: en.into(),
            ru: ru.into(),
        }
    }

    /// Whether a source graded so counts towards confirming an event (A to C): a report from
    /// an unreliable or unknown source may add to the picture but does not confirm it.
    pub fn confirms(self) -> bool {
        self <= Reliability::C
    }
}

/// How credible the information is: 1 (confirmed by other sources) to 6 (cannot be judged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "u8")]
pub struct Credibility(u8);

impl Credibility {
    /// Confirmed by other independent sources.
    pub const CONFIRMED: Credibility = Credibility(1);
    /// Probably true.
    pub const PROBABLY_TRUE: Credibility = Credibility(2);
    /// Possibly true.
    pub const POSSIBLY_TRUE: Credibility = Credibility(3);
    /// Doubtful.
    pub const DOUBTFUL: Credibility = Credibility(4);
    /// Improbable.
    pub const IMPROBABLE: Credibility = Credibility(5);
    /// Truth cannot be judged.
    pub const UNKNOWN: Credibility = Credibility(6);

    /// A credibility from its number, 1 to 6.
    pub fn new(n: u8) -> Option<Credibility> {
        (1..=6).contains(&n).then_some(Credibility(n))
    }

    /// The number.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The number's meaning.
    pub fn meaning(self) -> Names {
        let (en, ru) = match self.0 {
            1 => (
                "Confirmed by other sources",
                "Подтверждена другими источниками",
            ),
            2 => ("Probably true", "Вероятно, достоверна"),
            3 => ("Possibly true", "Возможно, достоверна"),
            4 => ("Doubtful", "Сомнительна"),
            5 => ("Improbable", "Маловероятна"),
            _ => (
                "Truth cannot be judged",
                "Достоверность не может быть оценена",
            ),
        };
        Names {
            en: en.into(),
            ru: ru.into(),
        }
    }

    /// How much an item so credible weighs in a threat assessment, 0 to 1: confirmed
    /// information counts in full, doubtful information a little, the improbable not at all.
    pub fn weight(self) -> f64 {
        match self.0 {
            1 => 1.0,
            2 => 0.8,
            3 => 0.5,
            4 => 0.2,
            5 => 0.0,
            _ => 0.3,
        }
    }
}

impl From<Credibility> for u8 {
    fn from(c: Credibility) -> u8 {
        c.0
    }
}

impl<'de> Deserialize<'de> for Credibility {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u8::deserialize(d)?;
        Credibility::new(n).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "credibility {n} is not 1 to 6 (the Admiralty code)"
            ))
        })
    }
}

/// A report's grade: the source's reliability and the information's credibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// The source, A to F.
    pub reliability: Reliability,
    /// The information, 1 to 6.
    pub credibility: Credibility,
}

impl Grade {
    /// The grade of a report nobody has evaluated yet: F6.
    pub const UNGRADED: Grade = Grade {
        reliability: Reliability::F,
        credibility: Credibility::UNKNOWN,
    };

    /// Parses the two-character form, `B2` (case-insensitive); `field` names it in errors.
    pub fn parse(field: &str, s: &str) -> Result<Grade, DomainError> {
        let t = s.trim();
        let mut chars = t.chars();
        let (Some(l), Some(n), None) = (chars.next(), chars.next(), chars.next()) else {
            return Err(DomainError::invalid(
                field,
                format!("`{s}` is not an Admiralty grade: a letter A-F and a digit 1-6, as `B2`"),
            ));
        };
        let reliability = Reliability::ALL
            .into_iter()
            .find(|r| r.letter() == l.to_ascii_uppercase())
            .ok_or_else(|| {
                DomainError::invalid(field, format!("`{l}` is not a source reliability: A to F"))
            })?;
        let credibility = n
            .to_digit(10)
            .and_then(|d| Credibility::new(d as u8))
            .ok_or_else(|| {
                DomainError::invalid(
                    field,
                    format!("`{n}` is not an information credibility: 1 to 6"),
                )
            })?;
        Ok(Grade {
            reliability,
            credibility,
        })
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.reliability.letter(), self.credibility.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_read_and_print_in_the_two_character_form() {
        let g = Grade::parse("grade", "b2").unwrap();
        assert_eq!(g.reliability, Reliability::B);
        assert_eq!(g.credibility, Credibility::PROBABLY_TRUE);
        assert_eq!(g.to_string(), "B2");
        for bad in ["", "B", "B7", "G1", "B22", "2B"] {
            let e = Grade::parse("reports[3].grade", bad).unwrap_err();
            assert!(e.to_string().starts_with("reports[3].grade: "), "{e}");
        }
    }

    #[test]
    fn the_two_scales_are_separate_on_the_wire() {
        let g: Grade =
            serde_json::from_value(serde_json::json!({"reliability": "F", "credibility": 1}))
                .unwrap();
        assert_eq!(g.to_string(), "F1");
        let e = serde_json::from_value::<Grade>(
            serde_json::json!({"reliability": "A", "credibility": 0}),
        )
        .unwrap_err();
        assert!(e.to_string().contains("not 1 to 6"), "{e}");
    }
}
