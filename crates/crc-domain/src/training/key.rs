//! Short keys by which an exercise's parts refer to each other: objectives, participants,
//! simulated actors, storylines, observers. A key is what a CSV cell or a URL carries, so it
//! is plain ASCII without separators.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::DomainError;

/// The longest key.
pub const MAX_KEY: usize = 40;

/// A key: 1 to 40 ASCII letters, digits, `-`, `_` or `.`, starting with a letter or digit.
/// Keys compare exactly (case matters), as they are written in the design.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key(String);

impl Key {
    /// Parses a key; `field` names where it was written.
    pub fn parse(field: &str, s: &str) -> Result<Key, DomainError> {
        let ok = !s.is_empty()
            && s.len() <= MAX_KEY
            && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if ok {
            Ok(Key(s.to_owned()))
        } else {
            Err(DomainError::invalid(
                field,
                format!(
                    "`{s}` is not a key (1 to {MAX_KEY} ASCII letters, digits, `-`, `_` or `.`, \
                     starting with a letter or digit)"
                ),
            ))
        }
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Key::parse("key", &s).map_err(|e| match e {
            DomainError::Invalid { message, .. } => serde::de::Error::custom(message),
            other => serde::de::Error::custom(other),
        })
    }
}

/// Checks a list of keys has no repeats; the error names the second occurrence.
pub(crate) fn check_distinct_keys<'a>(
    field: &str,
    keys: impl IntoIterator<Item = &'a Key>,
) -> Result<(), DomainError> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, k) in keys.into_iter().enumerate() {
        if !seen.insert(k) {
            return Err(DomainError::invalid(
                format!("{field}[{i}]"),
                format!("`{k}` is listed twice"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_plain_ascii_without_separators() {
        for ok in ["O1", "kaz-cmd", "obj_2.1", "7"] {
            assert_eq!(Key::parse("k", ok).map(|k| k.to_string()), Ok(ok.into()));
        }
        let long = "a".repeat(MAX_KEY + 1);
        for bad in ["", "-x", "a b", "a;b", "a,b", "ключ", long.as_str()] {
            let e = Key::parse("spec.objectives[0].id", bad).unwrap_err();
            assert!(e.to_string().starts_with("spec.objectives[0].id: "), "{e}");
        }
    }

    #[test]
    fn keys_parse_from_json_strictly() {
        assert!(serde_json::from_str::<Key>("\"O1\"").is_ok());
        assert!(serde_json::from_str::<Key>("\"O 1\"").is_err());
    }
}
