// Movement plans' SQL, shared by both backends like `queries.rs` (included after
// `crisis_queries.rs` into `sqlite.rs` and `postgres.rs`, so it uses those files' imports and
// helpers).
//
// A plan of an operation is visible exactly to those who may see the operation: every read
// joins the operation and applies the crisis records' releasability rule to it in SQL. A plan
// without an operation is the Joint Staff's. Every change (queued, started, stop asked,
// finished, queued again after a restart) writes its audit entry (entity `plan`) in the same
// transaction; the entry carries the operation's sight so the event stream can decide who
// hears of it.

use crate::plan_model::*;

const PLAN_COLUMNS: &str = "p.id, p.operation_id, p.parent_id, p.changes, p.exercise, p.epoch, \
     p.seed, p.time_limit_ms, p.status, p.stop_requested, p.progress, p.closure, p.lower_bound, \
     p.gap, p.sorties, p.weighted_lateness, p.binding, p.error, p.created_by, p.created_at, \
     p.finished_at, p.version, r.id AS op_id, r.owner_state AS op_owner, \
     r.releasability AS op_label, r.release_to AS op_release_to";

const PLAN_FROM: &str =
    " FROM movement_plans p LEFT JOIN crisis_records r ON r.id = p.operation_id";

fn plan_from_row(row: &<Db as sqlx::Database>::Row) -> Result<PlanRecord> {
    let id: i64 = row.try_get("id")?;
    let bad = |what: &str, e: &dyn std::fmt::Display| corrupt(&format!("plan {id} {what}"), e);
    fn parse_json<T: serde::de::DeserializeOwned>(
        s: Option<String>,
    ) -> serde_json::Result<Option<T>> {
        s.map(|s| serde_json::from_str(&s)).transpose()
    }
    let status: String = row.try_get("status")?;
    let changes: String = row.try_get("changes")?;
    let progress: Option<PlanProgress> =
        parse_json(row.try_get("progress")?).map_err(|e| bad("progress", &e))?;
    let binding: Option<PlanBinding> =
        parse_json(row.try_get("binding")?).map_err(|e| bad("binding", &e))?;
    let closure: Option<i64> = row.try_get("closure")?;
    let summary = match (closure, binding) {
        (Some(closure), Some(binding)) => Some(PlanSummary {
            closure,
            lower_bound: row.try_get::<Option<i64>, _>("lower_bound")?.unwrap_or(0),
            gap: row.try_get::<Option<f64>, _>("gap")?.unwrap_or(0.0),
            sorties: row.try_get::<Option<i64>, _>("sorties")?.unwrap_or(0),
            weighted_lateness: row
                .try_get::<Option<i64>, _>("weighted_lateness")?
                .unwrap_or(0),
            binding,
        }),
        _ => None,
    };
    let op_id: Option<i64> = row.try_get("op_id")?;
    let sight = match op_id {
        None => None,
        Some(_) => {
            let owner: Option<String> = row.try_get("op_owner")?;
            let label: Option<String> = row.try_get("op_label")?;
            let release_to: Option<String> = row.try_get("op_release_to")?;
            let states = release_to
                .unwrap_or_default()
                .split(',')
                .filter(|s| !s.is_empty())
                .map(StateCode::parse)
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| bad("operation release_to", &e))?;
            Some(OperationSight {
                owner_state: owner
                    .map(|s| StateCode::parse(&s))
                    .transpose()
                    .map_err(|e| bad("operation owner_state", &e))?,
                releasability: Releasability::from_parts(label.as_deref().unwrap_or(""), states)
                    .map_err(|e| bad("operation releasability", &e))?,
            })
        }
    };
    let seed: i64 = row.try_get("seed")?;
    Ok(PlanRecord {
        id,
        operation_id: row.try_get("operation_id")?,
        parent_id: row.try_get("parent_id")?,
        changes: serde_json::from_str(&changes).map_err(|e| bad("changes", &e))?,
        exercise: row.try_get("exercise")?,
        epoch: row.try_get("epoch")?,
        // The u64 seed is kept as the i64 of the same bits.
        seed: seed as u64,
        time_limit_ms: row.try_get("time_limit_ms")?,
        status: PlanStatus::parse(&status).map_err(|e| bad("status", &e))?,
        stop_requested: row.try_get("stop_requested")?,
        progress,
        summary,
        error: parse_json(row.try_get("error")?).map_err(|e| bad("error", &e))?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        finished_at: row.try_get("finished_at")?,
        version: row.try_get("version")?,
        sight,
    })
}

/// Appends the rule of who may see a plan over `movement_plans p LEFT JOIN crisis_records r`:
/// the operation's releasability (the crisis records' rule, `push_crisis_visible`), or for a
/// plan without an operation, the Joint Staff.
fn push_plan_visible(q: &mut QueryBuilder<'_, Db>, pv: &PlanViewer<'_>) {
    if matches!(pv.viewer, Viewer::System) {
        q.push(" AND TRUE");
        return;
    }
    q.push(" AND ((p.operation_id IS NULL AND ");
    q.push(if pv.joint_staff { "TRUE" } else { "FALSE" });
    q.push(") OR (r.id IS NOT NULL");
    push_crisis_visible(q, pv.viewer);
    q.push("))");
}

async fn plan_in_tx(
    tx: &mut Transaction<'static, Db>,
    pv: &PlanViewer<'_>,
    id: i64,
    lock: bool,
) -> Result<PlanRecord> {
    let mut q = QueryBuilder::<Db>::new("SELECT ");
    q.push(PLAN_COLUMNS);
    q.push(PLAN_FROM);
    q.push(" WHERE p.id = ");
    q.push_bind(id);
    push_plan_visible(&mut q, pv);
    if lock {
        // PostgreSQL cannot lock the nullable side of an outer join: lock the plan only.
        q.push(if FOR_UPDATE.is_empty() {
            ""
        } else {
            " FOR UPDATE OF p"
        });
    }
    match q.build().fetch_optional(&mut **tx).await? {
        Some(r) => plan_from_row(&r),
        None => Err(plan_missing(&mut **tx, pv, id).await),
    }
}

/// Why a plan was not found for `pv`: a plan without an operation read by someone outside
/// the Joint Staff is forbidden (a rule of roles, not of releasability); anything else is
/// not found, whether it exists or not.
async fn plan_missing<'e, E>(ex: E, pv: &PlanViewer<'_>, id: i64) -> StorageError
where
    E: sqlx::Executor<'e, Database = Db>,
{
    if !pv.joint_staff {
        let found = sqlx::query("SELECT operation_id FROM movement_plans WHERE id = $1")
            .bind(id)
            .fetch_optional(ex)
            .await;
        if let Ok(Some(row)) = found {
            if let Ok(None) = row.try_get::<Option<i64>, _>("operation_id") {
                return DomainError::Forbidden(
                    "only the Joint Staff may read a plan made without an operation".into(),
                )
                .into();
            }
        }
    }
    StorageError::NotFound(format!("plan {id}"))
}

fn plan_audit(p: &PlanRecord) -> String {
    json(p)
}

/// Deletes the plans of an operation (what-ifs first) with their audit entries: the
/// operation is going (`remove_demo`).
async fn delete_operation_plans(
    tx: &mut Transaction<'static, Db>,
    actor: &str,
    operation: i64,
) -> Result<usize> {
    let mut q = QueryBuilder::<Db>::new("SELECT ");
    q.push(PLAN_COLUMNS);
    q.push(PLAN_FROM);
    q.push(" WHERE p.operation_id = ");
    q.push_bind(operation);
    // What-ifs are made after the plans they start from: highest id first removes children
    // before their parents.
    q.push(" ORDER BY p.id DESC");
    let plans: Vec<PlanRecord> = q
        .build()
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(plan_from_row)
        .collect::<Result<_>>()?;
    for p in &plans {
        // A what-if of another operation's plan cannot exist (a what-if keeps its parent's
        // operation), so only this operation's plans point here.
        sqlx::query("DELETE FROM movement_plans WHERE id = $1")
            .bind(p.id)
            .execute(&mut **tx)
            .await?;
        audit_plan(tx, actor, "delete", Some(p), None).await?;
    }
    Ok(plans.len())
}

impl Backend {
    /// Queues a plan. An operation it names must be a crisis record of kind operation; a
    /// parent must exist. The record's audit entry is written in the same transaction.
    pub async fn create_plan(&self, actor: &str, new: NewPlan) -> Result<PlanRecord> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        if let Some(op) = new.operation_id {
            let kind: Option<String> =
                sqlx::query_scalar("SELECT kind FROM crisis_records WHERE id = $1")
                    .bind(op)
                    .fetch_optional(&mut *tx)
                    .await?;
            if kind.as_deref() != Some("operation") {
                return Err(DomainError::invalid(
                    "operation_id",
                    format!("there is no operation {op}"),
                )
                .into());
            }
        }
        if let Some(parent) = new.parent_id {
            let found = sqlx::query("SELECT id FROM movement_plans WHERE id = $1")
                .bind(parent)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StorageError::NotFound(format!("plan {parent}")));
            }
        }
        if !(1..=i64::from(u32::MAX)).contains(&new.time_limit_ms) {
            return Err(DomainError::invalid(
                "time_limit_ms",
                "must be a positive number of milliseconds",
            )
            .into());
        }
        let t = now();
        let row = sqlx::query(
            "INSERT INTO movement_plans (operation_id, parent_id, changes, exercise, scenario, \
             epoch, seed, time_limit_ms, status, stop_requested, created_by, created_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', FALSE, $9, $10, 1) RETURNING id",
        )
        .bind(new.operation_id)
        .bind(new.parent_id)
        .bind(new.changes.to_string())
        .bind(&new.exercise)
        .bind(new.scenario.to_string())
        .bind(new.epoch.map(|e| e.trunc_subsecs(6)))
        .bind(new.seed as i64)
        .bind(new.time_limit_ms)
        .bind(actor)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        let rec = plan_in_tx(
            &mut tx,
            &PlanViewer {
                viewer: &Viewer::System,
                joint_staff: true,
            },
            id,
            false,
        )
        .await?;
        audit_plan(&mut tx, actor, "create", None, Some(&rec)).await?;
        tx.commit().await?;
        Ok(rec)
    }

    /// One plan `pv` may see.
    pub async fn plan(&self, pv: &PlanViewer<'_>, id: i64) -> Result<PlanRecord> {
        let mut q = QueryBuilder::<Db>::new("SELECT ");
        q.push(PLAN_COLUMNS);
        q.push(PLAN_FROM);
        q.push(" WHERE p.id = ");
        q.push_bind(id);
        push_plan_visible(&mut q, pv);
        match q.build().fetch_optional(&self.reader).await? {
            Some(r) => plan_from_row(&r),
            None => Err(plan_missing(&self.reader, pv, id).await),
        }
    }

    /// One plan `pv` may see, with one of its documents as stored (JSON text; the plan is
    /// absent until done).
    pub async fn plan_document(
        &self,
        pv: &PlanViewer<'_>,
        id: i64,
        which: PlanDocument,
    ) -> Result<(PlanRecord, Option<String>)> {
        let column = match which {
            PlanDocument::Scenario => "p.scenario",
            PlanDocument::Plan => "p.plan",
        };
        let mut q = QueryBuilder::<Db>::new("SELECT ");
        q.push(PLAN_COLUMNS);
        q.push(format!(", {column} AS document"));
        q.push(PLAN_FROM);
        q.push(" WHERE p.id = ");
        q.push_bind(id);
        push_plan_visible(&mut q, pv);
        match q.build().fetch_optional(&self.reader).await? {
            Some(r) => Ok((plan_from_row(&r)?, r.try_get("document")?)),
            None => Err(plan_missing(&self.reader, pv, id).await),
        }
    }

    /// The plans `pv` may see, newest first.
    pub async fn list_plans(
        &self,
        pv: &PlanViewer<'_>,
        query: &PlanQuery,
    ) -> Result<Vec<PlanRecord>> {
        if !(1..=500).contains(&query.limit) {
            return Err(DomainError::invalid("limit", "must be within 1..500").into());
        }
        let mut q = QueryBuilder::<Db>::new("SELECT ");
        q.push(PLAN_COLUMNS);
        q.push(PLAN_FROM);
        q.push(" WHERE TRUE");
        push_plan_visible(&mut q, pv);
        if let Some(op) = query.operation_id {
            q.push(" AND p.operation_id = ");
            q.push_bind(op);
        }
        if let Some(s) = query.status {
            q.push(" AND p.status = ");
            q.push_bind(s.as_str());
        }
        q.push(" ORDER BY p.id DESC LIMIT ");
        q.push_bind(query.limit);
        q.build()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(plan_from_row)
            .collect()
    }

    /// Takes the oldest queued plan for a runner: marks it running and returns it with its
    /// scenario (JSON text). `None` when nothing waits.
    pub async fn claim_plan(&self, actor: &str) -> Result<Option<(PlanRecord, String)>> {
        let mut tx = self.writer.begin().await?;
        // Claims by several runners (or servers) queue here, so a plan is taken once.
        lock_chain(&mut tx).await?;
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM movement_plans WHERE status = 'queued' ORDER BY id LIMIT 1",
        )
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Ok(None);
        };
        let system = PlanViewer {
            viewer: &Viewer::System,
            joint_staff: true,
        };
        let before = plan_in_tx(&mut tx, &system, id, true).await?;
        sqlx::query(
            "UPDATE movement_plans SET status = 'running', version = version + 1 WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let after = PlanRecord {
            status: PlanStatus::Running,
            version: before.version + 1,
            ..before.clone()
        };
        let scenario: String =
            sqlx::query_scalar("SELECT scenario FROM movement_plans WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        audit_plan(&mut tx, actor, "start", Some(&before), Some(&after)).await?;
        tx.commit().await?;
        Ok(Some((after, scenario)))
    }

    /// Asks a plan's search to stop (it keeps its best plan so far). A finished plan, or one
    /// already asked, is returned unchanged.
    pub async fn stop_plan(&self, actor: &str, pv: &PlanViewer<'_>, id: i64) -> Result<PlanRecord> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let before = plan_in_tx(&mut tx, pv, id, true).await?;
        if before.status.is_final() || before.stop_requested {
            return Ok(before);
        }
        sqlx::query(
            "UPDATE movement_plans SET stop_requested = TRUE, version = version + 1 WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let after = PlanRecord {
            stop_requested: true,
            version: before.version + 1,
            ..before.clone()
        };
        audit_plan(&mut tx, actor, "stop", Some(&before), Some(&after)).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Stores how a running plan's search ended. A plan no longer running (queued again by
    /// another process's start) is refused with a conflict and left as it is.
    pub async fn finish_plan(
        &self,
        actor: &str,
        id: i64,
        outcome: &PlanOutcome,
    ) -> Result<PlanRecord> {
        if !outcome.status.is_final() {
            return Err(DomainError::invalid(
                "status",
                "a plan finishes done, infeasible or failed",
            )
            .into());
        }
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let system = PlanViewer {
            viewer: &Viewer::System,
            joint_staff: true,
        };
        let before = plan_in_tx(&mut tx, &system, id, true).await?;
        if before.status != PlanStatus::Running {
            return Err(StorageError::Duplicate(format!(
                "plan {id} is {}, not running: its result is not stored",
                before.status.as_str()
            )));
        }
        let t = now();
        let s = outcome.summary.as_ref();
        sqlx::query(
            "UPDATE movement_plans SET status = $2, progress = $3, plan = $4, closure = $5, \
             lower_bound = $6, gap = $7, sorties = $8, weighted_lateness = $9, binding = $10, \
             error = $11, finished_at = $12, version = version + 1 WHERE id = $1",
        )
        .bind(id)
        .bind(outcome.status.as_str())
        .bind(outcome.progress.as_ref().map(json))
        .bind(outcome.plan.as_ref().map(|p| p.to_string()))
        .bind(s.map(|s| s.closure))
        .bind(s.map(|s| s.lower_bound))
        .bind(s.map(|s| s.gap))
        .bind(s.map(|s| s.sorties))
        .bind(s.map(|s| s.weighted_lateness))
        .bind(s.map(|s| json(&s.binding)))
        .bind(outcome.error.as_ref().map(|e| e.to_string()))
        .bind(t)
        .execute(&mut *tx)
        .await?;
        let after = PlanRecord {
            status: outcome.status,
            progress: outcome.progress,
            summary: outcome.summary.clone(),
            error: outcome.error.clone(),
            finished_at: Some(t),
            version: before.version + 1,
            ..before.clone()
        };
        audit_plan(&mut tx, actor, "finish", Some(&before), Some(&after)).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Queues again every plan left running by a process that ended (a server's start):
    /// nothing acknowledged is lost. Returns their ids.
    pub async fn requeue_plans(&self, actor: &str) -> Result<Vec<i64>> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let mut q = QueryBuilder::<Db>::new("SELECT ");
        q.push(PLAN_COLUMNS);
        q.push(PLAN_FROM);
        q.push(" WHERE p.status = 'running' ORDER BY p.id");
        let running: Vec<PlanRecord> = q
            .build()
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(plan_from_row)
            .collect::<Result<_>>()?;
        for before in &running {
            sqlx::query(
                "UPDATE movement_plans SET status = 'queued', progress = NULL, \
                 version = version + 1 WHERE id = $1",
            )
            .bind(before.id)
            .execute(&mut *tx)
            .await?;
            let after = PlanRecord {
                status: PlanStatus::Queued,
                progress: None,
                version: before.version + 1,
                ..before.clone()
            };
            audit_plan(&mut tx, actor, "requeue", Some(before), Some(&after)).await?;
        }
        tx.commit().await?;
        Ok(running.iter().map(|p| p.id).collect())
    }
}

/// A plan's change in the audit log: the record before and after (`None` when created or
/// deleted), without the plan and scenario documents.
async fn audit_plan(
    tx: &mut Transaction<'static, Db>,
    actor: &str,
    action: &str,
    before: Option<&PlanRecord>,
    after: Option<&PlanRecord>,
) -> Result<()> {
    let id = before.or(after).map_or(0, |p| p.id);
    append_audit(
        tx,
        event(actor, action, "plan", id, before.map(plan_audit), after.map(plan_audit)),
    )
    .await?;
    Ok(())
}
