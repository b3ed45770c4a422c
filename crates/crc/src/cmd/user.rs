//! `crc user add|list|set-password|disable|enable|token`.

use std::io::BufRead;

use anyhow::{bail, Context};
use crc_domain::identity::{check_password, check_role_state, Role, Username};
use crc_domain::StateCode;
use crc_storage::NewUser;

use crate::cmd::CLI_ACTOR;
use crate::config::{open_store, Config};

/// Reads a new password: the first line of standard input with `--password-stdin`, else a
/// hidden prompt asked twice.
fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    let p = if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        let a = rpassword::prompt_password("New password: ")?;
        let b = rpassword::prompt_password("Repeat it: ")?;
        if a != b {
            bail!("the two passwords differ");
        }
        a
    };
    check_password(&p)?;
    Ok(p)
}

fn hash(p: &str) -> anyhow::Result<String> {
    crc_server::auth::hash_password(p).map_err(|e| anyhow::anyhow!("hashing the password: {e:?}"))
}

/// Adds a user.
pub async fn add(
    c: &Config,
    username: &str,
    role: &str,
    state: Option<&str>,
    display_name: Option<&str>,
    locale: &str,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let username = Username::parse(username)?;
    let role: Role = role.parse()?;
    let state = state.map(StateCode::parse).transpose()?;
    check_role_state(role, state.as_ref())?;
    if !matches!(locale, "en" | "ru") {
        bail!("locale must be `en` or `ru`");
    }
    let password = read_password(password_stdin)?;
    let store = open_store(c).await?;
    let u = store
        .create_user(
            CLI_ACTOR,
            &NewUser {
                display_name: display_name.unwrap_or(username.as_str()).to_owned(),
                username,
                role,
                state,
                locale: locale.to_owned(),
                password_hash: hash(&password)?,
            },
        )
        .await?;
    store.close().await;
    println!(
        "added {} ({}{})",
        u.username,
        u.role,
        u.state.map(|s| format!(", {s}")).unwrap_or_default()
    );
    Ok(())
}

/// Lists users.
pub async fn list(c: &Config) -> anyhow::Result<()> {
    let store = open_store(c).await?;
    let users = store.list_users().await?;
    store.close().await;
    println!(
        "{:<20} {:<16} {:<6} {:<8} NAME",
        "USERNAME", "ROLE", "STATE", "STATUS"
    );
    for u in users {
        println!(
            "{:<20} {:<16} {:<6} {:<8} {}",
            u.username,
            u.role.as_str(),
            u.state.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
            if u.disabled { "disabled" } else { "active" },
            u.display_name
        );
    }
    Ok(())
}

/// Sets a password (ends the user's sessions).
pub async fn set_password(c: &Config, username: &str, password_stdin: bool) -> anyhow::Result<()> {
    let password = read_password(password_stdin)?;
    let store = open_store(c).await?;
    let r = store
        .set_password(CLI_ACTOR, username, &hash(&password)?)
        .await;
    store.close().await;
    r.with_context(|| format!("setting the password of {username}"))?;
    println!("password of {username} changed; their sessions were ended");
    Ok(())
}

/// Disables or enables a user.
pub async fn set_disabled(c: &Config, username: &str, disabled: bool) -> anyhow::Result<()> {
    let store = open_store(c).await?;
    let r = store.set_disabled(CLI_ACTOR, username, disabled).await;
    store.close().await;
    r.with_context(|| format!("changing {username}"))?;
    println!(
        "{username} {}",
        if disabled { "disabled" } else { "enabled" }
    );
    Ok(())
}

/// Issues an API token for a user and prints its secret once.
pub async fn token(
    c: &Config,
    username: &str,
    name: &str,
    days: Option<i64>,
) -> anyhow::Result<()> {
    let store = open_store(c).await?;
    let u = store
        .user_for_login(username)
        .await?
        .with_context(|| format!("no user {username}"))?;
    let secret = format!(
        "{}{}",
        crc_server::auth::TOKEN_PREFIX,
        crc_server::auth::random_secret()
    );
    let expires = days.map(|d| chrono::Utc::now() + chrono::Duration::days(d));
    store
        .create_api_token(
            CLI_ACTOR,
            u.user.id,
            name,
            &crc_server::auth::secret_hash(&secret),
            expires,
        )
        .await?;
    store.close().await;
    println!("{secret}");
    Ok(())
}
