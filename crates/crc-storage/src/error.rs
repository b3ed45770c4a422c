//! Storage errors: the variants callers branch on. Driver details stay inside `Database`
//! and are logged, never shown to a client.

use crc_domain::contingent::Contingent;
use thiserror::Error;

/// A storage operation failed.
#[derive(Debug, Error)]
pub enum StorageError {
    /// No such record (or not releasable to the viewer, which must look the same).
    #[error("{0} not found")]
    NotFound(String),
    /// The record changed since the caller read it.
    #[error("version conflict: expected version {expected}, the record is at version {}", current.version)]
    VersionConflict {
        /// The version the caller had.
        expected: i64,
        /// The record as it is now.
        current: Box<Contingent>,
    },
    /// The crisis record changed since the caller read it.
    #[error("version conflict: expected version {expected}, the record is at version {}", current.version)]
    CrisisConflict {
        /// The version the caller had.
        expected: i64,
        /// The record as it is now.
        current: Box<crate::crisis_model::CrisisRecord>,
    },
    /// A training exercise or year plan changed since the caller read it.
    #[error("version conflict: {what} is at version {current}, not {expected}")]
    Stale {
        /// The record (`exercise interaction_2025`, `year plan 3`).
        what: String,
        /// The version the caller had.
        expected: i64,
        /// The version it is at.
        current: i64,
    },
    /// A uniqueness rule was broken.
    #[error("{0}")]
    Duplicate(String),
    /// A value refers to something that does not exist, or breaks a rule.
    #[error(transparent)]
    Domain(#[from] crc_domain::DomainError),
    /// The database holds a schema newer than this build knows.
    #[error("the database schema is at version {found}, newer than this crc knows ({known}); upgrade crc")]
    SchemaTooNew {
        /// Version found.
        found: i64,
        /// Newest version known here.
        known: i64,
    },
    /// The database is not empty where it must be (import).
    #[error("{0}")]
    NotEmpty(String),
    /// The database URL is not one crc can use.
    #[error("unsupported database URL `{0}` (use sqlite://PATH or postgres://...)")]
    UnsupportedUrl(String),
    /// A stored value could not be read back.
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Migrations failed.
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Shorthand.
pub type Result<T, E = StorageError> = std::result::Result<T, E>;
