//! One module per subcommand.

pub mod audit;
pub mod config;
pub mod crisis;
pub mod demo;
pub mod exercise;
pub mod exercise_conduct;
pub mod migrate;
pub mod monitor;
pub mod plan;
pub mod plan_airfields;
pub mod reference;
pub mod serve;
pub mod transfer;
pub mod user;

/// The audit actor of commands run from the command line.
pub const CLI_ACTOR: &str = "cli";
