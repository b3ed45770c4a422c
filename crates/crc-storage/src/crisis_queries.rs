// The crisis chain's SQL, shared by both backends like `queries.rs` (included after it into
// `sqlite.rs` and `postgres.rs`, so it uses that file's imports and helpers).
//
// A record's spec and state are JSON written by the domain; the columns beside them
// (kind, parent, status, owner state, exercise, times) are what lists filter on. Every step
// reads the record and the facts it depends on inside the write transaction, asks the
// domain for the next state, and writes the row, its audit entry and its journal entry
// together.

use crc_domain::crisis::workflow::{Context as StepContext, Facts};
use crc_domain::crisis::{self as crisis, Kind as CrisisKind};

use crate::crisis_model::*;

const CRISIS_COLUMNS: &str = "r.id, r.kind, r.parent_id, r.crisis_id, r.owner_state, r.status, \
     r.title, r.exercise, r.releasability, r.release_to, r.number, r.main_at, r.due_at, r.spec, \
     r.state, r.demo, r.version, r.created_by, r.created_at, r.updated_at";

fn crisis_from_row(r: &<Db as sqlx::Database>::Row) -> Result<CrisisRecord> {
    let id: i64 = r.try_get("id")?;
    let bad = |what: &str, e: &dyn std::fmt::Display| corrupt(&format!("crisis record {id} {what}"), e);
    let kind_s: String = r.try_get("kind")?;
    let kind = CrisisKind::parse(&kind_s).map_err(|e| bad("kind", &e))?;
    let spec_s: String = r.try_get("spec")?;
    let state_s: String = r.try_get("state")?;
    let spec_v: serde_json::Value = serde_json::from_str(&spec_s).map_err(|e| bad("spec", &e))?;
    let state_v: serde_json::Value = serde_json::from_str(&state_s).map_err(|e| bad("state", &e))?;
    let spec = crisis::Spec::parse(kind, spec_v).map_err(|e| bad("spec", &e))?;
    let state = crisis::State::parse(kind, state_v).map_err(|e| bad("state", &e))?;
    let owner: Option<String> = r.try_get("owner_state")?;
    let label: String = r.try_get("releasability")?;
    let release_to: String = r.try_get("release_to")?;
    let states = release_to
        .split(',')
        .filter(|s| !s.is_empty())
        .map(StateCode::parse)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| bad("release_to", &e))?;
    Ok(CrisisRecord {
        id,
        kind,
        parent_id: r.try_get("parent_id")?,
        crisis_id: r.try_get("crisis_id")?,
        owner_state: owner
            .map(|s| StateCode::parse(&s))
            .transpose()
            .map_err(|e| bad("owner_state", &e))?,
        status: r.try_get("status")?,
        title: r.try_get("title")?,
        exercise: r.try_get("exercise")?,
        releasability: Releasability::from_parts(&label, states).map_err(|e| bad("releasability", &e))?,
        number: r.try_get("number")?,
        main_at: r.try_get("main_at")?,
        due_at: r.try_get("due_at")?,
        spec,
        state,
        demo: r.try_get("demo")?,
        version: r.try_get("version")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Appends the releasability rule for `viewer` over `crisis_records r`. A record with no
/// owning state that is national is seen by the organization's own staff only (the owner
/// comparison is then never true).
fn push_crisis_visible(q: &mut QueryBuilder<'_, Db>, viewer: &Viewer) {
    push_releasable(q, viewer, &CRISIS_RECORDS);
}

const CRISIS_RECORDS: Releasable =
    Releasable { alias: "r", owner: "owner_state", release: "crisis_release", key: "record_id" };

fn push_exercise(q: &mut QueryBuilder<'_, Db>, column: &str, f: &ExerciseFilter) {
    match f {
        ExerciseFilter::RealWorld => {
            q.push(format!(" AND {column} IS NULL"));
        }
        ExerciseFilter::Exercises => {
            q.push(format!(" AND {column} IS NOT NULL"));
        }
        ExerciseFilter::Exercise(name) => {
            q.push(format!(" AND {column} = "));
            q.push_bind(name.clone());
        }
        ExerciseFilter::All => {}
    }
}

async fn crisis_in_tx(
    tx: &mut Transaction<'static, Db>,
    viewer: &Viewer,
    id: i64,
    lock: bool,
) -> Result<CrisisRecord> {
    let mut q = QueryBuilder::<Db>::new("SELECT ");
    q.push(CRISIS_COLUMNS);
    q.push(" FROM crisis_records r WHERE r.id = ");
    q.push_bind(id);
    push_crisis_visible(&mut q, viewer);
    if lock {
        q.push(FOR_UPDATE);
    }
    match q.build().fetch_optional(&mut **tx).await? {
        Some(r) => crisis_from_row(&r),
        None => Err(StorageError::NotFound(format!("crisis record {id}"))),
    }
}

/// The records under `parent` of `kind`, whoever may see them (facts count them all).
async fn crisis_children(
    tx: &mut Transaction<'static, Db>,
    parent: i64,
    kind: CrisisKind,
) -> Result<Vec<CrisisRecord>> {
    let sql = format!(
        "SELECT {CRISIS_COLUMNS} FROM crisis_records r WHERE r.parent_id = $1 AND r.kind = $2 \
         ORDER BY r.id"
    );
    sqlx::query(&sql)
        .bind(parent)
        .bind(kind.as_str())
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(crisis_from_row)
        .collect()
}

async fn known_reference(
    tx: &mut Transaction<'static, Db>,
    kind: &str,
    key: &str,
    field: &str,
) -> Result<()> {
    let found = sqlx::query("SELECT 1 AS one FROM reference_items WHERE kind = $1 AND key = $2")
        .bind(kind)
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?;
    if found.is_none() {
        let what = match kind {
            "states" => "member state",
            "bodies" => "body of the organization",
            _ => "reference item",
        };
        return Err(DomainError::invalid(field, format!("`{key}` is not a known {what}")).into());
    }
    Ok(())
}

/// Checks that the states and bodies a spec names exist in the reference data.
async fn check_crisis_refs(tx: &mut Transaction<'static, Db>, spec: &crisis::Spec) -> Result<()> {
    use crisis::task::Responsible;
    match spec {
        crisis::Spec::Request(s) => {
            known_reference(tx, "states", s.requesting_state.as_str(), "spec.requesting_state").await?
        }
        crisis::Spec::Session(s) => {
            known_reference(tx, "bodies", &s.body, "spec.body").await?;
            for (i, p) in s.participants.iter().enumerate() {
                known_reference(tx, "states", p.as_str(), &format!("spec.participants[{i}]")).await?;
            }
        }
        crisis::Spec::Operation(s) => {
            known_reference(tx, "states", s.host_state.as_str(), "spec.host_state").await?
        }
        crisis::Spec::Task(s) => match &s.responsible {
            Responsible::Body(b) => known_reference(tx, "bodies", b, "spec.responsible.body").await?,
            Responsible::State(st) => {
                known_reference(tx, "states", st.as_str(), "spec.responsible.state").await?
            }
        },
        crisis::Spec::Logistics(s) => {
            known_reference(tx, "states", s.state.as_str(), "spec.state").await?
        }
        _ => {}
    }
    Ok(())
}

/// The numbering scope of sessions and decisions: per body, exercises apart.
fn number_scope(body: &str, exercise: &Option<String>) -> String {
    match exercise {
        Some(e) => format!("exercise:{e}/{body}"),
        None => body.to_owned(),
    }
}

async fn next_number(
    tx: &mut Transaction<'static, Db>,
    kind: CrisisKind,
    scope: &str,
) -> Result<i64> {
    let n: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(number) FROM crisis_records WHERE kind = $1 AND scope = $2",
    )
    .bind(kind.as_str())
    .bind(scope)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n.unwrap_or(0) + 1)
}

/// Personnel of an operation's forces in the force (accepted, not stood down), leaving out
/// one force (the one being decided on).
fn committed(forces: &[CrisisRecord], except: i64) -> i64 {
    forces
        .iter()
        .filter(|f| f.id != except)
        .filter_map(|f| match (&f.spec, &f.state) {
            (crisis::Spec::Force(s), crisis::State::Force(st)) if st.status.in_force() => {
                Some(s.personnel)
            }
            _ => None,
        })
        .sum()
}

/// The facts a step of `kind` depends on, read in the transaction.
async fn crisis_facts(
    tx: &mut Transaction<'static, Db>,
    kind: CrisisKind,
    record_id: Option<i64>,
    parent: Option<&CrisisRecord>,
    scope: Option<&str>,
    exercise: &Option<String>,
) -> Result<Facts> {
    let mut f = Facts {
        parent_status: parent.map(|p| p.status.clone()),
        ..Facts::default()
    };
    match kind {
        CrisisKind::Session | CrisisKind::Decision => {
            if let Some(scope) = scope {
                f.next_number = Some(next_number(tx, kind, scope).await?);
            }
            if let Some(crisis::Spec::Session(s)) = parent.map(|p| &p.spec) {
                f.session_participants = Some(s.participants.clone());
            }
        }
        CrisisKind::Force => {
            if let Some(p @ CrisisRecord { spec: crisis::Spec::Operation(op), .. }) = parent {
                f.ceiling_personnel = Some(op.ceiling.personnel);
                let forces = crisis_children(tx, p.id, CrisisKind::Force).await?;
                f.committed_personnel = committed(&forces, record_id.unwrap_or(0));
            }
        }
        CrisisKind::Operation => {
            if let Some(id) = record_id {
                let forces = crisis_children(tx, id, CrisisKind::Force).await?;
                f.committed_personnel = committed(&forces, 0);
                f.forces_in_field = forces
                    .iter()
                    .filter(|r| matches!(&r.state, crisis::State::Force(s) if !s.status.is_final()))
                    .count() as i64;
            }
        }
        CrisisKind::Mode => {
            let mut q = QueryBuilder::<Db>::new(
                "SELECT r.status FROM crisis_records r WHERE r.kind = 'mode'",
            );
            match exercise {
                Some(e) => {
                    q.push(" AND r.exercise = ");
                    q.push_bind(e.clone());
                }
                None => {
                    q.push(" AND r.exercise IS NULL");
                }
            }
            q.push(" ORDER BY r.id DESC LIMIT 1");
            f.current_mode = q
                .build()
                .fetch_optional(&mut **tx)
                .await?
                .map(|r| r.try_get::<String, _>("status"))
                .transpose()?;
        }
        _ => {}
    }
    Ok(f)
}

fn check_exercise_name(name: &str) -> Result<()> {
    crisis::workflow::check_title("exercise", name, 200)?;
    Ok(())
}

/// Inserts a record row as given (its id too, when importing).
async fn insert_crisis_row(
    tx: &mut Transaction<'static, Db>,
    r: &CrisisRecord,
    scope: Option<&str>,
    with_id: bool,
) -> Result<i64> {
    let (id_col, id_val) = if with_id { ("id, ", "$21, ") } else { ("", "") };
    let sql = format!(
        "INSERT INTO crisis_records ({id_col}kind, parent_id, crisis_id, owner_state, status, \
         title, exercise, releasability, release_to, scope, number, main_at, due_at, spec, state, \
         demo, version, created_by, created_at, updated_at) VALUES ({id_val}$1, $2, $3, $4, $5, \
         $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id"
    );
    let mut q = sqlx::query(&sql)
        .bind(r.kind.as_str())
        .bind(r.parent_id)
        .bind(r.crisis_id)
        .bind(r.owner_state.as_ref().map(|s| s.to_string()))
        .bind(&r.status)
        .bind(&r.title)
        .bind(&r.exercise)
        .bind(r.releasability.label())
        .bind(release_to(&r.releasability))
        .bind(scope)
        .bind(r.number)
        .bind(r.main_at)
        .bind(r.due_at)
        .bind(json(&r.spec))
        .bind(json(&r.state))
        .bind(r.demo)
        .bind(r.version)
        .bind(&r.created_by)
        .bind(r.created_at)
        .bind(r.updated_at);
    if with_id {
        q = q.bind(r.id);
    }
    let row = q.fetch_one(&mut **tx).await.map_err(|e| {
        if is_unique_violation(&e) {
            StorageError::Duplicate(format!("{} number {:?} is taken", r.kind, r.number))
        } else {
            e.into()
        }
    })?;
    let id: i64 = row.try_get("id")?;
    write_release(tx, &CRISIS_RECORDS, id, &r.releasability).await?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
async fn append_journal(
    tx: &mut Transaction<'static, Db>,
    r: &CrisisRecord,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    from: Option<&str>,
    detail: &serde_json::Value,
    audit_seq: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO crisis_journal (record_id, crisis_id, kind, at, actor, action, from_status, \
         to_status, title, detail, exercise, audit_seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(r.id)
    .bind(r.crisis_id)
    .bind(r.kind.as_str())
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(from)
    .bind(&r.status)
    .bind(&r.title)
    .bind(detail.to_string())
    .bind(&r.exercise)
    .bind(audit_seq)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn journal_from_row(r: &<Db as sqlx::Database>::Row) -> Result<JournalEntry> {
    let id: i64 = r.try_get("id")?;
    let kind: String = r.try_get("kind")?;
    let detail: String = r.try_get("detail")?;
    Ok(JournalEntry {
        id,
        record_id: r.try_get("record_id")?,
        crisis_id: r.try_get("crisis_id")?,
        kind: CrisisKind::parse(&kind).map_err(|e| corrupt(&format!("journal {id}"), e))?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        action: r.try_get("action")?,
        from_status: r.try_get("from_status")?,
        to_status: r.try_get("to_status")?,
        title: r.try_get("title")?,
        detail: serde_json::from_str(&detail).map_err(|e| corrupt(&format!("journal {id}"), e))?,
        exercise: r.try_get("exercise")?,
        audit_seq: r.try_get("audit_seq")?,
    })
}

/// Fills a force's spec from the register: the contingent must be visible to the actor,
/// and not already in the operation (unless that earlier offer is finished with).
async fn fill_force(
    tx: &mut Transaction<'static, Db>,
    viewer: &Viewer,
    operation: i64,
    s: &mut crisis::force::ForceSpec,
) -> Result<()> {
    let c = match contingent_in_tx(tx, viewer, s.contingent_id).await {
        Ok(c) => c,
        Err(StorageError::NotFound(_)) => {
            return Err(DomainError::invalid(
                "spec.contingent_id",
                format!("there is no contingent {} in the register", s.contingent_id),
            )
            .into())
        }
        Err(e) => return Err(e),
    };
    if let Some(st) = &s.state {
        if *st != c.draft.state {
            return Err(DomainError::invalid(
                "spec.state",
                format!("contingent {} belongs to {}, not {st}", c.id, c.draft.state),
            )
            .into());
        }
    }
    s.state = Some(c.draft.state.clone());
    s.component = c.draft.component.clone();
    s.name = c.draft.name.clone();
    if s.personnel == 0 && s.equipment == 0 {
        s.personnel = c.draft.personnel;
        s.equipment = c.draft.equipment;
    }
    for f in crisis_children(tx, operation, CrisisKind::Force).await? {
        if let (crisis::Spec::Force(fs), crisis::State::Force(st)) = (&f.spec, &f.state) {
            if fs.contingent_id == s.contingent_id && !st.status.is_final() {
                return Err(StorageError::Duplicate(format!(
                    "{} is already in the operation (record {}, {})",
                    c.draft.name,
                    f.id,
                    st.status.as_str().replace('_', " ")
                )));
            }
        }
    }
    Ok(())
}

/// A session's title names its body by the body's English name from the reference data
/// rather than by its key (the domain knows only the key).
async fn name_the_body(tx: &mut Transaction<'static, Db>, r: &mut CrisisRecord) -> Result<()> {
    if let crisis::Spec::Session(s) = &r.spec {
        let body: Option<String> =
            sqlx::query_scalar("SELECT body FROM reference_items WHERE kind = 'bodies' AND key = $1")
                .bind(&s.body)
                .fetch_optional(&mut **tx)
                .await?;
        let name = body
            .and_then(|b| serde_json::from_str::<serde_json::Value>(&b).ok())
            .and_then(|v| v["name"]["en"].as_str().map(str::to_owned));
        if let Some(name) = name {
            r.title = r.title.replace(&format!("of {}", s.body), &format!("of the {name}"));
        }
    }
    Ok(())
}

/// The columns derived from a record's spec and state.
fn derive_columns(r: &mut CrisisRecord) {
    r.status = r.state.status(&r.spec).to_owned();
    r.title = r.spec.title(&r.state);
    r.owner_state = r.spec.owner_state().cloned();
    r.main_at = r.spec.main_time().or(r.main_at);
    r.due_at = r.spec.due(&r.state);
    r.number = match &r.state {
        crisis::State::Session(s) => Some(s.number),
        crisis::State::Decision(d) => d.number,
        _ => None,
    };
}

impl Backend {
    /// Creates a crisis record: checks its parent (of the right kind, visible, the same
    /// exercise or real world), its references, `allow` (authorization, on the spec as
    /// filled from the register), and its first state from the domain; writes it with its
    /// audit and journal entries.
    pub async fn create_crisis_record(
        &self,
        actor: &CrisisActor<'_>,
        new: NewCrisisRecord,
        allow: impl FnOnce(&crisis::Spec) -> std::result::Result<(), DomainError>,
    ) -> Result<CrisisRecord> {
        let mut spec = new.spec;
        let kind = spec.kind();
        let mut tx = self.writer.begin().await?;
        // Crisis steps depend on other records (the ceiling against the forces already
        // accepted, the next number of a register): take the chain lock first, so those
        // facts cannot change before this commits. (SQLite's one writer already does.)
        lock_chain(&mut tx).await?;
        let parent = match (kind.parent(), new.parent) {
            (None, Some(_)) => {
                return Err(DomainError::invalid("parent", format!("{} has no parent record", kind.a())).into())
            }
            (Some((pk, true)), None) => {
                return Err(DomainError::invalid("parent", format!("{} belongs to {}; give its id", kind.a(), pk.a())).into())
            }
            (Some((pk, _)), Some(pid)) => {
                let p = match crisis_in_tx(&mut tx, actor.viewer, pid, true).await {
                    Ok(p) => p,
                    Err(StorageError::NotFound(_)) => {
                        return Err(DomainError::invalid("parent", format!("there is no record {pid}")).into())
                    }
                    Err(e) => return Err(e),
                };
                if p.kind != pk {
                    return Err(DomainError::invalid(
                        "parent",
                        format!("{} belongs to {}; record {pid} is {}", kind.a(), pk.a(), p.kind.a()),
                    )
                    .into());
                }
                Some(p)
            }
            _ => None,
        };
        let exercise = match &parent {
            Some(p) => {
                if new.exercise.is_some() && new.exercise != p.exercise {
                    let of_parent = match &p.exercise {
                        Some(e) => format!("belongs to the exercise `{e}`"),
                        None => "is real-world".to_owned(),
                    };
                    return Err(DomainError::invalid(
                        "exercise",
                        format!("its {} {of_parent}; exercise and real-world records never mix", p.kind),
                    )
                    .into());
                }
                p.exercise.clone()
            }
            None => {
                if let Some(e) = &new.exercise {
                    check_exercise_name(e)?;
                }
                new.exercise.clone()
            }
        };
        if let crisis::Spec::Force(s) = &mut spec {
            let op = parent.as_ref().map(|p| p.id).unwrap_or(0);
            fill_force(&mut tx, actor.viewer, op, s).await?;
        }
        check_crisis_refs(&mut tx, &spec).await?;
        for s in new.releasability.states() {
            known_reference(&mut tx, "states", s.as_str(), "releasability").await?;
        }
        allow(&spec)?;
        let scope = match (&spec, &parent) {
            (crisis::Spec::Session(s), _) => Some(number_scope(&s.body, &exercise)),
            (crisis::Spec::Decision(_), Some(CrisisRecord { spec: crisis::Spec::Session(s), .. })) => {
                Some(number_scope(&s.body, &exercise))
            }
            _ => None,
        };
        let facts = match kind {
            // A decision is numbered when adopted, not when drafted.
            CrisisKind::Decision => Facts { parent_status: parent.as_ref().map(|p| p.status.clone()), ..Facts::default() },
            _ => crisis_facts(&mut tx, kind, None, parent.as_ref(), scope.as_deref(), &exercise).await?,
        };
        let t = now();
        let ctx = StepContext {
            now: t,
            actor: actor.name.to_owned(),
            actor_state: actor.state.cloned(),
            facts,
        };
        let state = crisis::create(&spec, &ctx)?;
        let mut rec = CrisisRecord {
            id: 0,
            kind,
            parent_id: parent.as_ref().map(|p| p.id),
            crisis_id: parent.as_ref().and_then(|p| p.crisis_id),
            owner_state: None,
            status: String::new(),
            title: String::new(),
            exercise,
            releasability: new.releasability,
            number: None,
            main_at: Some(t),
            due_at: None,
            spec,
            state,
            // A record under demonstration data is demonstration data: removed with it.
            demo: new.demo || parent.as_ref().is_some_and(|p| p.demo),
            version: 1,
            created_by: actor.name.to_owned(),
            created_at: t,
            updated_at: t,
        };
        derive_columns(&mut rec);
        name_the_body(&mut tx, &mut rec).await?;
        rec.id = insert_crisis_row(&mut tx, &rec, scope.as_deref(), false).await?;
        if kind == CrisisKind::Request {
            rec.crisis_id = Some(rec.id);
            sqlx::query("UPDATE crisis_records SET crisis_id = $1 WHERE id = $1")
                .bind(rec.id)
                .execute(&mut *tx)
                .await?;
        }
        let entry = append_audit(
            &mut tx,
            event(actor.name, "create", "crisis", rec.id, None, Some(json(&rec))),
        )
        .await?;
        let detail = serde_json::to_value(&rec.spec).unwrap_or_default();
        append_journal(&mut tx, &rec, t, actor.name, "create", None, &detail, entry.seq).await?;
        tx.commit().await?;
        Ok(rec)
    }

    /// Takes one step of a record's workflow at the `expected` version (when given):
    /// `allow` decides on the record as locked, the domain on its state and the facts of
    /// its parent and children read in the same transaction.
    pub async fn command_crisis_record(
        &self,
        actor: &CrisisActor<'_>,
        id: i64,
        expected: Option<i64>,
        command: &crisis::Command,
        allow: impl FnOnce(&crisis::Spec, &crisis::Command) -> std::result::Result<(), DomainError>,
    ) -> Result<CrisisRecord> {
        let mut tx = self.writer.begin().await?;
        // As in create: the facts of other records hold until this commits.
        lock_chain(&mut tx).await?;
        let before = crisis_in_tx(&mut tx, actor.viewer, id, true).await?;
        allow(&before.spec, command)?;
        if let Some(v) = expected {
            if v != before.version {
                return Err(StorageError::CrisisConflict { expected: v, current: Box::new(before) });
            }
        }
        let parent = match before.parent_id {
            Some(p) => Some(crisis_in_tx(&mut tx, &Viewer::System, p, false).await?),
            None => None,
        };
        let scope: Option<String> = sqlx::query_scalar("SELECT scope FROM crisis_records WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let facts = crisis_facts(
            &mut tx,
            before.kind,
            Some(id),
            parent.as_ref(),
            scope.as_deref(),
            &before.exercise,
        )
        .await?;
        let t = now();
        let ctx = StepContext {
            now: t,
            actor: actor.name.to_owned(),
            actor_state: actor.state.cloned(),
            facts,
        };
        let (spec, state) = crisis::apply(&before.spec, &before.state, command, &ctx)?;
        let mut after = CrisisRecord {
            spec,
            state,
            version: before.version + 1,
            updated_at: t,
            ..before.clone()
        };
        derive_columns(&mut after);
        name_the_body(&mut tx, &mut after).await?;
        if let crisis::Spec::Session(s) = &after.spec {
            check_crisis_refs(&mut tx, &crisis::Spec::Session(s.clone())).await?;
        }
        sqlx::query(
            "UPDATE crisis_records SET owner_state = $2, status = $3, title = $4, number = $5, \
             main_at = $6, due_at = $7, spec = $8, state = $9, version = $10, updated_at = $11 \
             WHERE id = $1",
        )
        .bind(id)
        .bind(after.owner_state.as_ref().map(|s| s.to_string()))
        .bind(&after.status)
        .bind(&after.title)
        .bind(after.number)
        .bind(after.main_at)
        .bind(after.due_at)
        .bind(json(&after.spec))
        .bind(json(&after.state))
        .bind(after.version)
        .bind(t)
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            if is_unique_violation(&e) {
                StorageError::Duplicate(format!("{} number {:?} is taken", after.kind, after.number))
            } else {
                e.into()
            }
        })?;
        let entry = append_audit(
            &mut tx,
            event(actor.name, command.name(), "crisis", id, Some(json(&before)), Some(json(&after))),
        )
        .await?;
        let detail = serde_json::to_value(command).unwrap_or_default();
        append_journal(
            &mut tx,
            &after,
            t,
            actor.name,
            command.name(),
            Some(&before.status),
            &detail,
            entry.seq,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// One crisis record visible to `viewer`.
    pub async fn crisis_record(&self, viewer: &Viewer, id: i64) -> Result<CrisisRecord> {
        let mut q = QueryBuilder::<Db>::new("SELECT ");
        q.push(CRISIS_COLUMNS);
        q.push(" FROM crisis_records r WHERE r.id = ");
        q.push_bind(id);
        push_crisis_visible(&mut q, viewer);
        match q.build().fetch_optional(&self.reader).await? {
            Some(r) => crisis_from_row(&r),
            None => Err(StorageError::NotFound(format!("crisis record {id}"))),
        }
    }

    /// A page of crisis records visible to `viewer`: newest main time first, a parent's
    /// children in the order made, open tasks by deadline when asking for overdue ones.
    pub async fn list_crisis_records(&self, viewer: &Viewer, query: &CrisisQuery) -> Result<CrisisPage> {
        crc_domain::contingent::check_page(query.limit, query.offset)?;
        fn filters(q: &mut QueryBuilder<'_, Db>, viewer: &Viewer, query: &CrisisQuery) {
            push_crisis_visible(q, viewer);
            push_exercise(q, "r.exercise", &query.exercise);
            if let Some(k) = query.kind {
                q.push(" AND r.kind = ");
                q.push_bind(k.as_str());
            }
            if let Some(p) = query.parent {
                q.push(" AND r.parent_id = ");
                q.push_bind(p);
            }
            if let Some(c) = query.crisis {
                q.push(" AND r.crisis_id = ");
                q.push_bind(c);
            }
            if let Some(s) = &query.owner_state {
                q.push(" AND r.owner_state = ");
                q.push_bind(s.to_string());
            }
            if !query.statuses.is_empty() {
                q.push(" AND r.status IN (");
                let mut sep = q.separated(", ");
                for s in &query.statuses {
                    sep.push_bind(s.clone());
                }
                q.push(")");
            }
            if let Some(t) = query.overdue_at {
                q.push(" AND r.due_at IS NOT NULL AND r.due_at < ");
                q.push_bind(t);
            }
        }
        let total: Option<i64> = if query.skip_total {
            None
        } else {
            let mut count =
                QueryBuilder::<Db>::new("SELECT COUNT(*) AS n FROM crisis_records r WHERE TRUE");
            filters(&mut count, viewer, query);
            Some(count.build().fetch_one(&self.reader).await?.try_get("n")?)
        };
        let mut q = QueryBuilder::<Db>::new("SELECT ");
        q.push(CRISIS_COLUMNS);
        q.push(" FROM crisis_records r WHERE TRUE");
        filters(&mut q, viewer, query);
        if query.overdue_at.is_some() {
            q.push(" ORDER BY r.due_at, r.id");
        } else if query.parent.is_some() {
            // A record's children in the order they were made; this also keeps the
            // planner on the (parent, kind) index rather than walking the whole kind.
            q.push(" ORDER BY r.id");
        } else {
            q.push(" ORDER BY r.main_at DESC, r.id DESC");
        }
        q.push(" LIMIT ");
        q.push_bind(query.limit);
        q.push(" OFFSET ");
        q.push_bind(query.offset);
        let items: Vec<CrisisRecord> = q
            .build()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(crisis_from_row)
            .collect::<Result<_>>()?;
        let total = total.unwrap_or(items.len() as i64);
        Ok(CrisisPage { items, total })
    }

    /// How many visible records there are per kind and status (the crisis board's counts).
    pub async fn crisis_status_counts(
        &self,
        viewer: &Viewer,
        exercise: &ExerciseFilter,
    ) -> Result<Vec<StatusCount>> {
        let mut q = QueryBuilder::<Db>::new(
            "SELECT r.kind, r.status, COUNT(*) AS n FROM crisis_records r WHERE TRUE",
        );
        push_crisis_visible(&mut q, viewer);
        push_exercise(&mut q, "r.exercise", exercise);
        q.push(" GROUP BY r.kind, r.status ORDER BY r.kind, r.status");
        q.build()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok(StatusCount {
                    kind: CrisisKind::parse(&kind).map_err(|e| corrupt("crisis kind", e))?,
                    status: r.try_get("status")?,
                    count: r.try_get("n")?,
                })
            })
            .collect()
    }

    /// Journal entries visible to `viewer` (through their records' releasability), oldest
    /// first.
    pub async fn crisis_journal(&self, viewer: &Viewer, query: &JournalQuery) -> Result<Vec<JournalEntry>> {
        if !(1..=5000).contains(&query.limit) {
            return Err(DomainError::invalid("limit", "must be within 1..5000").into());
        }
        let mut q = QueryBuilder::<Db>::new(
            "SELECT j.id, j.record_id, j.crisis_id, j.kind, j.at, j.actor, j.action, \
             j.from_status, j.to_status, j.title, j.detail, j.exercise, j.audit_seq \
             FROM crisis_journal j JOIN crisis_records r ON r.id = j.record_id WHERE j.id > ",
        );
        q.push_bind(query.after);
        push_crisis_visible(&mut q, viewer);
        push_exercise(&mut q, "j.exercise", &query.exercise);
        if let Some(c) = query.crisis {
            q.push(" AND j.crisis_id = ");
            q.push_bind(c);
        }
        if let Some(r) = query.record {
            q.push(" AND j.record_id = ");
            q.push_bind(r);
        }
        if !query.kinds.is_empty() {
            q.push(" AND j.kind IN (");
            let mut sep = q.separated(", ");
            for k in &query.kinds {
                sep.push_bind(k.as_str());
            }
            q.push(")");
        }
        q.push(" ORDER BY j.id LIMIT ");
        q.push_bind(query.limit);
        q.build()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(journal_from_row)
            .collect()
    }
}

/// Every crisis record and journal entry, for export, in id order.
async fn export_crisis(
    tx: &mut Transaction<'static, Db>,
) -> Result<(Vec<(CrisisRecord, Option<String>)>, Vec<JournalEntry>)> {
    let sql = format!("SELECT {CRISIS_COLUMNS}, r.scope FROM crisis_records r ORDER BY r.id");
    let records = sqlx::query(&sql)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| Ok((crisis_from_row(r)?, r.try_get("scope")?)))
        .collect::<Result<_>>()?;
    let journal = sqlx::query(
        "SELECT id, record_id, crisis_id, kind, at, actor, action, from_status, to_status, title, \
         detail, exercise, audit_seq FROM crisis_journal ORDER BY id",
    )
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(journal_from_row)
    .collect::<Result<_>>()?;
    Ok((records, journal))
}

/// Restores exported crisis records and journal entries with their ids.
async fn import_crisis(
    tx: &mut Transaction<'static, Db>,
    records: &[ExportedCrisis],
    journal: &[JournalEntry],
) -> Result<()> {
    for r in records {
        insert_crisis_row(tx, &r.record, r.scope.as_deref(), true).await?;
    }
    for j in journal {
        sqlx::query(
            "INSERT INTO crisis_journal (id, record_id, crisis_id, kind, at, actor, action, \
             from_status, to_status, title, detail, exercise, audit_seq) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(j.id)
        .bind(j.record_id)
        .bind(j.crisis_id)
        .bind(j.kind.as_str())
        .bind(j.at)
        .bind(&j.actor)
        .bind(&j.action)
        .bind(&j.from_status)
        .bind(&j.to_status)
        .bind(&j.title)
        .bind(j.detail.to_string())
        .bind(&j.exercise)
        .bind(j.audit_seq)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
