//! The scenario checked and indexed for planning: ids become indices, every reference is
//! resolved once, and a malformed scenario is refused here with the JSON path of the field.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::error::ScenarioError;
use crate::scenario::{drive_minutes, Minute, Mode, NodeKind, Scenario, Transit};

/// A checked, indexed scenario.
pub(crate) struct Model<'a> {
    pub sc: &'a Scenario,
    pub node_ix: FxHashMap<&'a str, usize>,
    /// Per node: legs touching it, as (leg index, other end).
    pub road: Vec<Vec<(usize, usize)>>,
    pub rail: Vec<Vec<(usize, usize)>>,
    /// Airways by unordered pair of airfields.
    pub air: FxHashMap<(usize, usize), usize>,
    pub dest: usize,
    /// Host airfields, railheads.
    pub host_airfields: Vec<usize>,
    /// Every state code the scenario names, as its three letters in a `u32`; the tables below
    /// are indexed by its position.
    states: Vec<u32>,
    /// Per state, per leg: earliest departure for that state's forces (`None`: refused).
    clear: Vec<Vec<Option<Minute>>>,
    /// Per state, per node: whether that state's forces may halt there.
    halt: Vec<Vec<bool>>,
    /// Per leg: its position among the air legs (`u32::MAX` for other legs).
    air_slot: Vec<u32>,
    /// Per air leg and aircraft type: whether the type may fly it (either way: range, runways
    /// and clearances do not depend on the direction), from when its own state's clearance
    /// allows, and the flying minutes. Sized by the legs there are, not by pairs of airfields.
    airways: Vec<Option<(Minute, Minute)>>,
}

/// A state code as a number: codes are three ASCII letters, and comparing them is the
/// scheduler's most frequent question.
fn state_key(s: &str) -> Option<u32> {
    match s.as_bytes() {
        &[a, b, c] => Some(u32::from_le_bytes([a, b, c, 0])),
        _ => None,
    }
}

fn finite_pos(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

impl<'a> Model<'a> {
    pub fn new(sc: &'a Scenario) -> Result<Model<'a>, ScenarioError> {
        let state_ok = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase());
        if !state_ok(&sc.host) {
            return Err(ScenarioError::at(
                "host",
                format!("`{}` is not an ISO alpha-3 state code", sc.host),
            ));
        }
        let mut node_ix = FxHashMap::default();
        for (i, n) in sc.nodes.iter().enumerate() {
            let at = |f: &str| format!("nodes[{i}].{f}");
            if n.id.is_empty() {
                return Err(ScenarioError::at(at("id"), "empty id"));
            }
            if node_ix.insert(n.id.as_str(), i).is_some() {
                return Err(ScenarioError::at(
                    at("id"),
                    format!("`{}` is used by another node", n.id),
                ));
            }
            if !state_ok(&n.state) {
                return Err(ScenarioError::at(
                    at("state"),
                    format!("`{}` is not an ISO alpha-3 state code", n.state),
                ));
            }
            if !(n.lat.is_finite()
                && n.lat.abs() <= 90.0
                && n.lon.is_finite()
                && n.lon.abs() <= 180.0)
            {
                return Err(ScenarioError::at(at("lat"), "coordinates out of range"));
            }
            let need = |v: Option<u32>, f: &str, what: &str| -> Result<(), ScenarioError> {
                match v {
                    Some(x) if x > 0 => Ok(()),
                    Some(_) => Err(ScenarioError::at(at(f), format!("{what} must be positive"))),
                    None => Err(ScenarioError::at(
                        at(f),
                        format!("missing: an airfield, crossing or railhead needs its {what}"),
                    )),
                }
            };
            match n.kind {
                NodeKind::Airfield => {
                    need(n.runway_m, "runway_m", "runway length")?;
                    need(n.parking, "parking", "parking slots")?;
                    need(n.working, "working", "working slots")?;
                    if n.handling_min.is_none() {
                        return Err(ScenarioError::at(
                            at("handling_min"),
                            "missing: an airfield needs its handling time",
                        ));
                    }
                }
                NodeKind::Crossing => {
                    need(n.throughput_per_hour, "throughput_per_hour", "throughput")?
                }
                NodeKind::Railhead => need(n.paths_per_day, "paths_per_day", "paths per day")?,
                _ => {}
            }
        }
        let dest = *node_ix.get(sc.destination.as_str()).ok_or_else(|| {
            ScenarioError::at("destination", format!("no node `{}`", sc.destination))
        })?;
        if sc.nodes[dest].state != sc.host {
            return Err(ScenarioError::at(
                "destination",
                format!("`{}` is not in the host state {}", sc.destination, sc.host),
            ));
        }
        let n = sc.nodes.len();
        let mut road = vec![Vec::new(); n];
        let mut rail = vec![Vec::new(); n];
        let mut air = FxHashMap::default();
        for (i, l) in sc.legs.iter().enumerate() {
            let at = |f: &str| format!("legs[{i}].{f}");
            let a = *node_ix
                .get(l.from.as_str())
                .ok_or_else(|| ScenarioError::at(at("from"), format!("no node `{}`", l.from)))?;
            let b = *node_ix
                .get(l.to.as_str())
                .ok_or_else(|| ScenarioError::at(at("to"), format!("no node `{}`", l.to)))?;
            if a == b {
                return Err(ScenarioError::at(
                    at("to"),
                    "a leg must join two different nodes",
                ));
            }
            if !finite_pos(l.km) {
                return Err(ScenarioError::at(
                    at("km"),
                    "the length must be a positive number of km",
                ));
            }
            let (ka, kb) = (sc.nodes[a].kind, sc.nodes[b].kind);
            match l.mode {
                Mode::Road => {
                    let crossing = ka == NodeKind::Crossing || kb == NodeKind::Crossing;
                    if !crossing && sc.nodes[a].state != sc.nodes[b].state {
                        return Err(ScenarioError::at(
                            at("to"),
                            "a road leg joins two states only at a border crossing",
                        ));
                    }
                    if ka == NodeKind::Crossing && kb == NodeKind::Crossing {
                        return Err(ScenarioError::at(
                            at("to"),
                            "a road leg cannot join two crossings",
                        ));
                    }
                    road[a].push((i, b));
                    road[b].push((i, a));
                }
                Mode::Rail => {
                    match l.minutes {
                        Some(m) if m > 0 => {}
                        _ => {
                            return Err(ScenarioError::at(
                                at("minutes"),
                                "a rail leg needs its running time in minutes",
                            ))
                        }
                    }
                    if ka == NodeKind::Crossing || kb == NodeKind::Crossing {
                        return Err(ScenarioError::at(
                            at("to"),
                            "crossings are on roads; a rail leg joins stations",
                        ));
                    }
                    rail[a].push((i, b));
                    rail[b].push((i, a));
                }
                Mode::Air => {
                    if ka != NodeKind::Airfield || kb != NodeKind::Airfield {
                        return Err(ScenarioError::at(
                            at("to"),
                            "an air leg joins two airfields",
                        ));
                    }
                    if air.insert((a.min(b), a.max(b)), i).is_some() {
                        return Err(ScenarioError::at(
                            at("to"),
                            "another air leg joins these airfields",
                        ));
                    }
                }
            }
            if l.mode != Mode::Air && !l.overflies.is_empty() {
                return Err(ScenarioError::at(
                    at("overflies"),
                    "only air legs overfly states",
                ));
            }
        }
        let mut seen = HashMap::new();
        for (i, u) in sc.units.iter().enumerate() {
            let at = |f: &str| format!("units[{i}].{f}");
            if seen.insert(u.id.as_str(), i).is_some() {
                return Err(ScenarioError::at(
                    at("id"),
                    format!("`{}` is used by another unit", u.id),
                ));
            }
            let o = *node_ix.get(u.origin.as_str()).ok_or_else(|| {
                ScenarioError::at(at("origin"), format!("no node `{}`", u.origin))
            })?;
            let _ = o;
            if !state_ok(&u.state) {
                return Err(ScenarioError::at(
                    at("state"),
                    format!("`{}` is not an ISO alpha-3 state code", u.state),
                ));
            }
            if u.modes.is_empty() {
                return Err(ScenarioError::at(at("modes"), "at least one mode"));
            }
            if !finite_pos(u.march_kmh) {
                return Err(ScenarioError::at(at("march_kmh"), "must be positive"));
            }
            if !finite_pos(u.march_km_per_day) {
                return Err(ScenarioError::at(
                    at("march_km_per_day"),
                    "must be positive",
                ));
            }
            if !(u.cargo_t.is_finite() && u.cargo_t >= 0.0) {
                return Err(ScenarioError::at(at("cargo_t"), "must be zero or more"));
            }
            if !(u.cargo_t_per_vehicle.is_finite() && u.cargo_t_per_vehicle >= 0.0) {
                return Err(ScenarioError::at(
                    at("cargo_t_per_vehicle"),
                    "must be zero or more",
                ));
            }
            if u.ready < 0 {
                return Err(ScenarioError::at(
                    at("ready"),
                    "must be zero or more (minutes after C-hour)",
                ));
            }
            if u.personnel == 0 && u.vehicle_count() == 0 && u.cargo_t <= 0.0 {
                return Err(ScenarioError::at(
                    at("personnel"),
                    "the unit has nothing to move",
                ));
            }
            let mut classes = HashMap::new();
            for (k, v) in u.vehicles.iter().enumerate() {
                if classes.insert(v.class.as_str(), k).is_some() {
                    return Err(ScenarioError::at(
                        format!("units[{i}].vehicles[{k}].class"),
                        format!("`{}` appears twice", v.class),
                    ));
                }
                if !finite_pos(v.weight_t) {
                    return Err(ScenarioError::at(
                        format!("units[{i}].vehicles[{k}].weight_t"),
                        "must be positive",
                    ));
                }
            }
        }
        let mut types = HashMap::new();
        for (i, t) in sc.aircraft.iter().enumerate() {
            let at = |f: &str| format!("aircraft[{i}].{f}");
            if types.insert(t.id.as_str(), i).is_some() {
                return Err(ScenarioError::at(
                    at("id"),
                    format!("`{}` is used by another type", t.id),
                ));
            }
            let h = *node_ix
                .get(t.home.as_str())
                .ok_or_else(|| ScenarioError::at(at("home"), format!("no node `{}`", t.home)))?;
            if sc.nodes[h].kind != NodeKind::Airfield {
                return Err(ScenarioError::at(
                    at("home"),
                    format!("`{}` is not an airfield", t.home),
                ));
            }
            if sc.nodes[h].runway_m.unwrap_or(0) < t.min_runway_m {
                return Err(ScenarioError::at(
                    at("home"),
                    format!("the runway of `{}` is too short for {}", t.home, t.id),
                ));
            }
            for (f, v) in [
                ("payload_t", t.payload_t),
                ("speed_kmh", t.speed_kmh),
                ("range_km", t.range_km),
            ] {
                if !finite_pos(v) {
                    return Err(ScenarioError::at(at(f), "must be positive"));
                }
            }
            if t.available < 0 {
                return Err(ScenarioError::at(at("available"), "must be zero or more"));
            }
        }
        if let Some(r) = &sc.rail {
            if r.wagons_per_train == 0 {
                return Err(ScenarioError::at(
                    "rail.wagons_per_train",
                    "must be positive",
                ));
            }
            if r.personnel_per_wagon == 0 {
                return Err(ScenarioError::at(
                    "rail.personnel_per_wagon",
                    "must be positive",
                ));
            }
            if !finite_pos(r.cargo_t_per_wagon) {
                return Err(ScenarioError::at(
                    "rail.cargo_t_per_wagon",
                    "must be positive",
                ));
            }
        }
        for (s, t) in &sc.transit {
            if !state_ok(s) {
                return Err(ScenarioError::at(
                    format!("transit.{s}"),
                    "not an ISO alpha-3 state code",
                ));
            }
            if let Transit::Pending { until } = t {
                if *until < 0 {
                    return Err(ScenarioError::at(
                        format!("transit.{s}.until"),
                        "must be zero or more",
                    ));
                }
            }
        }
        if !(sc.rules.personnel_t.is_finite() && sc.rules.personnel_t >= 0.0) {
            return Err(ScenarioError::at(
                "rules.personnel_t",
                "must be zero or more",
            ));
        }
        if sc.rules.horizon <= 0 {
            return Err(ScenarioError::at("rules.horizon", "must be positive"));
        }
        let host_airfields = (0..n)
            .filter(|&i| sc.nodes[i].kind == NodeKind::Airfield && sc.nodes[i].state == sc.host)
            .collect();
        let mut model = Model {
            sc,
            node_ix,
            road,
            rail,
            air,
            dest,
            host_airfields,
            states: Vec::new(),
            clear: Vec::new(),
            halt: Vec::new(),
            air_slot: Vec::new(),
            airways: Vec::new(),
        };
        model.tabulate_rules();
        Ok(model)
    }

    /// Works out the transit rules once for every state the scenario names: the search asks
    /// them for every leg of every candidate.
    fn tabulate_rules(&mut self) {
        let sc = self.sc;
        let mut states: Vec<&'a str> = sc
            .units
            .iter()
            .map(|u| u.state.as_str())
            .chain(sc.aircraft.iter().map(|t| t.state.as_str()))
            .chain(sc.nodes.iter().map(|n| n.state.as_str()))
            .chain(
                sc.legs
                    .iter()
                    .flat_map(|l| l.overflies.iter().map(String::as_str)),
            )
            .chain(sc.transit.keys().map(String::as_str))
            .chain([sc.host.as_str()])
            .collect();
        // A code that is not three letters has no key; it is answered the slow way.
        states.retain(|s| state_key(s).is_some());
        states.sort_unstable();
        states.dedup();
        self.clear = states
            .iter()
            .map(|own| {
                (0..sc.legs.len())
                    .map(|l| self.clearance_of(own, l))
                    .collect()
            })
            .collect();
        self.halt = states
            .iter()
            .map(|own| (0..sc.nodes.len()).map(|n| self.halt_of(own, n)).collect())
            .collect();
        self.states = states.iter().filter_map(|s| state_key(s)).collect();
        let mut slot = vec![u32::MAX; sc.legs.len()];
        let mut airways = Vec::new();
        for (i, l) in sc.legs.iter().enumerate() {
            if l.mode != Mode::Air {
                continue;
            }
            slot[i] = (airways.len() / sc.aircraft.len().max(1)) as u32;
            for k in 0..sc.aircraft.len() {
                airways.push(self.airway_of(k, i));
            }
        }
        self.air_slot = slot;
        self.airways = airways;
    }

    fn state_index(&self, own: &str) -> Option<usize> {
        let key = state_key(own)?;
        self.states.iter().position(|&s| s == key)
    }

    /// Whether an aircraft type may fly an airway (runway, range, clearance for its own state
    /// and for the unit carried), and from when: (leg, earliest departure, flying minutes).
    pub fn airway(
        &self,
        k: usize,
        a: usize,
        b: usize,
        unit_state: Option<&str>,
    ) -> Option<(usize, Minute, Minute)> {
        let leg = *self.air.get(&(a.min(b), a.max(b)))?;
        let slot = self.air_slot[leg] as usize;
        let (mut from, fly) = self.airways[slot * self.sc.aircraft.len() + k]?;
        if let Some(us) = unit_state {
            from = from.max(self.leg_clearance(us, leg)?);
        }
        Some((leg, from, fly))
    }

    fn airway_of(&self, k: usize, leg: usize) -> Option<(Minute, Minute)> {
        let t = &self.sc.aircraft[k];
        let l = &self.sc.legs[leg];
        if l.km > t.range_km {
            return None;
        }
        for id in [&l.from, &l.to] {
            let x = self.node_ix[id.as_str()];
            // No landing in a state its own forces may only cross without stopping.
            if self.sc.nodes[x].runway_m.unwrap_or(0) < t.min_runway_m
                || !self.may_halt(&t.state, x)
            {
                return None;
            }
        }
        let from = self.leg_clearance(&t.state, leg)?;
        Some((from, drive_minutes(l.km, t.speed_kmh)))
    }

    pub fn state_of(&self, node: usize) -> Option<&'a str> {
        let n = &self.sc.nodes[node];
        (n.kind != NodeKind::Crossing).then_some(n.state.as_str())
    }

    /// Whether forces of `own` may touch `state` on a leg departing at `t`; also returns the
    /// earliest departure when the state is pending.
    pub fn may_touch(&self, own: &str, state: &str) -> Touch {
        if state == own || state == self.sc.host {
            return Touch::Free;
        }
        match self.sc.transit_of(state) {
            Transit::Permitted => Touch::Free,
            Transit::Refused => Touch::Refused,
            Transit::Pending { until } => Touch::From(*until),
            Transit::NonStop => Touch::NonStop,
        }
    }

    /// States a leg touches (sorted, unique), per the rules' definition.
    pub fn leg_states(&self, leg: usize) -> Vec<String> {
        let l = &self.sc.legs[leg];
        let mut out: Vec<String> = Vec::new();
        for id in [&l.from, &l.to] {
            let i = self.node_ix[id.as_str()];
            if let Some(s) = self.state_of(i) {
                out.push(s.to_string());
            }
        }
        out.extend(l.overflies.iter().cloned());
        out.sort();
        out.dedup();
        out
    }

    /// Earliest departure allowed on a leg for forces of `own`, or `None` if refused.
    pub fn leg_clearance(&self, own: &str, leg: usize) -> Option<Minute> {
        match self.state_index(own) {
            Some(i) => self.clear[i][leg],
            None => self.clearance_of(own, leg),
        }
    }

    fn clearance_of(&self, own: &str, leg: usize) -> Option<Minute> {
        let mut t = 0;
        for s in self.leg_states(leg) {
            match self.may_touch(own, &s) {
                Touch::Refused => return None,
                Touch::From(u) => t = t.max(u),
                Touch::Free | Touch::NonStop => {}
            }
        }
        Some(t)
    }

    /// Whether a halt at this node is allowed for forces of `own`.
    pub fn may_halt(&self, own: &str, node: usize) -> bool {
        match self.state_index(own) {
            Some(i) => self.halt[i][node],
            None => self.halt_of(own, node),
        }
    }

    fn halt_of(&self, own: &str, node: usize) -> bool {
        match self.state_of(node) {
            None => true,
            Some(s) => self.may_touch(own, s) != Touch::NonStop,
        }
    }
}

/// A state's rule as it applies to one force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Touch {
    Free,
    Refused,
    From(Minute),
    NonStop,
}
