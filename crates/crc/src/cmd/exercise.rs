//! `crc exercise list|show|add|update|stats|plan …`: the catalogue of joint training and the
//! yearly Plan for Joint Training on the command line, working on the store directly. Changes
//! are made as a named user (`--as`), authorized by `training::access` exactly as the server
//! authorizes them; reading is done as the system. The conflicts, the calendar and the
//! printed plan are the server's own documents (`routes::training`).

use std::path::Path;

use anyhow::Context;
use chrono::Utc;
use crc_domain::identity::Viewer;
use crc_domain::reference::{Names, ReferenceData};
use crc_domain::training::catalogue::{Catalogue, ExerciseSpec};
use crc_domain::training::year_plan::{YearPlanCommand, YearPlanSpec};
use crc_domain::training::{access, ical, stats};
use crc_domain::StateCode;
use crc_server::routes::training::{plan_findings, plan_from_catalogue, plan_html};
use crc_server::training_wire::{shown_version, ExerciseOut, YearPlanOut};
use crc_storage::{CatalogueLoadReport, CrisisActor, ExerciseQuery, ExerciseRecord, Store};
use serde::Serialize;

use crate::cmd::crisis::{principal, read_json};
use crate::cmd::CLI_ACTOR;
use crate::config::{open_store, Config};

/// Filters of `crc exercise list`.
#[derive(Debug, Default)]
pub struct ListArgs {
    /// Training year.
    pub year: Option<i32>,
    /// Series key.
    pub series: Option<String>,
    /// Host state.
    pub host: Option<String>,
    /// Kind (`joint`, `command_staff`, ...).
    pub kind: Option<String>,
    /// JSON output.
    pub json: bool,
}

fn bundled() -> anyhow::Result<(ReferenceData, Catalogue)> {
    let org = ReferenceData::bundled().context("the bundled reference data")?;
    let cat = Catalogue::bundled().context("the bundled catalogue of joint training")?;
    Ok((org, cat))
}

fn print_json<T: Serialize>(v: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

/// Loads the bundled catalogue idempotently and prints what changed (`crc reference load`).
pub async fn load_catalogue(store: &Store) -> anyhow::Result<CatalogueLoadReport> {
    let (_, cat) = bundled()?;
    Ok(store.load_catalogue(CLI_ACTOR, &cat.exercises).await?)
}

/// Prints what a catalogue load changed.
pub fn print_load_report(r: &CatalogueLoadReport) {
    println!(
        "catalogue of joint training: {} inserted, {} updated, {} unchanged",
        r.inserted.len(),
        r.updated.len(),
        r.unchanged
    );
    if !r.kept.is_empty() {
        println!(
            "  {} exercises changed by users were kept as they are: {}",
            r.kept.len(),
            r.kept.join(", ")
        );
    }
}

fn enum_arg<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> anyhow::Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .with_context(|| format!("`{s}` is not a {what}"))
}

/// Runs `f` on the store, closing it whatever happens.
async fn with_store<T>(
    c: &Config,
    f: impl AsyncFnOnce(&Store) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let store = open_store(c).await?;
    let r = f(&store).await;
    store.close().await;
    r
}

fn exercise_row(x: &ExerciseRecord) -> String {
    let s = &x.spec;
    format!(
        "{:<34} {:>4}  {:<4} {:<28} {:<9} {}",
        s.key,
        s.year,
        s.host,
        s.dates.label_en(),
        enum_name(&s.status),
        s.name.en
    )
}

fn enum_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// `crc exercise list [--year] [--series] [--host] [--kind]`.
pub async fn list(c: &Config, a: &ListArgs) -> anyhow::Result<()> {
    let q = ExerciseQuery {
        year: a.year,
        series: a.series.clone(),
        host: a.host.as_deref().map(StateCode::parse).transpose()?,
        kind: a
            .kind
            .as_deref()
            .map(|k| enum_arg("kind of exercise", k))
            .transpose()?,
        status: None,
    };
    let items = with_store(c, async |s| Ok(s.list_exercises(&q).await?)).await?;
    if a.json {
        let out: Vec<ExerciseOut> = items.into_iter().map(ExerciseOut::from).collect();
        return print_json(&out);
    }
    println!(
        "{:<34} {:>4}  {:<4} {:<28} {:<9} NAME",
        "KEY", "YEAR", "HOST", "DATES", "STATUS"
    );
    for x in &items {
        println!("{}", exercise_row(x));
    }
    println!("{} exercises", items.len());
    Ok(())
}

/// `crc exercise show KEY`.
pub async fn show(c: &Config, key: &str, json: bool) -> anyhow::Result<()> {
    let x = with_store(c, async |s| Ok(s.exercise(key).await?)).await?;
    if json {
        return print_json(&ExerciseOut::from(x));
    }
    let s = &x.spec;
    println!(
        "{} / {}  ({}, version {})",
        s.name.en, s.name.ru, s.key, x.version
    );
    println!("  kind:       {}", s.kind.names().0);
    println!("  status:     {}", enum_name(&s.status));
    println!("  host:       {}", s.host);
    println!(
        "  dates:      {} / {}",
        s.dates.label_en(),
        s.dates.label_ru()
    );
    if let Some(p) = &s.place {
        println!("  place:      {} / {}", p.en, p.ru);
    }
    if !s.components.is_empty() {
        println!("  components: {}", s.components.join(", "));
    }
    for l in &s.links {
        println!("  link:       {} {}", l.kind.names().0, l.target);
    }
    println!(
        "  {} by {}, changed {} by {}",
        if x.origin == crc_storage::ExerciseOrigin::Reference {
            "bundled, loaded"
        } else {
            "added"
        },
        x.created_by,
        x.updated_at.format("%Y-%m-%d %H:%M"),
        x.updated_by
    );
    Ok(())
}

/// `crc exercise add --as USER --spec FILE` and `crc exercise update KEY --as USER --spec
/// FILE --if-version N`.
pub async fn save(
    c: &Config,
    user: &str,
    spec: &Path,
    update: Option<(&str, i64)>,
    json: bool,
) -> anyhow::Result<()> {
    let spec = ExerciseSpec::parse(read_json(spec)?)?;
    let (org, _) = bundled()?;
    let x = with_store(c, async |s| {
        let p = principal(s, user).await?;
        access::may_edit_catalogue(&p)?;
        Ok(match update {
            None => s.create_exercise(&p.username, &spec, &org).await?,
            Some((key, v)) => s.update_exercise(&p.username, key, v, &spec, &org).await?,
        })
    })
    .await
    .with_context(|| format!("saving the exercise {}", spec.key))?;
    if json {
        return print_json(&ExerciseOut::from(x));
    }
    println!("saved exercise {} (version {})", x.spec.key, x.version);
    Ok(())
}

/// `crc exercise stats [--year]`.
pub async fn stats(c: &Config, year: Option<i32>, json: bool) -> anyhow::Result<()> {
    let (_, cat) = bundled()?;
    let all = with_store(c, async |s| {
        Ok(s.list_exercises(&ExerciseQuery::default()).await?)
    })
    .await?;
    let st = stats::compute(all.iter().map(|x| &x.spec), &cat.stated);
    if json {
        return print_json(&st);
    }
    let fig = |t: &stats::Total| {
        t.headline()
            .map(|f| f.label_en())
            .unwrap_or_else(|| "-".into())
    };
    println!(
        "{:>4}  {:>9} {:>5} {:>7}  {:>14} {:>14} {:>14}",
        "YEAR", "EXERCISES", "HELD", "PLANNED", "PERSONNEL", "EQUIPMENT", "MEDIA"
    );
    for y in st.years.iter().filter(|y| year.is_none_or(|n| n == y.year)) {
        let t = &y.tally;
        println!(
            "{:>4}  {:>9} {:>5} {:>7}  {:>14} {:>14} {:>14}",
            y.year,
            t.exercises,
            t.held,
            t.planned,
            fig(&t.personnel),
            fig(&t.equipment),
            fig(&t.media_stories)
        );
    }
    let f = &st.since_founding;
    if let Some(n) = f.stated {
        println!(
            "since the founding: {} joint trainings stated; {} held in the catalogue",
            n.label_en(),
            f.held_in_catalogue
        );
    }
    Ok(())
}

fn report_plan(verb: &str, p: YearPlanOut, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&p);
    }
    println!(
        "{verb} year plan {}: {} ({}, plan version {}, version {})",
        p.id, p.title, p.status, p.plan_version, p.version
    );
    Ok(())
}

/// What `crc exercise plan create` drafts from.
#[derive(Debug)]
pub enum PlanSource<'a> {
    /// A YearPlanSpec JSON file.
    Spec(&'a Path),
    /// The catalogue's exercises of a year, with a title.
    Catalogue {
        /// Year.
        year: i32,
        /// Title in English.
        en: &'a str,
        /// Title in Russian.
        ru: &'a str,
    },
}

/// `crc exercise plan create --as USER (--spec FILE | --year Y --title-en T --title-ru T)`.
pub async fn plan_create(
    c: &Config,
    user: &str,
    source: PlanSource<'_>,
    json: bool,
) -> anyhow::Result<()> {
    let (org, cat) = bundled()?;
    let p = with_store(c, async |s| {
        let p = principal(s, user).await?;
        access::may_create_plan(&p)?;
        let spec = match source {
            PlanSource::Spec(path) => YearPlanSpec::parse(read_json(path)?)?,
            PlanSource::Catalogue { year, en, ru } => {
                let title = Names {
                    en: en.to_owned(),
                    ru: ru.to_owned(),
                };
                plan_from_catalogue(s, &cat, year, title).await?
            }
        };
        let viewer = Viewer::of(&p);
        Ok(s.create_year_plan(
            &CrisisActor {
                name: &p.username,
                state: p.state.as_ref(),
                viewer: &viewer,
            },
            &spec,
            &org,
            |_| access::may_create_plan(&p),
        )
        .await?)
    })
    .await
    .context("drafting the year plan")?;
    report_plan("drafted", p.into(), json)
}

/// `crc exercise plan show ID`.
pub async fn plan_show(c: &Config, id: i64, json: bool) -> anyhow::Result<()> {
    let p = with_store(c, async |s| Ok(s.year_plan(id).await?)).await?;
    if json {
        return print_json(&YearPlanOut::from(p));
    }
    println!(
        "year plan {}: {} ({})",
        p.id,
        p.spec.title.en,
        crc_server::training_wire::plan_status(p.state.status)
    );
    for v in &p.state.versions {
        println!(
            "  version {}: {}{}",
            v.number,
            enum_name(&v.status).replace('_', " "),
            v.reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        );
        for (state, answer) in v.current_answers() {
            println!(
                "    {state}: {}",
                answer.map_or("no answer".into(), |a| enum_name(&a))
            );
        }
        for a in &v.approvals {
            println!(
                "    approved by the {}: decision No. {} of {}",
                a.body.key().replace('_', " "),
                a.number,
                a.date
            );
        }
    }
    println!("exercises ({}):", p.spec.exercises.len());
    let mut xs: Vec<&ExerciseSpec> = p.spec.exercises.iter().collect();
    xs.sort_by(|a, b| (a.dates.earliest(), &a.key).cmp(&(b.dates.earliest(), &b.key)));
    for x in xs {
        println!("  {:<28} {:<4} {}", x.dates.label_en(), x.host, x.name.en);
    }
    Ok(())
}

/// `crc exercise plan do ID COMMAND_JSON --as USER [--if-version N]`.
pub async fn plan_do(
    c: &Config,
    id: i64,
    command_json: &str,
    user: &str,
    expected: Option<i64>,
    json: bool,
) -> anyhow::Result<()> {
    let v: serde_json::Value = serde_json::from_str(command_json)
        .context("the command is not JSON (e.g. '{\"command\": \"submit\"}')")?;
    let cmd = YearPlanCommand::parse(v)?;
    let (org, _) = bundled()?;
    let p = with_store(c, async |s| {
        let p = principal(s, user).await?;
        let viewer = Viewer::of(&p);
        Ok(s.command_year_plan(
            &CrisisActor {
                name: &p.username,
                state: p.state.as_ref(),
                viewer: &viewer,
            },
            id,
            expected,
            &cmd,
            &org,
            |_, cmd| access::may_command_plan(&p, cmd),
        )
        .await?)
    })
    .await?;
    report_plan("updated", p.into(), json)
}

/// `crc exercise plan conflicts ID`.
pub async fn plan_conflicts(c: &Config, id: i64, json: bool) -> anyhow::Result<()> {
    let (org, _) = bundled()?;
    let p = with_store(c, async |s| Ok(s.year_plan(id).await?)).await?;
    let findings = plan_findings(&p, &org);
    if json {
        return print_json(&findings);
    }
    for f in &findings {
        println!(
            "{:<8} {:<9} {:<27} {}",
            enum_name(&f.severity),
            enum_name(&f.certainty),
            enum_name(&f.rule),
            f.message
        );
    }
    println!("{} findings", findings.len());
    Ok(())
}

/// `crc exercise plan ics ID --output FILE` and `crc exercise plan print ID --output FILE`.
pub async fn plan_document(c: &Config, id: i64, html: bool, output: &Path) -> anyhow::Result<()> {
    let (org, _) = bundled()?;
    let p = with_store(c, async |s| Ok(s.year_plan(id).await?)).await?;
    let text = if html {
        plan_html(&p, &org)
    } else {
        ical::plan_calendar(&p.spec, shown_version(&p.state), &org, Utc::now())
    };
    std::fs::write(output, &text).with_context(|| format!("writing {}", output.display()))?;
    println!(
        "wrote year plan {id} ({} exercises, plan version {}) to {}",
        p.spec.exercises.len(),
        shown_version(&p.state),
        output.display()
    );
    Ok(())
}
