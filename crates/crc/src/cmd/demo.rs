//! Demonstration data: contingents for every state and one account per role, for a fresh
//! install to have something to show. Marked `demo`; `crc demo remove` takes it away.

use std::path::Path;

use anyhow::Context;
use crc_domain::identity::{Role, Username};
use crc_domain::StateCode;
use crc_storage::{NewUser, Store};

use crate::cmd::CLI_ACTOR;
use crate::config::{open_store, Config};

/// The demo accounts: (username, display name, role, state).
const ACCOUNTS: &[(&str, &str, Role, Option<&str>)] = &[
    ("admin", "Administrator", Role::Administrator, None),
    ("duty", "CRC duty officer", Role::DutyOfficer, None),
    ("planner", "Joint Staff planner", Role::Planner, None),
    ("observer", "Observer", Role::Observer, None),
    (
        "lo.arm",
        "Liaison officer, Armenia",
        Role::LiaisonOfficer,
        Some("ARM"),
    ),
    (
        "lo.blr",
        "Liaison officer, Belarus",
        Role::LiaisonOfficer,
        Some("BLR"),
    ),
    (
        "lo.kaz",
        "Liaison officer, Kazakhstan",
        Role::LiaisonOfficer,
        Some("KAZ"),
    ),
    (
        "lo.kgz",
        "Liaison officer, Kyrgyzstan",
        Role::LiaisonOfficer,
        Some("KGZ"),
    ),
    (
        "lo.rus",
        "Liaison officer, Russia",
        Role::LiaisonOfficer,
        Some("RUS"),
    ),
    (
        "lo.tjk",
        "Liaison officer, Tajikistan",
        Role::LiaisonOfficer,
        Some("TJK"),
    ),
];

/// Loads the demo contingents and, where missing, the demo accounts. The accounts share
/// one random password, kept (mode 0600) in `demo-credentials.txt` in the data folder.
/// Returns the password.
pub async fn load_into(store: &Store, data_dir: &Path) -> anyhow::Result<String> {
    let drafts = crc_domain::demo::parse(crc_domain::demo::BUNDLED)
        .context("the bundled demonstration data")?;
    let added = store.load_demo(CLI_ACTOR, &drafts).await?;
    if added > 0 {
        tracing::info!(added, "demonstration contingents loaded");
    }
    let cred = data_dir.join("demo-credentials.txt");
    let password = match std::fs::read_to_string(&cred) {
        Ok(p) if !p.trim().is_empty() => p.trim().to_owned(),
        _ => {
            std::fs::create_dir_all(data_dir)?;
            let p = crc_server::auth::random_secret()[..20].to_owned();
            write_private(&cred, &p)?;
            p
        }
    };
    let existing: Vec<String> = store
        .list_users()
        .await?
        .into_iter()
        .map(|u| u.username)
        .collect();
    let mut hash = None;
    for (name, display, role, state) in ACCOUNTS {
        if existing.iter().any(|e| e == name) {
            continue;
        }
        if hash.is_none() {
            hash = Some(
                crc_server::auth::hash_password(&password).map_err(|e| anyhow::anyhow!("{e:?}"))?,
            );
        }
        store
            .create_user(
                CLI_ACTOR,
                &NewUser {
                    username: Username::parse(name)?,
                    display_name: format!("{display} (demo)"),
                    role: *role,
                    state: state.map(StateCode::parse).transpose()?,
                    locale: "en".into(),
                    password_hash: hash.clone().unwrap_or_default(),
                },
            )
            .await?;
    }
    Ok(password)
}

fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(path)
            .with_context(|| format!("writing {}", path.display()))?;
        f.write_all(text.as_bytes())?;
        Ok(())
    }
    #[cfg(not(unix))]
    {
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
    }
}

/// `crc demo load`.
pub async fn load(c: &Config) -> anyhow::Result<()> {
    let store = open_store(c).await?;
    let data = crc_domain::reference::ReferenceData::bundled()?;
    store.load_reference(CLI_ACTOR, &data).await?;
    let p = load_into(&store, &c.data_dir()).await?;
    store.close().await;
    println!("demonstration data loaded; demo accounts use the password {p}");
    Ok(())
}

/// `crc demo remove`: removes the demonstration contingents (the demo accounts are disabled).
pub async fn remove(c: &Config) -> anyhow::Result<()> {
    let store = open_store(c).await?;
    let n = store.remove_demo(CLI_ACTOR).await?;
    let mut disabled = 0;
    for u in store.list_users().await? {
        if u.display_name.ends_with("(demo)") && !u.disabled {
            store.set_disabled(CLI_ACTOR, &u.username, true).await?;
            disabled += 1;
        }
    }
    store.close().await;
    println!("removed {n} demonstration contingents and disabled {disabled} demo accounts");
    Ok(())
}
