//! `crc export` and `crc import`: the whole database to and from one JSON file.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use crc_storage::ExportDocument;

use crate::config::{open_store, Config};

/// Writes the database to `output` (or standard output).
pub async fn export(c: &Config, output: Option<&Path>) -> anyhow::Result<()> {
    let store = open_store(c).await?;
    let doc = store.export().await?;
    store.close().await;
    let text = serde_json::to_string_pretty(&doc)?;
    match output {
        Some(p) => {
            // Write beside, then rename: a failed export never leaves half a file.
            let tmp = p.with_extension("partial");
            std::fs::write(&tmp, text.as_bytes())
                .with_context(|| format!("writing {}", tmp.display()))?;
            std::fs::rename(&tmp, p).with_context(|| format!("writing {}", p.display()))?;
            eprintln!(
                "exported {} users, {} contingents, {} reference records, {} audit entries to {}",
                doc.users.len(),
                doc.contingents.len(),
                doc.reference.len(),
                doc.audit.len(),
                p.display()
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// Restores a file into an empty database, all or nothing.
pub async fn import(c: &Config, input: &Path) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(input).with_context(|| format!("reading {}", input.display()))?;
    let doc: ExportDocument = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a crc export", input.display()))?;
    let store = open_store(c).await?;
    let r = store.import(&doc).await;
    store.close().await;
    r.with_context(|| format!("importing {}", input.display()))?;
    eprintln!(
        "imported {} users, {} contingents, {} reference records, {} audit entries",
        doc.users.len(),
        doc.contingents.len(),
        doc.reference.len(),
        doc.audit.len()
    );
    Ok(())
}
