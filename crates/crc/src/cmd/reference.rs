//! `crc reference load [--file PATH]`: the organization's reference data, then the bundled
//! catalogue of joint training.

use std::path::Path;

use anyhow::Context;
use crc_domain::reference::{LoadReport, ReferenceData};

use crate::cmd::CLI_ACTOR;
use crate::config::{open_store, Config};

/// Prints what a load changed.
pub fn print_report(r: &LoadReport) {
    println!(
        "reference data: {} inserted, {} updated, {} unchanged",
        r.inserted.len(),
        r.updated.len(),
        r.unchanged
    );
    for i in &r.inserted {
        println!("  + {i}");
    }
    for u in &r.updated {
        println!("  ~ {u}");
    }
    if !r.not_in_file.is_empty() {
        println!(
            "  {} stored records are not in the file and were kept: {}",
            r.not_in_file.len(),
            r.not_in_file.join(", ")
        );
    }
}

/// Loads the bundled reference data or a file.
pub async fn load(c: &Config, file: Option<&Path>) -> anyhow::Result<()> {
    let data = match file {
        Some(p) => {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            ReferenceData::parse(&text).with_context(|| format!("in {}", p.display()))?
        }
        None => ReferenceData::bundled().context("the bundled reference data")?,
    };
    let store = open_store(c).await?;
    let done = async {
        let r = store.load_reference(CLI_ACTOR, &data).await?;
        print_report(&r);
        // The catalogue of joint training is reference data too, bundled like the file's.
        let t = crate::cmd::exercise::load_catalogue(&store).await?;
        crate::cmd::exercise::print_load_report(&t);
        anyhow::Ok(())
    }
    .await;
    store.close().await;
    done
}
