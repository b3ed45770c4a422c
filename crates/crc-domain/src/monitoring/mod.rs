//! Situation monitoring (docs/monitoring.md): reports on the politico-military situation from
//! the states' authorized bodies, partner organizations, the centre's officers and hazard
//! feeds; their reliability; events and threat levels; alerts exchanged as CAP 1.2 in EDXL-DE.
//!
//! `taxonomy` (the categories, corroboration and threat rules of `reference/monitoring.toml`),
//! `grade` (the Admiralty code), `place` (points and areas as GeoJSON geometries), `geography`
//! (the state and region of a place), `report` (what a report says and its checks),
//! `corroboration` (suggested pairs, an event's credibility), `threat` (levels, trends,
//! alerts and proposed operating modes), `cap` and `cap_read` (CAP 1.2), `edxl` (EDXL-DE 1.0),
//! `usgs` (the USGS earthquake GeoJSON feed as reports).

pub mod access;
pub mod cap;
pub mod cap_map;
pub mod cap_read;
pub mod corroboration;
pub mod edxl;
pub mod geography;
pub mod grade;
pub mod place;
pub mod report;
pub mod taxonomy;
pub mod threat;
pub mod usgs;
