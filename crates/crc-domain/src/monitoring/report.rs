//! A report on the situation: what was observed, when and where, by which source, and how
//! reliable it is. Reports come from the states' authorized bodies, partner organizations, the
//! centre's own officers and hazard feeds.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::grade::Grade;
use super::place::Place;
use super::taxonomy::Taxonomy;
use crate::codes::StateCode;
use crate::crisis::workflow::{check_text, check_title, MAX_TITLE};
use crate::error::DomainError;
use crate::training::design::ExerciseMarking;

/// How far in the future a report's times may lie (clocks differ).
pub const CLOCK_SKEW_MINUTES: i64 = 10;
/// Most cited sources and attachments per report.
pub const MAX_LIST: usize = 50;

/// Who a report comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Source {
    /// An authorized body of a member state (`{"kind":"authorized_body","state":"KAZ",
    /// "body":"Ministry of Defence"}`).
    AuthorizedBody {
        /// The state.
        state: StateCode,
        /// The body.
        body: String,
    },
    /// A partner organization of the reference data (`cis_atc`).
    Partner {
        /// Its key.
        partner: String,
    },
    /// An officer of the centre.
    Centre {
        /// Who.
        officer: String,
    },
    /// An automated feed (`usgs`).
    Feed {
        /// Its name.
        feed: String,
    },
}

impl Source {
    /// The source's identity for corroboration: two reports confirm each other only if their
    /// keys differ (a body repeating itself is not a second source).
    pub fn key(&self) -> String {
        match self {
            Source::AuthorizedBody { state, body } => {
                format!("body:{}:{}", state.as_str(), body.trim().to_lowercase())
            }
            Source::Partner { partner } => format!("partner:{partner}"),
            Source::Centre { officer } => format!("centre:{}", officer.trim().to_lowercase()),
            Source::Feed { feed } => format!("feed:{feed}"),
        }
    }

    /// The state the source belongs to, if it is a state's body.
    pub fn state(&self) -> Option<&StateCode> {
        match self {
            Source::AuthorizedBody { state, .. } => Some(state),
            _ => None,
        }
    }
}

/// A file attached to a report (its bytes are kept by the storage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// File name.
    pub name: String,
    /// MIME type.
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
}

/// What a report says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSpec {
    /// When the reported thing was observed.
    pub observed_at: DateTime<Utc>,
    /// When the source reported it.
    pub reported_at: DateTime<Utc>,
    /// Where (GeoJSON point or polygon).
    pub place: Place,
    /// The place in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_name: Option<String>,
    /// A category of the taxonomy.
    pub category: String,
    /// The report in a line.
    pub title: String,
    /// The report.
    pub text: String,
    /// Who reports it.
    pub source: Source,
    /// The sources the reporter cites (witnesses, media, intercepts), in words.
    #[serde(default)]
    pub cited: Vec<String>,
    /// The Admiralty grade.
    pub grade: Grade,
    /// The exercise this report belongs to; never part of the real-world picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<ExerciseMarking>,
    /// The sender's own identifier (a CAP identifier, a feed's event id): the same sender
    /// and identifier twice is the same report, received again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Attached files.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

impl ReportSpec {
    /// Checks every field against the taxonomy, the partners of the reference data and the
    /// time now.
    pub fn check(
        &self,
        taxonomy: &Taxonomy,
        partners: &[String],
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        let latest = now + Duration::minutes(CLOCK_SKEW_MINUTES);
        if self.observed_at > latest {
            return Err(DomainError::invalid(
                "spec.observed_at",
                format!("{} is in the future", self.observed_at.to_rfc3339()),
            ));
        }
        if self.reported_at > latest {
            return Err(DomainError::invalid(
                "spec.reported_at",
                format!("{} is in the future", self.reported_at.to_rfc3339()),
            ));
        }
        if self.reported_at < self.observed_at {
            return Err(DomainError::invalid(
                "spec.reported_at",
                "a report cannot be made before what it reports was observed",
            ));
        }
        self.place.check("spec.place")?;
        if let Some(n) = &self.place_name {
            check_title("spec.place_name", n, MAX_TITLE)?;
        }
        if taxonomy.category(&self.category).is_none() {
            return Err(DomainError::invalid(
                "spec.category",
                format!(
                    "`{}` is not a category of the monitoring taxonomy",
                    self.category
                ),
            ));
        }
        check_title("spec.title", &self.title, MAX_TITLE)?;
        check_text("spec.text", &self.text, true)?;
        match &self.source {
            Source::AuthorizedBody { body, .. } => {
                check_title("spec.source.body", body, MAX_TITLE)?
            }
            Source::Partner { partner } => {
                if !partners.iter().any(|p| p == partner) {
                    return Err(DomainError::invalid(
                        "spec.source.partner",
                        format!("`{partner}` is not a partner organization of the reference data"),
                    ));
                }
            }
            Source::Centre { officer } => check_title("spec.source.officer", officer, 100)?,
            Source::Feed { feed } => check_title("spec.source.feed", feed, 100)?,
        }
        if self.cited.len() > MAX_LIST {
            return Err(DomainError::invalid(
                "spec.cited",
                format!("{} sources; at most {MAX_LIST}", self.cited.len()),
            ));
        }
        for (i, c) in self.cited.iter().enumerate() {
            check_title(&format!("spec.cited[{i}]"), c, MAX_TITLE)?;
        }
        if let Some(id) = &self.external_id {
            check_title("spec.external_id", id, 200)?;
        }
        if self.attachments.len() > MAX_LIST {
            return Err(DomainError::invalid(
                "spec.attachments",
                format!("{} files; at most {MAX_LIST}", self.attachments.len()),
            ));
        }
        for (i, a) in self.attachments.iter().enumerate() {
            let at = format!("spec.attachments[{i}]");
            check_title(&format!("{at}.name"), &a.name, 255)?;
            check_title(&format!("{at}.media_type"), &a.media_type, 100)?;
            if a.sha256.len() != 64 || !a.sha256.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(DomainError::invalid(
                    format!("{at}.sha256"),
                    "is not a SHA-256 in hex (64 characters)",
                ));
            }
        }
        Ok(())
    }

    /// The words search finds the report by: title, text, place name, cited sources and
    /// the category, stemmed as the lessons learned are (Russian and English).
    pub fn search_words(&self) -> Vec<String> {
        let mut w = crate::training::lessons::words(&format!(
            "{} {} {} {} {}",
            self.title,
            self.text,
            self.place_name.as_deref().unwrap_or(""),
            self.cited.join(" "),
            self.category.replace('_', " ")
        ));
        w.sort();
        w.dedup();
        w
    }
}
