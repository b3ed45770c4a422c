// Exercise runs: the conduct of an exercise from an approved MSEL. Shared by both backends
// like `queries.rs` (included after `training_queries.rs` into `sqlite.rs` and
// `postgres.rs`, so it uses those files' imports and helpers).
//
// A run is one row holding the domain's clock, release log, inbox items, responses and
// observations; every change locks the row, reads its design and MSEL in the same
// transaction, lets the caller's `change` (the domain's `Conduct`, `respond`, `observe`, ...)
// work on it, and writes the row and its audit entry (entity `exercise_run`: the action and
// what it added, never the whole run) together. A change that does nothing (a tick with
// nothing due) writes nothing.

use crate::run_model::*;
use crc_domain::training::clock::ExerciseClock;
use crc_domain::training::release::{ReleaseLog, ReleasePolicy};

const RUN_COLUMNS: &str = "id, design_id, msel_id, clock, policy, log, inbox, responses, \
     observations, created_by, created_at, updated_by, updated_at, version";

fn run_from_row(row: &<Db as sqlx::Database>::Row) -> Result<RunRecord> {
    let id: i64 = row.try_get("id")?;
    fn field<T: serde::de::DeserializeOwned>(
        row: &<Db as sqlx::Database>::Row,
        id: i64,
        name: &str,
    ) -> Result<T> {
        let text: String = row.try_get(name)?;
        serde_json::from_str(&text).map_err(|e| corrupt(&format!("exercise run {id} {name}"), e))
    }
    Ok(RunRecord {
        id,
        design_id: row.try_get("design_id")?,
        msel_id: row.try_get("msel_id")?,
        clock: field(row, id, "clock")?,
        policy: field(row, id, "policy")?,
        log: field(row, id, "log")?,
        inbox: field(row, id, "inbox")?,
        responses: field(row, id, "responses")?,
        observations: field(row, id, "observations")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_by: row.try_get("updated_by")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
    })
}

async fn insert_run(tx: &mut Transaction<'static, Db>, r: &RunRecord, with_id: bool) -> Result<i64> {
    let cols = "design_id, msel_id, status, clock, policy, log, inbox, responses, \
         observations, created_by, created_at, updated_by, updated_at, version";
    let sql = if with_id {
        format!(
            "INSERT INTO exercise_runs (id, {cols}) VALUES ($15, $1, $2, $3, $4, $5, $6, $7, \
             $8, $9, $10, $11, $12, $13, $14) RETURNING id"
        )
    } else {
        format!(
            "INSERT INTO exercise_runs ({cols}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
             $10, $11, $12, $13, $14) RETURNING id"
        )
    };
    let mut q = sqlx::query_scalar(&sql)
        .bind(r.design_id)
        .bind(r.msel_id)
        .bind(r.clock.status().as_str())
        .bind(json(&r.clock))
        .bind(json(&r.policy))
        .bind(json(&r.log))
        .bind(json(&r.inbox))
        .bind(json(&r.responses))
        .bind(json(&r.observations))
        .bind(&r.created_by)
        .bind(r.created_at)
        .bind(&r.updated_by)
        .bind(r.updated_at)
        .bind(r.version);
    if with_id {
        q = q.bind(r.id);
    }
    Ok(q.fetch_one(&mut **tx).await?)
}

/// The exercise runs as exported.
async fn export_runs(tx: &mut Transaction<'static, Db>) -> Result<Vec<RunRecord>> {
    sqlx::query(&format!("SELECT {RUN_COLUMNS} FROM exercise_runs ORDER BY id"))
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(run_from_row)
        .collect()
}

/// Restores exported runs with their ids and versions.
async fn import_runs(tx: &mut Transaction<'static, Db>, runs: &[RunRecord]) -> Result<()> {
    for r in runs {
        insert_run(tx, r, true).await?;
    }
    Ok(())
}

impl Backend {
    /// Creates a run of a design from one of its MSELs, the clock not started.
    pub async fn create_run(
        &self,
        actor: &str,
        design_id: i64,
        msel_id: i64,
        policy: ReleasePolicy,
        allow: impl FnOnce(&DesignRecord) -> std::result::Result<(), DomainError>,
    ) -> Result<RunRecord> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let design = design_in_tx(&mut tx, design_id).await?;
        allow(&design)?;
        let m = msel_in_tx(&mut tx, msel_id).await?;
        if m.design_id != design_id {
            return Err(DomainError::invalid(
                "msel",
                format!("MSEL {msel_id} belongs to design {}, not {design_id}", m.design_id),
            )
            .into());
        }
        let t = now();
        let mut rec = RunRecord {
            id: 0,
            design_id,
            msel_id,
            clock: ExerciseClock::new(),
            policy,
            log: ReleaseLog::default(),
            inbox: Vec::new(),
            responses: Vec::new(),
            observations: Vec::new(),
            created_by: actor.to_owned(),
            created_at: t,
            updated_by: actor.to_owned(),
            updated_at: t,
            version: 1,
        };
        rec.id = insert_run(&mut tx, &rec, false).await?;
        append_audit(
            &mut tx,
            event(
                actor,
                "create",
                "exercise_run",
                rec.id,
                None,
                Some(json(&serde_json::json!({
                    "version": 1, "design_id": design_id, "msel_id": msel_id,
                    "policy": rec.policy,
                }))),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(rec)
    }

    /// One run.
    pub async fn run(&self, id: i64) -> Result<RunRecord> {
        let row = sqlx::query(&format!("SELECT {RUN_COLUMNS} FROM exercise_runs WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        match row {
            Some(r) => run_from_row(&r),
            None => Err(StorageError::NotFound(format!("exercise run {id}"))),
        }
    }

    /// The runs, newest first.
    pub async fn list_runs(&self) -> Result<Vec<RunRecord>> {
        sqlx::query(&format!(
            "SELECT {RUN_COLUMNS} FROM exercise_runs ORDER BY id DESC"
        ))
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(run_from_row)
        .collect()
    }

    /// The ids of the runs whose clock runs or stands paused (what the ticker visits).
    pub async fn live_runs(&self) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM exercise_runs WHERE status IN ('running', 'paused') ORDER BY id",
        )
        .fetch_all(&self.reader)
        .await?)
    }

    /// Changes a run: `change` gets the run as locked (to change in place), its design and
    /// MSEL as read in the transaction, and says what it did, or `None` for nothing (then
    /// nothing is written), or why not (then nothing is written either).
    pub async fn change_run(
        &self,
        actor: &str,
        id: i64,
        expected: Option<i64>,
        change: impl FnOnce(
            &mut RunRecord,
            &DesignRecord,
            &MselRecord,
        ) -> std::result::Result<Option<RunChange>, DomainError>,
    ) -> Result<RunRecord> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let mut run = locked_by_id(&mut tx, RUN_COLUMNS, "exercise_runs", id, "exercise run", run_from_row)
            .await?;
        if let Some(v) = expected {
            if v != run.version {
                return Err(StorageError::Stale {
                    what: format!("exercise run {id}"),
                    expected: v,
                    current: run.version,
                });
            }
        }
        let design = design_in_tx(&mut tx, run.design_id).await?;
        let m = msel_in_tx(&mut tx, run.msel_id).await?;
        let before = run.clone();
        let Some(done) = change(&mut run, &design, &m)? else {
            return Ok(before);
        };
        let t = now();
        run.id = before.id;
        run.design_id = before.design_id;
        run.msel_id = before.msel_id;
        run.created_by = before.created_by.clone();
        run.created_at = before.created_at;
        run.updated_by = actor.to_owned();
        run.updated_at = t;
        run.version = before.version + 1;
        sqlx::query(
            "UPDATE exercise_runs SET status = $2, clock = $3, policy = $4, log = $5, \
             inbox = $6, responses = $7, observations = $8, updated_by = $9, updated_at = $10, \
             version = $11 WHERE id = $1",
        )
        .bind(id)
        .bind(run.clock.status().as_str())
        .bind(json(&run.clock))
        .bind(json(&run.policy))
        .bind(json(&run.log))
        .bind(json(&run.inbox))
        .bind(json(&run.responses))
        .bind(json(&run.observations))
        .bind(actor)
        .bind(t)
        .bind(run.version)
        .execute(&mut *tx)
        .await?;
        append_audit(
            &mut tx,
            event(
                actor,
                &done.action,
                "exercise_run",
                id,
                Some(json(&serde_json::json!({ "version": before.version }))),
                Some(json(&serde_json::json!({
                    "version": run.version, "detail": done.detail,
                }))),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(run)
    }
}
