//! How good and how fast the deployment planner is, against an independent reference: the
//! CP-SAT model of `scripts/bench/cpsat_plan.py` with a time limit.
//!
//! For each size and seed: the generated scenario (`generate(size, seed, &Knobs::default())`);
//! the planner with the default options, timed, with the peak of heap memory it allocates
//! (counted by this program's global allocator); its plan checked by the validator; then the
//! scenario written to a temporary file and CP-SAT run on it (`--time-limit`, all cores), its
//! plan checked by the same validator. The gap is taken to the best lower bound either side
//! proved (the planner's bounds and CP-SAT's objective bound are both valid bounds).
//!
//! ```text
//! cargo bench -p crc-planner --bench planner -- [--sizes s,m,l] [--seeds 10 | --seeds 1,4,7]
//!     [--limit 60] [--plan-limit 120] [--workers N] [--python PATH] [--out report.md]
//! ```
//! `--plan-limit` stops a planner search that runs longer (through its observer), so that a
//! slow planner cannot make the run endless; such a run is marked as stopped and its time is
//! the time it was stopped at, far beyond every target.
//! `cargo test --all-targets` builds it and runs it without `--bench`, which only prints a
//! note. scripts/bench-planner.sh runs it and writes the report into docs/benchmarks.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crc_planner::generate::{generate, Knobs, Size};
use crc_planner::{plan, validate, Control, Observer, Options, Plan, Progress, Scenario};
use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

struct Opts {
    sizes: Vec<Size>,
    seeds: Vec<u64>,
    limit: f64,
    plan_limit: f64,
    workers: usize,
    python: PathBuf,
    out: Option<PathBuf>,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn opts() -> Opts {
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    let mut o = Opts {
        sizes: vec![Size::S, Size::M, Size::L],
        seeds: (1..=10).collect(),
        limit: 60.0,
        plan_limit: 120.0,
        workers: std::thread::available_parallelism().map_or(1, |n| n.get()),
        python: std::env::var_os("CRC_PYTHON").map_or_else(
            || workspace().join("target/planner-venv/bin/python"),
            PathBuf::from,
        ),
        out: None,
    };
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let mut v = || it.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--sizes" => {
                o.sizes = v()
                    .split(',')
                    .map(|s| Size::parse(s).unwrap_or_else(|| panic!("--sizes: unknown size {s}")))
                    .collect();
            }
            "--seeds" => {
                let s = v();
                o.seeds = if s.contains(',') {
                    s.split(',')
                        .map(|x| x.parse().expect("--seeds 1,2,3"))
                        .collect()
                } else {
                    (1..=s.parse::<u64>().expect("--seeds N")).collect()
                };
            }
            "--limit" => o.limit = v().parse().expect("--limit SECONDS"),
            "--plan-limit" => o.plan_limit = v().parse().expect("--plan-limit SECONDS"),
            "--workers" => o.workers = v().parse().expect("--workers N"),
            "--python" => o.python = PathBuf::from(v()),
            "--out" => o.out = Some(PathBuf::from(v())),
            other => panic!("unknown argument {other}"),
        }
    }
    o
}

/// One scenario's figures.
struct Run {
    size: Size,
    seed: u64,
    units: usize,
    /// The planner's result, or why it failed.
    ours: Result<Ours, String>,
    cpsat: Reference,
}

struct Ours {
    /// Stopped by `--plan-limit` before the search spent its effort.
    stopped: bool,
    closure: i64,
    bound: i64,
    elapsed: Duration,
    peak_bytes: usize,
    violations: usize,
    first_violation: String,
}

struct Reference {
    /// OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN, or ERROR when the run itself failed.
    status: String,
    closure: Option<i64>,
    bound: Option<i64>,
    wall: Duration,
    violations: Option<usize>,
    first_violation: String,
    exact: bool,
    note: String,
}

impl Run {
    /// The best lower bound either side proved.
    fn best_bound(&self) -> Option<i64> {
        let ours = self.ours.as_ref().ok().map(|o| o.bound);
        ours.into_iter().chain(self.cpsat.bound).max()
    }

    fn gap(&self) -> Option<f64> {
        let o = self.ours.as_ref().ok()?;
        let b = self.best_bound()?;
        (b > 0).then(|| (o.closure - b) as f64 / b as f64)
    }
}

/// Stops the search once it has run for the bench's cap.
struct Cap {
    start: Instant,
    limit: Duration,
}

impl Observer for Cap {
    fn progress(&self, _: &Progress) -> Control {
        if self.start.elapsed() >= self.limit {
            Control::Stop
        } else {
            Control::Continue
        }
    }
}

fn run_ours(scenario: &Scenario, cap: f64) -> Result<(Plan, Ours), String> {
    let base = ALLOC.current_usage();
    ALLOC.reset_peak_usage();
    let t = Instant::now();
    let observer = Cap {
        start: t,
        limit: Duration::from_secs_f64(cap),
    };
    let result = plan(scenario, &Options::default(), &observer);
    let elapsed = t.elapsed();
    let peak_bytes = ALLOC.peak_usage().saturating_sub(base);
    let p = result.map_err(|e| e.to_string())?;
    let (violations, first_violation) = match validate(scenario, &p) {
        Ok(()) => (0, String::new()),
        Err(v) => (v.len(), v[0].to_string()),
    };
    let ours = Ours {
        stopped: elapsed.as_secs_f64() >= cap && p.search.stopped,
        closure: p.closure,
        bound: p.lower_bound,
        elapsed,
        peak_bytes,
        violations,
        first_violation,
    };
    Ok((p, ours))
}

fn run_cpsat(o: &Opts, scenario: &Scenario, dir: &Path, tag: &str) -> Reference {
    let input = dir.join(format!("{tag}.scenario.json"));
    let output = dir.join(format!("{tag}.cpsat.json"));
    std::fs::write(&input, serde_json::to_vec(scenario).expect("scenario JSON")).expect("write");
    let _ = std::fs::remove_file(&output);
    let t = Instant::now();
    let out = Command::new(&o.python)
        .arg(workspace().join("scripts/bench/cpsat_plan.py"))
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .args(["--time-limit", &o.limit.to_string()])
        .args(["--workers", &o.workers.to_string()])
        .output();
    let wall = t.elapsed();
    let mut r = Reference {
        status: "ERROR".into(),
        closure: None,
        bound: None,
        wall,
        violations: None,
        first_violation: String::new(),
        exact: false,
        note: String::new(),
    };
    let out = match out {
        Ok(out) if out.status.success() => out,
        Ok(out) => {
            r.note = String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
                .to_string();
            return r;
        }
        Err(e) => {
            r.note = format!("{}: {e}", o.python.display());
            return r;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let Ok(v) = serde_json::from_str::<serde_json::Value>(stdout.lines().last().unwrap_or(""))
    else {
        r.note = format!("no summary: {}", stdout.trim());
        return r;
    };
    r.status = v["status"].as_str().unwrap_or("UNKNOWN").to_string();
    r.bound = v["bound"].as_i64();
    r.exact = v["exact"].as_bool().unwrap_or(false);
    r.note = v["reason"].as_str().unwrap_or("").to_string();
    if let Ok(bytes) = std::fs::read(&output) {
        match serde_json::from_slice::<Plan>(&bytes) {
            Ok(p) => {
                r.closure = Some(p.closure);
                match validate(scenario, &p) {
                    Ok(()) => r.violations = Some(0),
                    Err(v) => {
                        r.violations = Some(v.len());
                        r.first_violation = v[0].to_string();
                    }
                }
            }
            Err(e) => r.note = format!("plan does not parse: {e}"),
        }
    }
    let _ = std::fs::remove_file(&input);
    let _ = std::fs::remove_file(&output);
    r
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

fn worst(v: &[f64]) -> Option<f64> {
    v.iter().copied().reduce(f64::max)
}

fn fmt_opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map_or_else(|| "n/a".into(), f)
}

fn minutes(v: f64) -> String {
    format!("{v:.0}")
}

fn pct(v: f64) -> String {
    format!("{:.2} %", v * 100.0)
}

fn ms(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.0} ms")
    }
}

fn mb(v: f64) -> String {
    format!("{:.1} MB", v / 1e6)
}

/// Targets per size: gap at most, time to plan under (ms), and whether the planner must match
/// CP-SAT's time-limited closure while being at least 20 times faster.
fn target(size: Size) -> Option<(f64, f64, bool)> {
    match size {
        Size::S => Some((0.01, 50.0, false)),
        Size::M => Some((0.03, 1_000.0, true)),
        Size::L => Some((0.05, 5_000.0, true)),
        Size::Xs => None,
    }
}

fn report(o: &Opts, runs: &[Run]) -> String {
    let mut s = String::new();
    let seeds = o
        .seeds
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    s += &format!(
        "Seeds {seeds} of each size; the planner with its default options (seed 1, effort {}), \
         stopped after {} s if still searching (none was, unless the table says so); CP-SAT with a \
         limit of {} s and {} worker(s).\n\n",
        Options::default().effort,
        o.plan_limit,
        o.limit,
        o.workers
    );
    s +=
        "| size | units | closure, median / worst (min) | gap to the best bound, median / worst | \
          time to plan, median / worst | peak heap, median / worst | valid plans | \
          CP-SAT closure, median / worst (min) | CP-SAT status | ours ≤ CP-SAT | \
          CP-SAT time / ours, median / least |\n";
    s += "|---|---:|---|---|---|---|---|---|---|---|---|\n";
    let mut verdicts: Vec<String> = Vec::new();
    for &size in &o.sizes {
        let rs: Vec<&Run> = runs.iter().filter(|r| r.size == size).collect();
        if rs.is_empty() {
            continue;
        }
        let ok: Vec<&Ours> = rs.iter().filter_map(|r| r.ours.as_ref().ok()).collect();
        let closures: Vec<f64> = ok.iter().map(|x| x.closure as f64).collect();
        let gaps: Vec<f64> = rs.iter().filter_map(|r| r.gap()).collect();
        let times: Vec<f64> = ok.iter().map(|x| x.elapsed.as_secs_f64() * 1e3).collect();
        let peaks: Vec<f64> = ok.iter().map(|x| x.peak_bytes as f64).collect();
        let valid = ok.iter().filter(|x| x.violations == 0).count();
        let stopped = ok.iter().filter(|x| x.stopped).count();
        let c_closures: Vec<f64> = rs
            .iter()
            .filter_map(|r| r.cpsat.closure.map(|c| c as f64))
            .collect();
        let c_valid = rs.iter().filter(|r| r.cpsat.violations == Some(0)).count();
        let mut statuses: Vec<(String, usize)> = Vec::new();
        for r in &rs {
            match statuses.iter_mut().find(|(k, _)| *k == r.cpsat.status) {
                Some((_, n)) => *n += 1,
                None => statuses.push((r.cpsat.status.clone(), 1)),
            }
        }
        let statuses = statuses
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        // Seeds where CP-SAT has a plan, and how many of them ours closes at least as early.
        let compared: Vec<(i64, i64)> = rs
            .iter()
            .filter_map(|r| Some((r.ours.as_ref().ok()?.closure, r.cpsat.closure?)))
            .collect();
        let at_least = compared.iter().filter(|(a, b)| a <= b).count();
        let ratios: Vec<f64> = rs
            .iter()
            .filter_map(|r| {
                let o = r.ours.as_ref().ok()?;
                Some(r.cpsat.wall.as_secs_f64() / o.elapsed.as_secs_f64().max(1e-9))
            })
            .collect();
        let least_ratio = ratios.iter().copied().reduce(f64::min);
        s += &format!(
            "| {} | {} | {} / {} | {} / {} | {} / {} | {} / {} | {} of {} (CP-SAT {} of {}) | {} / {} | {} | {} of {} | {} / {} |\n",
            size.as_str(),
            rs[0].units,
            fmt_opt(median(closures.clone()), minutes),
            fmt_opt(worst(&closures), minutes),
            fmt_opt(median(gaps.clone()), pct),
            fmt_opt(worst(&gaps), pct),
            fmt_opt(median(times.clone()), ms),
            fmt_opt(worst(&times), ms)
                + &if stopped > 0 {
                    format!(" ({stopped} stopped at {} s)", o.plan_limit)
                } else {
                    String::new()
                },
            fmt_opt(median(peaks.clone()), mb),
            fmt_opt(worst(&peaks), mb),
            valid,
            rs.len(),
            c_valid,
            c_closures.len(),
            fmt_opt(median(c_closures.clone()), minutes),
            fmt_opt(worst(&c_closures), minutes),
            statuses,
            at_least,
            compared.len(),
            fmt_opt(median(ratios.clone()), |v| format!("{v:.0}×")),
            fmt_opt(least_ratio, |v| format!("{v:.0}×")),
        );
        if let Some((gap_t, ms_t, vs_cpsat)) = target(size) {
            let all_planned = ok.len() == rs.len() && valid == rs.len();
            let gap_w = worst(&gaps);
            let time_w = worst(&times);
            let gap_met =
                all_planned && gaps.len() == rs.len() && gap_w.is_some_and(|g| g <= gap_t + 1e-12);
            let time_met = all_planned && time_w.is_some_and(|t| t < ms_t);
            verdicts.push(format!(
                "| {} | gap ≤ {:.0} % on every seed | worst {} | {} |",
                size.as_str(),
                gap_t * 100.0,
                fmt_opt(gap_w, pct),
                met(gap_met)
            ));
            verdicts.push(format!(
                "| {} | time to plan < {} on every seed | worst {} | {} |",
                size.as_str(),
                ms(ms_t),
                fmt_opt(time_w, ms),
                met(time_met)
            ));
            if !all_planned {
                verdicts.push(format!(
                    "| {} | a valid plan on every seed | {} of {} | {} |",
                    size.as_str(),
                    valid,
                    rs.len(),
                    met(false)
                ));
            }
            if vs_cpsat {
                // A seed where CP-SAT found no plan within its limit counts for ours, and the
                // table says how many there were.
                let none = rs.len() - compared.len();
                let beat = all_planned && at_least == compared.len();
                verdicts.push(format!(
                    "| {} | closure ≤ CP-SAT's {}-s closure on every seed | {} of {} seeds{} | {} |",
                    size.as_str(),
                    o.limit,
                    at_least + none,
                    rs.len(),
                    if none > 0 {
                        format!(" ({none} where CP-SAT found no plan)")
                    } else {
                        String::new()
                    },
                    met(beat)
                ));
                verdicts.push(format!(
                    "| {} | ≥ 20× faster than CP-SAT on every seed | least {} | {} |",
                    size.as_str(),
                    fmt_opt(least_ratio, |v| format!("{v:.0}×")),
                    met(all_planned && least_ratio.is_some_and(|r| r >= 20.0))
                ));
            }
        }
    }
    s += "\n";
    if !verdicts.is_empty() {
        s += "| size | target | measured | verdict |\n|---|---|---|---|\n";
        s += &verdicts.join("\n");
        s += "\n\n";
    }
    s += "<details><summary>Every run</summary>\n\n";
    s += "| size | seed | closure | best bound (ours / CP-SAT) | gap | time to plan | peak heap | violations | CP-SAT closure | CP-SAT status | CP-SAT violations | CP-SAT wall |\n";
    s += "|---|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---:|\n";
    for r in runs {
        let (closure, bound, time, peak, viol) = match &r.ours {
            Ok(o) => (
                o.closure.to_string(),
                o.bound.to_string(),
                if o.stopped {
                    format!("{} (stopped)", ms(o.elapsed.as_secs_f64() * 1e3))
                } else {
                    ms(o.elapsed.as_secs_f64() * 1e3)
                },
                mb(o.peak_bytes as f64),
                if o.violations == 0 {
                    "0".to_string()
                } else {
                    format!("{} (first: {})", o.violations, o.first_violation)
                },
            ),
            Err(e) => (
                format!("no plan: {e}"),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
            ),
        };
        let status = if r.cpsat.exact {
            r.cpsat.status.clone()
        } else {
            format!("{} (reduced model)", r.cpsat.status)
        };
        let status = if r.cpsat.note.is_empty() {
            status
        } else {
            format!("{status}: {}", r.cpsat.note)
        };
        s += &format!(
            "| {} | {} | {} | {} / {} | {} | {} | {} | {} | {} | {} | {} | {:.1} s |\n",
            r.size.as_str(),
            r.seed,
            closure,
            bound,
            r.cpsat.bound.map_or("-".into(), |b| b.to_string()),
            fmt_opt(r.gap(), pct),
            time,
            peak,
            viol,
            r.cpsat.closure.map_or("-".into(), |c| c.to_string()),
            status,
            match r.cpsat.violations {
                Some(0) => "0".to_string(),
                Some(n) => format!("{n} (first: {})", r.cpsat.first_violation),
                None => "-".into(),
            },
            r.cpsat.wall.as_secs_f64(),
        );
    }
    s += "\n</details>\n";
    s
}

fn met(b: bool) -> &'static str {
    if b {
        "met"
    } else {
        "**not met**"
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!(
            "planner benchmark: run `cargo bench -p crc-planner --bench planner` (or \
             scripts/bench-planner.sh); nothing measured under cargo test"
        );
        return;
    }
    let o = opts();
    let dir = std::env::temp_dir().join(format!("crc-planner-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut runs = Vec::new();
    let total = o.sizes.len() * o.seeds.len();
    for &size in &o.sizes {
        for &seed in &o.seeds {
            let scenario = generate(size, seed, &Knobs::default());
            let tag = format!("{}-{seed}", size.as_str().to_lowercase());
            let ours = run_ours(&scenario, o.plan_limit).map(|(_, o)| o);
            match &ours {
                Ok(x) => eprintln!(
                    "[{}/{total}] {tag}: planner closure {} bound {} in {:.1} ms{}, peak heap {:.1} MB, {} violation(s); CP-SAT for up to {} s ...",
                    runs.len() + 1,
                    x.closure,
                    x.bound,
                    x.elapsed.as_secs_f64() * 1e3,
                    if x.stopped { " (stopped by --plan-limit)" } else { "" },
                    x.peak_bytes as f64 / 1e6,
                    x.violations,
                    o.limit
                ),
                Err(e) => eprintln!("[{}/{total}] {tag}: planner failed: {e}", runs.len() + 1),
            }
            let cpsat = run_cpsat(&o, &scenario, &dir, &tag);
            eprintln!(
                "[{}/{total}] {tag}: CP-SAT {} closure {} bound {} in {:.1} s, {} violation(s){}",
                runs.len() + 1,
                cpsat.status,
                cpsat.closure.map_or("-".into(), |c| c.to_string()),
                cpsat.bound.map_or("-".into(), |c| c.to_string()),
                cpsat.wall.as_secs_f64(),
                cpsat.violations.map_or("-".into(), |c| c.to_string()),
                if cpsat.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", cpsat.note)
                }
            );
            runs.push(Run {
                size,
                seed,
                units: scenario.units.len(),
                ours,
                cpsat,
            });
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let text = report(&o, &runs);
    match &o.out {
        Some(p) => std::fs::write(p, &text).expect("write the report"),
        None => print!("{text}"),
    }
}
