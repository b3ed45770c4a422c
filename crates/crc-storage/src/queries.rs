// The SQL shared by both backends. This file is `include!`d into `sqlite.rs` and
// `postgres.rs`, each of which defines `Db`, `Backend` (with `reader` and `writer` pools),
// `FOR_UPDATE`, `COLLATE_C` and `lock_chain`. Both databases accept `$n` placeholders, so one
// text serves both, and the contract suite holds both to the same behaviour. (A generic
// function over `sqlx::Database` would need a wall of higher-ranked bounds per query; this
// keeps the SQL readable and checked twice by the compiler.)

use std::collections::BTreeMap;

use chrono::{DateTime, SubsecRound, Utc};
use crc_domain::audit::{AuditEntry, AuditEvent, ChainVerifier, GENESIS};
use crc_domain::codes::StateCode;
use crc_domain::contingent::{
    Contingent, ContingentDraft, ContingentQuery, ContingentSort, Coordinates, HomeStation,
};
use crc_domain::identity::Viewer;
use crc_domain::reference::{LoadReport, ReferenceData, ReferenceKind};
use crc_domain::releasability::Releasability;
use crc_domain::DomainError;
use sqlx::{QueryBuilder, Row, Transaction};

use crate::error::{Result, StorageError};
use crate::model::*;

/// Timestamps are kept to the microsecond so both backends store them identically.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

fn at_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(format!("{what}: {e}"))
}

fn json<T: serde::Serialize>(v: &T) -> String {
    // Plain data structs always serialize.
    serde_json::to_string(v).unwrap_or_default()
}

const USER_COLUMNS: &str =
    "id, username, display_name, role, state, locale, disabled, created_at, updated_at";

fn user_from_row(r: &<Db as sqlx::Database>::Row) -> Result<User> {
    let role: String = r.try_get("role")?;
    let state: Option<String> = r.try_get("state")?;
    Ok(User {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        role: role.parse().map_err(|e| corrupt("users.role", e))?,
        state: state
            .map(|s| StateCode::parse(&s))
            .transpose()
            .map_err(|e| corrupt("users.state", e))?,
        locale: r.try_get("locale")?,
        disabled: r.try_get("disabled")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

const CONTINGENT_COLUMNS: &str = "c.id, c.state, c.component, c.name, c.station_name, c.lat, c.lon, \
     c.personnel, c.equipment, c.readiness, c.notes, c.releasability, c.release_to, c.demo, \
     c.version, c.created_at, c.updated_at";

fn contingent_from_row(r: &<Db as sqlx::Database>::Row) -> Result<Contingent> {
    let state: String = r.try_get("state")?;
    let readiness: String = r.try_get("readiness")?;
    let label: String = r.try_get("releasability")?;
    let release_to: String = r.try_get("release_to")?;
    let states = release_to
        .split(',')
        .filter(|s| !s.is_empty())
        .map(StateCode::parse)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| corrupt("contingents.release_to", e))?;
    Ok(Contingent {
        id: r.try_get("id")?,
        draft: ContingentDraft {
            state: StateCode::parse(&state).map_err(|e| corrupt("contingents.state", e))?,
            component: r.try_get("component")?,
            name: r.try_get("name")?,
            home_station: HomeStation {
                name: r.try_get("station_name")?,
                position: Coordinates::new(r.try_get("lat")?, r.try_get("lon")?)
                    .map_err(|e| corrupt("contingents.position", e))?,
            },
            personnel: r.try_get("personnel")?,
            equipment: r.try_get("equipment")?,
            readiness: readiness
                .parse()
                .map_err(|e| corrupt("contingents.readiness", e))?,
            notes: r.try_get("notes")?,
            releasability: Releasability::from_parts(&label, states)
                .map_err(|e| corrupt("contingents.releasability", e))?,
        },
        demo: r.try_get("demo")?,
        version: r.try_get("version")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Where a table keeps what releasability needs: its alias in the query, the owning
/// state's column, and the table listing the states it is released to.
struct Releasable {
    alias: &'static str,
    owner: &'static str,
    release: &'static str,
    key: &'static str,
}

const CONTINGENTS: Releasable =
    Releasable { alias: "c", owner: "state", release: "contingent_release", key: "contingent_id" };

/// Appends the releasability rule for `viewer` to a query over the table `t` describes: the
/// one text of the rule for every kind of record, which `Releasability::visible_to` states
/// in the domain and the contract tests hold it to.
fn push_releasable(q: &mut QueryBuilder<'_, Db>, viewer: &Viewer, t: &Releasable) {
    match viewer {
        Viewer::System => {
            q.push(" AND TRUE");
        }
        Viewer::Person { state } => {
            let s = state.as_ref().map(|s| s.to_string());
            let Releasable { alias: a, owner, release, key } = t;
            q.push(format!(" AND ({a}.releasability = 'organization' OR {a}.{owner} = "));
            q.push_bind(s.clone());
            q.push(format!(
                " OR ({a}.releasability = 'states' AND EXISTS (SELECT 1 FROM {release} rel \
                 WHERE rel.{key} = {a}.id AND rel.state = "
            ));
            q.push_bind(s);
            q.push(")))");
        }
    }
}

/// Appends the releasability rule for `viewer` to a query over `contingents c`. Every read of
/// contingents goes through this, so no caller can forget it.
fn push_visible(q: &mut QueryBuilder<'_, Db>, viewer: &Viewer) {
    push_releasable(q, viewer, &CONTINGENTS);
}

fn search_text(d: &ContingentDraft) -> String {
    format!("{} {}", d.name, d.home_station.name).to_lowercase()
}

fn like_pattern(s: &str) -> String {
    let mut out = String::from("%");
    for c in s.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

async fn append_audit(tx: &mut Transaction<'static, Db>, ev: AuditEvent) -> Result<AuditEntry> {
    lock_chain(tx).await?;
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_optional(&mut **tx)
        .await?;
    let (seq, hash): (i64, String) = match head {
        Some(r) => (r.try_get("seq")?, r.try_get("hash")?),
        None => (0, GENESIS.to_owned()),
    };
    let e = AuditEntry::chain(seq, &hash, at_text(now()), ev);
    insert_audit_entry(tx, &e).await?;
    sqlx::query(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
    )
    .bind(e.seq)
    .bind(&e.hash)
    .execute(&mut **tx)
    .await?;
    Ok(e)
}

/// The audit chain's head held across many appends in one transaction (a batch of reports),
/// written back once by `save`: the same entries `append_audit` would write one by one, with
/// two statements fewer each. The caller holds the chain's lock (`lock_chain`).
struct ChainCursor {
    seq: i64,
    hash: String,
    dirty: bool,
}

impl ChainCursor {
    async fn read(tx: &mut Transaction<'static, Db>) -> Result<ChainCursor> {
        lock_chain(tx).await?;
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut **tx)
            .await?;
        let (seq, hash) = match head {
            Some(r) => (r.try_get("seq")?, r.try_get("hash")?),
            None => (0, GENESIS.to_owned()),
        };
        Ok(ChainCursor {
            seq,
            hash,
            dirty: false,
        })
    }

    /// The next entry of the chain, for the caller to write (`insert_audit_entries`).
    fn next(&mut self, ev: AuditEvent) -> AuditEntry {
        let e = AuditEntry::chain(self.seq, &self.hash, at_text(now()), ev);
        self.seq = e.seq;
        self.hash = e.hash.clone();
        self.dirty = true;
        e
    }

    async fn save(self, tx: &mut Transaction<'static, Db>) -> Result<()> {
        if !self.dirty {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2) \
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        )
        .bind(self.seq)
        .bind(&self.hash)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

fn event(
    actor: &str,
    action: &str,
    entity: &str,
    id: impl ToString,
    before: Option<String>,
    after: Option<String>,
) -> AuditEvent {
    AuditEvent {
        actor: actor.to_owned(),
        action: action.to_owned(),
        entity: entity.to_owned(),
        entity_id: id.to_string(),
        before,
        after,
    }
}

fn audit_from_row(r: &<Db as sqlx::Database>::Row) -> Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.try_get("seq")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        action: r.try_get("action")?,
        entity: r.try_get("entity")?,
        entity_id: r.try_get("entity_id")?,
        before: r.try_get("before_json")?,
        after: r.try_get("after_json")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

/// Writes many audit entries with multi-row inserts (a batch of reports).
async fn insert_audit_entries(tx: &mut Transaction<'static, Db>, entries: &[AuditEntry]) -> Result<()> {
    for chunk in entries.chunks(1_000) {
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before_json, \
             after_json, prev_hash, hash) ",
        );
        q.push_values(chunk, |mut b, e| {
            b.push_bind(e.seq)
                .push_bind(&e.at)
                .push_bind(&e.actor)
                .push_bind(&e.action)
                .push_bind(&e.entity)
                .push_bind(&e.entity_id)
                .push_bind(&e.before)
                .push_bind(&e.after)
                .push_bind(&e.prev_hash)
                .push_bind(&e.hash);
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_audit_entry(tx: &mut Transaction<'static, Db>, e: &AuditEntry) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before_json, \
         after_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(e.seq)
    .bind(&e.at)
    .bind(&e.actor)
    .bind(&e.action)
    .bind(&e.entity)
    .bind(&e.entity_id)
    .bind(&e.before)
    .bind(&e.after)
    .bind(&e.prev_hash)
    .bind(&e.hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The user as the audit log records it: never the password hash.
fn user_audit(u: &User) -> String {
    json(u)
}

async fn check_refs(tx: &mut Transaction<'static, Db>, d: &ContingentDraft) -> Result<()> {
    for (kind, key, field) in [
        ("states", d.state.to_string(), "state"),
        ("components", d.component.clone(), "component"),
    ] {
        let found = sqlx::query("SELECT 1 AS one FROM reference_items WHERE kind = $1 AND key = $2")
            .bind(kind)
            .bind(&key)
            .fetch_optional(&mut **tx)
            .await?;
        if found.is_none() {
            return Err(DomainError::invalid(
                field,
                format!("`{key}` is not a known {}", &kind[..kind.len() - 1]),
            )
            .into());
        }
    }
    for s in d.releasability.states() {
        let found = sqlx::query("SELECT 1 AS one FROM reference_items WHERE kind = 'states' AND key = $1")
            .bind(s.as_str())
            .fetch_optional(&mut **tx)
            .await?;
        if found.is_none() {
            return Err(DomainError::invalid(
                "releasability",
                format!("`{s}` is not a known state"),
            )
            .into());
        }
    }
    Ok(())
}

/// Replaces the states a record of `t`'s table is released to.
async fn write_release(
    tx: &mut Transaction<'static, Db>,
    t: &Releasable,
    id: i64,
    r: &Releasability,
) -> Result<()> {
    let Releasable { release, key, .. } = t;
    sqlx::query(&format!("DELETE FROM {release} WHERE {key} = $1"))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for s in r.states() {
        sqlx::query(&format!("INSERT INTO {release} ({key}, state) VALUES ($1, $2)"))
            .bind(id)
            .bind(s.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

fn release_to(r: &Releasability) -> String {
    r.states().iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
}

async fn insert_contingent(
    tx: &mut Transaction<'static, Db>,
    d: &ContingentDraft,
    demo: bool,
    id: Option<i64>,
    version: i64,
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
) -> Result<i64> {
    // An explicit id only on import; otherwise the database assigns it.
    let (id_col, id_val) = if id.is_some() { ("id, ", "$18, ") } else { ("", "") };
    let sql = format!(
        "INSERT INTO contingents ({id_col}state, component, name, search_text, station_name, lat, \
         lon, personnel, equipment, readiness, notes, releasability, release_to, demo, version, \
         created_at, updated_at) VALUES ({id_val}$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, $16, $17) RETURNING id"
    );
    let mut q = sqlx::query(&sql)
    .bind(d.state.as_str())
    .bind(&d.component)
    .bind(&d.name)
    .bind(search_text(d))
    .bind(&d.home_station.name)
    .bind(d.home_station.position.lat())
    .bind(d.home_station.position.lon())
    .bind(d.personnel)
    .bind(d.equipment)
    .bind(d.readiness.as_str())
    .bind(&d.notes)
    .bind(d.releasability.label())
    .bind(release_to(&d.releasability))
    .bind(demo)
    .bind(version)
    .bind(created)
    .bind(updated);
    if let Some(id) = id {
        q = q.bind(id);
    }
    let row = q.fetch_one(&mut **tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            StorageError::Duplicate(format!(
                "{} already has a contingent named `{}`",
                d.state, d.name
            ))
        } else {
            e.into()
        }
    })?;
    let id: i64 = row.try_get("id")?;
    write_release(tx, &CONTINGENTS, id, &d.releasability).await?;
    Ok(id)
}

async fn contingent_in_tx(
    tx: &mut Transaction<'static, Db>,
    viewer: &Viewer,
    id: i64,
) -> Result<Contingent> {
    let mut q = QueryBuilder::<Db>::new("SELECT ");
    q.push(CONTINGENT_COLUMNS);
    q.push(" FROM contingents c WHERE c.id = ");
    q.push_bind(id);
    push_visible(&mut q, viewer);
    q.push(FOR_UPDATE);
    let row = q.build().fetch_optional(&mut **tx).await?;
    match row {
        Some(r) => contingent_from_row(&r),
        None => Err(StorageError::NotFound(format!("contingent {id}"))),
    }
}

impl Backend {
    /// The newest schema version applied.
    pub async fn schema_version(&self) -> Result<i64> {
        let v: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_one(&self.reader)
                .await?;
        Ok(v.unwrap_or(0))
    }

    // ---- users -------------------------------------------------------------------------

    /// Creates a user.
    pub async fn create_user(&self, actor: &str, u: &NewUser) -> Result<User> {
        let mut tx = self.writer.begin().await?;
        let t = now();
        let row = sqlx::query(
            "INSERT INTO users (username, display_name, role, state, locale, password_hash, \
             disabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7, $7) \
             RETURNING id",
        )
        .bind(u.username.as_str())
        .bind(&u.display_name)
        .bind(u.role.as_str())
        .bind(u.state.as_ref().map(|s| s.to_string()))
        .bind(&u.locale)
        .bind(&u.password_hash)
        .bind(t)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| {
            if is_unique_violation(&e) {
                StorageError::Duplicate(format!("user `{}` already exists", u.username))
            } else {
                e.into()
            }
        })?;
        let id: i64 = row.try_get("id")?;
        let user = User {
            id,
            username: u.username.to_string(),
            display_name: u.display_name.clone(),
            role: u.role,
            state: u.state.clone(),
            locale: u.locale.clone(),
            disabled: false,
            created_at: t,
            updated_at: t,
        };
        append_audit(
            &mut tx,
            event(actor, "create", "user", &user.username, None, Some(user_audit(&user))),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    /// All users, by name.
    pub async fn list_users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY username{COLLATE_C}"
        ))
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// How many users exist.
    pub async fn count_users(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.reader)
            .await?)
    }

    /// A user with its password hash, for login.
    pub async fn user_for_login(&self, username: &str) -> Result<Option<UserWithSecret>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, password_hash FROM users WHERE username = $1"
        ))
        .bind(username)
        .fetch_optional(&self.reader)
        .await?;
        row.map(|r| {
            Ok(UserWithSecret {
                user: user_from_row(&r)?,
                password_hash: r.try_get("password_hash")?,
            })
        })
        .transpose()
    }

    /// A user by id.
    pub async fn user(&self, id: i64) -> Result<User> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        match row {
            Some(r) => user_from_row(&r),
            None => Err(StorageError::NotFound(format!("user {id}"))),
        }
    }

    async fn change_user(
        &self,
        actor: &str,
        username: &str,
        change: UserChange,
    ) -> Result<User> {
        let mut tx = self.writer.begin().await?;
        let before = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE username = $1{FOR_UPDATE}"
        ))
        .bind(username)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StorageError::NotFound(format!("user `{username}`")))?;
        let before = user_from_row(&before)?;
        let t = now();
        let (action, set) = match &change {
            UserChange::Password(_) => ("set_password", "password_hash = $3"),
            UserChange::Disabled(true) => ("disable", "disabled = $3"),
            UserChange::Disabled(false) => ("enable", "disabled = $3"),
            UserChange::Locale(_) => ("set_locale", "locale = $3"),
        };
        let sql = format!("UPDATE users SET {set}, updated_at = $2 WHERE username = $1");
        let q = sqlx::query(&sql).bind(username).bind(t);
        let q = match change {
            UserChange::Password(h) => q.bind(h),
            UserChange::Disabled(d) => q.bind(d),
            UserChange::Locale(l) => q.bind(l),
        };
        q.execute(&mut *tx).await?;
        let after = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1"))
            .bind(username)
            .fetch_one(&mut *tx)
            .await?;
        let after = user_from_row(&after)?;
        if action == "disable" || action == "set_password" {
            // A disabled user or a changed password ends every open session.
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(after.id)
                .execute(&mut *tx)
                .await?;
        }
        append_audit(
            &mut tx,
            event(
                actor,
                action,
                "user",
                username,
                Some(user_audit(&before)),
                Some(user_audit(&after)),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Replaces a user's password hash and ends their sessions.
    pub async fn set_password(&self, actor: &str, username: &str, hash: &str) -> Result<User> {
        self.change_user(actor, username, UserChange::Password(hash.to_owned()))
            .await
    }

    /// Disables or enables a user; disabling ends their sessions and stops their tokens.
    pub async fn set_disabled(&self, actor: &str, username: &str, disabled: bool) -> Result<User> {
        self.change_user(actor, username, UserChange::Disabled(disabled))
            .await
    }

    /// Sets a user's interface language.
    pub async fn set_locale(&self, actor: &str, username: &str, locale: &str) -> Result<User> {
        self.change_user(actor, username, UserChange::Locale(locale.to_owned()))
            .await
    }

    // ---- sessions and tokens -----------------------------------------------------------

    /// Opens a login session.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        csrf: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf)
        .bind(now())
        .bind(expires_at.trunc_subsecs(6))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The live session with this token hash, if any (expired and disabled ones are none).
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT u.id, u.username, u.display_name, u.role, u.state, u.locale, u.disabled, \
             u.created_at, u.updated_at, s.csrf_token, s.expires_at FROM sessions s \
             JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE",
        )
        .bind(token_hash)
        .bind(now())
        .fetch_optional(&self.reader)
        .await?;
        row.map(|r| {
            Ok(Session {
                user: user_from_row(&r)?,
                csrf_token: r.try_get("csrf_token")?,
                expires_at: r.try_get("expires_at")?,
            })
        })
        .transpose()
    }

    /// Ends a session.
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes expired sessions; returns how many.
    pub async fn purge_sessions(&self) -> Result<u64> {
        let mut tx = self.writer.begin().await?;
        let n = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(n)
    }

    /// Records a new API token (its hash).
    pub async fn create_api_token(
        &self,
        actor: &str,
        user_id: i64,
        name: &str,
        token_hash: &str,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<ApiToken> {
        let mut tx = self.writer.begin().await?;
        let t = now();
        let expires_at = expires_at.map(|e| e.trunc_subsecs(6));
        let row = sqlx::query(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(user_id)
        .bind(name)
        .bind(token_hash)
        .bind(t)
        .bind(expires_at)
        .fetch_one(&mut *tx)
        .await?;
        let tok = ApiToken {
            id: row.try_get("id")?,
            user_id,
            name: name.to_owned(),
            token_hash: token_hash.to_owned(),
            created_at: t,
            expires_at,
            revoked_at: None,
        };
        let mut shown = tok.clone();
        shown.token_hash = String::from("(redacted)");
        append_audit(
            &mut tx,
            event(actor, "create", "api_token", tok.id, None, Some(json(&shown))),
        )
        .await?;
        tx.commit().await?;
        Ok(tok)
    }

    /// The enabled user owning a live token with this hash.
    pub async fn token_user(&self, token_hash: &str) -> Result<Option<User>> {
        let row = sqlx::query(
            "SELECT u.id, u.username, u.display_name, u.role, u.state, u.locale, u.disabled, \
             u.created_at, u.updated_at FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL \
             AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.disabled = FALSE",
        )
        .bind(token_hash)
        .bind(now())
        .fetch_optional(&self.reader)
        .await?;
        row.map(|r| user_from_row(&r)).transpose()
    }

    /// A user's tokens.
    pub async fn list_api_tokens(&self, user_id: i64) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query(
            "SELECT id, user_id, name, token_hash, created_at, expires_at, revoked_at \
             FROM api_tokens WHERE user_id = $1 ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(token_from_row).collect()
    }

    /// Revokes one of a user's tokens.
    pub async fn revoke_api_token(&self, actor: &str, user_id: i64, id: i64) -> Result<ApiToken> {
        let mut tx = self.writer.begin().await?;
        let n = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 \
             AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(user_id)
        .bind(now())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StorageError::NotFound(format!("active token {id}")));
        }
        let row = sqlx::query(
            "SELECT id, user_id, name, token_hash, created_at, expires_at, revoked_at \
             FROM api_tokens WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let tok = token_from_row(&row)?;
        append_audit(&mut tx, event(actor, "revoke", "api_token", id, None, None)).await?;
        tx.commit().await?;
        Ok(tok)
    }

    // ---- reference data ----------------------------------------------------------------

    /// Loads reference data idempotently: inserts what is new, updates what differs, leaves
    /// the rest untouched, and reports it. Records absent from the file are kept.
    pub async fn load_reference(&self, actor: &str, data: &ReferenceData) -> Result<LoadReport> {
        let mut tx = self.writer.begin().await?;
        let existing: BTreeMap<(String, String), String> =
            sqlx::query("SELECT kind, key, body FROM reference_items")
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| Ok(((r.try_get("kind")?, r.try_get("key")?), r.try_get("body")?)))
                .collect::<Result<_>>()?;
        let mut report = LoadReport::default();
        let mut seen = std::collections::BTreeSet::new();
        let t = now();
        for item in data.items() {
            let kind = item.kind.as_str().to_owned();
            let body = json(&item.body);
            let id = format!("{kind}/{}", item.key);
            let k = (kind.clone(), item.key.clone());
            match existing.get(&k) {
                Some(old) if *old == body => report.unchanged += 1,
                Some(old) => {
                    sqlx::query(
                        "UPDATE reference_items SET body = $3, updated_at = $4 \
                         WHERE kind = $1 AND key = $2",
                    )
                    .bind(&kind)
                    .bind(&item.key)
                    .bind(&body)
                    .bind(t)
                    .execute(&mut *tx)
                    .await?;
                    append_audit(
                        &mut tx,
                        event(actor, "update", "reference", &id, Some(old.clone()), Some(body)),
                    )
                    .await?;
                    report.updated.push(id);
                }
                None => {
                    sqlx::query(
                        "INSERT INTO reference_items (kind, key, body, updated_at) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(&kind)
                    .bind(&item.key)
                    .bind(&body)
                    .bind(t)
                    .execute(&mut *tx)
                    .await?;
                    append_audit(&mut tx, event(actor, "create", "reference", &id, None, Some(body)))
                        .await?;
                    report.inserted.push(id);
                }
            }
            seen.insert(k);
        }
        report.not_in_file = existing
            .keys()
            .filter(|k| !seen.contains(*k))
            .map(|(k, key)| format!("{k}/{key}"))
            .collect();
        let old_version: Option<String> =
            sqlx::query_scalar("SELECT version FROM reference_meta WHERE id = 1")
                .fetch_optional(&mut *tx)
                .await?;
        if old_version.as_deref() != Some(data.version.as_str()) {
            sqlx::query(
                "INSERT INTO reference_meta (id, version, loaded_at) VALUES (1, $1, $2) \
                 ON CONFLICT (id) DO UPDATE SET version = excluded.version, loaded_at = excluded.loaded_at",
            )
            .bind(&data.version)
            .bind(t)
            .execute(&mut *tx)
            .await?;
            append_audit(
                &mut tx,
                event(
                    actor,
                    "update",
                    "reference_version",
                    "1",
                    old_version.map(|v| json(&v)),
                    Some(json(&data.version)),
                ),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(report)
    }

    /// The loaded reference data version, if any.
    pub async fn reference_version(&self) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT version FROM reference_meta WHERE id = 1")
            .fetch_optional(&self.reader)
            .await?)
    }

    /// Every record of a kind, by key.
    pub async fn list_reference(&self, kind: ReferenceKind) -> Result<Vec<StoredReference>> {
        let rows = sqlx::query(&format!(
            "SELECT kind, key, body, updated_at FROM reference_items WHERE kind = $1 \
             ORDER BY key{COLLATE_C}"
        ))
        .bind(kind.as_str())
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(reference_from_row).collect()
    }

    /// One reference record.
    pub async fn reference(&self, kind: ReferenceKind, key: &str) -> Result<StoredReference> {
        let row = sqlx::query(
            "SELECT kind, key, body, updated_at FROM reference_items WHERE kind = $1 AND key = $2",
        )
        .bind(kind.as_str())
        .bind(key)
        .fetch_optional(&self.reader)
        .await?;
        match row {
            Some(r) => reference_from_row(&r),
            None => Err(StorageError::NotFound(format!("{}/{key}", kind.as_str()))),
        }
    }

    // ---- contingents -------------------------------------------------------------------

    /// A page of the contingents `viewer` may see.
    pub async fn list_contingents(
        &self,
        viewer: &Viewer,
        query: &ContingentQuery,
    ) -> Result<ContingentPage> {
        fn filters(q: &mut QueryBuilder<'_, Db>, viewer: &Viewer, query: &ContingentQuery) {
            q.push(" FROM contingents c WHERE TRUE");
            push_visible(q, viewer);
            if let Some(s) = &query.state {
                q.push(" AND c.state = ").push_bind(s.to_string());
            }
            if let Some(c) = &query.component {
                q.push(" AND c.component = ").push_bind(c.clone());
            }
            if let Some(r) = &query.readiness {
                q.push(" AND c.readiness = ").push_bind(r.as_str());
            }
            if let Some(t) = &query.text {
                q.push(" AND c.search_text LIKE ")
                    .push_bind(like_pattern(t))
                    .push(" ESCAPE '\\'");
            }
            if let Some(d) = query.demo {
                q.push(" AND c.demo = ").push_bind(d);
            }
        }
        let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*) AS n");
        filters(&mut count, viewer, query);
        let total: i64 = count.build().fetch_one(&self.reader).await?.try_get("n")?;

        let mut q = QueryBuilder::<Db>::new("SELECT ");
        q.push(CONTINGENT_COLUMNS);
        filters(&mut q, viewer, query);
        let dir = if query.descending { " DESC" } else { " ASC" };
        let order = match query.sort {
            ContingentSort::Id => String::new(),
            ContingentSort::Name => format!("c.name{COLLATE_C}{dir}, "),
            ContingentSort::State => format!("c.state{dir}, c.name{COLLATE_C}{dir}, "),
            ContingentSort::Component => format!("c.component{dir}, c.name{COLLATE_C}{dir}, "),
            ContingentSort::Personnel => format!("c.personnel{dir}, "),
            ContingentSort::Equipment => format!("c.equipment{dir}, "),
            ContingentSort::Readiness => format!(
                "CASE c.readiness WHEN 'rapid' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 \
                 WHEN 'low' THEN 3 ELSE 4 END{dir}, "
            ),
            ContingentSort::UpdatedAt => format!("c.updated_at{dir}, "),
        };
        q.push(format!(" ORDER BY {order}c.id{dir} LIMIT "));
        q.push_bind(query.limit);
        q.push(" OFFSET ");
        q.push_bind(query.offset);
        let rows = q.build().fetch_all(&self.reader).await?;
        let items = rows.iter().map(contingent_from_row).collect::<Result<_>>()?;
        Ok(ContingentPage { items, total })
    }

    /// One contingent, if `viewer` may see it.
    pub async fn contingent(&self, viewer: &Viewer, id: i64) -> Result<Contingent> {
        let mut q = QueryBuilder::<Db>::new("SELECT ");
        q.push(CONTINGENT_COLUMNS);
        q.push(" FROM contingents c WHERE c.id = ");
        q.push_bind(id);
        push_visible(&mut q, viewer);
        match q.build().fetch_optional(&self.reader).await? {
            Some(r) => contingent_from_row(&r),
            None => Err(StorageError::NotFound(format!("contingent {id}"))),
        }
    }

    /// Personnel and equipment per state and component, over what `viewer` may see.
    pub async fn force_totals(&self, viewer: &Viewer) -> Result<Vec<ForceTotal>> {
        let mut q = QueryBuilder::<Db>::new(
            "SELECT c.state, c.component, COUNT(*) AS n, CAST(SUM(c.personnel) AS BIGINT) AS p, \
             CAST(SUM(c.equipment) AS BIGINT) AS e FROM contingents c WHERE TRUE",
        );
        push_visible(&mut q, viewer);
        q.push(" GROUP BY c.state, c.component ORDER BY c.state, c.component");
        let rows = q.build().fetch_all(&self.reader).await?;
        rows.iter()
            .map(|r| {
                Ok(ForceTotal {
                    state: r.try_get("state")?,
                    component: r.try_get("component")?,
                    contingents: r.try_get("n")?,
                    personnel: r.try_get("p")?,
                    equipment: r.try_get("e")?,
                })
            })
            .collect()
    }

    /// Creates a contingent.
    pub async fn create_contingent(
        &self,
        actor: &str,
        draft: &ContingentDraft,
        demo: bool,
    ) -> Result<Contingent> {
        let mut tx = self.writer.begin().await?;
        check_refs(&mut tx, draft).await?;
        let t = now();
        let id = insert_contingent(&mut tx, draft, demo, None, 1, t, t).await?;
        let c = Contingent {
            id,
            draft: draft.clone(),
            demo,
            version: 1,
            created_at: t,
            updated_at: t,
        };
        append_audit(&mut tx, event(actor, "create", "contingent", id, None, Some(json(&c)))).await?;
        tx.commit().await?;
        Ok(c)
    }

    /// Replaces a contingent's content if it is still at `expected` version and `allow`
    /// accepts the change (the caller's authorization, decided on the locked current row).
    pub async fn update_contingent(
        &self,
        actor: &str,
        viewer: &Viewer,
        id: i64,
        expected: i64,
        draft: &ContingentDraft,
        allow: impl FnOnce(&Contingent) -> std::result::Result<(), DomainError>,
    ) -> Result<Contingent> {
        let mut tx = self.writer.begin().await?;
        let before = contingent_in_tx(&mut tx, viewer, id).await?;
        allow(&before)?;
        if before.version != expected {
            return Err(StorageError::VersionConflict {
                expected,
                current: Box::new(before),
            });
        }
        check_refs(&mut tx, draft).await?;
        let t = now();
        sqlx::query(
            "UPDATE contingents SET state = $2, component = $3, name = $4, search_text = $5, \
             station_name = $6, lat = $7, lon = $8, personnel = $9, equipment = $10, \
             readiness = $11, notes = $12, releasability = $13, release_to = $14, \
             version = version + 1, updated_at = $15 WHERE id = $1",
        )
        .bind(id)
        .bind(draft.state.as_str())
        .bind(&draft.component)
        .bind(&draft.name)
        .bind(search_text(draft))
        .bind(&draft.home_station.name)
        .bind(draft.home_station.position.lat())
        .bind(draft.home_station.position.lon())
        .bind(draft.personnel)
        .bind(draft.equipment)
        .bind(draft.readiness.as_str())
        .bind(&draft.notes)
        .bind(draft.releasability.label())
        .bind(release_to(&draft.releasability))
        .bind(t)
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            if is_unique_violation(&e) {
                StorageError::Duplicate(format!(
                    "{} already has a contingent named `{}`",
                    draft.state, draft.name
                ))
            } else {
                e.into()
            }
        })?;
        write_release(&mut tx, &CONTINGENTS, id, &draft.releasability).await?;
        let after = Contingent {
            id,
            draft: draft.clone(),
            demo: before.demo,
            version: before.version + 1,
            created_at: before.created_at,
            updated_at: t,
        };
        append_audit(
            &mut tx,
            event(actor, "update", "contingent", id, Some(json(&before)), Some(json(&after))),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Deletes a contingent if it is at `expected` version (when given) and `allow` accepts.
    pub async fn delete_contingent(
        &self,
        actor: &str,
        viewer: &Viewer,
        id: i64,
        expected: Option<i64>,
        allow: impl FnOnce(&Contingent) -> std::result::Result<(), DomainError>,
    ) -> Result<Contingent> {
        let mut tx = self.writer.begin().await?;
        let before = contingent_in_tx(&mut tx, viewer, id).await?;
        allow(&before)?;
        if let Some(expected) = expected {
            if before.version != expected {
                return Err(StorageError::VersionConflict {
                    expected,
                    current: Box::new(before),
                });
            }
        }
        sqlx::query("DELETE FROM contingent_release WHERE contingent_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM contingents WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        append_audit(&mut tx, event(actor, "delete", "contingent", id, Some(json(&before)), None))
            .await?;
        tx.commit().await?;
        Ok(before)
    }

    /// Loads demonstration contingents that are not there yet (by state and name), in one
    /// transaction; returns how many were added.
    pub async fn load_demo(&self, actor: &str, drafts: &[ContingentDraft]) -> Result<usize> {
        let mut tx = self.writer.begin().await?;
        let mut added = 0;
        for d in drafts {
            let exists = sqlx::query("SELECT 1 AS one FROM contingents WHERE state = $1 AND name = $2")
                .bind(d.state.as_str())
                .bind(&d.name)
                .fetch_optional(&mut *tx)
                .await?;
            if exists.is_some() {
                continue;
            }
            check_refs(&mut tx, d).await?;
            let t = now();
            let id = insert_contingent(&mut tx, d, true, None, 1, t, t).await?;
            let c = Contingent {
                id,
                draft: d.clone(),
                demo: true,
                version: 1,
                created_at: t,
                updated_at: t,
            };
            append_audit(&mut tx, event(actor, "create", "contingent", id, None, Some(json(&c))))
                .await?;
            added += 1;
        }
        tx.commit().await?;
        Ok(added)
    }

    /// Removes every demonstration contingent; returns how many.
    pub async fn remove_demo(&self, actor: &str) -> Result<usize> {
        let mut tx = self.writer.begin().await?;
        // The worked crisis example first, children before parents.
        let crisis_rows = sqlx::query(&format!(
            "SELECT {CRISIS_COLUMNS} FROM crisis_records r WHERE r.demo = TRUE ORDER BY r.id DESC"
        ))
        .fetch_all(&mut *tx)
        .await?;
        for r in &crisis_rows {
            let c = crisis_from_row(r)?;
            delete_operation_plans(&mut tx, actor, c.id).await?;
            for sql in [
                "DELETE FROM crisis_journal WHERE record_id = $1",
                "DELETE FROM crisis_release WHERE record_id = $1",
                "DELETE FROM crisis_records WHERE id = $1",
            ] {
                sqlx::query(sql).bind(c.id).execute(&mut *tx).await?;
            }
            append_audit(&mut tx, event(actor, "delete", "crisis", c.id, Some(json(&c)), None))
                .await?;
        }
        let mut q = QueryBuilder::<Db>::new("SELECT ");
        q.push(CONTINGENT_COLUMNS);
        q.push(" FROM contingents c WHERE c.demo = TRUE ORDER BY c.id");
        let rows = q.build().fetch_all(&mut *tx).await?;
        for r in &rows {
            let c = contingent_from_row(r)?;
            sqlx::query("DELETE FROM contingent_release WHERE contingent_id = $1")
                .bind(c.id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM contingents WHERE id = $1")
                .bind(c.id)
                .execute(&mut *tx)
                .await?;
            append_audit(&mut tx, event(actor, "delete", "contingent", c.id, Some(json(&c)), None))
                .await?;
        }
        tx.commit().await?;
        Ok(rows.len() + crisis_rows.len())
    }

    // ---- audit -------------------------------------------------------------------------

    /// Records an event that changes nothing else (a login, a reference load with no change).
    pub async fn record(&self, ev: AuditEvent) -> Result<AuditEntry> {
        let mut tx = self.writer.begin().await?;
        let e = append_audit(&mut tx, ev).await?;
        tx.commit().await?;
        Ok(e)
    }

    /// A page of the audit log, newest first.
    pub async fn audit_page(&self, limit: i64, offset: i64) -> Result<AuditPage> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&self.reader)
            .await?;
        let rows = sqlx::query(
            "SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, \
             prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT $1 OFFSET $2",
        )
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.reader)
        .await?;
        Ok(AuditPage {
            items: rows.iter().map(audit_from_row).collect::<Result<_>>()?,
            total,
        })
    }

    /// The changes after `after` that `viewer` may know of, at most `limit` entries looked
    /// at; [`crate::changes::visible_change`] decides each.
    pub async fn changes_after(&self, viewer: &Viewer, after: i64, limit: i64) -> Result<ChangeBatch> {
        let rows = sqlx::query(
            "SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, \
             prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.reader)
        .await?;
        let mut batch = ChangeBatch { events: Vec::new(), scanned_to: after };
        for r in &rows {
            let e = audit_from_row(r)?;
            batch.scanned_to = e.seq;
            if let Some(ev) = crate::changes::visible_change(&e, viewer)? {
                batch.events.push(ev);
            }
        }
        Ok(batch)
    }

    /// The audit entries after `after`, oldest first, at most `limit` (the event stream's
    /// shared reader filters them per viewer with [`crate::changes::visible_change`]).
    pub async fn entries_after(&self, after: i64, limit: i64) -> Result<Vec<AuditEntry>> {
        sqlx::query(
            "SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, \
             prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(audit_from_row)
        .collect()
    }

    /// The newest audit sequence number (0 when the log is empty).
    pub async fn last_seq(&self) -> Result<i64> {
        let seq: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM audit_log")
            .fetch_one(&self.reader)
            .await?;
        Ok(seq.unwrap_or(0))
    }

    /// Walks the whole chain in pages and reports every problem.
    pub async fn verify_audit(&self) -> Result<AuditReport> {
        let mut v = ChainVerifier::new();
        let mut after = 0i64;
        loop {
            let rows = sqlx::query(
                "SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, \
                 prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000",
            )
            .bind(after)
            .fetch_all(&self.reader)
            .await?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let e = audit_from_row(r)?;
                after = e.seq;
                v.push(&e);
            }
        }
        let head = self.audit_head().await?;
        let (entries, problems) = v.finish(head);
        Ok(AuditReport { entries, problems })
    }

    async fn audit_head(&self) -> Result<Option<(i64, String)>> {
        let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&self.reader)
            .await?;
        row.map(|r| Ok((r.try_get("seq")?, r.try_get("hash")?)))
            .transpose()
    }

    // ---- export and import -------------------------------------------------------------

    /// The whole database as one document, read in one transaction.
    pub async fn export(&self) -> Result<ExportDocument> {
        let mut tx = self.reader.begin().await?;
        snapshot(&mut tx).await?;
        let users = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, password_hash FROM users ORDER BY id"
        ))
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| {
            Ok(UserWithSecret {
                user: user_from_row(r)?,
                password_hash: r.try_get("password_hash")?,
            })
        })
        .collect::<Result<_>>()?;
        let api_tokens = sqlx::query(
            "SELECT id, user_id, name, token_hash, created_at, expires_at, revoked_at \
             FROM api_tokens ORDER BY id",
        )
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(token_from_row)
        .collect::<Result<_>>()?;
        let reference = sqlx::query(&format!(
            "SELECT kind, key, body, updated_at FROM reference_items \
             ORDER BY kind{COLLATE_C}, key{COLLATE_C}"
        ))
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(reference_from_row)
        .collect::<Result<_>>()?;
        let meta = sqlx::query("SELECT version, loaded_at FROM reference_meta WHERE id = 1")
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| Ok::<_, StorageError>((r.try_get("version")?, r.try_get("loaded_at")?)))
            .transpose()?;
        let mut q = QueryBuilder::<Db>::new("SELECT ");
        q.push(CONTINGENT_COLUMNS);
        q.push(" FROM contingents c ORDER BY c.id");
        let contingents = q
            .build()
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(contingent_from_row)
            .collect::<Result<_>>()?;
        let (crisis_records, crisis_journal) = export_crisis(&mut tx).await?;
        let (training_exercises, year_plans) = export_training(&mut tx).await?;
        let (exercise_designs, msels) = export_designs(&mut tx).await?;
        let exercise_runs = export_runs(&mut tx).await?;
        let (corrective_actions, lessons) = export_follow_up(&mut tx).await?;
        let (monitoring_reports, monitoring_events) = export_monitoring(&mut tx).await?;
        let crisis_records = crisis_records
            .into_iter()
            .map(|(record, scope)| crate::crisis_model::ExportedCrisis { record, scope })
            .collect();
        let audit = sqlx::query(
            "SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, \
             prev_hash, hash FROM audit_log ORDER BY seq",
        )
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(audit_from_row)
        .collect::<Result<_>>()?;
        let audit_head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| Ok::<_, StorageError>((r.try_get("seq")?, r.try_get("hash")?)))
            .transpose()?;
        let schema_version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_one(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(ExportDocument {
            format: "crc-export".into(),
            schema_version: schema_version.unwrap_or(0),
            reference_meta: meta,
            users,
            api_tokens,
            reference,
            contingents,
            crisis_records,
            crisis_journal,
            training_exercises,
            year_plans,
            exercise_designs,
            msels,
            exercise_runs,
            corrective_actions,
            lessons,
            monitoring_reports,
            monitoring_events,
            audit,
            audit_head,
        })
    }

    /// Restores a document into an empty database in one transaction: all or nothing.
    /// The audit chain is verified first; a broken chain is refused.
    pub async fn import(&self, doc: &ExportDocument) -> Result<()> {
        if doc.format != "crc-export" {
            return Err(DomainError::invalid("format", "not a crc export (format must be `crc-export`)").into());
        }
        let known = self.schema_version().await?;
        if doc.schema_version > known {
            return Err(StorageError::SchemaTooNew { found: doc.schema_version, known });
        }
        let mut v = ChainVerifier::new();
        doc.audit.iter().for_each(|e| v.push(e));
        let (_, problems) = v.finish(doc.audit_head.clone());
        if let Some(p) = problems.first() {
            return Err(DomainError::invalid("audit", format!("the export's audit chain is broken: {p}")).into());
        }
        let mut tx = self.writer.begin().await?;
        for table in ["users", "contingents", "audit_log", "reference_items"] {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&mut *tx)
                .await?;
            if n > 0 {
                return Err(StorageError::NotEmpty(format!(
                    "the database is not empty ({table} has {n} rows); import needs a new database"
                )));
            }
        }
        for u in &doc.users {
            sqlx::query(
                "INSERT INTO users (id, username, display_name, role, state, locale, \
                 password_hash, disabled, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(u.user.id)
            .bind(&u.user.username)
            .bind(&u.user.display_name)
            .bind(u.user.role.as_str())
            .bind(u.user.state.as_ref().map(|s| s.to_string()))
            .bind(&u.user.locale)
            .bind(&u.password_hash)
            .bind(u.user.disabled)
            .bind(u.user.created_at)
            .bind(u.user.updated_at)
            .execute(&mut *tx)
            .await?;
        }
        for t in &doc.api_tokens {
            sqlx::query(
                "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at, \
                 revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(t.id)
            .bind(t.user_id)
            .bind(&t.name)
            .bind(&t.token_hash)
            .bind(t.created_at)
            .bind(t.expires_at)
            .bind(t.revoked_at)
            .execute(&mut *tx)
            .await?;
        }
        for r in &doc.reference {
            sqlx::query(
                "INSERT INTO reference_items (kind, key, body, updated_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(&r.kind)
            .bind(&r.key)
            .bind(&r.body)
            .bind(r.updated_at)
            .execute(&mut *tx)
            .await?;
        }
        if let Some((version, at)) = &doc.reference_meta {
            sqlx::query("INSERT INTO reference_meta (id, version, loaded_at) VALUES (1, $1, $2)")
                .bind(version)
                .bind(at)
                .execute(&mut *tx)
                .await?;
        }
        for c in &doc.contingents {
            insert_contingent(
                &mut tx,
                &c.draft,
                c.demo,
                Some(c.id),
                c.version,
                c.created_at,
                c.updated_at,
            )
            .await?;
        }
        import_crisis(&mut tx, &doc.crisis_records, &doc.crisis_journal).await?;
        import_training(&mut tx, &doc.training_exercises, &doc.year_plans).await?;
        import_designs(&mut tx, &doc.exercise_designs, &doc.msels).await?;
        import_runs(&mut tx, &doc.exercise_runs).await?;
        import_follow_up(&mut tx, &doc.corrective_actions, &doc.lessons).await?;
        import_monitoring(&mut tx, &doc.monitoring_reports, &doc.monitoring_events).await?;
        for e in &doc.audit {
            insert_audit_entry(&mut tx, e).await?;
        }
        if let Some((seq, hash)) = &doc.audit_head {
            sqlx::query("INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2)")
                .bind(seq)
                .bind(hash)
                .execute(&mut *tx)
                .await?;
        }
        after_import(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// One change to a user account.
enum UserChange {
    Password(String),
    Disabled(bool),
    Locale(String),
}

fn token_from_row(r: &<Db as sqlx::Database>::Row) -> Result<ApiToken> {
    Ok(ApiToken {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        name: r.try_get("name")?,
        token_hash: r.try_get("token_hash")?,
        created_at: r.try_get("created_at")?,
        expires_at: r.try_get("expires_at")?,
        revoked_at: r.try_get("revoked_at")?,
    })
}

fn reference_from_row(r: &<Db as sqlx::Database>::Row) -> Result<StoredReference> {
    Ok(StoredReference {
        kind: r.try_get("kind")?,
        key: r.try_get("key")?,
        body: r.try_get("body")?,
        updated_at: r.try_get("updated_at")?,
    })
}

