//! `crc migrate`: create or upgrade the database schema.

use crate::config::{open_store, Config};

/// Runs the migrations and reports the schema version.
pub async fn run(c: &Config) -> anyhow::Result<()> {
    let store = open_store(c).await?;
    println!(
        "database ({}) is at schema version {}",
        store.backend_name(),
        store.schema_version().await?
    );
    store.close().await;
    Ok(())
}
