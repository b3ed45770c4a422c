//! The deployment planner: how contingents reach the host state in the shortest possible time.
//!
//! Pure and deterministic: no I/O, no clock. The same scenario, seed and effort give the same
//! plan; the caller owns time limits and progress display through [`Observer`]. The rules a plan
//! obeys are in `docs/planner.md`; [`validate`] checks them independently of the planner.

pub mod airfields;
pub mod error;
pub mod generate;
pub mod plan;
pub mod scenario;
pub mod validate;
pub mod whatif;

pub use error::{PlanError, ScenarioError, Unreachable};
pub use plan::Plan;
pub use scenario::Scenario;
pub use validate::{validate, Violation};

/// How hard the search works, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Seed of the search's random choices.
    pub seed: u64,
    /// Candidate plans to build after the first (0 = the constructive plan only).
    pub effort: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            effort: 2_000,
        }
    }
}

/// What the search reports while it runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Candidate plans built so far.
    pub candidates: u64,
    /// The effort the search will spend.
    pub effort: u64,
    /// Closure of the best plan so far (minute).
    pub best_closure: i64,
    /// The lower bound (minute).
    pub lower_bound: i64,
}

/// Whether the search goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Keep searching.
    Continue,
    /// Stop now and return the best plan so far.
    Stop,
}

/// Watches the search: called after every batch of candidates. Must be callable from several
/// threads.
pub trait Observer: Sync {
    /// Report progress; return [`Control::Stop`] to end the search with the best plan so far.
    fn progress(&self, progress: &Progress) -> Control;
}

/// An observer that never stops the search.
pub struct Quiet;

impl Observer for Quiet {
    fn progress(&self, _: &Progress) -> Control {
        Control::Continue
    }
}

mod bounds;
mod calendar;
mod critical;
mod fluid;
mod model;
mod prep;
mod render;
mod route;
mod schedule;
mod search;

/// Plans a scenario: checks it, computes the lower bounds, builds a first plan and improves it
/// within `options.effort` candidates (or until the observer stops it), and returns the best.
pub fn plan(
    scenario: &Scenario,
    options: &Options,
    observer: &dyn Observer,
) -> Result<Plan, PlanError> {
    let m = model::Model::new(scenario).map_err(PlanError::Invalid)?;
    let prep = prep::Prep::new(&m);
    let reach: Vec<Vec<critical::PartReach>> = (0..scenario.units.len())
        .map(|u| critical::reach(&m, &prep, u))
        .collect();
    let unreachable: Vec<Unreachable> = reach
        .iter()
        .enumerate()
        .flat_map(|(u, parts)| {
            let unit = &scenario.units[u];
            parts
                .iter()
                .filter(|p| p.best().is_none())
                .map(move |p| Unreachable {
                    unit: unit.id.clone(),
                    part: p.part.name(unit),
                    reasons: p
                        .by
                        .iter()
                        .filter_map(|r| r.as_ref().err().cloned())
                        .collect(),
                })
        })
        .collect();
    if !unreachable.is_empty() {
        return Err(PlanError::Infeasible(unreachable));
    }
    let mut bounds_list = vec![bounds::critical_path(&m, &reach)];
    let lp = fluid::Fluid::new(&m, &prep, &reach);
    let (fluid_bound, lp_modes) = fluid::bound(&lp, bounds_list[0].value);
    bounds_list.extend(fluid_bound);
    let bound = bounds::best(&bounds_list);
    let start = search::initial(&m, &prep, &reach);
    let mut starts = Vec::new();
    if let Some(modes) = &lp_modes {
        starts.push(search::from_modes(&m, &prep, &reach, modes, &start));
        // The programme's split at the bound loads the fleet to the brim; a little later it
        // sends more by road and rail (it counts sorties), which a real schedule may need.
        for slack in [1.05, 1.1, 1.2, 1.35, 1.5] {
            let t = (bound as f64 * slack).ceil() as scenario::Minute;
            if let fluid::Solved::Feasible(later) = lp.solve(t) {
                starts.push(search::from_modes(&m, &prep, &reach, &later, &start));
            }
        }
    }
    starts.push(start);
    let (best, candidates, stopped) =
        search::run(&m, &prep, starts, options.seed, options.effort, bound, observer).ok_or_else(|| {
            PlanError::Infeasible(vec![Unreachable {
                unit: "(force)".into(),
                part: "all".into(),
                reasons: vec![format!(
                    "every part can arrive on its own, but not together within the horizon of {} minutes",
                    scenario.rules.horizon
                )],
            }])
        })?;
    let binding = bounds::binding(&m, &best, &bounds_list[0]);
    Ok(render::render(
        &m,
        &best,
        options.seed,
        bounds_list,
        binding,
        plan::SearchReport {
            candidates,
            elapsed_ms: 0,
            stopped,
        },
    ))
}
