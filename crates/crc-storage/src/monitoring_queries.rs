// Situation monitoring: reports and events. Shared by both backends like `queries.rs`
// (included after `follow_up_queries.rs` into `sqlite.rs` and `postgres.rs`, so it uses those
// files' imports and helpers; each backend supplies `push_words_match` and `index_words`, its
// full-text search). Every read applies the releasability rule in SQL through
// `push_releasable` and keeps the worlds apart (`push_world`): exercise reports never appear
// in a real-world query. Each change writes its audit entry (entity `report` or
// `monitoring_event`, carrying owner_state, releasability and version so that the event stream
// decides who hears of it from the entry alone) in the same transaction.

use crate::monitoring_model::*;
use crc_domain::monitoring::corroboration::event_grade;
use crc_domain::monitoring::grade::{Credibility, Grade};
use crc_domain::monitoring::threat;

const REPORTS: Releasable = Releasable {
    alias: "r",
    owner: "owner_state",
    release: "monitoring_report_release",
    key: "report_id",
};

const EVENTS: Releasable = Releasable {
    alias: "e",
    owner: "owner_state",
    release: "monitoring_event_release",
    key: "event_id",
};

const REPORT_COLUMNS: &str = "r.id, r.spec, r.location, r.owner_state, r.releasability, \
     r.release_to, r.event_id, r.merged_into, r.created_by, r.created_at, r.updated_by, \
     r.updated_at, r.version";

const EVENT_COLUMNS: &str = "e.id, e.title, e.category, e.exercise, e.reliability, \
     e.credibility, e.owner_state, e.releasability, e.release_to, e.state, e.region, \
     e.first_ms, e.last_ms, e.lon, e.lat, e.created_by, e.created_at, e.updated_by, \
     e.updated_at, e.version";

/// The month of an observation as a word of the full-text index (`mo202611`): a search in a
/// time window then asks the index for the word and one of the window's months, which both
/// backends intersect in the index, instead of reading every report holding the word.
fn month_token(ms: i64) -> String {
    let t = DateTime::from_timestamp_millis(ms).unwrap_or_default();
    format!("mo{}", t.format("%Y%m"))
}

/// The month words of `[from, to)`, or none for an open window or one of more than 24 months.
fn months_between(from: Option<i64>, to: Option<i64>) -> Vec<String> {
    use chrono::Datelike;
    let (Some(from), Some(to)) = (from, to) else {
        return Vec::new();
    };
    let (a, b) = (
        DateTime::from_timestamp_millis(from).unwrap_or_default(),
        DateTime::from_timestamp_millis((to - 1).max(from)).unwrap_or_default(),
    );
    let (mut y, mut m) = (a.year(), a.month());
    let mut out = Vec::new();
    while (y, m) <= (b.year(), b.month()) {
        if out.len() == 24 {
            return Vec::new();
        }
        out.push(format!("mo{y:04}{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// Cells a viewport may span before the query falls back to the time index alone.
const MAX_CELLS: usize = 400;

fn label_parts(
    id: i64,
    what: &str,
    r: &<Db as sqlx::Database>::Row,
) -> Result<(Option<StateCode>, Releasability)> {
    let bad = |f: &str, e: &dyn std::fmt::Display| corrupt(&format!("{what} {id} {f}"), e);
    let owner: Option<String> = r.try_get("owner_state")?;
    let label: String = r.try_get("releasability")?;
    let release_to: String = r.try_get("release_to")?;
    let states = release_to
        .split(',')
        .filter(|s| !s.is_empty())
        .map(StateCode::parse)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| bad("release_to", &e))?;
    Ok((
        owner
            .map(|s| StateCode::parse(&s))
            .transpose()
            .map_err(|e| bad("owner_state", &e))?,
        Releasability::from_parts(&label, states).map_err(|e| bad("releasability", &e))?,
    ))
}

fn report_from_row(r: &<Db as sqlx::Database>::Row) -> Result<ReportRecord> {
    let id: i64 = r.try_get("id")?;
    let spec: String = r.try_get("spec")?;
    let location: String = r.try_get("location")?;
    let (owner_state, releasability) = label_parts(id, "report", r)?;
    Ok(ReportRecord {
        id,
        spec: serde_json::from_str(&spec).map_err(|e| corrupt(&format!("report {id} spec"), e))?,
        location: serde_json::from_str(&location)
            .map_err(|e| corrupt(&format!("report {id} location"), e))?,
        owner_state,
        releasability,
        event_id: r.try_get("event_id")?,
        merged_into: r.try_get("merged_into")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_by: r.try_get("updated_by")?,
        updated_at: r.try_get("updated_at")?,
        version: r.try_get("version")?,
    })
}

fn event_from_row(r: &<Db as sqlx::Database>::Row) -> Result<EventRecord> {
    let id: i64 = r.try_get("id")?;
    let (owner_state, releasability) = label_parts(id, "event", r)?;
    let rel: String = r.try_get("reliability")?;
    let cred: i32 = r.try_get::<i32, _>("credibility")?;
    let grade = Grade::parse("grade", &format!("{rel}{cred}"))
        .map_err(|e| corrupt(&format!("event {id} grade"), e))?;
    let state: Option<String> = r.try_get("state")?;
    Ok(EventRecord {
        id,
        title: r.try_get("title")?,
        category: r.try_get("category")?,
        exercise: r.try_get("exercise")?,
        grade,
        owner_state,
        releasability,
        state: state
            .map(|s| StateCode::parse(&s))
            .transpose()
            .map_err(|e| corrupt(&format!("event {id} state"), e))?,
        region: r.try_get("region")?,
        first_ms: r.try_get("first_ms")?,
        last_ms: r.try_get("last_ms")?,
        position: [r.try_get("lon")?, r.try_get("lat")?],
        reports: Vec::new(),
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_by: r.try_get("updated_by")?,
        updated_at: r.try_get("updated_at")?,
        version: r.try_get("version")?,
    })
}

/// The 1-degree cell of a point (the migration's formula).
fn cell_of(lon: f64, lat: f64) -> i32 {
    let row = ((lat + 90.0).floor() as i32).clamp(0, 179);
    let col = ((lon + 180.0).floor() as i32).clamp(0, 359);
    row * 360 + col
}

/// Appends the world rule over the alias `a`.
fn push_world(q: &mut QueryBuilder<'_, Db>, a: &str, world: &World) {
    match world {
        World::Real => {
            q.push(format!(" AND {a}.exercise IS NULL"));
        }
        World::Exercises => {
            q.push(format!(" AND {a}.exercise IS NOT NULL"));
        }
        World::Exercise(m) => {
            q.push(format!(" AND {a}.exercise = "));
            q.push_bind(m.clone());
        }
    }
}

/// Appends "the report's place meets the box" (observed in `[from, to)`, when given) over
/// `monitoring_reports r`, as a subquery of two branches: anchors in the box, through the
/// `(cell, observed_ms)` index when the box spans few cells; and areas whose box meets it. One
/// condition with `OR` would leave both databases with the time index alone, reading a whole
/// window's reports to keep a viewport's.
fn push_bbox(q: &mut QueryBuilder<'_, Db>, [w, s, e, n]: Bbox, from: Option<i64>, to: Option<i64>) {
    // A box across the 180th meridian is two boxes.
    let parts: Vec<Bbox> = if w > e {
        vec![[w, s, 180.0, n], [-180.0, s, e, n]]
    } else {
        vec![[w, s, e, n]]
    };
    let time = |q: &mut QueryBuilder<'_, Db>| {
        if let Some(f) = from {
            q.push(" AND b.observed_ms >= ");
            q.push_bind(f);
        }
        if let Some(t) = to {
            q.push(" AND b.observed_ms < ");
            q.push_bind(t);
        }
    };
    q.push(" AND r.id IN (");
    for (i, [w, s, e, n]) in parts.into_iter().enumerate() {
        if i > 0 {
            q.push(" UNION ALL ");
        }
        let (c0, c1) = (cell_of(w, s), cell_of(e, n));
        let (r0, r1, k0, k1) = (c0 / 360, c1 / 360, c0 % 360, c1 % 360);
        let count = ((r1 - r0 + 1) * (k1 - k0 + 1)) as usize;
        q.push("SELECT b.id FROM monitoring_reports b WHERE ");
        if count <= MAX_CELLS {
            q.push("b.cell IN (");
            let mut first = true;
            for row in r0..=r1 {
                for col in k0..=k1 {
                    if !first {
                        q.push(", ");
                    }
                    first = false;
                    q.push((row * 360 + col).to_string());
                }
            }
            q.push(") AND ");
        }
        q.push("b.lon >= ");
        q.push_bind(w);
        q.push(" AND b.lon <= ");
        q.push_bind(e);
        q.push(" AND b.lat >= ");
        q.push_bind(s);
        q.push(" AND b.lat <= ");
        q.push_bind(n);
        time(q);
        q.push(" UNION ALL SELECT b.id FROM monitoring_reports b WHERE b.is_area AND b.west <= ");
        q.push_bind(e);
        q.push(" AND b.east >= ");
        q.push_bind(w);
        q.push(" AND b.south <= ");
        q.push_bind(n);
        q.push(" AND b.north >= ");
        q.push_bind(s);
        time(q);
    }
    q.push(")");
}

/// Appends the rules and filters of `query` for `viewer`, its order and its page, over
/// `monitoring_reports r`.
fn push_report_filters(q: &mut QueryBuilder<'_, Db>, viewer: &Viewer, query: &ReportQuery) {
    push_releasable(q, viewer, &REPORTS);
    push_world(q, "r", &query.world);
    if !query.include_merged {
        q.push(" AND r.merged_into IS NULL");
    }
    if let Some(b) = query.bbox {
        push_bbox(q, b, query.from_ms, query.to_ms);
    }
    if let Some(f) = query.from_ms {
        q.push(" AND r.observed_ms >= ");
        q.push_bind(f);
    }
    if let Some(t) = query.to_ms {
        q.push(" AND r.observed_ms < ");
        q.push_bind(t);
    }
    if !query.categories.is_empty() {
        q.push(" AND r.category IN (");
        let mut sep = q.separated(", ");
        for c in &query.categories {
            sep.push_bind(c.clone());
        }
        q.push(")");
    }
    if let Some(s) = &query.state {
        q.push(" AND r.state = ");
        q.push_bind(s.clone());
    }
    if let Some(s) = &query.region {
        q.push(" AND r.region = ");
        q.push_bind(s.clone());
    }
    if let Some(e) = query.event {
        q.push(" AND r.event_id = ");
        q.push_bind(e);
    }
    if !query.words.is_empty() {
        push_words_match(q, &query.words, &months_between(query.from_ms, query.to_ms));
    }
    q.push(" ORDER BY r.observed_ms DESC, r.id DESC LIMIT ");
    q.push_bind(query.limit.clamp(0, 10_000));
    q.push(" OFFSET ");
    q.push_bind(query.offset.max(0));
}

async fn report_in_tx(
    tx: &mut Transaction<'static, Db>,
    viewer: &Viewer,
    id: i64,
    lock: bool,
) -> Result<ReportRecord> {
    let mut q = QueryBuilder::new(format!(
        "SELECT {REPORT_COLUMNS} FROM monitoring_reports r WHERE r.id = "
    ));
    q.push_bind(id);
    push_releasable(&mut q, viewer, &REPORTS);
    if lock {
        q.push(FOR_UPDATE);
    }
    match q.build().fetch_optional(&mut **tx).await? {
        Some(r) => report_from_row(&r),
        None => Err(StorageError::NotFound(format!("report {id}"))),
    }
}

async fn event_reports(tx: &mut Transaction<'static, Db>, event: i64) -> Result<Vec<ReportRecord>> {
    sqlx::query(&format!(
        "SELECT {REPORT_COLUMNS} FROM monitoring_reports r WHERE r.event_id = $1 \
         ORDER BY r.observed_ms, r.id"
    ))
    .bind(event)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(report_from_row)
    .collect()
}

/// Writes reports' rows (their ids set), release lists and words with multi-row inserts.
async fn insert_reports(tx: &mut Transaction<'static, Db>, recs: &[ReportRecord]) -> Result<()> {
    struct Row<'a> {
        rec: &'a ReportRecord,
        anchor: [f64; 2],
        bbox: [f64; 4],
        is_area: bool,
        words: String,
    }
    let rows: Vec<Row> = recs
        .iter()
        .map(|rec| {
            let s = &rec.spec;
            let mut words = s.search_words();
            words.push(month_token(s.observed_at.timestamp_millis()));
            Row {
                rec,
                anchor: s.place.anchor(),
                bbox: s.place.bbox(),
                is_area: !matches!(s.place, crc_domain::monitoring::place::Place::Point(_)),
                words: words.join(" "),
            }
        })
        .collect();
    // 34 values a row: 900 rows keep under SQLite's 32,766 parameters.
    for chunk in rows.chunks(900) {
        let mut q = QueryBuilder::<Db>::new(
            "INSERT INTO monitoring_reports (id, category, exercise, observed_ms, reported_ms, \
             lon, lat, cell, is_area, west, south, east, north, state, country, region, \
             reliability, credibility, source_key, external_id, owner_state, releasability, \
             release_to, event_id, merged_into, title, search_words, spec, location, \
             created_by, created_at, updated_by, updated_at, version) ",
        );
        q.push_values(chunk, |mut b, row| {
            let (rec, s) = (row.rec, &row.rec.spec);
            let [lon, lat] = row.anchor;
            let [west, south, east, north] = row.bbox;
            b.push_bind(rec.id)
                .push_bind(s.category.clone())
                .push_bind(s.exercise.as_ref().map(|e| e.as_str().to_owned()))
                .push_bind(s.observed_at.timestamp_millis())
                .push_bind(s.reported_at.timestamp_millis())
                .push_bind(lon)
                .push_bind(lat)
                .push_bind(cell_of(lon, lat))
                .push_bind(row.is_area)
                .push_bind(west)
                .push_bind(south)
                .push_bind(east)
                .push_bind(north)
                .push_bind(rec.location.state.as_ref().map(|c| c.as_str().to_owned()))
                .push_bind(rec.location.country.as_ref().map(|c| c.as_str().to_owned()))
                .push_bind(rec.location.region.clone())
                .push_bind(s.grade.reliability.letter().to_string())
                .push_bind(s.grade.credibility.number() as i32)
                .push_bind(s.source.key())
                .push_bind(s.external_id.clone())
                .push_bind(rec.owner_state.as_ref().map(|c| c.as_str().to_owned()))
                .push_bind(rec.releasability.label())
                .push_bind(release_to(&rec.releasability))
                .push_bind(rec.event_id)
                .push_bind(rec.merged_into)
                .push_bind(s.title.clone())
                .push_bind(row.words.clone())
                .push_bind(json(s))
                .push_bind(json(&rec.location))
                .push_bind(rec.created_by.clone())
                .push_bind(rec.created_at)
                .push_bind(rec.updated_by.clone())
                .push_bind(rec.updated_at)
                .push_bind(rec.version);
        });
        q.build().execute(&mut **tx).await?;
    }
    // A new row has no release list to clear.
    let release: Vec<(i64, String)> = recs
        .iter()
        .flat_map(|r| r.releasability.states().into_iter().map(move |s| (r.id, s.as_str().to_owned())))
        .collect();
    for chunk in release.chunks(5_000) {
        let mut q = QueryBuilder::<Db>::new("INSERT INTO monitoring_report_release (report_id, state) ");
        q.push_values(chunk, |mut b, (id, st)| {
            b.push_bind(*id).push_bind(st.clone());
        });
        q.build().execute(&mut **tx).await?;
    }
    let words: Vec<(i64, String)> = rows.into_iter().map(|r| (r.rec.id, r.words)).collect();
    index_words(tx, &words).await?;
    Ok(())
}

/// Brings an event's derived columns (grade, release, times, place) up to its reports.
async fn refresh_event(
    tx: &mut Transaction<'static, Db>,
    mut ev: EventRecord,
) -> Result<EventRecord> {
    let reports = event_reports(tx, ev.id).await?;
    let keys: Vec<String> = reports.iter().map(|r| r.spec.source.key()).collect();
    ev.grade = event_grade(keys.iter().map(String::as_str).zip(reports.iter().map(|r| r.spec.grade)));
    let (owner, label) = crc_domain::releasability::narrowest(
        reports.iter().map(|r| (r.owner_state.as_ref(), &r.releasability)),
    );
    ev.owner_state = owner;
    ev.releasability = label;
    if let Some(first) = reports.first() {
        ev.first_ms = first.spec.observed_at.timestamp_millis();
        ev.position = first.spec.place.anchor();
        ev.state = first.location.state.clone();
        ev.region = first.location.region.clone();
    }
    ev.last_ms = reports
        .iter()
        .map(|r| r.spec.observed_at.timestamp_millis())
        .max()
        .unwrap_or(ev.first_ms);
    ev.reports = reports.iter().map(|r| r.id).collect();
    sqlx::query(
        "UPDATE monitoring_events SET title = $2, category = $3, reliability = $4, \
         credibility = $5, owner_state = $6, releasability = $7, release_to = $8, state = $9, \
         region = $10, first_ms = $11, last_ms = $12, lon = $13, lat = $14, reports = $15, \
         updated_by = $16, updated_at = $17, version = $18 WHERE id = $1",
    )
    .bind(ev.id)
    .bind(&ev.title)
    .bind(&ev.category)
    .bind(ev.grade.reliability.letter().to_string())
    .bind(ev.grade.credibility.number() as i32)
    .bind(ev.owner_state.as_ref().map(|c| c.as_str().to_owned()))
    .bind(ev.releasability.label())
    .bind(release_to(&ev.releasability))
    .bind(ev.state.as_ref().map(|c| c.as_str().to_owned()))
    .bind(ev.region.clone())
    .bind(ev.first_ms)
    .bind(ev.last_ms)
    .bind(ev.position[0])
    .bind(ev.position[1])
    .bind(ev.reports.len() as i32)
    .bind(&ev.updated_by)
    .bind(ev.updated_at)
    .bind(ev.version)
    .execute(&mut **tx)
    .await?;
    write_release(tx, &EVENTS, ev.id, &ev.releasability).await?;
    Ok(ev)
}

async fn event_in_tx(
    tx: &mut Transaction<'static, Db>,
    viewer: &Viewer,
    id: i64,
    lock: bool,
) -> Result<EventRecord> {
    let mut q = QueryBuilder::new(format!(
        "SELECT {EVENT_COLUMNS} FROM monitoring_events e WHERE e.id = "
    ));
    q.push_bind(id);
    push_releasable(&mut q, viewer, &EVENTS);
    if lock {
        q.push(FOR_UPDATE);
    }
    let mut ev = match q.build().fetch_optional(&mut **tx).await? {
        Some(r) => event_from_row(&r)?,
        None => return Err(StorageError::NotFound(format!("event {id}"))),
    };
    ev.reports = sqlx::query_scalar(
        "SELECT id FROM monitoring_reports WHERE event_id = $1 ORDER BY observed_ms, id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(ev)
}

fn stale(what: String, expected: Option<i64>, current: i64) -> Result<()> {
    match expected {
        Some(v) if v != current => Err(StorageError::Stale {
            what,
            expected: v,
            current,
        }),
        _ => Ok(()),
    }
}

/// A report's record after a change by `actor` at `t`.
fn touched(mut r: ReportRecord, actor: &str, t: DateTime<Utc>) -> ReportRecord {
    r.updated_by = actor.to_owned();
    r.updated_at = t;
    r.version += 1;
    r
}

impl Backend {
    /// Stores reports, all or none. A report whose sender already sent the same identifier is
    /// not stored again ([`Received::Again`]). One audit entry per stored report.
    pub async fn receive_reports(&self, actor: &str, reports: &[NewReport]) -> Result<Vec<Received>> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let t = now();
        // `None`: new, stored below in this order; `Some`: received before.
        let mut slots: Vec<Option<ReportRecord>> = Vec::with_capacity(reports.len());
        let mut fresh: Vec<ReportRecord> = Vec::new();
        for n in reports {
            if n.releasability == Releasability::National && n.owner_state.is_none() {
                return Err(DomainError::invalid(
                    "releasability",
                    "a national report belongs to a state: only a state's body's report can be national",
                )
                .into());
            }
            if let Some(ext) = &n.spec.external_id {
                let again = sqlx::query(&format!(
                    "SELECT {REPORT_COLUMNS} FROM monitoring_reports r WHERE r.source_key = $1 \
                     AND r.external_id = $2"
                ))
                .bind(n.spec.source.key())
                .bind(ext)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(row) = again {
                    slots.push(Some(report_from_row(&row)?));
                    continue;
                }
                // The same identifier twice in one batch is one report too.
                let key = n.spec.source.key();
                if let Some(prev) = fresh
                    .iter()
                    .position(|r| r.spec.external_id.as_ref() == Some(ext) && r.spec.source.key() == key)
                {
                    slots.push(Some(ReportRecord { id: -(prev as i64) - 1, ..fresh[prev].clone() }));
                    continue;
                }
            }
            slots.push(None);
            fresh.push(ReportRecord {
                id: 0,
                spec: n.spec.clone(),
                location: n.location.clone(),
                owner_state: n.owner_state.clone(),
                releasability: n.releasability.clone(),
                event_id: None,
                merged_into: None,
                created_by: actor.to_owned(),
                created_at: t,
                updated_by: actor.to_owned(),
                updated_at: t,
                version: 1,
            });
        }
        let ids = reserve_report_ids(&mut tx, fresh.len()).await?;
        for (r, id) in fresh.iter_mut().zip(&ids) {
            r.id = *id;
        }
        insert_reports(&mut tx, &fresh).await?;
        let mut chain = ChainCursor::read(&mut tx).await?;
        let entries: Vec<AuditEntry> = fresh
            .iter()
            .map(|rec| chain.next(event(actor, "receive", "report", rec.id, None, Some(json(rec)))))
            .collect();
        insert_audit_entries(&mut tx, &entries).await?;
        chain.save(&mut tx).await?;
        tx.commit().await?;
        let mut new = fresh.into_iter();
        let mut made: Vec<ReportRecord> = Vec::new();
        Ok(slots
            .into_iter()
            .map(|slot| match slot {
                None => {
                    let r = new.next().expect("one record per new slot");
                    made.push(r.clone());
                    Received::New(r)
                }
                // A repeat within the batch points at the new record it repeats.
                Some(r) if r.id < 0 => Received::Again(made[(-r.id - 1) as usize].clone()),
                Some(r) => Received::Again(r),
            })
            .collect())
    }

    /// One report, if `viewer` may see it.
    pub async fn report(&self, viewer: &Viewer, id: i64) -> Result<ReportRecord> {
        let mut tx = self.reader.begin().await?;
        let r = report_in_tx(&mut tx, viewer, id, false).await?;
        tx.commit().await?;
        Ok(r)
    }

    /// The reports `viewer` may see matching `query`, latest observed first.
    pub async fn list_reports(&self, viewer: &Viewer, query: &ReportQuery) -> Result<Vec<ReportRecord>> {
        let mut q = QueryBuilder::new(format!(
            "SELECT {REPORT_COLUMNS} FROM monitoring_reports r WHERE 1 = 1"
        ));
        push_report_filters(&mut q, viewer, query);
        q.build()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(report_from_row)
            .collect()
    }

    /// What the map draws of the reports `viewer` may see matching `query`: the columns
    /// only, no text, latest observed first.
    pub async fn map_points(&self, viewer: &Viewer, query: &ReportQuery) -> Result<Vec<MapPoint>> {
        let mut q = QueryBuilder::new(
            "SELECT r.id, r.lon, r.lat, r.is_area, r.category, r.reliability, r.credibility, \
             r.observed_ms, r.event_id FROM monitoring_reports r WHERE 1 = 1",
        );
        push_report_filters(&mut q, viewer, query);
        q.build()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(|r| {
                Ok(MapPoint {
                    id: r.try_get("id")?,
                    position: [r.try_get("lon")?, r.try_get("lat")?],
                    area: r.try_get("is_area")?,
                    category: r.try_get("category")?,
                    grade: format!(
                        "{}{}",
                        r.try_get::<String, _>("reliability")?,
                        r.try_get::<i32, _>("credibility")?
                    ),
                    observed_ms: r.try_get("observed_ms")?,
                    event_id: r.try_get("event_id")?,
                })
            })
            .collect()
    }

    /// Sets a report's grade (an officer's evaluation); its event's grade follows.
    pub async fn grade_report(
        &self,
        actor: &CrisisActor<'_>,
        id: i64,
        expected: Option<i64>,
        grade: Grade,
    ) -> Result<ReportRecord> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let before = report_in_tx(&mut tx, actor.viewer, id, true).await?;
        stale(format!("report {id}"), expected, before.version)?;
        if before.spec.grade == grade {
            tx.commit().await?;
            return Ok(before);
        }
        let t = now();
        let mut after = touched(before.clone(), actor.name, t);
        after.spec.grade = grade;
        sqlx::query(
            "UPDATE monitoring_reports SET reliability = $2, credibility = $3, spec = $4, \
             updated_by = $5, updated_at = $6, version = $7 WHERE id = $1",
        )
        .bind(id)
        .bind(grade.reliability.letter().to_string())
        .bind(grade.credibility.number() as i32)
        .bind(json(&after.spec))
        .bind(actor.name)
        .bind(t)
        .bind(after.version)
        .execute(&mut *tx)
        .await?;
        append_audit(
            &mut tx,
            event(actor.name, "grade", "report", id, Some(json(&before)), Some(json(&after))),
        )
        .await?;
        if let Some(e) = after.event_id {
            self.touch_event(&mut tx, actor.name, e, t, "regrade").await?;
        }
        tx.commit().await?;
        Ok(after)
    }

    /// Recomputes an event after one of its reports changed, with its audit entry.
    async fn touch_event(
        &self,
        tx: &mut Transaction<'static, Db>,
        actor: &str,
        id: i64,
        t: DateTime<Utc>,
        action: &str,
    ) -> Result<EventRecord> {
        let before = event_in_tx(tx, &Viewer::System, id, true).await?;
        let mut ev = before.clone();
        ev.updated_by = actor.to_owned();
        ev.updated_at = t;
        ev.version += 1;
        let after = refresh_event(tx, ev).await?;
        append_audit(
            tx,
            event(actor, action, "monitoring_event", id, Some(json(&before)), Some(json(&after))),
        )
        .await?;
        Ok(after)
    }

    /// Confirms reports to be about one event. Every report must be visible to the actor, of
    /// one world, not merged and in no other event.
    pub async fn create_event(
        &self,
        actor: &CrisisActor<'_>,
        title: &str,
        category: &str,
        report_ids: &[i64],
    ) -> Result<EventRecord> {
        if report_ids.is_empty() {
            return Err(DomainError::invalid("reports", "an event needs at least one report").into());
        }
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let mut members = Vec::new();
        for id in report_ids {
            let r = report_in_tx(&mut tx, actor.viewer, *id, true).await?;
            check_joinable(&r, None)?;
            members.push(r);
        }
        let exercise = members[0].spec.exercise.as_ref().map(|e| e.as_str().to_owned());
        if let Some(m) = members
            .iter()
            .find(|m| m.spec.exercise.as_ref().map(|e| e.as_str()) != exercise.as_deref())
        {
            return Err(mixed_worlds(m.id));
        }
        let t = now();
        let first = &members[0];
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO monitoring_events (title, category, exercise, reliability, credibility, \
             owner_state, releasability, release_to, state, region, first_ms, last_ms, lon, lat, \
             reports, created_by, created_at, updated_by, updated_at, version) VALUES ($1, $2, \
             $3, 'F', 6, NULL, 'organization', '', NULL, NULL, $4, $4, $5, $6, 0, $7, $8, $7, \
             $8, 1) RETURNING id",
        )
        .bind(title)
        .bind(category)
        .bind(exercise.clone())
        .bind(first.spec.observed_at.timestamp_millis())
        .bind(first.spec.place.anchor()[0])
        .bind(first.spec.place.anchor()[1])
        .bind(actor.name)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?;
        for m in &members {
            self.set_event(&mut tx, actor.name, t, m, Some(id), "confirm").await?;
        }
        let ev = EventRecord {
            id,
            title: title.to_owned(),
            category: category.to_owned(),
            exercise,
            grade: Grade::UNGRADED,
            owner_state: None,
            releasability: Releasability::Organization,
            state: None,
            region: None,
            first_ms: 0,
            last_ms: 0,
            position: [0.0, 0.0],
            reports: Vec::new(),
            created_by: actor.name.to_owned(),
            created_at: t,
            updated_by: actor.name.to_owned(),
            updated_at: t,
            version: 1,
        };
        let ev = refresh_event(&mut tx, ev).await?;
        append_audit(&mut tx, event(actor.name, "create", "monitoring_event", id, None, Some(json(&ev))))
            .await?;
        tx.commit().await?;
        Ok(ev)
    }

    /// Points a report at an event (or none), with the report's audit entry.
    async fn set_event(
        &self,
        tx: &mut Transaction<'static, Db>,
        actor: &str,
        t: DateTime<Utc>,
        before: &ReportRecord,
        event_id: Option<i64>,
        action: &str,
    ) -> Result<ReportRecord> {
        let mut after = touched(before.clone(), actor, t);
        after.event_id = event_id;
        sqlx::query(
            "UPDATE monitoring_reports SET event_id = $2, updated_by = $3, updated_at = $4, \
             version = $5 WHERE id = $1",
        )
        .bind(before.id)
        .bind(event_id)
        .bind(actor)
        .bind(t)
        .bind(after.version)
        .execute(&mut **tx)
        .await?;
        append_audit(
            tx,
            event(actor, action, "report", before.id, Some(json(before)), Some(json(&after))),
        )
        .await?;
        Ok(after)
    }

    /// Adds a report to an event, or takes it out (`join` false).
    pub async fn link_report(
        &self,
        actor: &CrisisActor<'_>,
        event_id: i64,
        expected: Option<i64>,
        report_id: i64,
        join: bool,
    ) -> Result<EventRecord> {
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let ev = event_in_tx(&mut tx, actor.viewer, event_id, true).await?;
        stale(format!("event {event_id}"), expected, ev.version)?;
        let r = report_in_tx(&mut tx, actor.viewer, report_id, true).await?;
        let t = now();
        if join {
            check_joinable(&r, None)?;
            if r.spec.exercise.as_ref().map(|e| e.as_str()) != ev.exercise.as_deref() {
                return Err(mixed_worlds(r.id));
            }
            self.set_event(&mut tx, actor.name, t, &r, Some(event_id), "confirm").await?;
        } else {
            if r.event_id != Some(event_id) {
                return Err(DomainError::invalid(
                    "report",
                    format!("report {report_id} is not part of event {event_id}"),
                )
                .into());
            }
            if ev.reports.len() == 1 {
                return Err(DomainError::invalid(
                    "report",
                    "an event keeps at least one report",
                )
                .into());
            }
            self.set_event(&mut tx, actor.name, t, &r, None, "unconfirm").await?;
        }
        let after = self
            .touch_event(&mut tx, actor.name, event_id, t, if join { "add_report" } else { "remove_report" })
            .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Merges a duplicate into another report of the same world: the duplicate stays stored
    /// and readable, marked as merged, and leaves the lists; it joins the other's event.
    pub async fn merge_report(
        &self,
        actor: &CrisisActor<'_>,
        duplicate: i64,
        into: i64,
    ) -> Result<ReportRecord> {
        if duplicate == into {
            return Err(DomainError::invalid("into", "a report cannot be merged into itself").into());
        }
        let mut tx = self.writer.begin().await?;
        lock_chain(&mut tx).await?;
        let dup = report_in_tx(&mut tx, actor.viewer, duplicate, true).await?;
        let keep = report_in_tx(&mut tx, actor.viewer, into, true).await?;
        for r in [&dup, &keep] {
            if let Some(m) = r.merged_into {
                return Err(DomainError::invalid(
                    "report",
                    format!("report {} is already merged into report {m}", r.id),
                )
                .into());
            }
        }
        if dup.spec.exercise != keep.spec.exercise {
            return Err(mixed_worlds(dup.id));
        }
        let t = now();
        let mut after = touched(dup.clone(), actor.name, t);
        after.merged_into = Some(into);
        let old_event = dup.event_id;
        after.event_id = keep.event_id.or(dup.event_id);
        sqlx::query(
            "UPDATE monitoring_reports SET merged_into = $2, event_id = $3, updated_by = $4, \
             updated_at = $5, version = $6 WHERE id = $1",
        )
        .bind(duplicate)
        .bind(into)
        .bind(after.event_id)
        .bind(actor.name)
        .bind(t)
        .bind(after.version)
        .execute(&mut *tx)
        .await?;
        append_audit(
            &mut tx,
            event(actor.name, "merge", "report", duplicate, Some(json(&dup)), Some(json(&after))),
        )
        .await?;
        let mut events: Vec<i64> = [old_event, after.event_id].into_iter().flatten().collect();
        events.dedup();
        for e in events {
            self.touch_event(&mut tx, actor.name, e, t, "merge").await?;
        }
        tx.commit().await?;
        Ok(after)
    }

    /// One event, if `viewer` may see it.
    pub async fn monitoring_event(&self, viewer: &Viewer, id: i64) -> Result<EventRecord> {
        let mut tx = self.reader.begin().await?;
        let e = event_in_tx(&mut tx, viewer, id, false).await?;
        tx.commit().await?;
        Ok(e)
    }

    /// The events `viewer` may see, latest first.
    pub async fn list_events(&self, viewer: &Viewer, query: &EventQuery) -> Result<Vec<EventRecord>> {
        let mut q = QueryBuilder::new(format!(
            "SELECT {EVENT_COLUMNS} FROM monitoring_events e WHERE 1 = 1"
        ));
        push_releasable(&mut q, viewer, &EVENTS);
        push_world(&mut q, "e", &query.world);
        if let Some(f) = query.from_ms {
            q.push(" AND e.last_ms >= ");
            q.push_bind(f);
        }
        if let Some(t) = query.to_ms {
            q.push(" AND e.first_ms < ");
            q.push_bind(t);
        }
        if let Some([w, s, e, n]) = query.bbox {
            if w <= e {
                q.push(" AND e.lon >= ");
                q.push_bind(w);
                q.push(" AND e.lon <= ");
                q.push_bind(e);
            } else {
                q.push(" AND (e.lon >= ");
                q.push_bind(w);
                q.push(" OR e.lon <= ");
                q.push_bind(e);
                q.push(")");
            }
            q.push(" AND e.lat >= ");
            q.push_bind(s);
            q.push(" AND e.lat <= ");
            q.push_bind(n);
        }
        q.push(" ORDER BY e.last_ms DESC, e.id DESC LIMIT ");
        q.push_bind(query.limit.clamp(0, 10_000));
        q.push(" OFFSET ");
        q.push_bind(query.offset.max(0));
        let rows = q.build().fetch_all(&self.reader).await?;
        let mut events: Vec<EventRecord> = rows.iter().map(event_from_row).collect::<Result<_>>()?;
        if !events.is_empty() {
            let mut q = QueryBuilder::new(
                "SELECT id, event_id FROM monitoring_reports WHERE event_id IN (",
            );
            let mut sep = q.separated(", ");
            for e in &events {
                sep.push_bind(e.id);
            }
            q.push(") ORDER BY observed_ms, id");
            let links = q.build().fetch_all(&self.reader).await?;
            for l in links {
                let (rid, eid): (i64, i64) = (l.try_get("id")?, l.try_get("event_id")?);
                if let Some(e) = events.iter_mut().find(|e| e.id == eid) {
                    e.reports.push(rid);
                }
            }
        }
        Ok(events)
    }

    /// The reports `viewer` may see that could be about the same event as report `id`: same
    /// world, not merged, observed within `hours` of it and within `km` of its anchor.
    pub async fn corroboration_candidates(
        &self,
        viewer: &Viewer,
        id: i64,
        hours: f64,
        km: f64,
    ) -> Result<(ReportRecord, Vec<ReportRecord>)> {
        let r = self.report(viewer, id).await?;
        let [lon, lat] = r.spec.place.anchor();
        let dlat = km / 111.0;
        let dlon = km / (111.0 * lat.to_radians().cos().max(0.05));
        let ms = r.spec.observed_at.timestamp_millis();
        let span = (hours * 3_600_000.0) as i64;
        let query = ReportQuery {
            world: match &r.spec.exercise {
                None => World::Real,
                Some(m) => World::Exercise(m.as_str().to_owned()),
            },
            bbox: Some([
                wrap(lon - dlon),
                (lat - dlat).max(-90.0),
                wrap(lon + dlon),
                (lat + dlat).min(90.0),
            ]),
            from_ms: Some(ms - span),
            to_ms: Some(ms + span + 1),
            limit: 500,
            ..Default::default()
        };
        let others = self
            .list_reports(viewer, &query)
            .await?
            .into_iter()
            .filter(|o| o.id != id)
            .collect();
        Ok((r, others))
    }

    /// What the threat assessment counts for `viewer`, real world only: each event visible to
    /// them once (with its grade), and each report neither merged nor in an event, observed in
    /// `[from_ms, to_ms)`.
    pub async fn threat_items(&self, viewer: &Viewer, from_ms: i64, to_ms: i64) -> Result<Vec<threat::Item>> {
        let mut out = Vec::new();
        let mut q = QueryBuilder::new(
            "SELECT e.category, e.credibility, e.state, e.region, e.first_ms FROM monitoring_events e \
             WHERE e.exercise IS NULL AND e.first_ms >= ",
        );
        q.push_bind(from_ms);
        q.push(" AND e.first_ms < ");
        q.push_bind(to_ms);
        push_releasable(&mut q, viewer, &EVENTS);
        for r in q.build().fetch_all(&self.reader).await? {
            out.push(item_from_row(&r, "first_ms")?);
        }
        let mut q = QueryBuilder::new(
            "SELECT r.category, r.credibility, r.state, r.region, r.observed_ms FROM \
             monitoring_reports r WHERE r.exercise IS NULL AND r.merged_into IS NULL AND \
             r.event_id IS NULL AND r.observed_ms >= ",
        );
        q.push_bind(from_ms);
        q.push(" AND r.observed_ms < ");
        q.push_bind(to_ms);
        push_releasable(&mut q, viewer, &REPORTS);
        for r in q.build().fetch_all(&self.reader).await? {
            out.push(item_from_row(&r, "observed_ms")?);
        }
        Ok(out)
    }
}

fn wrap(lon: f64) -> f64 {
    if lon > 180.0 {
        lon - 360.0
    } else if lon < -180.0 {
        lon + 360.0
    } else {
        lon
    }
}

fn item_from_row(r: &<Db as sqlx::Database>::Row, at: &str) -> Result<threat::Item> {
    let ms: i64 = r.try_get(at)?;
    let cred: i32 = r.try_get::<i32, _>("credibility")?;
    let state: Option<String> = r.try_get("state")?;
    Ok(threat::Item {
        at: DateTime::from_timestamp_millis(ms).unwrap_or_default(),
        category: r.try_get("category")?,
        credibility: Credibility::new(cred as u8).unwrap_or(Credibility::UNKNOWN),
        state: state.and_then(|s| StateCode::parse(&s).ok()),
        region: r.try_get("region")?,
    })
}

fn check_joinable(r: &ReportRecord, _event: Option<i64>) -> Result<()> {
    if let Some(m) = r.merged_into {
        return Err(DomainError::invalid(
            "reports",
            format!("report {} is merged into report {m}; confirm that one", r.id),
        )
        .into());
    }
    if let Some(e) = r.event_id {
        return Err(StorageError::Duplicate(format!(
            "report {} is already part of event {e}",
            r.id
        )));
    }
    Ok(())
}

fn mixed_worlds(id: i64) -> StorageError {
    DomainError::invalid(
        "reports",
        format!(
            "report {id} belongs to another world: real-world and exercise reports (or two \
             exercises' reports) are never about one event"
        ),
    )
    .into()
}

/// Every report and event, for export.
async fn export_monitoring(
    tx: &mut Transaction<'static, Db>,
) -> Result<(Vec<ReportRecord>, Vec<EventRecord>)> {
    let events: Vec<EventRecord> = sqlx::query(&format!(
        "SELECT {EVENT_COLUMNS} FROM monitoring_events e ORDER BY e.id"
    ))
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(event_from_row)
    .collect::<Result<_>>()?;
    let reports: Vec<ReportRecord> = sqlx::query(&format!(
        "SELECT {REPORT_COLUMNS} FROM monitoring_reports r ORDER BY r.id"
    ))
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(report_from_row)
    .collect::<Result<_>>()?;
    Ok((reports, events))
}

/// Restores exported reports and events with their ids and versions.
async fn import_monitoring(
    tx: &mut Transaction<'static, Db>,
    reports: &[ReportRecord],
    events: &[EventRecord],
) -> Result<()> {
    for e in events {
        sqlx::query(
            "INSERT INTO monitoring_events (id, title, category, exercise, reliability, \
             credibility, owner_state, releasability, release_to, state, region, first_ms, \
             last_ms, lon, lat, reports, created_by, created_at, updated_by, updated_at, \
             version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
             0, $16, $17, $18, $19, $20)",
        )
        .bind(e.id)
        .bind(&e.title)
        .bind(&e.category)
        .bind(e.exercise.clone())
        .bind(e.grade.reliability.letter().to_string())
        .bind(e.grade.credibility.number() as i32)
        .bind(e.owner_state.as_ref().map(|c| c.as_str().to_owned()))
        .bind(e.releasability.label())
        .bind(release_to(&e.releasability))
        .bind(e.state.as_ref().map(|c| c.as_str().to_owned()))
        .bind(e.region.clone())
        .bind(e.first_ms)
        .bind(e.last_ms)
        .bind(e.position[0])
        .bind(e.position[1])
        .bind(&e.created_by)
        .bind(e.created_at)
        .bind(&e.updated_by)
        .bind(e.updated_at)
        .bind(e.version)
        .execute(&mut **tx)
        .await?;
        write_release(tx, &EVENTS, e.id, &e.releasability).await?;
    }
    // Survivors before their duplicates: a merged report refers to an earlier row or a later
    // one, so the references are set once every row is in.
    let plain: Vec<ReportRecord> = reports
        .iter()
        .map(|r| ReportRecord { merged_into: None, ..r.clone() })
        .collect();
    insert_reports(tx, &plain).await?;
    for r in reports.iter().filter(|r| r.merged_into.is_some()) {
        sqlx::query("UPDATE monitoring_reports SET merged_into = $2 WHERE id = $1")
            .bind(r.id)
            .bind(r.merged_into)
            .execute(&mut **tx)
            .await?;
    }
    for e in events {
        sqlx::query("UPDATE monitoring_events SET reports = (SELECT COUNT(*) FROM monitoring_reports WHERE event_id = $1) WHERE id = $1")
            .bind(e.id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
