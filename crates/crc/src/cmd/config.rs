//! `crc config default|show`.

use crate::config::{default_toml, Config};

/// Prints the default configuration file.
pub fn default() {
    print!("{}", default_toml());
}

/// Prints the effective configuration, secrets redacted.
pub fn show(c: &Config) -> anyhow::Result<()> {
    print!("{}", toml_string(c)?);
    Ok(())
}

fn toml_string(c: &Config) -> anyhow::Result<String> {
    Ok(toml::to_string(c)?)
}
