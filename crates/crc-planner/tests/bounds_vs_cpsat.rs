//! The planner's lower bounds against the proven optimum of an independent model.
//!
//! For the tiny generated scenarios (`Size::Xs`, seeds 1 to 8) and the hand-written ones in
//! `tests/fixtures/cpsat/`, the CP-SAT reference model (`scripts/bench/cpsat_plan.py`) must prove
//! its closure optimal, its plan must pass the validator, and then
//!
//! > every lower bound of the planner ≤ CP-SAT's optimal closure ≤ the planner's closure.
//!
//! A bound above the optimum is a wrong bound; a planner closure below it means the reference
//! model misses plans the rules allow (or the validator misses a broken rule). Both are bugs.
//!
//! The model runs on Python with OR-Tools from `target/planner-venv` (or `$CRC_PYTHON`), which
//! `scripts/setup-test-deps.sh` installs pinned; without it this test fails and says so.

use std::path::{Path, PathBuf};
use std::process::Command;

use crc_planner::generate::{generate, Knobs, Size};
use crc_planner::{plan, validate, Options, Plan, Quiet, Scenario};

/// Seconds CP-SAT may take per scenario: far more than the few seconds these need, so that a
/// slow machine does not turn into a false failure.
const LIMIT_S: u32 = 180;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> PathBuf {
    match std::env::var_os("CRC_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => workspace().join("target/planner-venv/bin/python"),
    }
}

/// Panics with what to do when the Python environment of the reference model is missing.
fn require_ortools(py: &Path) {
    let out = Command::new(py)
        .args(["-c", "import ortools; print(ortools.__version__)"])
        .output();
    match out {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!(
            "{} cannot import ortools ({}): run scripts/setup-test-deps.sh, which installs \
             scripts/bench/requirements.txt into target/planner-venv",
            py.display(),
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Err(e) => panic!(
            "no Python at {} ({e}): run scripts/setup-test-deps.sh, which creates \
             target/planner-venv with OR-Tools (or set CRC_PYTHON)",
            py.display()
        ),
    }
}

/// What the reference model printed, and its plan.
struct Reference {
    status: String,
    closure: i64,
    summary: String,
    plan: Plan,
}

fn cpsat(py: &Path, scenario: &Scenario, tag: &str) -> Reference {
    let dir = std::env::temp_dir().join(format!("crc-cpsat-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let input = dir.join(format!("{tag}.scenario.json"));
    let output = dir.join(format!("{tag}.plan.json"));
    std::fs::write(&input, serde_json::to_vec(scenario).expect("scenario JSON")).expect("write");
    let _ = std::fs::remove_file(&output);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let out = Command::new(py)
        .arg(workspace().join("scripts/bench/cpsat_plan.py"))
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .args(["--time-limit", &LIMIT_S.to_string()])
        .args(["--workers", &workers.to_string()])
        // Only the closure is compared: the lateness and sortie phases would add time.
        .args(["--phases", "1"])
        .output()
        .expect("run cpsat_plan.py");
    assert!(
        out.status.success(),
        "{tag}: cpsat_plan.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let v: serde_json::Value = serde_json::from_str(summary.lines().last().unwrap_or(""))
        .unwrap_or_else(|e| panic!("{tag}: summary is not JSON ({e}): {summary}"));
    let status = v["status"].as_str().unwrap_or("").to_string();
    assert_eq!(
        status, "OPTIMAL",
        "{tag}: CP-SAT did not prove its closure optimal within {LIMIT_S} s: {summary}"
    );
    assert_eq!(
        v["exact"].as_bool(),
        Some(true),
        "{tag}: the reference model was simplified for this scenario, so its optimum is no \
         reference: {summary}"
    );
    let plan: Plan = serde_json::from_slice(&std::fs::read(&output).expect("plan written"))
        .unwrap_or_else(|e| panic!("{tag}: CP-SAT's plan does not parse: {e}"));
    let _ = std::fs::remove_file(&input);
    let _ = std::fs::remove_file(&output);
    Reference {
        status,
        closure: v["closure"].as_i64().expect("closure"),
        summary,
        plan,
    }
}

/// Checks one scenario; returns what is wrong, if anything.
fn check(py: &Path, scenario: &Scenario, tag: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    let reference = cpsat(py, scenario, tag);
    if let Err(v) = validate(scenario, &reference.plan) {
        let list: Vec<String> = v.iter().take(10).map(ToString::to_string).collect();
        wrong.push(format!(
            "{tag}: CP-SAT's plan breaks {} rule(s): {}",
            v.len(),
            list.join("; ")
        ));
    }
    if reference.plan.closure != reference.closure {
        wrong.push(format!(
            "{tag}: CP-SAT's plan closes at {} but its summary says {}",
            reference.plan.closure, reference.closure
        ));
    }
    let optimum = reference.closure;
    let ours = match plan(scenario, &Options::default(), &Quiet) {
        Ok(p) => p,
        Err(e) => {
            wrong.push(format!(
                "{tag}: the planner found no plan where CP-SAT proved closure {optimum}: {e}"
            ));
            return wrong;
        }
    };
    for b in &ours.bounds {
        if b.value > optimum {
            wrong.push(format!(
                "{tag}: bound {} = {} exceeds the optimal closure {optimum} ({})",
                b.kind, b.value, b.detail
            ));
        }
    }
    if ours.lower_bound > optimum {
        wrong.push(format!(
            "{tag}: the plan's lower bound {} exceeds the optimal closure {optimum}",
            ours.lower_bound
        ));
    }
    if ours.closure < optimum {
        wrong.push(format!(
            "{tag}: the planner's closure {} beats CP-SAT's proven optimum {optimum}: the \
             reference model misses plans the rules allow ({})",
            ours.closure, reference.summary
        ));
    }
    eprintln!(
        "{tag}: bound {} ≤ optimum {optimum} ({}) ≤ planner {}",
        ours.lower_bound, reference.status, ours.closure
    );
    wrong
}

#[test]
fn planner_bounds_and_closure_bracket_the_cpsat_optimum() {
    let py = python();
    require_ortools(&py);
    let mut wrong = Vec::new();
    for seed in 1..=8 {
        let scenario = generate(Size::Xs, seed, &Knobs::default());
        wrong.extend(check(&py, &scenario, &format!("xs-{seed}")));
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cpsat");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures/cpsat")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for f in files {
        let scenario: Scenario = serde_json::from_slice(&std::fs::read(&f).expect("fixture"))
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let tag = f
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into());
        wrong.extend(check(&py, &scenario, &tag));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
