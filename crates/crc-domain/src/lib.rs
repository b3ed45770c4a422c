//! The crisis response centre's domain: the organization's reference data, national
//! contingents, identities and roles, releasability, authorization rules and the audit chain.
//!
//! Invariant: this crate does no I/O. No database driver, no HTTP, no async runtime appears in
//! its dependency tree (CI checks it), so every rule here is testable as a plain function.

pub mod audit;
pub mod codes;
pub mod contingent;
pub mod crisis;
pub mod demo;
pub mod demo_crisis;
pub mod error;
pub mod identity;
pub mod monitoring;
pub mod policy;
pub mod reference;
pub mod releasability;
pub mod training;

pub use codes::{PartialDate, StateCode};
pub use error::DomainError;
