//! What the monitoring routes need besides the store: the taxonomy, the outlines that place a
//! report in its state and region, the partner organizations a report may come from, and the
//! name the centre signs its CAP alerts with. Built once when the state is made.

use crc_domain::monitoring::geography::Geography;
use crc_domain::monitoring::taxonomy::Taxonomy;
use crc_domain::reference::ReferenceData;
use crc_domain::DomainError;

/// The sender of the centre's CAP alerts and EDXL-DE envelopes.
pub const SENDER: &str = "crc@joint-staff";

/// Monitoring's fixed data.
pub struct Monitoring {
    /// Categories, corroboration and threat rules.
    pub taxonomy: Taxonomy,
    /// Outlines of the member states and neighbours, and the regions.
    pub geography: Geography,
    /// Keys of the partner organizations.
    pub partners: Vec<String>,
    /// The regions' keys and the member states' codes (the threat picture's scopes).
    pub regions: Vec<String>,
    /// The member states' codes.
    pub states: Vec<String>,
}

impl Monitoring {
    /// From the bundled reference data, taxonomy and outlines.
    pub fn bundled() -> Result<Monitoring, DomainError> {
        let reference = ReferenceData::bundled()?;
        Ok(Monitoring {
            taxonomy: Taxonomy::bundled()?,
            geography: Geography::bundled(&reference.regions)?,
            partners: reference.partners.iter().map(|p| p.key.clone()).collect(),
            regions: reference.regions.iter().map(|r| r.key.clone()).collect(),
            states: reference
                .states
                .iter()
                .map(|s| s.code.as_str().to_owned())
                .collect(),
        })
    }
}
