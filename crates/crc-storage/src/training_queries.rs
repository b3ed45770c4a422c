// Planning the joint training year: the catalogue's exercises and the year plans. Shared by
// both backends like `queries.rs` (included after `plan_queries.rs` into `sqlite.rs` and
// `postgres.rs`, so it uses those files' imports and helpers).
//
// Everyone signed in reads the catalogue and the plans (they carry no releasability: the plan
// is the organization's own document); who may change what is the caller's `allow`, decided
// on the row as locked. Every change writes its audit entry (entity `training_exercise` or
// `year_plan`, the record before and after) in the same transaction. A plan's state is only
// ever what `year_plan::create`/`year_plan::apply` returned. Exercise designs (entity
// `exercise_design`) and their MSELs (entity `msel`) alike: an MSEL's state is only ever what
// `msel::create`/`msel::apply` returned, against its design as read in the transaction.

use crate::training_model::*;
use crc_domain::training::catalogue::ExerciseSpec as TrainingExerciseSpec;
use crc_domain::training::design::ExerciseDesign;
use crc_domain::training::msel::{self, MselCommand, MselSpec, MselState};
use crc_domain::training::year_plan::{
    self as year_plan, YearPlanCommand, YearPlanSpec, YearPlanState,
};

const EXERCISE_COLUMNS: &str = "id, spec, origin, created_by, created_at, updated_by, \
     updated_at, version";

const YEAR_PLAN_COLUMNS: &str =
    "id, spec, state, created_by, created_at, updated_by, updated_at, version";

/// The snake_case name serde gives a unit variant (`command_staff`, `planned`).
fn wire_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn exercise_from_row(row: &<Db as sqlx::Database>::Row) -> Result<ExerciseRecord> {
    let id: i64 = row.try_get("id")?;
    let spec: String = row.try_get("spec")?;
    let origin: String = row.try_get("origin")?;
    Ok(ExerciseRecord {
        id,
        spec: serde_json::from_str(&spec).map_err(|e| corrupt(&format!("exercise {id} spec"), e))?,
        origin: ExerciseOrigin::parse(&origin)
            .ok_or_else(|| corrupt(&format!("exercise {id} origin"), &origin))?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_by: row.try_get("updated_by")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
    })
}

fn year_plan_from_row(row: &<Db as sqlx::Database>::Row) -> Result<YearPlanRecord> {
    let id: i64 = row.try_get("id")?;
    let spec: String = row.try_get("spec")?;
    let state: String = row.try_get("state")?;
    Ok(YearPlanRecord {
        id,
        spec: serde_json::from_str(&spec).map_err(|e| corrupt(&format!("year plan {id} spec"), e))?,
        state: serde_json::from_str(&state)
            .map_err(|e| corrupt(&format!("year plan {id} state"), e))?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_by: row.try_get("updated_by")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
    })
}

/// Reads one row by id inside a write transaction, locked where the database locks rows; `what`
/// names it when it is not there.
async fn locked_by_id<T>(
    tx: &mut Transaction<'static, Db>,
    columns: &str,
    table: &str,
    id: i64,
    what: &str,
    from_row: fn(&<Db as sqlx::Database>::Row) -> Result<T>,
) -> Result<T> {
    let row = sqlx::query(&format!(
        "SELECT {columns} FROM {table} WHERE id = $1{FOR_UPDATE}"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        Some(r) => from_row(&r),
        None => Err(StorageError::NotFound(format!("{what} {id}"))),
    }
}

async fn exercise_in_tx(tx: &mut Transaction<'static, Db>, key: &str) -> Result<ExerciseRecord> {
    let row = sqlx::query(&format!(
        "SELECT {EXERCISE_COLUMNS} FROM training_exercises WHERE key = $1{FOR_UPDATE}"
    ))
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        Some(r) => exercise_from_row(&r),
        None => Err(StorageError::NotFound(format!("exercise {key}"))),
    }
}

async fn year_plan_in_tx(tx: &mut Transaction<'static, Db>, id: i64) -> Result<YearPlanRecord> {
    locked_by_id(tx, YEAR_PLAN_COLUMNS, "year_plans", id, "year plan", year_plan_from_row).await
}

/// Inserts an exercise row; a key already there is a duplicate.
async fn insert_exercise(
    tx: &mut Transaction<'static, Db>,
    actor: &str,
    spec: &TrainingExerciseSpec,
    origin: ExerciseOrigin,
) -> Result<ExerciseRecord> {
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM training_exercises WHERE key = $1")
        .bind(&spec.key)
        .fetch_optional(&mut **tx)
        .await?;
    if taken.is_some() {
        return Err(StorageError::Duplicate(format!(
            "the catalogue already has an exercise `{}`",
            spec.key
        )));
    }
    let t = now();
    let body = json(spec);
    let reference = (origin == ExerciseOrigin::Reference).then(|| body.clone());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO training_exercises (key, year, series, host, kind, status, spec, origin, \
         reference_spec, created_by, created_at, updated_by, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $11, 1) RETURNING id",
    )
    .bind(&spec.key)
    .bind(i64::from(spec.year))
    .bind(&spec.series)
    .bind(spec.host.as_str())
    .bind(wire_name(&spec.kind))
    .bind(wire_name(&spec.status))
    .bind(&body)
    .bind(origin.as_str())
    .bind(reference)
    .bind(actor)
    .bind(t)
    .fetch_one(&mut **tx)
    .await?;
    let rec = ExerciseRecord {
        id,
        spec: spec.clone(),
        origin,
        created_by: actor.to_owned(),
        created_at: t,
        updated_by: actor.to_owned(),
        updated_at: t,
        version: 1,
    };
    append_audit(
        tx,
        event(actor, "create", "training_exercise", id, None, Some(json(&rec))),
    )
    .await?;
    Ok(rec)
}

/// Writes a new spec over an exercise row (and, for a load, the bundled spec beside it).
async fn write_exercise(
    tx: &mut Transaction<'static, Db>,
    actor: &str,
    before: &ExerciseRecord,
    spec: &TrainingExerciseSpec,
    reference: Option<&str>,
) -> Result<ExerciseRecord> {
    let t = now();
    sqlx::query(
        "UPDATE training_exercises SET year = $2, series = $3, host = $4, kind = $5, \
         status = $6, spec = $7, reference_spec = COALESCE($8, reference_spec), \
         updated_by = $9, updated_at = $10, version = version + 1 WHERE id = $1",
    )
    .bind(before.id)
    .bind(i64::from(spec.year))
    .bind(&spec.series)
    .bind(spec.host.as_str())
    .bind(wire_name(&spec.kind))
    .bind(wire_name(&spec.status))
    .bind(json(spec))
    .bind(reference)
    .bind(actor)
    .bind(t)
    .execute(&mut **tx)
    .await?;
    let after = ExerciseRecord {
        spec: spec.clone(),
        updated_by: actor.to_owned(),
        updated_at: t,
        version: before.version + 1,
        ..before.clone()
    };
    append_audit(
        tx,
        event(
            actor,
            "update",
            "training_exercise",
            before.id,
            Some(json(before)),
            Some(json(&after)),
        ),
    )
    .await?;
    Ok(after)
}

fn check_exercise(spec: &TrainingExerciseSpec, org: &ReferenceData) -> Result<()> {
    spec.check("spec")?;
    spec.check_references("spec", org)?;
    Ok(())
}

fn year_plan_status(state: &YearPlanState) -> &'static str {
    use crc_domain::crisis::workflow::Workflow;
    state.status_name()
}

/// The catalogue and the year plans as exported.
async fn export_training(
    tx: &mut Transaction<'static, Db>,
) -> Result<(Vec<ExportedExercise>, Vec<YearPlanRecord>)> {
    let exercises = sqlx::query(&format!(
        "SELECT {EXERCISE_COLUMNS}, reference_spec FROM training_exercises ORDER BY id"
    ))
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| {
        Ok(ExportedExercise {
            record: exercise_from_row(r)?,
            reference_spec: r.try_get("reference_spec")?,
        })
    })
    .collect::<Result<_>>()?;
    let plans = sqlx::query(&format!(
        "SELECT {YEAR_PLAN_COLUMNS} FROM year_plans ORDER BY id"
    ))
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(year_plan_from_row)
    .collect::<Result<_>>()?;
    Ok((exercises, plans))
}

/// Restores exported exercises and year plans with their ids and versions.
async fn import_training(
    tx: &mut Transaction<'static, Db>,
    exercises: &[ExportedExercise],
    plans: &[YearPlanRecord],
) -> Result<()> {
    for e in exercises {
        let (x, spec) = (&e.record, &e.record.spec);
        sqlx::query(
            "INSERT INTO training_exercises (id, key, year, series, host, kind, status, spec, \
             origin, reference_spec, created_by, created_at, updated_by, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )
        .bind(x.id)
        .bind(&spec.key)
        .bind(i64::from(spec.year))
        .bind(&spec.series)
        .bind(spec.host.as_str())
        .bind(wire_name(&spec.kind))
        .bind(wire_name(&spec.status))
        .bind(json(spec))
        .bind(x.origin.as_str())
        .bind(&e.reference_spec)
        .bind(&x.created_by)
        .bind(x.created_at)
        .bind(&x.updated_by)
        .bind(x.updated_at)
        .bind(x.version)
        .execute(&mut **tx)
        .await?;
    }
    for p in plans {
        sqlx::query(
            "INSERT INTO year_plans (id, year, status, title, spec, state, created_by, \
             created_at, updated_by, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(p.id)
        .bind(i64::from(p.spec.year))
        .bind(year_plan_status(&p.state))
        .bind(&p.spec.title.en)
        .bind(json(&p.spec))
        .bind(json(&p.state))
        .bind(&p.created_by)
        .bind(p.created_at)
        .bind(&p.updated_by)
        .bind(p.updated_at)
        .bind(p.version)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl Backend {
    /// Loads the bundled catalogue's exercises idempotently: adds those missing, updates a
    /// reference exercise whose bundled spec changed while users have not changed it since,
    /// and keeps (reports) those users have changed. Exercises users added are never touched.
    pub async fn load_catalogue(
        &self,
        actor: &str,
        exercises: &[TrainingExerciseSpec],
    ) -> Result<CatalogueLoadReport> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let mut report = CatalogueLoadReport::default();
        for spec in exercises {
            let body = json(spec);
            let row = sqlx::query(&format!(
                "SELECT {EXERCISE_COLUMNS}, reference_spec FROM training_exercises \
                 WHERE key = $1{FOR_UPDATE}"
            ))
            .bind(&spec.key)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = row else {
                insert_exercise(&mut tx, actor, spec, ExerciseOrigin::Reference).await?;
                report.inserted.push(spec.key.clone());
                continue;
            };
            let before = exercise_from_row(&row)?;
            let loaded: Option<String> = row.try_get("reference_spec")?;
            if before.origin != ExerciseOrigin::Reference || loaded.as_deref() == Some(body.as_str()) {
                report.unchanged += 1;
            } else if loaded.as_deref() == Some(json(&before.spec).as_str()) {
                write_exercise(&mut tx, actor, &before, spec, Some(&body)).await?;
                report.updated.push(spec.key.clone());
            } else {
                report.kept.push(spec.key.clone());
            }
        }
        tx.commit().await?;
        Ok(report)
    }

    /// The catalogue's exercises matching `q`, by year, then key.
    pub async fn list_exercises(&self, q: &ExerciseQuery) -> Result<Vec<ExerciseRecord>> {
        let mut b = QueryBuilder::<Db>::new(format!(
            "SELECT {EXERCISE_COLUMNS} FROM training_exercises WHERE TRUE"
        ));
        if let Some(y) = q.year {
            b.push(" AND year = ");
            b.push_bind(i64::from(y));
        }
        if let Some(s) = &q.series {
            b.push(" AND series = ");
            b.push_bind(s.clone());
        }
        if let Some(h) = &q.host {
            b.push(" AND host = ");
            b.push_bind(h.as_str().to_owned());
        }
        if let Some(k) = &q.kind {
            b.push(" AND kind = ");
            b.push_bind(wire_name(k));
        }
        if let Some(s) = &q.status {
            b.push(" AND status = ");
            b.push_bind(wire_name(s));
        }
        b.push(format!(" ORDER BY year, key{COLLATE_C}"));
        b.build()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(exercise_from_row)
            .collect()
    }

    /// One exercise of the catalogue by key.
    pub async fn exercise(&self, key: &str) -> Result<ExerciseRecord> {
        let row = sqlx::query(&format!(
            "SELECT {EXERCISE_COLUMNS} FROM training_exercises WHERE key = $1"
        ))
        .bind(key)
        .fetch_optional(&self.reader)
        .await?;
        match row {
            Some(r) => exercise_from_row(&r),
            None => Err(StorageError::NotFound(format!("exercise {key}"))),
        }
    }

    /// Adds an exercise to the catalogue, checked against the organization's reference data.
    pub async fn create_exercise(
        &self,
        actor: &str,
        spec: &TrainingExerciseSpec,
        org: &ReferenceData,
    ) -> Result<ExerciseRecord> {
        check_exercise(spec, org)?;
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let rec = insert_exercise(&mut tx, actor, spec, ExerciseOrigin::User).await?;
        tx.commit().await?;
        Ok(rec)
    }

    /// Changes an exercise at the `expected` version. Its key never changes.
    pub async fn update_exercise(
        &self,
        actor: &str,
        key: &str,
        expected: i64,
        spec: &TrainingExerciseSpec,
        org: &ReferenceData,
    ) -> Result<ExerciseRecord> {
        check_exercise(spec, org)?;
        if spec.key != key {
            return Err(DomainError::invalid(
                "spec.key",
                format!("an exercise's key never changes: this is `{key}`"),
            )
            .into());
        }
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let before = exercise_in_tx(&mut tx, key).await?;
        if before.version != expected {
            return Err(StorageError::Stale {
                what: format!("exercise {key}"),
                expected,
                current: before.version,
            });
        }
        let after = write_exercise(&mut tx, actor, &before, spec, None).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Drafts a new year plan (version 1); a year has one plan besides those withdrawn.
    /// `allow` decides whether the actor may.
    pub async fn create_year_plan(
        &self,
        actor: &CrisisActor<'_>,
        spec: &YearPlanSpec,
        org: &ReferenceData,
        allow: impl FnOnce(&YearPlanSpec) -> std::result::Result<(), DomainError>,
    ) -> Result<YearPlanRecord> {
        allow(spec)?;
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let t = now();
        let ctx = crc_domain::crisis::workflow::Context {
            now: t,
            actor: actor.name.to_owned(),
            actor_state: actor.state.cloned(),
            facts: Default::default(),
        };
        let state = year_plan::create(spec, org, &ctx)?;
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM year_plans WHERE year = $1 AND status <> 'withdrawn'",
        )
        .bind(i64::from(spec.year))
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(other) = taken {
            return Err(StorageError::Duplicate(format!(
                "year plan {other} is already the plan for {}",
                spec.year
            )));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO year_plans (year, status, title, spec, state, created_by, created_at, \
             updated_by, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $7, 1) \
             RETURNING id",
        )
        .bind(i64::from(spec.year))
        .bind(year_plan_status(&state))
        .bind(&spec.title.en)
        .bind(json(spec))
        .bind(json(&state))
        .bind(actor.name)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?;
        let rec = YearPlanRecord {
            id,
            spec: spec.clone(),
            state,
            created_by: actor.name.to_owned(),
            created_at: t,
            updated_by: actor.name.to_owned(),
            updated_at: t,
            version: 1,
        };
        append_audit(
            &mut tx,
            event(actor.name, "create", "year_plan", id, None, Some(json(&rec))),
        )
        .await?;
        tx.commit().await?;
        Ok(rec)
    }

    /// One year plan.
    pub async fn year_plan(&self, id: i64) -> Result<YearPlanRecord> {
        let row = sqlx::query(&format!(
            "SELECT {YEAR_PLAN_COLUMNS} FROM year_plans WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.reader)
        .await?;
        match row {
            Some(r) => year_plan_from_row(&r),
            None => Err(StorageError::NotFound(format!("year plan {id}"))),
        }
    }

    /// The year plans, newest year first (of one year when given).
    pub async fn list_year_plans(&self, year: Option<i32>) -> Result<Vec<YearPlanRecord>> {
        let mut b = QueryBuilder::<Db>::new(format!(
            "SELECT {YEAR_PLAN_COLUMNS} FROM year_plans WHERE TRUE"
        ));
        if let Some(y) = year {
            b.push(" AND year = ");
            b.push_bind(i64::from(y));
        }
        b.push(" ORDER BY year DESC, id DESC");
        b.build()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(year_plan_from_row)
            .collect()
    }

    /// Takes one step of a year plan at the `expected` version (when given): `allow` decides
    /// on the plan as locked, the domain on its state; the row and its audit entry are written
    /// together, and a refused step changes nothing.
    pub async fn command_year_plan(
        &self,
        actor: &CrisisActor<'_>,
        id: i64,
        expected: Option<i64>,
        command: &YearPlanCommand,
        org: &ReferenceData,
        allow: impl FnOnce(&YearPlanRecord, &YearPlanCommand) -> std::result::Result<(), DomainError>,
    ) -> Result<YearPlanRecord> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let before = year_plan_in_tx(&mut tx, id).await?;
        allow(&before, command)?;
        if let Some(v) = expected {
            if v != before.version {
                return Err(StorageError::Stale {
                    what: format!("year plan {id}"),
                    expected: v,
                    current: before.version,
                });
            }
        }
        let t = now();
        let ctx = crc_domain::crisis::workflow::Context {
            now: t,
            actor: actor.name.to_owned(),
            actor_state: actor.state.cloned(),
            facts: Default::default(),
        };
        let (spec, state) = year_plan::apply(&before.spec, &before.state, command, org, &ctx)?;
        // The year never changes (`year_plan::apply` refuses) and a withdrawn plan never
        // comes back, so the one-plan-a-year rule cannot be broken by a step.
        let status = year_plan_status(&state);
        sqlx::query(
            "UPDATE year_plans SET status = $2, title = $3, spec = $4, state = $5, \
             updated_by = $6, updated_at = $7, version = version + 1 WHERE id = $1",
        )
        .bind(id)
        .bind(status)
        .bind(&spec.title.en)
        .bind(json(&spec))
        .bind(json(&state))
        .bind(actor.name)
        .bind(t)
        .execute(&mut *tx)
        .await?;
        let after = YearPlanRecord {
            spec,
            state,
            updated_by: actor.name.to_owned(),
            updated_at: t,
            version: before.version + 1,
            ..before.clone()
        };
        let name = {
            use crc_domain::crisis::workflow::Workflow;
            YearPlanState::command_name(command)
        };
        append_audit(
            &mut tx,
            event(
                actor.name,
                name,
                "year_plan",
                id,
                Some(json(&before)),
                Some(json(&after)),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }
}

const DESIGN_COLUMNS: &str =
    "id, exercise_id, spec, created_by, created_at, updated_by, updated_at, version";

const MSEL_COLUMNS: &str =
    "id, design_id, spec, state, created_by, created_at, updated_by, updated_at, version";

fn design_from_row(row: &<Db as sqlx::Database>::Row) -> Result<DesignRecord> {
    let id: i64 = row.try_get("id")?;
    let spec: String = row.try_get("spec")?;
    Ok(DesignRecord {
        id,
        exercise_id: row.try_get("exercise_id")?,
        spec: serde_json::from_str(&spec).map_err(|e| corrupt(&format!("design {id} spec"), e))?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_by: row.try_get("updated_by")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
    })
}

fn msel_from_row(row: &<Db as sqlx::Database>::Row) -> Result<MselRecord> {
    let id: i64 = row.try_get("id")?;
    let spec: String = row.try_get("spec")?;
    let state: String = row.try_get("state")?;
    Ok(MselRecord {
        id,
        design_id: row.try_get("design_id")?,
        spec: serde_json::from_str(&spec).map_err(|e| corrupt(&format!("MSEL {id} spec"), e))?,
        state: serde_json::from_str(&state).map_err(|e| corrupt(&format!("MSEL {id} state"), e))?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_by: row.try_get("updated_by")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
    })
}

async fn design_in_tx(tx: &mut Transaction<'static, Db>, id: i64) -> Result<DesignRecord> {
    locked_by_id(tx, DESIGN_COLUMNS, "exercise_designs", id, "exercise design", design_from_row).await
}

async fn msel_in_tx(tx: &mut Transaction<'static, Db>, id: i64) -> Result<MselRecord> {
    locked_by_id(tx, MSEL_COLUMNS, "msels", id, "MSEL", msel_from_row).await
}

fn msel_status(state: &MselState) -> &'static str {
    use crc_domain::crisis::workflow::Workflow;
    state.status_name()
}

/// The exercise designs and MSELs as exported.
async fn export_designs(
    tx: &mut Transaction<'static, Db>,
) -> Result<(Vec<DesignRecord>, Vec<MselRecord>)> {
    let designs = sqlx::query(&format!(
        "SELECT {DESIGN_COLUMNS} FROM exercise_designs ORDER BY id"
    ))
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(design_from_row)
    .collect::<Result<_>>()?;
    let msels = sqlx::query(&format!("SELECT {MSEL_COLUMNS} FROM msels ORDER BY id"))
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(msel_from_row)
        .collect::<Result<_>>()?;
    Ok((designs, msels))
}

/// Restores exported exercise designs and MSELs with their ids and versions.
async fn import_designs(
    tx: &mut Transaction<'static, Db>,
    designs: &[DesignRecord],
    msels: &[MselRecord],
) -> Result<()> {
    for d in designs {
        sqlx::query(
            "INSERT INTO exercise_designs (id, exercise_id, name, spec, created_by, created_at, \
             updated_by, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(d.id)
        .bind(d.exercise_id)
        .bind(&d.spec.name)
        .bind(json(&d.spec))
        .bind(&d.created_by)
        .bind(d.created_at)
        .bind(&d.updated_by)
        .bind(d.updated_at)
        .bind(d.version)
        .execute(&mut **tx)
        .await?;
    }
    for m in msels {
        sqlx::query(
            "INSERT INTO msels (id, design_id, status, spec, state, created_by, created_at, \
             updated_by, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(m.id)
        .bind(m.design_id)
        .bind(msel_status(&m.state))
        .bind(json(&m.spec))
        .bind(json(&m.state))
        .bind(&m.created_by)
        .bind(m.created_at)
        .bind(&m.updated_by)
        .bind(m.updated_at)
        .bind(m.version)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Refuses an exercise reference to no exercise of the catalogue.
async fn check_exercise_ref(tx: &mut Transaction<'static, Db>, id: Option<i64>) -> Result<()> {
    if let Some(id) = id {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM training_exercises WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
        if found.is_none() {
            return Err(DomainError::invalid(
                "exercise_id",
                format!("no exercise {id} in the catalogue"),
            )
            .into());
        }
    }
    Ok(())
}

impl Backend {
    /// Writes a new exercise design (version 1), for an exercise of the catalogue when given.
    pub async fn create_design(
        &self,
        actor: &str,
        exercise_id: Option<i64>,
        spec: &ExerciseDesign,
    ) -> Result<DesignRecord> {
        spec.check()?;
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        check_exercise_ref(&mut tx, exercise_id).await?;
        let t = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO exercise_designs (exercise_id, name, spec, created_by, created_at, \
             updated_by, updated_at, version) VALUES ($1, $2, $3, $4, $5, $4, $5, 1) \
             RETURNING id",
        )
        .bind(exercise_id)
        .bind(&spec.name)
        .bind(json(spec))
        .bind(actor)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?;
        let rec = DesignRecord {
            id,
            exercise_id,
            spec: spec.clone(),
            created_by: actor.to_owned(),
            created_at: t,
            updated_by: actor.to_owned(),
            updated_at: t,
            version: 1,
        };
        append_audit(
            &mut tx,
            event(actor, "create", "exercise_design", id, None, Some(json(&rec))),
        )
        .await?;
        tx.commit().await?;
        Ok(rec)
    }

    /// One exercise design.
    pub async fn design(&self, id: i64) -> Result<DesignRecord> {
        let row = sqlx::query(&format!(
            "SELECT {DESIGN_COLUMNS} FROM exercise_designs WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.reader)
        .await?;
        match row {
            Some(r) => design_from_row(&r),
            None => Err(StorageError::NotFound(format!("exercise design {id}"))),
        }
    }

    /// The exercise designs, newest first.
    pub async fn list_designs(&self) -> Result<Vec<DesignRecord>> {
        sqlx::query(&format!(
            "SELECT {DESIGN_COLUMNS} FROM exercise_designs ORDER BY id DESC"
        ))
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(design_from_row)
        .collect()
    }

    /// Changes an exercise design at the `expected` version (its exercise reference too).
    pub async fn update_design(
        &self,
        actor: &str,
        id: i64,
        expected: i64,
        exercise_id: Option<i64>,
        spec: &ExerciseDesign,
    ) -> Result<DesignRecord> {
        spec.check()?;
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let before = design_in_tx(&mut tx, id).await?;
        if expected != before.version {
            return Err(StorageError::Stale {
                what: format!("exercise design {id}"),
                expected,
                current: before.version,
            });
        }
        check_exercise_ref(&mut tx, exercise_id).await?;
        // The design's MSELs must still hold against it (their senders, recipients,
        // storylines and objectives): a change that would leave an inject addressed to no one
        // is refused, naming the MSEL and the inject.
        let msels: Vec<MselRecord> = sqlx::query(&format!(
            "SELECT {MSEL_COLUMNS} FROM msels WHERE design_id = $1 ORDER BY id"
        ))
        .bind(id)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(msel_from_row)
        .collect::<Result<_>>()?;
        for m in &msels {
            if let Err(DomainError::Invalid { field, message }) = m.spec.check(spec) {
                return Err(DomainError::invalid(
                    "spec",
                    format!(
                        "MSEL {} would no longer hold against the design ({field}: {message}); \
                         amend it first",
                        m.id
                    ),
                )
                .into());
            }
        }
        let t = now();
        sqlx::query(
            "UPDATE exercise_designs SET exercise_id = $2, name = $3, spec = $4, \
             updated_by = $5, updated_at = $6, version = version + 1 WHERE id = $1",
        )
        .bind(id)
        .bind(exercise_id)
        .bind(&spec.name)
        .bind(json(spec))
        .bind(actor)
        .bind(t)
        .execute(&mut *tx)
        .await?;
        let after = DesignRecord {
            exercise_id,
            spec: spec.clone(),
            updated_by: actor.to_owned(),
            updated_at: t,
            version: before.version + 1,
            ..before.clone()
        };
        append_audit(
            &mut tx,
            event(
                actor,
                "update",
                "exercise_design",
                id,
                Some(json(&before)),
                Some(json(&after)),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Creates an MSEL of a design as a draft at version 1, its injects checked against the
    /// design as read in the transaction.
    pub async fn create_msel(
        &self,
        actor: &str,
        design_id: i64,
        spec: &MselSpec,
    ) -> Result<MselRecord> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let design = design_in_tx(&mut tx, design_id).await?;
        let state = msel::create(spec, &design.spec)?;
        let t = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO msels (design_id, status, spec, state, created_by, created_at, \
             updated_by, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $5, $6, 1) \
             RETURNING id",
        )
        .bind(design_id)
        .bind(msel_status(&state))
        .bind(json(spec))
        .bind(json(&state))
        .bind(actor)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?;
        let rec = MselRecord {
            id,
            design_id,
            spec: spec.clone(),
            state,
            created_by: actor.to_owned(),
            created_at: t,
            updated_by: actor.to_owned(),
            updated_at: t,
            version: 1,
        };
        append_audit(
            &mut tx,
            event(actor, "create", "msel", id, None, Some(json(&rec))),
        )
        .await?;
        tx.commit().await?;
        Ok(rec)
    }

    /// One MSEL.
    pub async fn msel(&self, id: i64) -> Result<MselRecord> {
        let row = sqlx::query(&format!("SELECT {MSEL_COLUMNS} FROM msels WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        match row {
            Some(r) => msel_from_row(&r),
            None => Err(StorageError::NotFound(format!("MSEL {id}"))),
        }
    }

    /// The MSELs of a design, oldest first.
    pub async fn list_msels(&self, design_id: i64) -> Result<Vec<MselRecord>> {
        sqlx::query(&format!(
            "SELECT {MSEL_COLUMNS} FROM msels WHERE design_id = $1 ORDER BY id"
        ))
        .bind(design_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(msel_from_row)
        .collect()
    }

    /// Takes one step of an MSEL at the `expected` version (when given): `allow` decides on
    /// the MSEL as locked, the domain (`msel::apply`, against the design) on its state; the
    /// row and its audit entry are written together, and a refused step changes nothing.
    pub async fn command_msel(
        &self,
        actor: &CrisisActor<'_>,
        id: i64,
        expected: Option<i64>,
        command: &MselCommand,
        allow: impl FnOnce(&MselRecord, &MselCommand) -> std::result::Result<(), DomainError>,
    ) -> Result<MselRecord> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let before = msel_in_tx(&mut tx, id).await?;
        allow(&before, command)?;
        if let Some(v) = expected {
            if v != before.version {
                return Err(StorageError::Stale {
                    what: format!("MSEL {id}"),
                    expected: v,
                    current: before.version,
                });
            }
        }
        let design = design_in_tx(&mut tx, before.design_id).await?;
        let t = now();
        let ctx = crc_domain::crisis::workflow::Context {
            now: t,
            actor: actor.name.to_owned(),
            actor_state: actor.state.cloned(),
            facts: Default::default(),
        };
        let (spec, state) = msel::apply(&before.spec, &before.state, command, &design.spec, &ctx)?;
        sqlx::query(
            "UPDATE msels SET status = $2, spec = $3, state = $4, updated_by = $5, \
             updated_at = $6, version = version + 1 WHERE id = $1",
        )
        .bind(id)
        .bind(msel_status(&state))
        .bind(json(&spec))
        .bind(json(&state))
        .bind(actor.name)
        .bind(t)
        .execute(&mut *tx)
        .await?;
        let after = MselRecord {
            spec,
            state,
            updated_by: actor.name.to_owned(),
            updated_at: t,
            version: before.version + 1,
            ..before.clone()
        };
        let name = {
            use crc_domain::crisis::workflow::Workflow;
            MselState::command_name(command)
        };
        append_audit(
            &mut tx,
            event(
                actor.name,
                name,
                "msel",
                id,
                Some(json(&before)),
                Some(json(&after)),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }
}
