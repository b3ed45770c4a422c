//! Errors of the domain: what is wrong with an input, and where.

use thiserror::Error;

/// A domain rule refused an input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// A value is malformed or out of range; `field` says where.
    #[error("{field}: {message}")]
    Invalid {
        /// The field or path that is wrong.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The caller may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// A workflow refused a step: the record's kind and state, the command, and why.
    #[error(
        "cannot {} {} {kind} that is {state}: {reason}",
        phrase(command),
        article(kind)
    )]
    Transition {
        /// The kind of record (`request`, `decision`, ...).
        kind: String,
        /// Its state when the command came.
        state: String,
        /// The command refused.
        command: String,
        /// Why.
        reason: String,
    },
}

impl DomainError {
    /// Shorthand for [`DomainError::Invalid`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        DomainError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// "a" or "an" before a kind's name.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A command's name as a verb phrase before the record's kind.
fn phrase(command: &str) -> &str {
    match command {
        "record position" => "record a position on",
        "begin deployment" => "begin the deployment of",
        "begin execution" => "begin the execution of",
        "begin withdrawal" => "begin the withdrawal of",
        "stand down" => "stand down",
        other => other,
    }
}
