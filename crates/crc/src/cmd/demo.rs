//! Demonstration data: contingents for every state, one account per role and the worked
//! historical example of the crisis chain (the January 2022 operation), for a fresh install
//! to have something to show. Marked `demo`; `crc demo remove` takes it away.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use crc_domain::contingent::ContingentQuery;
use crc_domain::crisis::{access, Kind};
use crc_domain::demo_crisis::{Action, Example};
use crc_domain::identity::{Principal, Role, Username, Viewer};
use crc_domain::StateCode;
use crc_storage::{CrisisActor, CrisisQuery, ExerciseFilter, NewCrisisRecord, NewUser, Store};

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
    let records = load_crisis_example(store).await?;
    if records > 0 {
        tracing::info!(records, "worked crisis example loaded");
    }
    Ok(password)
}

/// The demo account `name` as a principal (its role and state), for the access rules.
pub fn demo_principal(name: &str) -> Option<Principal> {
    ACCOUNTS
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|(n, _, role, state)| Principal {
            user_id: 0,
            username: (*n).to_owned(),
            role: *role,
            state: state.map(|s| StateCode::parse(s).expect("a valid demo state")),
        })
}

/// Loads the worked example of the crisis chain unless a demonstration request is already
/// there, step by step through the store's workflows (each step authorized for its demo
/// account as the server would), so every record has its audit and journal entries.
/// Returns how many records it created.
pub async fn load_crisis_example(store: &Store) -> anyhow::Result<usize> {
    let requests = store
        .list_crisis_records(
            &Viewer::System,
            &CrisisQuery {
                kind: Some(Kind::Request),
                exercise: ExerciseFilter::All,
                limit: 500,
                ..CrisisQuery::default()
            },
        )
        .await?;
    if requests.items.iter().any(|r| r.demo) {
        return Ok(0);
    }
    let example = crc_domain::demo_crisis::parse(crc_domain::demo_crisis::BUNDLED)
        .context("the bundled crisis example")?;
    run_example(store, &example).await
}

async fn run_example(store: &Store, example: &Example) -> anyhow::Result<usize> {
    let register = store
        .list_contingents(
            &Viewer::System,
            &ContingentQuery {
                demo: Some(true),
                limit: crc_domain::contingent::MAX_LIMIT,
                ..ContingentQuery::default()
            },
        )
        .await?
        .items;
    let mut ids: HashMap<&str, i64> = HashMap::new();
    let mut created = 0;
    for (i, step) in example.steps.iter().enumerate() {
        let p = demo_principal(&step.actor)
            .with_context(|| format!("crisis example step {i}: no demo account {}", step.actor))?;
        let viewer = Viewer::of(&p);
        let actor = CrisisActor {
            name: &p.username,
            state: p.state.as_ref(),
            viewer: &viewer,
        };
        match &step.action {
            Action::Create {
                key,
                spec,
                parent,
                releasability,
                contingent,
            } => {
                let mut spec = spec.clone();
                if let Some(c) = contingent {
                    let id = register
                        .iter()
                        .find(|r| r.draft.state == c.state && r.draft.name == c.name)
                        .map(|r| r.id)
                        .with_context(|| {
                            format!(
                                "crisis example step {i}: no demonstration contingent {} of {}",
                                c.name, c.state
                            )
                        })?;
                    spec.set_contingent(id);
                }
                let parent = parent.as_deref().map(|k| ids[k]);
                let rec = store
                    .create_crisis_record(
                        &actor,
                        NewCrisisRecord {
                            spec,
                            parent,
                            exercise: None,
                            releasability: releasability.clone(),
                            demo: true,
                        },
                        |spec| access::may_create(&p, spec),
                    )
                    .await
                    .with_context(|| format!("crisis example step {i}: creating `{key}`"))?;
                ids.insert(key.as_str(), rec.id);
                created += 1;
            }
            Action::Command { key, command } => {
                store
                    .command_crisis_record(&actor, ids[key.as_str()], None, command, |spec, c| {
                        access::may_command(&p, spec, c)
                    })
                    .await
                    .with_context(|| {
                        format!(
                            "crisis example step {i}: {} `{key}`",
                            command.name().replace('_', " ")
                        )
                    })?;
            }
        }
    }
    Ok(created)
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

/// `crc demo remove`: removes the demonstration contingents and the worked crisis example
/// (the demo accounts are disabled).
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
    println!(
        "removed {n} demonstration records (contingents and the worked crisis example) and disabled {disabled} demo accounts"
    );
    Ok(())
}
