//! Lessons learned: what an observation teaches, kept searchable across exercises and linked
//! to the year or exercise of the training plan where it is to be applied.
//!
//! Search is a plain scoring of words, in Russian and English alike: texts are split into
//! words, lower-cased (`ё` read as `е`), and common endings are cut (Russian case and number
//! endings, English `-s`, `-es`, `-ed`, `-ing`), so `учения`, `учений` and `учениям` match, and
//! so do `delay`, `delays` and `delayed`. A storage may later use its full-text search; this
//! is the reference it is held to.

use serde::{Deserialize, Serialize};

use super::design::ExerciseMarking;
use super::evaluation::Observation;
use super::names::fold;
use crate::crisis::workflow::{check_len, check_text, check_title, MAX_TITLE};
use crate::error::DomainError;

/// Where in the training plan a lesson is to be applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanLink {
    /// The plan's year.
    pub year: i32,
    /// The planned exercise (its name in the plan), if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
}

/// A lesson learned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The lesson in a line.
    pub title: String,
    /// What was observed.
    pub observation: String,
    /// What to do next time.
    pub recommendation: String,
    /// Keywords.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The exercise it was learned in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<ExerciseMarking>,
    /// Where it is to be applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<PlanLink>,
}

impl Lesson {
    /// A lesson drawn from an observation of `exercise`: the observation's text, its
    /// objective as a tag.
    pub fn from_observation(
        exercise: &ExerciseMarking,
        o: &Observation,
        title: &str,
        recommendation: &str,
    ) -> Lesson {
        Lesson {
            title: title.to_owned(),
            observation: o.spec.text.clone(),
            recommendation: recommendation.to_owned(),
            tags: vec![o.spec.objective.to_string()],
            exercise: Some(exercise.clone()),
            applies_to: None,
        }
    }

    /// Checks every field.
    pub fn check(&self) -> Result<(), DomainError> {
        check_title("spec.title", &self.title, MAX_TITLE)?;
        check_text("spec.observation", &self.observation, true)?;
        check_text("spec.recommendation", &self.recommendation, true)?;
        check_len("spec.tags", &self.tags, 0)?;
        for (i, t) in self.tags.iter().enumerate() {
            check_title(&format!("spec.tags[{i}]"), t, 100)?;
        }
        if let Some(link) = &self.applies_to {
            if !(2000..=2100).contains(&link.year) {
                return Err(DomainError::invalid(
                    "spec.applies_to.year",
                    format!("{} is not a plan year (2000 to 2100)", link.year),
                ));
            }
            if let Some(e) = &link.exercise {
                check_title("spec.applies_to.exercise", e, MAX_TITLE)?;
            }
        }
        Ok(())
    }

    /// How well the lesson matches `query`: `None` if no word matches, else the number of
    /// the query's words found and a score weighting where (title 3, tags 2, texts 1).
    pub fn score(&self, query: &str) -> Option<(usize, u32)> {
        let title = words(&self.title);
        let tags = words(&self.tags.join(" "));
        let texts = words(&format!("{} {}", self.observation, self.recommendation));
        let mut q = words(query);
        q.sort();
        q.dedup();
        let (mut found, mut score) = (0, 0);
        for w in &q {
            let weight = if title.contains(w) {
                3
            } else if tags.contains(w) {
                2
            } else if texts.contains(w) {
                1
            } else {
                continue;
            };
            found += 1;
            score += weight;
        }
        (found > 0).then_some((found, score))
    }
}

/// The lessons matching `query`, best first (more words found, then a higher score, then
/// the order given), as indexes into `lessons`.
pub fn search(lessons: &[Lesson], query: &str) -> Vec<usize> {
    let mut hits: Vec<(usize, (usize, u32))> = lessons
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.score(query).map(|s| (i, s)))
        .collect();
    hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    hits.into_iter().map(|(i, _)| i).collect()
}

/// The lessons to be applied in `year` (and, if given, in that planned exercise).
pub fn for_plan<'a>(lessons: &'a [Lesson], year: i32, exercise: Option<&str>) -> Vec<&'a Lesson> {
    lessons
        .iter()
        .filter(|l| {
            l.applies_to.as_ref().is_some_and(|a| {
                a.year == year && exercise.is_none_or(|e| a.exercise.as_deref() == Some(e))
            })
        })
        .collect()
}

/// Russian endings, longest first, cut when at least three letters remain.
const RU_ENDINGS: &[&str] = &[
    "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "иях", "иям", "ией", "ия",
    "ие", "ии", "ий", "ью", "ях", "ах", "ов", "ев", "ей", "ой", "ый", "ая", "яя", "ое", "ее", "ые",
    "ую", "юю", "ом", "ем", "ам", "ям", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
];

/// English endings, longest first, cut when at least three letters remain.
const EN_ENDINGS: &[&str] = &["ing", "es", "ed", "s"];

/// A text's words as search compares them.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| stem(&w.chars().map(fold).collect::<String>()))
        .collect()
}

/// A folded word without its ending.
fn stem(w: &str) -> String {
    let cyrillic = w.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c));
    let endings = if cyrillic { RU_ENDINGS } else { EN_ENDINGS };
    for e in endings {
        if let Some(base) = w.strip_suffix(e) {
            if base.chars().count() >= 3 {
                return base.to_owned();
            }
        }
    }
    w.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(title: &str, observation: &str, tags: &[&str]) -> Lesson {
        Lesson {
            title: title.into(),
            observation: observation.into(),
            recommendation: "Rehearse before the exercise.".into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            exercise: None,
            applies_to: None,
        }
    }

    fn lessons() -> Vec<Lesson> {
        vec![
            lesson(
                "Связь с контингентами",
                "Связь с батальоном Казахстана терялась на учениях.",
                &["связь"],
            ),
            lesson(
                "Delayed situation reports",
                "Reports reached the Joint Staff with delays of 3 hours.",
                &["reporting"],
            ),
            lesson(
                "Учения по логистике",
                "Colonel Ёлкин: fuel delivery was delayed at the railhead.",
                &["logistics"],
            ),
        ]
    }

    #[test]
    fn words_are_folded_and_endings_cut() {
        assert_eq!(words("Учения, учений; УЧЕНИЯМ!"), ["учен", "учен", "учен"]);
        assert_eq!(words("delay delays delayed DELAYING"), ["delay"; 4]);
        assert_eq!(words("Ёлкин ёлкин Елкин"), ["елкин"; 3]);
        // Short words keep their endings rather than vanish.
        assert_eq!(words("is as ос"), ["is", "as", "ос"]);
    }

    #[test]
    fn search_finds_across_languages_and_forms_best_first() {
        let l = lessons();
        assert_eq!(search(&l, "учения"), [2, 0]);
        assert_eq!(search(&l, "СВЯЗИ"), [0]);
        assert_eq!(search(&l, "delay"), [1, 2]);
        assert_eq!(search(&l, "delayed fuel"), [2, 1]);
        assert_eq!(search(&l, "елкин"), [2]);
        assert_eq!(search(&l, "weather"), Vec::<usize>::new());
        assert_eq!(search(&l, ""), Vec::<usize>::new());
    }

    #[test]
    fn lessons_link_to_a_plan_year_or_exercise() {
        let mut l = lessons();
        l[0].applies_to = Some(PlanLink {
            year: 2026,
            exercise: Some("Interaction-2026".into()),
        });
        l[1].applies_to = Some(PlanLink {
            year: 2026,
            exercise: None,
        });
        assert_eq!(for_plan(&l, 2026, None).len(), 2);
        assert_eq!(for_plan(&l, 2026, Some("Interaction-2026")), [&l[0]]);
        assert!(for_plan(&l, 2025, None).is_empty());
        assert_eq!(l[0].check(), Ok(()));
        l[1].applies_to = Some(PlanLink {
            year: 26,
            exercise: None,
        });
        assert_eq!(
            l[1].check().unwrap_err().to_string(),
            "spec.applies_to.year: 26 is not a plan year (2000 to 2100)"
        );
    }
}
