//! The deployment planner: how contingents reach the host state in the shortest possible time.
//!
//! Pure and deterministic: no I/O, no clock. The same scenario, seed and effort give the same
//! plan; the caller owns time limits and progress display through [`Observer`]. The rules a plan
//! obeys are in `docs/planner.md`; [`validate`] checks them independently of the planner.

pub mod airfields;
pub mod error;
pub mod plan;
pub mod scenario;

pub use error::{PlanError, ScenarioError, Unreachable};
pub use plan::Plan;
pub use scenario::Scenario;

/// How hard the search works, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Seed of the search's random choices.
    pub seed: u64,
    /// Candidate plans to build after the first (0 = the constructive plan only).
    pub effort: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            effort: 2_000,
        }
    }
}

/// What the search reports while it runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Candidate plans built so far.
    pub candidates: u64,
    /// The effort the search will spend.
    pub effort: u64,
    /// Closure of the best plan so far (minute).
    pub best_closure: i64,
    /// The lower bound (minute).
    pub lower_bound: i64,
}

/// Whether the search goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Keep searching.
    Continue,
    /// Stop now and return the best plan so far.
    Stop,
}

/// Watches the search: called after every batch of candidates. Must be callable from several
/// threads.
pub trait Observer: Sync {
    /// Report progress; return [`Control::Stop`] to end the search with the best plan so far.
    fn progress(&self, progress: &Progress) -> Control;
}

/// An observer that never stops the search.
pub struct Quiet;

impl Observer for Quiet {
    fn progress(&self, _: &Progress) -> Control {
        Control::Continue
    }
}
