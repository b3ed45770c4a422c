//! Fictitious names ("conventions and changes in the names of states"): an exercise's scenario
//! speaks of invented states and organizations. The mapping from real names to invented ones
//! is applied to every text the exercise shows (injects, inboxes, the after-action report),
//! so a real name written by habit does not reach the training audience.
//!
//! Matching is case-insensitive (with `ё` read as `е`), on whole words only, longest name
//! first, in one pass: a replaced name is never replaced again. Russian declines names, so an
//! entry lists further forms (`Казахстана` → `Северии`) next to its nominatives.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::crisis::workflow::check_title;
use crate::error::DomainError;

/// The longest name or form.
pub const MAX_NAME: usize = 200;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// A state.
    State,
    /// An organization (an alliance, a ministry, an armed group).
    Organization,
    /// A place: a region, a city, a lake.
    Place,
    /// A person.
    Person,
}

/// A name in both working languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BilingualName {
    /// In Russian.
    pub ru: String,
    /// In English.
    pub en: String,
}

/// A further form of a name: a Russian case, an adjective, an abbreviation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameForm {
    /// The real form.
    pub real: String,
    /// The invented form that replaces it.
    pub invented: String,
}

/// One real name and the invented one that stands for it in the scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FictitiousName {
    /// What it names.
    pub kind: NameKind,
    /// The real name.
    pub real: BilingualName,
    /// The invented name.
    pub invented: BilingualName,
    /// Further forms, replaced like the names themselves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<NameForm>,
}

impl FictitiousName {
    /// Every (real, invented) pair of the entry with the path of its real form.
    fn pairs(&self, field: &str) -> Vec<(String, &str, &str)> {
        let mut v = vec![
            (
                format!("{field}.real.ru"),
                &*self.real.ru,
                &*self.invented.ru,
            ),
            (
                format!("{field}.real.en"),
                &*self.real.en,
                &*self.invented.en,
            ),
        ];
        for (i, f) in self.forms.iter().enumerate() {
            v.push((format!("{field}.forms[{i}].real"), &f.real, &f.invented));
        }
        v
    }
}

/// The scenario's names: real → invented.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NameMapping(pub Vec<FictitiousName>);

impl NameMapping {
    /// Checks every name, and that the mapping can be applied both ways without leaking a
    /// real name: one real form maps to one invented form and back, no invented form is also
    /// a real one (which would make a cycle, Kazakhstan → Belarus → ...), and no invented
    /// name contains a real name as a word. `field` is the mapping's path.
    pub fn check(&self, field: &str) -> Result<(), DomainError> {
        crate::crisis::workflow::check_len(field, &self.0, 0)?;
        let mut forward: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut backward: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut all = Vec::new();
        for (i, e) in self.0.iter().enumerate() {
            let at = format!("{field}[{i}]");
            check_title(&format!("{at}.invented.ru"), &e.invented.ru, MAX_NAME)?;
            check_title(&format!("{at}.invented.en"), &e.invented.en, MAX_NAME)?;
            crate::crisis::workflow::check_len(&format!("{at}.forms"), &e.forms, 0)?;
            for (j, f) in e.forms.iter().enumerate() {
                check_title(&format!("{at}.forms[{j}].invented"), &f.invented, MAX_NAME)?;
            }
            for (path, real, invented) in e.pairs(&at) {
                check_title(&path, real, MAX_NAME)?;
                let (r, v) = (fold_str(real), fold_str(invented));
                if let Some((other, was)) = forward.get(&r) {
                    if *other != v {
                        return Err(DomainError::invalid(
                            path,
                            format!("`{real}` is already renamed at {was}"),
                        ));
                    }
                }
                if let Some((other, was)) = backward.get(&v) {
                    if *other != r {
                        return Err(DomainError::invalid(
                            path,
                            format!("`{invented}` already stands for another name at {was}"),
                        ));
                    }
                }
                forward.insert(r.clone(), (v.clone(), path.clone()));
                backward.insert(v, (r, path.clone()));
                all.push((path, invented.to_owned()));
            }
        }
        let reals = Renamer::new(forward.keys().map(|r| (r.as_str(), "")));
        for (path, invented) in all {
            if let Some(real) = reals.first_match(&invented) {
                let at = path.replace(".real", ".invented");
                let message = if fold_str(&real) == fold_str(&invented) {
                    format!("`{invented}` is also a real name in the mapping")
                } else {
                    format!("`{invented}` contains the real name `{real}`")
                };
                return Err(DomainError::invalid(at, message));
            }
        }
        Ok(())
    }

    /// The renamer from real names to invented ones.
    pub fn renamer(&self) -> Renamer {
        Renamer::new(self.0.iter().flat_map(|e| {
            e.pairs("")
                .into_iter()
                .map(|(_, r, i)| (r, i))
                .collect::<Vec<_>>()
        }))
    }

    /// The renamer back from invented names to real ones (for the directing staff's own
    /// analysis; never shown to the training audience).
    pub fn reverse(&self) -> Renamer {
        Renamer::new(self.0.iter().flat_map(|e| {
            e.pairs("")
                .into_iter()
                .map(|(_, r, i)| (i, r))
                .collect::<Vec<_>>()
        }))
    }

    /// Replaces every real name in `text` (a shorthand for one text; build a [`Renamer`]
    /// once for many).
    pub fn apply(&self, text: &str) -> String {
        self.renamer().apply(text)
    }
}

/// A compiled mapping: names to find (folded) and what replaces them, longest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamer {
    /// (the name folded, the name as written, its replacement).
    pairs: Vec<(Vec<char>, String, String)>,
}

impl Renamer {
    /// Compiles (from, to) pairs; blank names are ignored.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Renamer {
        let mut pairs: Vec<(Vec<char>, String, String)> = pairs
            .into_iter()
            .filter(|(from, _)| !from.trim().is_empty())
            .map(|(from, to)| {
                (
                    from.chars().map(fold).collect(),
                    from.to_owned(),
                    to.to_owned(),
                )
            })
            .collect();
        // Longest first, so "Republic of Kazakhstan" wins over "Kazakhstan"; ties by text so
        // the result does not depend on the entries' order.
        pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        pairs.dedup_by(|a, b| a.0 == b.0);
        Renamer { pairs }
    }

    /// `text` with every name replaced, keeping the case of what was written where the
    /// replacement can (all capitals stay capitals, all lower case stays lower case).
    pub fn apply(&self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            match self.match_at(&chars, i) {
                Some((len, from, to)) => {
                    let written: String = chars[i..i + len].iter().collect();
                    out.push_str(&with_case_of(&written, from, to));
                    i += len;
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }

    /// The first name found in `text`, as written there.
    pub fn first_match(&self, text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len()).find_map(|i| {
            self.match_at(&chars, i)
                .map(|(len, _, _)| chars[i..i + len].iter().collect())
        })
    }

    /// The longest name starting at `i` on a word boundary: its length, the name as
    /// written in the mapping and its replacement.
    fn match_at(&self, chars: &[char], i: usize) -> Option<(usize, &str, &str)> {
        if i > 0 && chars[i - 1].is_alphanumeric() {
            return None;
        }
        self.pairs.iter().find_map(|(from, name, to)| {
            let end = i + from.len();
            let fits = end <= chars.len()
                && chars[i..end].iter().zip(from).all(|(c, f)| fold(*c) == *f)
                && chars.get(end).is_none_or(|c| !c.is_alphanumeric());
            fits.then_some((from.len(), name.as_str(), to.as_str()))
        })
    }
}

/// A character as matching sees it: lower case, `ё` as `е`.
pub(crate) fn fold(c: char) -> char {
    match c.to_lowercase().next().unwrap_or(c) {
        'ё' => 'е',
        l => l,
    }
}

/// A text as matching sees it.
pub(crate) fn fold_str(s: &str) -> String {
    s.trim().chars().map(fold).collect()
}

/// `to` in the case `written` shows where it differs from the mapping's `name`: all capitals,
/// all lower case; as `to` is written when the name was written as in the mapping (so an
/// abbreviation like `ОДКБ` does not make its replacement all capitals).
fn with_case_of(written: &str, name: &str, to: &str) -> String {
    let letters = || written.chars().filter(|c| c.is_alphabetic());
    let count = letters().count();
    if written == name {
        to.to_owned()
    } else if count > 1 && letters().all(char::is_uppercase) {
        to.to_uppercase()
    } else if count > 0 && letters().all(char::is_lowercase) {
        to.to_lowercase()
    } else {
        to.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: NameKind, real: (&str, &str), invented: (&str, &str)) -> FictitiousName {
        FictitiousName {
            kind,
            real: BilingualName {
                ru: real.0.into(),
                en: real.1.into(),
            },
            invented: BilingualName {
                ru: invented.0.into(),
                en: invented.1.into(),
            },
            forms: Vec::new(),
        }
    }

    fn mapping() -> NameMapping {
        let mut kaz = entry(
            NameKind::State,
            ("Казахстан", "Kazakhstan"),
            ("Северия", "Northland"),
        );
        kaz.forms = vec![
            NameForm {
                real: "Казахстана".into(),
                invented: "Северии".into(),
            },
            NameForm {
                real: "Республика Казахстан".into(),
                invented: "Республика Северия".into(),
            },
        ];
        NameMapping(vec![
            kaz,
            entry(
                NameKind::Organization,
                ("ОДКБ", "CSTO"),
                ("Организация Союз", "Union Organization"),
            ),
            entry(
                NameKind::Place,
                ("Иссык-Куль", "Issyk-Kul"),
                ("Озёрное", "Lakeside"),
            ),
        ])
    }

    #[test]
    fn names_are_replaced_in_both_languages_on_whole_words() {
        let r = mapping().renamer();
        let cases = [
            (
                "Troops of Kazakhstan crossed.",
                "Troops of Northland crossed.",
            ),
            ("Kazakhstani units", "Kazakhstani units"),
            ("KAZAKHSTAN ALERT", "NORTHLAND ALERT"),
            ("kazakhstan", "northland"),
            (
                "Войска Казахстана выдвинулись.",
                "Войска Северии выдвинулись.",
            ),
            ("Казахстанский батальон", "Казахстанский батальон"),
            ("Республика Казахстан просит", "Республика Северия просит"),
            (
                "силы ОДКБ у Иссык-Куля",
                "силы Организация Союз у Иссык-Куля",
            ),
            (
                "CSTO forces at Issyk-Kul.",
                "Union Organization forces at Lakeside.",
            ),
            ("(Kazakhstan)", "(Northland)"),
            ("", ""),
        ];
        for (text, want) in cases {
            assert_eq!(r.apply(text), want, "{text}");
        }
    }

    #[test]
    fn yo_and_ye_are_one_letter_and_replacement_is_one_pass() {
        let m = NameMapping(vec![entry(
            NameKind::Place,
            ("Озёрск", "Ozyorsk"),
            ("Лесной", "Forestville"),
        )]);
        assert_eq!(m.apply("в Озерск и Озёрск"), "в Лесной и Лесной");
        // The reverse mapping restores the real names.
        assert_eq!(
            mapping().reverse().apply("Войска Северии у Lakeside"),
            "Войска Казахстана у Issyk-Kul"
        );
    }

    #[test]
    fn a_good_mapping_passes() {
        assert_eq!(mapping().check("spec.scenario.names"), Ok(()));
    }

    #[test]
    fn mappings_that_leak_or_loop_are_refused() {
        let check = |m: NameMapping| m.check("names").unwrap_err().to_string();
        // A cycle: Kazakhstan becomes Belarus, and Belarus something else.
        let cycle = NameMapping(vec![
            entry(
                NameKind::State,
                ("Казахстан", "Kazakhstan"),
                ("Беларусь", "Belarus"),
            ),
            entry(
                NameKind::State,
                ("Беларусь", "Belarus"),
                ("Западия", "Westland"),
            ),
        ]);
        let e = check(cycle);
        assert!(
            e.contains("names[0].invented.ru") && e.contains("also a real name"),
            "{e}"
        );
        // An invented name that is itself a real one.
        let clash = NameMapping(vec![
            entry(
                NameKind::State,
                ("Казахстан", "Kazakhstan"),
                ("Северия", "Northland"),
            ),
            entry(
                NameKind::State,
                ("Киргизия", "Kyrgyzstan"),
                ("Казахстан", "Southland"),
            ),
        ]);
        let e = check(clash);
        assert!(
            e.contains("names[1].invented.ru") && e.contains("also a real name"),
            "{e}"
        );
        // An invented name containing a real name.
        let leak = NameMapping(vec![entry(
            NameKind::State,
            ("Казахстан", "Kazakhstan"),
            ("Новый Казахстан", "Northland"),
        )]);
        let e = check(leak);
        assert!(
            e.contains("names[0].invented.ru") && e.contains("Казахстан"),
            "{e}"
        );
        // One real name renamed two ways.
        let twice = NameMapping(vec![
            entry(
                NameKind::State,
                ("Казахстан", "Kazakhstan"),
                ("Северия", "Northland"),
            ),
            entry(
                NameKind::State,
                ("казахстан", "Kazakhstan"),
                ("Южия", "Southland"),
            ),
        ]);
        assert!(check(twice).contains("names[1].real.ru"));
        // Two real names renamed the same: the reverse would be ambiguous.
        let same = NameMapping(vec![
            entry(
                NameKind::State,
                ("Казахстан", "Kazakhstan"),
                ("Северия", "Northland"),
            ),
            entry(
                NameKind::State,
                ("Киргизия", "Kyrgyzstan"),
                ("Северия", "Northland"),
            ),
        ]);
        assert!(check(same).contains("already stands for"));
        // Blank names.
        let blank = NameMapping(vec![entry(
            NameKind::State,
            ("Казахстан", " "),
            ("Северия", "Northland"),
        )]);
        assert_eq!(check(blank), "names[0].real.en: must not be empty");
    }
}
