//! `crc crisis board|list|show|create|do|journal`: the crisis chain on the command line,
//! working on the store directly. Changes are made as a named user (`--as`), authorized by
//! `crisis::access` exactly as the server authorizes them; reading is done as the system.
//! The board and the journal are the server's own documents (`crisis_reports`), and every
//! exercise record is marked EXERCISE wherever it is printed.

use std::path::Path;

use anyhow::{bail, Context};
use chrono::{DateTime, Utc};
use crc_domain::crisis::{access, Command, Kind, Spec};
use crc_domain::identity::{Principal, Viewer};
use crc_domain::releasability::Releasability;
use crc_domain::StateCode;
use crc_server::crisis_wire::{CrisisOut, JournalOut};
use crc_server::routes::crisis_reports;
use crc_storage::{CrisisActor, CrisisQuery, ExerciseFilter, JournalQuery, NewCrisisRecord, Store};
use serde::Serialize;

use crate::config::{open_store, Config};

/// Filters of `crc crisis list`.
#[derive(Debug, Default)]
pub struct ListArgs {
    /// Kind (singular or plural).
    pub kind: String,
    /// Comma-separated statuses.
    pub status: Option<String>,
    /// Owning member state.
    pub state: Option<String>,
    /// Children of this record.
    pub parent: Option<i64>,
    /// Descendants of this request.
    pub crisis: Option<i64>,
    /// `real`, `exercises`, `all` or `exercise:NAME`.
    pub exercise: Option<String>,
    /// Only open tasks past their deadline.
    pub overdue: bool,
    /// Page size.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
    /// JSON output.
    pub json: bool,
}

/// What `crc crisis create` is given.
#[derive(Debug)]
pub struct CreateArgs<'a> {
    /// Kind (singular or plural).
    pub kind: &'a str,
    /// The acting user.
    pub user: &'a str,
    /// The spec's JSON file (`-` for standard input).
    pub spec: &'a Path,
    /// The parent record.
    pub parent: Option<i64>,
    /// The exercise.
    pub exercise: Option<&'a str>,
    /// `organization` (default), `national` or `states:ARM,BLR`.
    pub releasability: Option<&'a str>,
    /// JSON output.
    pub json: bool,
}

/// The user `username` as a principal, refused when unknown or disabled.
pub(crate) async fn principal(store: &Store, username: &str) -> anyhow::Result<Principal> {
    let u = store
        .user_for_login(username)
        .await?
        .with_context(|| format!("no user {username}"))?
        .user;
    if u.disabled {
        bail!("the user {username} is disabled");
    }
    Ok(Principal {
        user_id: u.id,
        username: u.username,
        role: u.role,
        state: u.state,
    })
}

fn exercise_filter(s: Option<&str>) -> anyhow::Result<ExerciseFilter> {
    Ok(ExerciseFilter::parse(s.unwrap_or(""))?)
}

fn when(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// The title as printed: exercise records carry the marking and their exercise.
fn marked_title(r: &CrisisOut) -> String {
    match (&r.marking, &r.exercise) {
        (Some(m), Some(e)) => format!("[{m} {e}] {}", r.title),
        _ => r.title.clone(),
    }
}

const HEADER: &str = "    ID  KIND       STATUS               STATE  TIME              TITLE";

fn row(r: &CrisisOut) -> String {
    let flag = if r.overdue { "OVERDUE " } else { "" };
    format!(
        "{:>6}  {:<10} {:<20} {:<6} {:<17} {flag}{}",
        r.id,
        r.kind,
        r.status,
        r.owner_state.as_deref().unwrap_or("-"),
        r.due_at
            .as_ref()
            .or(r.main_at.as_ref())
            .map(when)
            .unwrap_or_else(|| "-".into()),
        marked_title(r)
    )
}

fn table(out: &mut String, heading: &str, rows: &[CrisisOut]) {
    out.push_str(&format!("\n{heading} ({})\n", rows.len()));
    if rows.is_empty() {
        out.push_str("  none\n");
        return;
    }
    out.push_str(HEADER);
    out.push('\n');
    for r in rows {
        out.push_str(&row(r));
        out.push('\n');
    }
}

fn print_json<T: Serialize>(v: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

/// `crc crisis board`: what is open now.
pub async fn board(c: &Config, exercise: Option<&str>, json: bool) -> anyhow::Result<()> {
    let ex = exercise_filter(exercise)?;
    let store = open_store(c).await?;
    let b = crisis_reports::board_document(
        &store,
        &Viewer::System,
        &ex,
        exercise.unwrap_or("real").to_owned(),
    )
    .await;
    store.close().await;
    let b = b?;
    if json {
        return print_json(&b);
    }
    let mut out = format!("Crisis board ({}) at {} UTC\n", b.exercise, when(&b.now));
    match &b.mode {
        Some(m) => out.push_str(&format!(
            "Operating mode: {} (since record {}){}\n",
            m.status.replace('_', " "),
            m.id,
            m.marking.map(|m| format!(" [{m}]")).unwrap_or_default()
        )),
        None => out.push_str("Operating mode: routine (no change recorded)\n"),
    }
    match &b.shift {
        Some(s) => out.push_str(&format!("Shift on duty: {}\n", marked_title(s))),
        None => out.push_str("Shift on duty: none recorded\n"),
    }
    table(&mut out, "REQUESTS", &b.requests);
    table(&mut out, "SESSIONS", &b.sessions);
    table(&mut out, "DECISIONS", &b.decisions);
    table(&mut out, "OPERATIONS", &b.operations);
    table(&mut out, "!! OVERDUE TASKS", &b.overdue_tasks);
    table(&mut out, "OPEN TASKS", &b.open_tasks);
    print!("{out}");
    Ok(())
}

/// `crc crisis list KIND`.
pub async fn list(c: &Config, a: &ListArgs) -> anyhow::Result<()> {
    let kind = Kind::parse(&a.kind)?;
    let now = Utc::now();
    let q = CrisisQuery {
        kind: Some(kind),
        parent: a.parent,
        crisis: a.crisis,
        statuses: a
            .status
            .as_deref()
            .map(|s| {
                s.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        owner_state: a.state.as_deref().map(StateCode::parse).transpose()?,
        exercise: exercise_filter(a.exercise.as_deref())?,
        overdue_at: a.overdue.then_some(now),
        limit: a.limit,
        offset: a.offset,
        skip_total: false,
    };
    let store = open_store(c).await?;
    let page = store.list_crisis_records(&Viewer::System, &q).await;
    store.close().await;
    let page = page?;
    let items: Vec<CrisisOut> = page
        .items
        .into_iter()
        .map(|r| CrisisOut::new(r, now))
        .collect();
    if a.json {
        return print_json(&serde_json::json!({
            "items": items,
            "total": page.total,
            "limit": q.limit,
            "offset": q.offset,
        }));
    }
    println!("{HEADER}");
    for r in &items {
        println!("{}", row(r));
    }
    println!("{} of {} {kind} record(s)", items.len(), page.total);
    Ok(())
}

fn journal_line(e: &JournalOut) -> String {
    let step = match &e.from_status {
        Some(f) => format!(
            "{} → {}",
            f.replace('_', " "),
            e.to_status.replace('_', " ")
        ),
        None => e.to_status.replace('_', " "),
    };
    format!(
        "  {:>6}  {}  {:<10} {:<18} {:<34} {}{}",
        e.id,
        when(&e.at),
        e.actor,
        e.action.replace('_', " "),
        step,
        e.marking.map(|m| format!("[{m}] ")).unwrap_or_default(),
        if e.from_status.is_none() {
            String::new()
        } else {
            command_args(&e.detail)
        }
    )
}

/// A command's arguments in one line (`command` itself left out).
fn command_args(v: &serde_json::Value) -> String {
    let mut parts = Vec::new();
    if let Some(o) = v.as_object() {
        for (k, v) in o {
            if k == "command" {
                continue;
            }
            let t = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let t: String = t.chars().take(120).collect();
            parts.push(format!("{k}: {t}"));
        }
    }
    parts.join("; ")
}

/// `crc crisis show ID`: the record and its journal.
pub async fn show(c: &Config, id: i64, json: bool) -> anyhow::Result<()> {
    let store = open_store(c).await?;
    let read = async {
        let r = store.crisis_record(&Viewer::System, id).await?;
        let j = store
            .crisis_journal(
                &Viewer::System,
                &JournalQuery {
                    record: Some(id),
                    exercise: ExerciseFilter::All,
                    limit: 5000,
                    ..JournalQuery::default()
                },
            )
            .await?;
        anyhow::Ok((r, j))
    }
    .await;
    store.close().await;
    let (r, j) = read?;
    let r = CrisisOut::new(r, Utc::now());
    let journal: Vec<JournalOut> = j.into_iter().map(JournalOut::from).collect();
    if json {
        return print_json(&serde_json::json!({ "record": r, "journal": journal }));
    }
    let mut out = String::new();
    if let Some(m) = r.marking {
        out.push_str(&format!("*** {m} {m} {m} ***\n"));
    }
    out.push_str(&format!("{} {}: {}\n", r.kind, r.id, marked_title(&r)));
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
    out.push_str(&format!(
        "status: {}{}   version: {}   owner state: {}   releasability: {}{}\n",
        r.status.replace('_', " "),
        if r.overdue { " (OVERDUE)" } else { "" },
        r.version,
        r.owner_state.as_deref().unwrap_or("-"),
        r.releasability.label,
        if r.releasability.states.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.releasability.states.join(", "))
        }
    ));
    out.push_str(&format!(
        "parent: {}   crisis: {}   number: {}   time: {}   exercise: {}   demo: {}\n",
        opt(r.parent_id),
        opt(r.crisis_id),
        opt(r.number),
        r.main_at.as_ref().map(when).unwrap_or_else(|| "-".into()),
        r.exercise.as_deref().unwrap_or("none (real world)"),
        if r.demo { "yes" } else { "no" }
    ));
    out.push_str(&format!(
        "created by {} at {} UTC, changed {} UTC\n",
        r.created_by,
        when(&r.created_at),
        when(&r.updated_at)
    ));
    out.push_str(&format!(
        "spec:\n{}\nstate:\n{}\njournal ({} entries):\n",
        serde_json::to_string_pretty(&r.spec)?,
        serde_json::to_string_pretty(&r.state)?,
        journal.len()
    ));
    for e in &journal {
        out.push_str(&journal_line(e));
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

fn releasability(s: Option<&str>) -> anyhow::Result<Releasability> {
    let s = s.unwrap_or("organization");
    let (label, states) = match s.split_once(':') {
        Some((l, list)) => (
            l,
            list.split(',')
                .map(|s| StateCode::parse(s.trim()))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => (s, Vec::new()),
    };
    Ok(Releasability::from_parts(label, states)?)
}

pub(crate) fn read_json(path: &Path) -> anyhow::Result<serde_json::Value> {
    let text = if path == Path::new("-") {
        std::io::read_to_string(std::io::stdin()).context("reading the spec from standard input")?
    } else {
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?
    };
    serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
}

fn report(verb: &str, r: &CrisisOut, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(r);
    }
    println!(
        "{verb} {} {}: {} ({}, version {}){}",
        r.kind,
        r.id,
        r.title,
        r.status.replace('_', " "),
        r.version,
        match (&r.marking, &r.exercise) {
            (Some(m), Some(e)) => format!(" [{m} {e}]"),
            _ => String::new(),
        }
    );
    Ok(())
}

/// `crc crisis create KIND --as USER --spec FILE`.
pub async fn create(c: &Config, a: &CreateArgs<'_>) -> anyhow::Result<()> {
    let kind = Kind::parse(a.kind)?;
    let spec = Spec::parse(kind, read_json(a.spec)?)?;
    let rel = releasability(a.releasability)?;
    let store = open_store(c).await?;
    let done = async {
        let p = principal(&store, a.user).await?;
        if !access::creatable(&p).contains(&kind) {
            bail!(
                "forbidden: {} ({}) may not create {}",
                p.username,
                p.role,
                kind.a()
            );
        }
        let viewer = Viewer::of(&p);
        let rec = store
            .create_crisis_record(
                &CrisisActor {
                    name: &p.username,
                    state: p.state.as_ref(),
                    viewer: &viewer,
                },
                NewCrisisRecord {
                    spec,
                    parent: a.parent,
                    exercise: a.exercise.map(str::to_owned),
                    releasability: rel,
                    demo: false,
                },
                |spec| access::may_create(&p, spec),
            )
            .await?;
        anyhow::Ok(rec)
    }
    .await;
    store.close().await;
    let rec = done.with_context(|| format!("creating {}", kind.a()))?;
    report("created", &CrisisOut::new(rec, Utc::now()), a.json)
}

/// `crc crisis do ID COMMAND_JSON --as USER`: one workflow step.
pub async fn command(
    c: &Config,
    id: i64,
    command_json: &str,
    user: &str,
    expected: Option<i64>,
    json: bool,
) -> anyhow::Result<()> {
    let v: serde_json::Value = serde_json::from_str(command_json)
        .context("the command is not JSON (e.g. '{\"command\": \"consider\"}')")?;
    let store = open_store(c).await?;
    let done = async {
        let p = principal(&store, user).await?;
        let viewer = Viewer::of(&p);
        // The command is parsed for the kind of the record the user can see.
        let kind = store.crisis_record(&viewer, id).await?.kind;
        let cmd = Command::parse(kind, v)?;
        let rec = store
            .command_crisis_record(
                &CrisisActor {
                    name: &p.username,
                    state: p.state.as_ref(),
                    viewer: &viewer,
                },
                id,
                expected,
                &cmd,
                |spec, cmd| access::may_command(&p, spec, cmd),
            )
            .await?;
        anyhow::Ok(rec)
    }
    .await;
    store.close().await;
    let rec = done?;
    report("updated", &CrisisOut::new(rec, Utc::now()), json)
}

/// `crc crisis journal REQUEST_ID --format json|html [--output FILE]`: the same document as
/// `GET /api/v1/crisis/requests/{id}/journal` (and `/journal/print`), as the system sees it.
pub async fn journal(
    c: &Config,
    id: i64,
    format: &str,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    if !matches!(format, "json" | "html") {
        bail!("--format must be json or html");
    }
    let store = open_store(c).await?;
    let doc = crisis_reports::journal_document(&store, &Viewer::System, id).await;
    store.close().await;
    let doc = doc?;
    let text = match format {
        "json" => serde_json::to_string_pretty(&doc)? + "\n",
        _ => crc_server::crisis_print::journal(&doc),
    };
    match output {
        Some(path) => {
            std::fs::write(path, &text).with_context(|| format!("writing {}", path.display()))?;
            println!(
                "wrote the journal of request {id} ({} entries{}) to {}",
                doc.entries.len(),
                doc.marking.map(|m| format!(", {m}")).unwrap_or_default(),
                path.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releasability_is_read_as_label_and_states() {
        assert_eq!(releasability(None).unwrap(), Releasability::Organization);
        assert!(releasability(Some("states:RUS,KAZ")).is_ok());
        assert!(releasability(Some("nobody")).is_err());
    }
}
