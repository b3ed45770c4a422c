//! `crc audit verify`.

use crate::config::{open_store, Config};

/// Walks the chain; returns false (exit 1) when any entry was altered or removed.
pub async fn verify(c: &Config) -> anyhow::Result<bool> {
    let store = open_store(c).await?;
    let r = store.verify_audit().await?;
    store.close().await;
    if r.problems.is_empty() {
        println!("audit chain intact: {} entries verified", r.entries);
        Ok(true)
    } else {
        println!(
            "audit chain BROKEN: {} problem(s) in {} entries",
            r.problems.len(),
            r.entries
        );
        for p in &r.problems {
            println!("  - {p}");
        }
        Ok(false)
    }
}
