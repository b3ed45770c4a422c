//! `crc exercise design|msel|run …`: exercise designs, their MSELs (from JSON or a CSV file,
//! exported as CSV, stepped through approval) and the runs' control board on the command
//! line, working on the store directly. Changes are made as a named user (`--as`),
//! authorized by `training::access` exactly as the server authorizes them.

use std::path::Path;

use anyhow::{bail, Context};
use crc_domain::identity::Viewer;
use crc_domain::training::design::ExerciseDesign;
use crc_domain::training::msel::MselCommand;
use crc_domain::training::release::Conduct;
use crc_domain::training::{access, msel_csv};
use crc_server::training_design_wire::{DesignOut, MselOut};
use crc_storage::{CrisisActor, Store};
use serde::Serialize;

use crate::cmd::crisis::{principal, read_json};
use crate::config::{open_store, Config};

async fn with_store<T>(
    c: &Config,
    f: impl AsyncFnOnce(&Store) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let store = open_store(c).await?;
    let r = f(&store).await;
    store.close().await;
    r
}

fn print_json<T: Serialize>(v: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

/// `crc exercise design create --as USER --file design.json [--exercise KEY]`.
pub async fn design_create(
    c: &Config,
    user: &str,
    file: &Path,
    exercise: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let spec = ExerciseDesign::parse(read_json(file)?)?;
    let d = with_store(c, async |s| {
        let p = principal(s, user).await?;
        access::may_edit_design(&p)?;
        let exercise_id = match exercise {
            Some(k) => Some(
                s.exercise(k)
                    .await
                    .with_context(|| format!("exercise {k}"))?
                    .id,
            ),
            None => None,
        };
        Ok(s.create_design(&p.username, exercise_id, &spec).await?)
    })
    .await?;
    if json {
        return print_json(&DesignOut::from(d));
    }
    println!(
        "design {} written: {} (version {})",
        d.id, d.spec.name, d.version
    );
    Ok(())
}

/// `crc exercise design list`.
pub async fn design_list(c: &Config, json: bool) -> anyhow::Result<()> {
    let ds = with_store(c, async |s| Ok(s.list_designs().await?)).await?;
    if json {
        let out: Vec<DesignOut> = ds.into_iter().map(DesignOut::from).collect();
        return print_json(&out);
    }
    for d in ds {
        println!(
            "{:>4}  v{:<3} {}  [{}]  director {}",
            d.id,
            d.version,
            d.spec.name,
            d.spec.marking.as_str(),
            d.spec.director
        );
    }
    Ok(())
}

/// `crc exercise msel import DESIGN --csv file.csv --as USER`: the whole file or nothing;
/// a refused file prints every problem with its line and column and fails.
pub async fn msel_import(
    c: &Config,
    design: i64,
    csv: &Path,
    user: &str,
    json: bool,
) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(csv).with_context(|| format!("reading {}", csv.display()))?;
    let m = with_store(c, async |s| {
        let p = principal(s, user).await?;
        access::may_create_msel(&p)?;
        let d = s.design(design).await?;
        let spec = match msel_csv::import(&text, &d.spec) {
            Ok(spec) => spec,
            Err(e) => {
                for problem in &e.0 {
                    eprintln!("{}: {problem}", csv.display());
                }
                bail!(
                    "{} refused: {} problem(s); nothing was stored",
                    csv.display(),
                    e.0.len()
                );
            }
        };
        Ok(s.create_msel(&p.username, design, &spec).await?)
    })
    .await?;
    if json {
        return print_json(&MselOut::from(m));
    }
    println!(
        "MSEL {} of design {} created as a draft: {} injects",
        m.id,
        m.design_id,
        m.spec.injects.len()
    );
    Ok(())
}

/// `crc exercise msel export ID [--output file.csv]`.
pub async fn msel_export(c: &Config, id: i64, output: Option<&Path>) -> anyhow::Result<()> {
    let m = with_store(c, async |s| Ok(s.msel(id).await?)).await?;
    let text = msel_csv::export(&m.spec)?;
    match output {
        Some(p) => {
            std::fs::write(p, text).with_context(|| format!("writing {}", p.display()))?;
            println!("MSEL {id} written to {}", p.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// `crc exercise msel do ID COMMAND_JSON --as USER`: submit, return, approve, amend.
pub async fn msel_do(
    c: &Config,
    id: i64,
    command_json: &str,
    user: &str,
    json: bool,
) -> anyhow::Result<()> {
    let v: serde_json::Value = serde_json::from_str(command_json)
        .context("the command is not JSON (e.g. '{\"command\": \"submit\"}')")?;
    let cmd = MselCommand::parse(v)?;
    let m = with_store(c, async |s| {
        let p = principal(s, user).await?;
        access::may_command_msel(&p, &cmd)?;
        let viewer = Viewer::of(&p);
        Ok(s.command_msel(
            &CrisisActor {
                name: &p.username,
                state: p.state.as_ref(),
                viewer: &viewer,
            },
            id,
            None,
            &cmd,
            |_, cmd| access::may_command_msel(&p, cmd),
        )
        .await?)
    })
    .await?;
    let out = MselOut::from(m);
    if json {
        return print_json(&out);
    }
    println!(
        "MSEL {} is {} (row version {})",
        out.id, out.status, out.version
    );
    Ok(())
}

/// `crc exercise run show ID`: the clock and the control board, one inject a line.
pub async fn run_show(c: &Config, id: i64) -> anyhow::Result<()> {
    let (run, design, m) = with_store(c, async |s| {
        let run = s.run(id).await?;
        let design = s.design(run.design_id).await?;
        let m = s.msel(run.msel_id).await?;
        Ok((run, design, m))
    })
    .await?;
    let now = chrono::Utc::now();
    println!(
        "run {id}: {} [EXERCISE {}]",
        design.spec.name,
        design.spec.marking.as_str()
    );
    println!(
        "  clock {} at speed {}; scenario time {}",
        run.clock.status().as_str().replace('_', " "),
        run.clock.speed().factor(),
        run.clock
            .scenario_time(now)
            .map_or("not started".into(), |t| t
                .format("%Y-%m-%d %H:%M:%S")
                .to_string())
    );
    let board = Conduct {
        msel: &m.spec,
        msel_state: &m.state,
        clock: &run.clock,
        log: &run.log,
        policy: run.policy,
    }
    .board(now);
    for row in board {
        let Some(i) = m.spec.inject(row.inject) else {
            continue;
        };
        let status = serde_json::to_value(row.status)?;
        let mark = if row.overdue {
            "OVERDUE"
        } else if row.due {
            "due"
        } else {
            ""
        };
        println!(
            "  {:>3}  {:<11} {:<9} {:<7} {}",
            i.number,
            i.offset.to_string(),
            status["status"].as_str().unwrap_or_default(),
            mark,
            i.subject
        );
    }
    println!(
        "  {} inbox items delivered, {} responses, {} observations",
        run.inbox.len(),
        run.responses.len(),
        run.observations.len()
    );
    Ok(())
}

/// `crc exercise action add --as USER --file action.json`.
pub async fn action_add(c: &Config, user: &str, file: &Path, json: bool) -> anyhow::Result<()> {
    let spec: crc_domain::training::actions::ActionSpec =
        serde_json::from_value(read_json(file)?).context("the corrective action")?;
    let a = with_store(c, async |s| {
        let p = principal(s, user).await?;
        access::may_write_follow_up(&p)?;
        Ok(s.create_action(&p.username, &spec).await?)
    })
    .await?;
    if json {
        return print_json(&a);
    }
    println!(
        "corrective action {} agreed: {} (due {})",
        a.id, a.spec.title, a.spec.due
    );
    Ok(())
}

/// `crc exercise action list [--exercise MARKING]`: overdue ones marked.
pub async fn action_list(c: &Config, exercise: Option<&str>, json: bool) -> anyhow::Result<()> {
    let all = with_store(c, async |s| Ok(s.list_actions(exercise, None).await?)).await?;
    if json {
        return print_json(&all);
    }
    let today = chrono::Utc::now().date_naive();
    for a in all {
        let status = serde_json::to_value(a.state.status)?;
        println!(
            "{:>4}  {:<11} due {}{}  {} — {}",
            a.id,
            status.as_str().unwrap_or_default(),
            a.spec.due,
            if a.state.is_overdue(&a.spec, today) {
                " OVERDUE"
            } else {
                ""
            },
            a.spec.title,
            a.spec.owner
        );
    }
    Ok(())
}

/// `crc exercise action do ID COMMAND_JSON --as USER`: start, complete, verify, reject,
/// cancel, amend.
pub async fn action_do(c: &Config, id: i64, command_json: &str, user: &str) -> anyhow::Result<()> {
    let cmd: crc_domain::training::actions::ActionCommand = serde_json::from_str(command_json)
        .context("the command (e.g. '{\"command\": \"complete\", \"note\": \"done\"}')")?;
    let a = with_store(c, async |s| {
        let p = principal(s, user).await?;
        let viewer = Viewer::of(&p);
        Ok(s.command_action(
            &CrisisActor {
                name: &p.username,
                state: p.state.as_ref(),
                viewer: &viewer,
            },
            id,
            None,
            &cmd,
            |a, cmd| access::may_command_action(&p, &a.spec, cmd),
        )
        .await?)
    })
    .await?;
    let status = serde_json::to_value(a.state.status)?;
    println!(
        "corrective action {} is {}",
        a.id,
        status.as_str().unwrap_or_default().replace('_', " ")
    );
    Ok(())
}

/// `crc exercise lesson add --as USER --file lesson.json`.
pub async fn lesson_add(c: &Config, user: &str, file: &Path) -> anyhow::Result<()> {
    let lesson: crc_domain::training::lessons::Lesson =
        serde_json::from_value(read_json(file)?).context("the lesson")?;
    let l = with_store(c, async |s| {
        let p = principal(s, user).await?;
        access::may_write_follow_up(&p)?;
        Ok(s.create_lesson(&p.username, &lesson).await?)
    })
    .await?;
    println!("lesson {} written: {}", l.id, l.lesson.title);
    Ok(())
}

/// `crc exercise lesson search [WORDS] [--year Y]`: best match first.
pub async fn lesson_search(c: &Config, words: &str, year: Option<i32>) -> anyhow::Result<()> {
    let rows = with_store(c, async |s| Ok(s.list_lessons(year).await?)).await?;
    let lessons: Vec<_> = rows.iter().map(|r| r.lesson.clone()).collect();
    let order: Vec<usize> = if words.trim().is_empty() {
        (0..rows.len()).collect()
    } else {
        crc_domain::training::lessons::search(&lessons, words)
    };
    for i in order {
        let l = &rows[i];
        println!(
            "{:>4}  {} — {}",
            l.id, l.lesson.title, l.lesson.recommendation
        );
    }
    Ok(())
}

/// `crc exercise run clock ID COMMAND_JSON --as USER` and `crc exercise run control ID
/// COMMAND_JSON --as USER`: control's hand on a run, as the console's buttons, at the time now.
pub async fn run_command(
    c: &Config,
    id: i64,
    command_json: &str,
    user: &str,
    clock: bool,
) -> anyhow::Result<()> {
    let v: serde_json::Value = serde_json::from_str(command_json)
        .context("the command is not JSON (e.g. '{\"command\": \"pause\"}')")?;
    let now = chrono::Utc::now();
    let run = with_store(c, async |s| {
        let p = principal(s, user).await?;
        Ok(if clock {
            let cmd: crc_domain::training::clock::ClockCommand =
                serde_json::from_value(v).context("the clock command")?;
            crc_server::exercise_ticker::drive_clock(s, &p, id, None, &cmd, now).await?
        } else {
            let cmd: crc_domain::training::release::ControlCommand =
                serde_json::from_value(v).context("the control command")?;
            crc_server::exercise_ticker::control(s, &p, id, None, &cmd, now).await?
        })
    })
    .await?;
    println!(
        "run {id}: clock {}, {} injects released",
        run.clock.status().as_str().replace('_', " "),
        run.log.releases().count()
    );
    Ok(())
}

/// `crc exercise run create DESIGN --msel ID --as USER`: a run, its clock not started.
pub async fn run_create(c: &Config, design: i64, msel: i64, user: &str) -> anyhow::Result<()> {
    let run = with_store(c, async |s| {
        let p = principal(s, user).await?;
        Ok(s.create_run(
            &p.username,
            design,
            msel,
            crc_domain::training::release::ReleasePolicy::default(),
            |d| {
                crc_domain::training::access::RunRoles::of(&p, &d.spec)
                    .must_control(&p, "run this exercise")
            },
        )
        .await?)
    })
    .await?;
    println!(
        "run {} of design {design} created from MSEL {msel}: clock not started",
        run.id
    );
    Ok(())
}
