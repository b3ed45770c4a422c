// Corrective actions and lessons learned. Shared by both backends like `queries.rs`
// (included after `run_queries.rs` into `sqlite.rs` and `postgres.rs`, so it uses those
// files' imports and helpers). Everyone signed in reads them (they are the organization's own
// documents); who may change what is the caller's `allow`, decided on the row as locked.
// An action's state is only ever what `actions::create`/`actions::apply` returned. Each
// change writes its audit entry (entity `corrective_action` or `lesson`, the record before
// and after) in the same transaction.

use crate::follow_up_model::*;
use crc_domain::training::actions::{self, ActionCommand, ActionSpec, ActionState};
use crc_domain::training::lessons::Lesson;

const ACTION_COLUMNS: &str =
    "id, spec, state, created_by, created_at, updated_by, updated_at, version";
const LESSON_COLUMNS: &str =
    "id, lesson, created_by, created_at, updated_by, updated_at, version";

fn action_from_row(row: &<Db as sqlx::Database>::Row) -> Result<ActionRecord> {
    let id: i64 = row.try_get("id")?;
    let spec: String = row.try_get("spec")?;
    let state: String = row.try_get("state")?;
    Ok(ActionRecord {
        id,
        spec: serde_json::from_str(&spec).map_err(|e| corrupt(&format!("action {id} spec"), e))?,
        state: serde_json::from_str(&state)
            .map_err(|e| corrupt(&format!("action {id} state"), e))?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_by: row.try_get("updated_by")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
    })
}

fn lesson_from_row(row: &<Db as sqlx::Database>::Row) -> Result<LessonRecord> {
    let id: i64 = row.try_get("id")?;
    let lesson: String = row.try_get("lesson")?;
    Ok(LessonRecord {
        id,
        lesson: serde_json::from_str(&lesson)
            .map_err(|e| corrupt(&format!("lesson {id}"), e))?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_by: row.try_get("updated_by")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
    })
}

fn action_status(state: &ActionState) -> String {
    wire_name(&state.status)
}

async fn insert_action(tx: &mut Transaction<'static, Db>, a: &ActionRecord, with_id: bool) -> Result<i64> {
    let cols = "exercise, status, owner_state, due, spec, state, created_by, created_at, \
         updated_by, updated_at, version";
    let sql = if with_id {
        format!(
            "INSERT INTO corrective_actions (id, {cols}) VALUES ($12, $1, $2, $3, $4, $5, $6, \
             $7, $8, $9, $10, $11) RETURNING id"
        )
    } else {
        format!(
            "INSERT INTO corrective_actions ({cols}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
             $9, $10, $11) RETURNING id"
        )
    };
    let mut q = sqlx::query_scalar(&sql)
        .bind(a.spec.exercise.as_str())
        .bind(action_status(&a.state))
        .bind(a.spec.owner_state.as_ref().map(|s| s.as_str().to_owned()))
        .bind(a.spec.due.to_string())
        .bind(json(&a.spec))
        .bind(json(&a.state))
        .bind(&a.created_by)
        .bind(a.created_at)
        .bind(&a.updated_by)
        .bind(a.updated_at)
        .bind(a.version);
    if with_id {
        q = q.bind(a.id);
    }
    Ok(q.fetch_one(&mut **tx).await?)
}

async fn insert_lesson(tx: &mut Transaction<'static, Db>, l: &LessonRecord, with_id: bool) -> Result<i64> {
    let cols = "exercise, applies_year, lesson, created_by, created_at, updated_by, updated_at, \
         version";
    let sql = if with_id {
        format!(
            "INSERT INTO lessons (id, {cols}) VALUES ($9, $1, $2, $3, $4, $5, $6, $7, $8) \
             RETURNING id"
        )
    } else {
        format!(
            "INSERT INTO lessons ({cols}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
        )
    };
    let mut q = sqlx::query_scalar(&sql)
        .bind(l.lesson.exercise.as_ref().map(|e| e.as_str().to_owned()))
        .bind(l.lesson.applies_to.as_ref().map(|a| a.year))
        .bind(json(&l.lesson))
        .bind(&l.created_by)
        .bind(l.created_at)
        .bind(&l.updated_by)
        .bind(l.updated_at)
        .bind(l.version);
    if with_id {
        q = q.bind(l.id);
    }
    Ok(q.fetch_one(&mut **tx).await?)
}

/// The corrective actions and lessons as exported.
async fn export_follow_up(
    tx: &mut Transaction<'static, Db>,
) -> Result<(Vec<ActionRecord>, Vec<LessonRecord>)> {
    let actions = sqlx::query(&format!(
        "SELECT {ACTION_COLUMNS} FROM corrective_actions ORDER BY id"
    ))
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(action_from_row)
    .collect::<Result<_>>()?;
    let lessons = sqlx::query(&format!("SELECT {LESSON_COLUMNS} FROM lessons ORDER BY id"))
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(lesson_from_row)
        .collect::<Result<_>>()?;
    Ok((actions, lessons))
}

/// Restores exported actions and lessons with their ids and versions.
async fn import_follow_up(
    tx: &mut Transaction<'static, Db>,
    actions: &[ActionRecord],
    lessons: &[LessonRecord],
) -> Result<()> {
    for a in actions {
        insert_action(tx, a, true).await?;
    }
    for l in lessons {
        insert_lesson(tx, l, true).await?;
    }
    Ok(())
}

impl Backend {
    /// Creates a corrective action, open.
    pub async fn create_action(&self, actor: &str, spec: &ActionSpec) -> Result<ActionRecord> {
        let state = actions::create(spec)?;
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let t = now();
        let mut rec = ActionRecord {
            id: 0,
            spec: spec.clone(),
            state,
            created_by: actor.to_owned(),
            created_at: t,
            updated_by: actor.to_owned(),
            updated_at: t,
            version: 1,
        };
        rec.id = insert_action(&mut tx, &rec, false).await?;
        append_audit(
            &mut tx,
            event(actor, "create", "corrective_action", rec.id, None, Some(json(&rec))),
        )
        .await?;
        tx.commit().await?;
        Ok(rec)
    }

    /// One corrective action.
    pub async fn action(&self, id: i64) -> Result<ActionRecord> {
        let row = sqlx::query(&format!(
            "SELECT {ACTION_COLUMNS} FROM corrective_actions WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.reader)
        .await?;
        match row {
            Some(r) => action_from_row(&r),
            None => Err(StorageError::NotFound(format!("corrective action {id}"))),
        }
    }

    /// The corrective actions (of one exercise marking, of one status), oldest first.
    pub async fn list_actions(
        &self,
        exercise: Option<&str>,
        status: Option<&str>,
    ) -> Result<Vec<ActionRecord>> {
        sqlx::query(&format!(
            "SELECT {ACTION_COLUMNS} FROM corrective_actions WHERE ($1 IS NULL OR exercise = $1) \
             AND ($2 IS NULL OR status = $2) ORDER BY id"
        ))
        .bind(exercise)
        .bind(status)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(action_from_row)
        .collect()
    }

    /// Takes one step of a corrective action.
    pub async fn command_action(
        &self,
        actor: &CrisisActor<'_>,
        id: i64,
        expected: Option<i64>,
        command: &ActionCommand,
        allow: impl FnOnce(&ActionRecord, &ActionCommand) -> std::result::Result<(), DomainError>,
    ) -> Result<ActionRecord> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let before = locked_by_id(
            &mut tx,
            ACTION_COLUMNS,
            "corrective_actions",
            id,
            "corrective action",
            action_from_row,
        )
        .await?;
        allow(&before, command)?;
        if let Some(v) = expected {
            if v != before.version {
                return Err(StorageError::Stale {
                    what: format!("corrective action {id}"),
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
        let (spec, state) = actions::apply(&before.spec, &before.state, command, &ctx)?;
        sqlx::query(
            "UPDATE corrective_actions SET exercise = $2, status = $3, owner_state = $4, \
             due = $5, spec = $6, state = $7, updated_by = $8, updated_at = $9, \
             version = version + 1 WHERE id = $1",
        )
        .bind(id)
        .bind(spec.exercise.as_str())
        .bind(action_status(&state))
        .bind(spec.owner_state.as_ref().map(|s| s.as_str().to_owned()))
        .bind(spec.due.to_string())
        .bind(json(&spec))
        .bind(json(&state))
        .bind(actor.name)
        .bind(t)
        .execute(&mut *tx)
        .await?;
        let after = ActionRecord {
            spec,
            state,
            updated_by: actor.name.to_owned(),
            updated_at: t,
            version: before.version + 1,
            ..before.clone()
        };
        let name = {
            use crc_domain::crisis::workflow::Workflow;
            ActionState::command_name(command)
        };
        append_audit(
            &mut tx,
            event(
                actor.name,
                name,
                "corrective_action",
                id,
                Some(json(&before)),
                Some(json(&after)),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Writes a lesson learned.
    pub async fn create_lesson(&self, actor: &str, lesson: &Lesson) -> Result<LessonRecord> {
        lesson.check()?;
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let t = now();
        let mut rec = LessonRecord {
            id: 0,
            lesson: lesson.clone(),
            created_by: actor.to_owned(),
            created_at: t,
            updated_by: actor.to_owned(),
            updated_at: t,
            version: 1,
        };
        rec.id = insert_lesson(&mut tx, &rec, false).await?;
        append_audit(&mut tx, event(actor, "create", "lesson", rec.id, None, Some(json(&rec))))
            .await?;
        tx.commit().await?;
        Ok(rec)
    }

    /// One lesson.
    pub async fn lesson(&self, id: i64) -> Result<LessonRecord> {
        let row = sqlx::query(&format!("SELECT {LESSON_COLUMNS} FROM lessons WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        match row {
            Some(r) => lesson_from_row(&r),
            None => Err(StorageError::NotFound(format!("lesson {id}"))),
        }
    }

    /// The lessons (linked into one year's plan, when given), oldest first.
    pub async fn list_lessons(&self, applies_year: Option<i32>) -> Result<Vec<LessonRecord>> {
        sqlx::query(&format!(
            "SELECT {LESSON_COLUMNS} FROM lessons WHERE ($1 IS NULL OR applies_year = $1) \
             ORDER BY id"
        ))
        .bind(applies_year)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(lesson_from_row)
        .collect()
    }

    /// Changes a lesson at an expected version.
    pub async fn update_lesson(
        &self,
        actor: &str,
        id: i64,
        expected: i64,
        lesson: &Lesson,
    ) -> Result<LessonRecord> {
        lesson.check()?;
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let before =
            locked_by_id(&mut tx, LESSON_COLUMNS, "lessons", id, "lesson", lesson_from_row).await?;
        if expected != before.version {
            return Err(StorageError::Stale {
                what: format!("lesson {id}"),
                expected,
                current: before.version,
            });
        }
        let t = now();
        sqlx::query(
            "UPDATE lessons SET exercise = $2, applies_year = $3, lesson = $4, updated_by = $5, \
             updated_at = $6, version = version + 1 WHERE id = $1",
        )
        .bind(id)
        .bind(lesson.exercise.as_ref().map(|e| e.as_str().to_owned()))
        .bind(lesson.applies_to.as_ref().map(|a| a.year))
        .bind(json(lesson))
        .bind(actor)
        .bind(t)
        .execute(&mut *tx)
        .await?;
        let after = LessonRecord {
            lesson: lesson.clone(),
            updated_by: actor.to_owned(),
            updated_at: t,
            version: before.version + 1,
            ..before.clone()
        };
        append_audit(
            &mut tx,
            event(actor, "update", "lesson", id, Some(json(&before)), Some(json(&after))),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }
}
