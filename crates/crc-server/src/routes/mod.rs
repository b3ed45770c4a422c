//! The API's handlers, one file per resource.

pub mod audit;
pub mod contingents;
pub mod crisis;
pub mod crisis_reports;
pub mod events;
pub mod health;
pub mod monitoring;
pub mod monitoring_exchange;
pub mod ogc;
pub mod plans;
pub mod reference;
pub mod session;
pub mod training;
pub mod training_designs;
pub mod training_follow_up;
pub mod training_runs;
pub mod users;
