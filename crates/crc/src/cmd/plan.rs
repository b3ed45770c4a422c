//! `crc plan`: plan a deployment from a scenario file, with progress on the terminal, a time
//! limit that keeps the best plan so far, what-if variants and the difference they make.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use crc_planner::generate::{generate, Knobs, Size};
use crc_planner::whatif::{self, Change};
use crc_planner::{Control, Observer, Options, Plan, PlanError, Progress, Scenario};

/// Options of a planning run.
pub struct RunArgs {
    pub input: PathBuf,
    pub output: PathBuf,
    pub time_limit: Duration,
    pub seed: u64,
    pub effort: u64,
    pub what_if: Vec<String>,
    pub diff: Option<PathBuf>,
    pub quiet: bool,
}

/// Parses `5s`, `500ms`, `2m`, or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let (num, unit) = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or((t, "s"), |i| (&t[..i], &t[i..]));
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{text}` is not a duration (e.g. 5s, 500ms, 2m)"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        "m" | "min" => n * 60.0,
        _ => return Err(format!("`{text}`: the unit must be ms, s or m")),
    };
    if !(secs.is_finite() && secs > 0.0) {
        return Err(format!("`{text}` must be positive"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Shows progress on standard error and stops the search at the time limit.
struct Terminal {
    start: Instant,
    limit: Duration,
    quiet: bool,
    last: Mutex<Instant>,
}

impl Observer for Terminal {
    fn progress(&self, p: &Progress) -> Control {
        let elapsed = self.start.elapsed();
        if !self.quiet {
            let mut last = self.last.lock().expect("progress lock");
            if last.elapsed() >= Duration::from_millis(200) || p.candidates >= p.effort {
                *last = Instant::now();
                let share = (p.candidates as f64 / p.effort.max(1) as f64).min(1.0);
                let filled = (share * 30.0).round() as usize;
                eprint!(
                    "\r  [{}{}] {:>6}/{} candidates  best closure {}  bound {}  {:.1}s ",
                    "#".repeat(filled),
                    ".".repeat(30 - filled),
                    p.candidates,
                    p.effort,
                    c_time(p.best_closure),
                    c_time(p.lower_bound),
                    elapsed.as_secs_f64()
                );
                let _ = std::io::stderr().flush();
            }
        }
        if elapsed >= self.limit {
            Control::Stop
        } else {
            Control::Continue
        }
    }
}

/// Minutes after C-hour as `C+2d 04:30`.
pub fn c_time(min: i64) -> String {
    let d = min.div_euclid(1440);
    let r = min.rem_euclid(1440);
    format!("C+{d}d {:02}:{:02}", r / 60, r % 60)
}

fn read_scenario(path: &Path) -> Result<Scenario> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        anyhow::anyhow!(
            "{}: {} at {} (line {}, column {})",
            path.display(),
            e.inner(),
            e.path(),
            e.inner().line(),
            e.inner().column()
        )
    })
}

fn plan_one(sc: &Scenario, a: &RunArgs, label: &str) -> Result<Plan> {
    if !a.quiet {
        eprintln!(
            "{label}: {} units, {} aircraft types",
            sc.units.len(),
            sc.aircraft.len()
        );
    }
    let obs = Terminal {
        start: Instant::now(),
        limit: a.time_limit,
        quiet: a.quiet,
        last: Mutex::new(Instant::now() - Duration::from_secs(1)),
    };
    let options = Options {
        seed: a.seed,
        effort: a.effort,
    };
    let result = crc_planner::plan(sc, &options, &obs);
    if !a.quiet {
        eprintln!();
    }
    match result {
        Ok(mut p) => {
            p.search.elapsed_ms = obs.start.elapsed().as_millis() as u64;
            if p.search.stopped && !a.quiet {
                eprintln!("  stopped at the time limit: the best plan so far is kept");
            }
            Ok(p)
        }
        Err(PlanError::Infeasible(parts)) => {
            eprintln!("{label}: no plan can deliver the whole force:");
            for u in &parts {
                eprintln!("  {} ({}):", u.unit, u.part);
                for r in &u.reasons {
                    eprintln!("    - {r}");
                }
            }
            bail!("infeasible scenario")
        }
        Err(e) => bail!("{e}"),
    }
}

fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))
}

/// Draws each unit's closure as a bar against the force's closure.
fn summary(p: &Plan) {
    println!(
        "closure {}  lower bound {}  gap {:.2} %  sorties {}  weighted lateness {}",
        c_time(p.closure),
        c_time(p.lower_bound),
        p.gap * 100.0,
        p.sorties,
        p.weighted_lateness
    );
    println!("{}", p.binding.text);
    let width = 40.0;
    let name = p.units.iter().map(|u| u.unit.len()).max().unwrap_or(4);
    for u in &p.units {
        let bar = ((u.closure as f64 / p.closure.max(1) as f64) * width).round() as usize;
        println!(
            "  {:<name$} {:<40} {}{}",
            u.unit,
            "█".repeat(bar),
            c_time(u.closure),
            if u.late > 0 {
                format!("  late {} min", u.late)
            } else {
                String::new()
            }
        );
    }
}

/// `crc plan --input … --output …`.
pub fn run(a: &RunArgs) -> Result<()> {
    let base = read_scenario(&a.input)?;
    let changes: Vec<Change> = a
        .what_if
        .iter()
        .map(|c| Change::parse(c).map_err(anyhow::Error::msg))
        .collect::<Result<_>>()?;
    if changes.is_empty() {
        let p = plan_one(&base, a, "planning")?;
        write_json(&a.output, &p)?;
        summary(&p);
        eprintln!("plan written to {}", a.output.display());
        return Ok(());
    }
    let variant = whatif::apply(&base, &changes).map_err(|e| anyhow::anyhow!("what-if {e}"))?;
    let before = plan_one(&base, a, "planning the scenario as given")?;
    let after = plan_one(&variant, a, "planning the what-if")?;
    let d = whatif::diff(&before, &after);
    write_json(&a.output, &after)?;
    if let Some(path) = &a.diff {
        write_json(path, &d)?;
    }
    summary(&after);
    println!(
        "what-if: closure {} → {} ({:+} min), sorties {} → {}",
        c_time(d.closure_before),
        c_time(d.closure_after),
        d.closure_delta,
        d.sorties.0,
        d.sorties.1
    );
    for u in &d.units {
        println!(
            "  {}: {} → {}  modes {:?} → {:?}",
            u.unit,
            u.before.map_or("-".into(), c_time),
            u.after.map_or("-".into(), c_time),
            u.modes_before,
            u.modes_after
        );
    }
    eprintln!("what-if plan written to {}", a.output.display());
    Ok(())
}

/// `crc plan generate`.
pub fn generate_cmd(
    size: &str,
    seed: u64,
    output: &Path,
    fleet: f64,
    crossing: f64,
    refuse: &[String],
) -> Result<()> {
    let Some(size) = Size::parse(size) else {
        bail!("size `{size}` is not one of xs, s, m, l");
    };
    let mut knobs = Knobs {
        fleet,
        crossing,
        ..Knobs::default()
    };
    knobs.refused = refuse.to_vec();
    let sc = generate(size, seed, &knobs);
    write_json(output, &sc)?;
    eprintln!(
        "{}: {} units, {} nodes, {} legs, {} aircraft → {}",
        sc.name,
        sc.units.len(),
        sc.nodes.len(),
        sc.legs.len(),
        sc.aircraft.iter().map(|t| t.count).sum::<u32>(),
        output.display()
    );
    Ok(())
}

/// `crc plan validate`: the independent check of a plan against its scenario.
pub fn validate_cmd(scenario: &Path, plan: &Path) -> Result<bool> {
    let sc = read_scenario(scenario)?;
    let text =
        std::fs::read_to_string(plan).with_context(|| format!("reading {}", plan.display()))?;
    let p: Plan =
        serde_json::from_str(&text).with_context(|| format!("{} is not a plan", plan.display()))?;
    match crc_planner::validate(&sc, &p) {
        Ok(()) => {
            println!("valid: every rule of docs/planner.md holds");
            Ok(true)
        }
        Err(v) => {
            for x in &v {
                println!("{x}");
            }
            println!("{} violations", v.len());
            Ok(false)
        }
    }
}
