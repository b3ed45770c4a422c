//! A seeded scenario generator: synthetic but plausible regroupings of contingents toward a host
//! state, in sizes from a handful of units to a corps, with knobs for the fleet, the crossings and
//! the transit rules. Tests and benchmarks plan over it; the same size, seed and knobs always give
//! the same scenario.
//!
//! The geography is a plane around the destination (kilometres east and north of it, printed as
//! latitude and longitude around Almaty). The host is a disc of 400 km; each sending state owns a
//! sector beyond it. A sending state may be separated from the host by a transit state's band
//! across the middle of its sector, leaving its own "necks" at the sector's edges: the short road
//! corridor crosses the transit state, the long one goes round through a neck. Flights overfly
//! whatever zones their straight line crosses.

use std::collections::BTreeMap;
use std::f64::consts::PI;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::scenario::{
    AircraftType, Leg, Minute, Mode, Node, NodeKind, RailRules, Rules, Scenario, Transit, Unit,
    VehicleClass,
};

/// Scenario sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// Two units of one state, one road route each: small enough to solve exactly.
    Xs,
    /// 5 contingents, 5,000 personnel, 900 vehicles, 6 airfields, 12 aircraft.
    S,
    /// 50 units, 20,000 personnel, 3,500 vehicles, 16 airfields, 30 aircraft.
    M,
    /// 200 units, 50,000 personnel, 6,000 vehicles, 40 airfields, 48 aircraft.
    L,
}

impl Size {
    /// Parses `xs`, `s`, `m`, `l`.
    pub fn parse(s: &str) -> Option<Size> {
        match s.to_ascii_lowercase().as_str() {
            "xs" => Some(Size::Xs),
            "s" => Some(Size::S),
            "m" => Some(Size::M),
            "l" => Some(Size::L),
            _ => None,
        }
    }

    /// The letter people use.
    pub fn as_str(self) -> &'static str {
        match self {
            Size::Xs => "XS",
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
        }
    }
}

/// Knobs that change the generated scenario's difficulty.
#[derive(Debug, Clone, PartialEq)]
pub struct Knobs {
    /// Multiplies the number of aircraft of every type (at least one each).
    pub fleet: f64,
    /// Multiplies every crossing's throughput.
    pub crossing: f64,
    /// Transit states whose transit is refused.
    pub refused: Vec<String>,
    /// Transit states crossed only without stopping.
    pub non_stop: Vec<String>,
    /// Transit states permitted only from a clearance time (minute).
    pub pending: Vec<(String, Minute)>,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            fleet: 1.0,
            crossing: 1.0,
            refused: Vec::new(),
            non_stop: vec!["UZB".into()],
            pending: vec![("GEO".into(), 360)],
        }
    }
}

const HOST: &str = "KAZ";
const HOST_RADIUS: f64 = 400.0;

/// A sending state: where its sector points, how far its hub is, and what lies between.
struct Sender {
    state: &'static str,
    angle: f64,
    hub_km: f64,
    transit: Option<&'static str>,
}

struct Geo {
    senders: Vec<Sender>,
    sector: f64,
    band_km: f64,
}

impl Geo {
    /// The state a point (km east, km north of the destination) lies in.
    fn zone(&self, x: f64, y: f64) -> &'static str {
        let r = (x * x + y * y).sqrt();
        if r <= HOST_RADIUS {
            return HOST;
        }
        let a = y.atan2(x);
        let s = self
            .senders
            .iter()
            .min_by(|p, q| {
                angle_diff(a, p.angle)
                    .partial_cmp(&angle_diff(a, q.angle))
                    .expect("angles are finite")
            })
            .expect("at least one sender");
        match s.transit {
            Some(t)
                if r <= HOST_RADIUS + self.band_km
                    && angle_diff(a, s.angle) <= 0.35 * self.sector =>
            {
                t
            }
            _ => s.state,
        }
    }

    /// States a straight flight overflies, besides those of its ends.
    fn overflies(&self, a: (f64, f64), b: (f64, f64)) -> Vec<String> {
        let ends = [self.zone(a.0, a.1), self.zone(b.0, b.1)];
        let mut seen: Vec<String> = Vec::new();
        for i in 1..64 {
            let t = f64::from(i) / 64.0;
            let z = self.zone(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if !ends.contains(&z) && !seen.iter().any(|s| s == z) {
                seen.push(z.to_string());
            }
        }
        seen.sort();
        seen
    }
}

fn angle_diff(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(2.0 * PI);
    d.min(2.0 * PI - d)
}

fn polar(r: f64, a: f64) -> (f64, f64) {
    (r * a.cos(), r * a.sin())
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// Roads wind: a road is this much longer than the straight line.
const ROAD_FACTOR: f64 = 1.2;
/// Legs are cut into pieces no longer than this, so a column can rest between them.
const MAX_ROAD_LEG_KM: f64 = 280.0;
/// Average speed of a military train including stops on the way.
const RAIL_KMH: f64 = 45.0;

struct Builder {
    nodes: Vec<Node>,
    legs: Vec<Leg>,
    xy: BTreeMap<String, (f64, f64)>,
}

impl Builder {
    fn node(
        &mut self,
        id: String,
        name: String,
        kind: NodeKind,
        state: &str,
        p: (f64, f64),
    ) -> String {
        let lat = 43.25 + p.1 / 111.0;
        let lon = 76.95 + p.0 / (111.0 * 43.25f64.to_radians().cos());
        self.nodes.push(Node {
            id: id.clone(),
            name,
            kind,
            state: state.to_string(),
            lat: round(lat, 4),
            lon: round(lon, 4),
            runway_m: None,
            parking: None,
            working: None,
            handling_min: None,
            throughput_per_hour: None,
            paths_per_day: None,
        });
        self.xy.insert(id.clone(), p);
        id
    }

    fn last(&mut self) -> &mut Node {
        self.nodes.last_mut().expect("a node was just added")
    }

    fn leg(&mut self, from: &str, to: &str, mode: Mode, overflies: Vec<String>) {
        let d = dist(self.xy[from], self.xy[to]);
        let (km, minutes) = match mode {
            Mode::Road => (round(d * ROAD_FACTOR, 1), None),
            Mode::Rail => {
                let km = round(d * ROAD_FACTOR, 1);
                (km, Some((km / RAIL_KMH * 60.0).ceil() as u32))
            }
            Mode::Air => (round(d, 1), None),
        };
        self.legs.push(Leg {
            from: from.to_string(),
            to: to.to_string(),
            mode,
            km,
            minutes,
            overflies,
        });
    }

    /// A road from `from` to `to` through staging points no more than a day's leg apart.
    fn road(&mut self, geo: &Geo, from: &str, to: &str, tag: &str) {
        let (a, b) = (self.xy[from], self.xy[to]);
        let crossing = |id: &str| {
            self.nodes
                .iter()
                .any(|n| n.id == id && n.kind == NodeKind::Crossing)
        };
        // Two crossings are never joined directly: a staging point lies between them.
        let least = if crossing(from) && crossing(to) {
            2.0
        } else {
            1.0
        };
        let pieces = ((dist(a, b) * ROAD_FACTOR) / MAX_ROAD_LEG_KM)
            .ceil()
            .max(least) as usize;
        let mut prev = from.to_string();
        for i in 1..pieces {
            let t = i as f64 / pieces as f64;
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            let state = geo.zone(p.0, p.1);
            let id = format!("{tag}-{i}");
            let id = self.node(
                id.clone(),
                format!("Staging {id}"),
                NodeKind::Staging,
                state,
                p,
            );
            self.leg(&prev, &id, Mode::Road, vec![]);
            prev = id;
        }
        self.leg(&prev, to, Mode::Road, vec![]);
    }
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

struct Figures {
    senders: usize,
    units: usize,
    personnel: u32,
    vehicles: u32,
    airfields: usize,
    fleet: [u32; 3],
    railheads: usize,
}

fn figures(size: Size) -> Figures {
    match size {
        Size::Xs => Figures {
            senders: 1,
            units: 2,
            personnel: 400,
            vehicles: 24,
            airfields: 3,
            fleet: [2, 0, 0],
            railheads: 1,
        },
        Size::S => Figures {
            senders: 5,
            units: 5,
            personnel: 5_000,
            vehicles: 900,
            airfields: 6,
            fleet: [8, 2, 2],
            railheads: 1,
        },
        Size::M => Figures {
            senders: 5,
            units: 50,
            personnel: 20_000,
            vehicles: 3_500,
            airfields: 16,
            fleet: [20, 4, 6],
            railheads: 2,
        },
        Size::L => Figures {
            senders: 5,
            units: 200,
            personnel: 50_000,
            vehicles: 6_000,
            airfields: 40,
            fleet: [32, 6, 10],
            railheads: 3,
        },
    }
}

/// Vehicle classes units draw from: name, tonnes, outsize.
const CLASSES: [(&str, f64, bool); 7] = [
    ("BTR-82A", 15.4, false),
    ("BMP-2", 14.0, false),
    ("KamAZ-5350", 9.5, false),
    ("Tigr", 7.8, false),
    ("Ural-4320", 8.0, false),
    ("2S9 Nona", 8.7, false),
    ("T-72B3", 46.0, true),
];

/// Generates the scenario of a size and seed.
pub fn generate(size: Size, seed: u64, knobs: &Knobs) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_c2c0_0000_0000);
    let f = figures(size);
    // (state, transit state, hub distance range)
    let pool: [(&str, Option<&str>, f64, f64); 5] = [
        ("RUS", None, 1_300.0, 2_000.0),
        ("TJK", Some("UZB"), 950.0, 1_150.0),
        ("ARM", Some("GEO"), 2_200.0, 2_600.0),
        ("KGZ", None, 520.0, 700.0),
        ("BLR", None, 2_900.0, 3_400.0),
    ];
    let sector = 2.0 * PI / f.senders.max(3) as f64;
    let turn = rng.gen_range(0.0..2.0 * PI);
    let senders: Vec<Sender> = pool
        .iter()
        .take(f.senders)
        .enumerate()
        .map(|(i, &(state, transit, lo, hi))| Sender {
            state,
            angle: (turn + i as f64 * sector).rem_euclid(2.0 * PI) - PI,
            hub_km: rng.gen_range(lo..hi) * if size == Size::Xs { 0.6 } else { 1.0 },
            transit: if size == Size::Xs && i == 0 {
                Some("GEO")
            } else {
                transit
            },
        })
        .collect();
    let geo = Geo {
        senders,
        sector,
        band_km: 220.0,
    };
    let mut b = Builder {
        nodes: Vec::new(),
        legs: Vec::new(),
        xy: BTreeMap::new(),
    };
    let dest = b.node(
        "DEST".into(),
        "Destination area".into(),
        NodeKind::Destination,
        HOST,
        (0.0, 0.0),
    );

    // Host airfields and railhead near the destination.
    let host_airfields = if size == Size::Xs {
        1
    } else {
        (f.airfields / 5).max(2)
    };
    let mut airfields: Vec<String> = Vec::new();
    for i in 0..host_airfields {
        let p = polar(rng.gen_range(15.0..140.0), rng.gen_range(-PI..PI));
        let id = b.node(
            format!("KAZ-AF{}", i + 1),
            format!("Host airfield {}", i + 1),
            NodeKind::Airfield,
            HOST,
            p,
        );
        let long = i == 0;
        airfield_facts(&mut b, &mut rng, long, size);
        b.leg(&id, &dest, Mode::Road, vec![]);
        airfields.push(id);
    }
    let host_rail = b.node(
        "KAZ-RH".into(),
        "Host railhead".into(),
        NodeKind::Railhead,
        HOST,
        polar(25.0, rng.gen_range(-PI..PI)),
    );
    b.last().paths_per_day = Some(8);
    b.leg(&host_rail, &dest, Mode::Road, vec![]);

    // Each sender's hub, corridors, garrisons, railheads and airfields.
    let sender_airfields = f.airfields - host_airfields;
    let mut garrisons: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let throughput = |rng: &mut ChaCha8Rng| -> u32 {
        ((rng.gen_range(40.0..120.0) * knobs.crossing).round() as u32).max(1)
    };
    let mut home_airfield: Option<String> = None;
    for (si, s) in geo.senders.iter().enumerate() {
        let hub_p = polar(s.hub_km, s.angle);
        let hub = b.node(
            format!("{}-HUB", s.state),
            format!("{} road hub", s.state),
            NodeKind::Staging,
            s.state,
            hub_p,
        );
        // Corridor A: straight in, across the transit band if any.
        let inner = HOST_RADIUS + geo.band_km;
        let x_host = b.node(
            format!("X-{}-A", s.state),
            format!("Crossing {} A (into {HOST})", s.state),
            NodeKind::Crossing,
            HOST,
            polar(HOST_RADIUS, s.angle),
        );
        b.last().throughput_per_hour = Some(throughput(&mut rng));
        if let Some(t) = s.transit {
            let x_out = b.node(
                format!("X-{}-{t}", s.state),
                format!("Crossing {} into {t}", s.state),
                NodeKind::Crossing,
                t,
                polar(inner, s.angle),
            );
            b.last().throughput_per_hour = Some(throughput(&mut rng));
            b.road(&geo, &hub, &x_out, &format!("{}-A", s.state));
            b.road(&geo, &x_out, &x_host, &format!("{}-{t}", s.state));
        } else {
            b.road(&geo, &hub, &x_host, &format!("{}-A", s.state));
        }
        b.road(&geo, &x_host, &dest, &format!("{}-AH", s.state));
        // Corridor B: round through the sector's edge.
        if size != Size::Xs {
            let edge = s.angle + 0.42 * geo.sector;
            let turn_p = polar(s.hub_km.max(inner + 150.0), edge);
            let turn_n = b.node(
                format!("{}-B0", s.state),
                format!("{} junction B", s.state),
                NodeKind::Staging,
                s.state,
                turn_p,
            );
            b.road(&geo, &hub, &turn_n, &format!("{}-B", s.state));
            let x_b = b.node(
                format!("X-{}-B", s.state),
                format!("Crossing {} B (into {HOST})", s.state),
                NodeKind::Crossing,
                HOST,
                polar(HOST_RADIUS, edge),
            );
            b.last().throughput_per_hour = Some(throughput(&mut rng));
            b.road(&geo, &turn_n, &x_b, &format!("{}-BR", s.state));
            b.road(&geo, &x_b, &dest, &format!("{}-BH", s.state));
        }
        // Rail: the sender's railheads join a line along corridor A.
        let junction = b.node(
            format!("{}-RJ", s.state),
            format!("{} rail junction", s.state),
            NodeKind::Staging,
            s.state,
            (hub_p.0 * 0.98, hub_p.1 * 0.98),
        );
        if let Some(t) = s.transit {
            let tj = b.node(
                format!("{t}-RJ-{}", s.state),
                format!("{t} rail junction"),
                NodeKind::Staging,
                t,
                polar(HOST_RADIUS + geo.band_km / 2.0, s.angle + 0.05),
            );
            b.leg(&junction, &tj, Mode::Rail, vec![]);
            b.leg(&tj, &host_rail, Mode::Rail, vec![]);
        } else {
            b.leg(&junction, &host_rail, Mode::Rail, vec![]);
        }
        let mut railheads = Vec::new();
        for r in 0..f.railheads {
            let p = near(&mut rng, &geo, s, hub_p, 20.0, 120.0);
            let id = b.node(
                format!("{}-RH{}", s.state, r + 1),
                format!("{} railhead {}", s.state, r + 1),
                NodeKind::Railhead,
                s.state,
                p,
            );
            b.last().paths_per_day = Some(rng.gen_range(6..=12));
            b.leg(&id, &junction, Mode::Rail, vec![]);
            railheads.push(id);
        }
        // Airfields: spread over the senders, the first sender (the lift's owner) first.
        let count = sender_airfields / geo.senders.len()
            + usize::from(si < sender_airfields % geo.senders.len());
        let mut own_airfields = Vec::new();
        for a in 0..count.max(1) {
            let p = near(&mut rng, &geo, s, hub_p, 30.0, 220.0);
            let id = b.node(
                format!("{}-AF{}", s.state, a + 1),
                format!("{} airfield {}", s.state, a + 1),
                NodeKind::Airfield,
                s.state,
                p,
            );
            airfield_facts(&mut b, &mut rng, si == 0 && a == 0, size);
            if si == 0 && a == 0 {
                home_airfield = Some(id.clone());
            }
            own_airfields.push(id.clone());
            airfields.push(id);
        }
        // Garrisons, each with feeder roads to the hub, the railheads and the airfields.
        let n_garrisons = if size == Size::Xs {
            1
        } else {
            (f.units / geo.senders.len()).div_ceil(3).clamp(1, 6)
        };
        for g in 0..n_garrisons {
            let p = near(&mut rng, &geo, s, hub_p, 30.0, 200.0);
            let id = b.node(
                format!("{}-G{}", s.state, g + 1),
                format!("{} garrison {}", s.state, g + 1),
                NodeKind::Garrison,
                s.state,
                p,
            );
            b.leg(&id, &hub, Mode::Road, vec![]);
            for r in &railheads {
                b.leg(&id, r, Mode::Road, vec![]);
            }
            for a in &own_airfields {
                b.leg(&id, a, Mode::Road, vec![]);
            }
            garrisons.entry(s.state).or_default().push(id);
        }
    }
    // Airways between every pair of airfields.
    for i in 0..airfields.len() {
        for j in i + 1..airfields.len() {
            let over = geo.overflies(b.xy[&airfields[i]], b.xy[&airfields[j]]);
            let (from, to) = (airfields[i].clone(), airfields[j].clone());
            b.leg(&from, &to, Mode::Air, over);
        }
    }

    let home = home_airfield.expect("the first sender has an airfield");
    let aircraft = lift(&mut rng, &f, knobs, &home, size);
    let units = units(&mut rng, &f, &geo, &garrisons, size);
    let mut transit = BTreeMap::new();
    for s in &knobs.non_stop {
        transit.insert(s.clone(), Transit::NonStop);
    }
    for (s, until) in &knobs.pending {
        transit.insert(s.clone(), Transit::Pending { until: *until });
    }
    for s in &knobs.refused {
        transit.insert(s.clone(), Transit::Refused);
    }
    Scenario {
        name: format!("generated {} seed {seed}", size.as_str()),
        epoch: None,
        host: HOST.into(),
        destination: dest,
        nodes: b.nodes,
        legs: b.legs,
        units,
        aircraft,
        rail: Some(RailRules {
            wagons_per_train: 50,
            personnel_per_wagon: 40,
            cargo_t_per_wagon: 60.0,
            load_min: 240,
            unload_min: 180,
        }),
        transit,
        rules: Rules::default(),
    }
}

/// A point near `hub` inside the sender's own land (never in the transit band).
fn near(
    rng: &mut ChaCha8Rng,
    geo: &Geo,
    s: &Sender,
    hub: (f64, f64),
    lo: f64,
    hi: f64,
) -> (f64, f64) {
    for _ in 0..64 {
        let p = {
            let d = rng.gen_range(lo..hi);
            let a = rng.gen_range(-PI..PI);
            (hub.0 + d * a.cos(), hub.1 + d * a.sin())
        };
        let clear = HOST_RADIUS
            + if s.transit.is_some() {
                geo.band_km
            } else {
                0.0
            }
            + 50.0;
        if geo.zone(p.0, p.1) == s.state && (p.0 * p.0 + p.1 * p.1).sqrt() > clear {
            return p;
        }
    }
    hub
}

fn airfield_facts(b: &mut Builder, rng: &mut ChaCha8Rng, long: bool, size: Size) {
    let runway = if long {
        3_200
    } else {
        [1_400, 1_900, 2_500, 3_000][rng.gen_range(0..4)]
    };
    let n = b.last();
    n.runway_m = Some(runway);
    n.parking = Some(if size == Size::Xs {
        3
    } else {
        rng.gen_range(4..=12)
    });
    n.working = Some(if size == Size::Xs {
        1
    } else {
        rng.gen_range(1..=4)
    });
    n.handling_min = Some(rng.gen_range(3..=6) * 10);
}

fn lift(
    rng: &mut ChaCha8Rng,
    f: &Figures,
    knobs: &Knobs,
    home: &str,
    size: Size,
) -> Vec<AircraftType> {
    let scaled = |n: u32| -> u32 {
        if n == 0 {
            0
        } else {
            ((f64::from(n) * knobs.fleet).round() as u32).max(1)
        }
    };
    let mut out = vec![AircraftType {
        id: "IL-76MD".into(),
        state: "RUS".into(),
        payload_t: 40.0,
        seats: 125,
        speed_kmh: 750.0,
        range_km: 4_000.0,
        ground_min: 60,
        min_runway_m: 1_800,
        outsize: false,
        home: home.into(),
        count: scaled(f.fleet[0]),
        available: if size == Size::Xs {
            0
        } else {
            rng.gen_range(0..=4) * 60
        },
    }];
    if f.fleet[1] > 0 {
        out.push(AircraftType {
            id: "An-124".into(),
            state: "RUS".into(),
            payload_t: 120.0,
            seats: 88,
            speed_kmh: 780.0,
            range_km: 4_800.0,
            ground_min: 120,
            min_runway_m: 2_500,
            outsize: true,
            home: home.into(),
            count: scaled(f.fleet[1]),
            available: rng.gen_range(2..=8) * 60,
        });
    }
    if f.fleet[2] > 0 {
        out.push(AircraftType {
            id: "An-26".into(),
            state: "RUS".into(),
            payload_t: 5.5,
            seats: 38,
            speed_kmh: 440.0,
            range_km: 1_100.0,
            ground_min: 30,
            min_runway_m: 1_100,
            outsize: false,
            home: home.into(),
            count: scaled(f.fleet[2]),
            available: 0,
        });
    }
    out
}

/// Splits `total` into `n` positive parts with weights drawn at random.
fn split(rng: &mut ChaCha8Rng, total: u32, n: usize) -> Vec<u32> {
    let w: Vec<f64> = (0..n).map(|_| rng.gen_range(0.5..1.5)).collect();
    let sum: f64 = w.iter().sum();
    let mut parts: Vec<u32> = w
        .iter()
        .map(|x| ((x / sum) * f64::from(total)).floor().max(1.0) as u32)
        .collect();
    let mut given: u32 = parts.iter().sum();
    let mut i = 0;
    while given < total {
        parts[i % n] += 1;
        given += 1;
        i += 1;
    }
    while given > total {
        let k = i % n;
        if parts[k] > 1 {
            parts[k] -= 1;
            given -= 1;
        }
        i += 1;
    }
    parts
}

fn units(
    rng: &mut ChaCha8Rng,
    f: &Figures,
    geo: &Geo,
    garrisons: &BTreeMap<&str, Vec<String>>,
    size: Size,
) -> Vec<Unit> {
    let personnel = split(rng, f.personnel, f.units);
    let vehicles = split(rng, f.vehicles, f.units);
    let mut out = Vec::with_capacity(f.units);
    for i in 0..f.units {
        let s = &geo.senders[i % geo.senders.len()];
        let pool = &garrisons[s.state];
        let origin = pool[rng.gen_range(0..pool.len())].clone();
        // Two or three vehicle classes; one unit in ten has tanks (outsize).
        let n_classes = rng.gen_range(2..=3usize);
        let heavy = size != Size::Xs && rng.gen_bool(0.1);
        let mut picks: Vec<usize> = Vec::new();
        while picks.len() < n_classes {
            let k = rng.gen_range(0..CLASSES.len() - 1);
            if !picks.contains(&k) {
                picks.push(k);
            }
        }
        if heavy {
            picks[0] = CLASSES.len() - 1;
        }
        let counts = if vehicles[i] >= n_classes as u32 {
            split(rng, vehicles[i], n_classes)
        } else {
            let mut c = vec![0; n_classes];
            c[0] = vehicles[i];
            c
        };
        let vehicle_classes: Vec<VehicleClass> = picks
            .iter()
            .zip(&counts)
            .filter(|(_, &c)| c > 0)
            .map(|(&k, &c)| VehicleClass {
                class: CLASSES[k].0.into(),
                count: c,
                weight_t: CLASSES[k].1,
                outsize: CLASSES[k].2,
            })
            .collect();
        let ready = rng.gen_range(0..=12) * 60;
        let roll: f64 = rng.gen();
        let modes = if size == Size::Xs || roll < 0.7 {
            vec![Mode::Road, Mode::Rail, Mode::Air]
        } else if roll < 0.85 {
            vec![Mode::Road, Mode::Rail]
        } else {
            vec![Mode::Road, Mode::Air]
        };
        out.push(Unit {
            id: format!("{}-{}", s.state, i / geo.senders.len() + 1),
            name: format!("{} contingent {}", s.state, i / geo.senders.len() + 1),
            state: s.state.into(),
            origin,
            personnel: personnel[i],
            vehicles: vehicle_classes,
            cargo_t: round(f64::from(personnel[i]) * rng.gen_range(0.03..0.08), 1),
            ready,
            rdd: ready + rng.gen_range(2..=5) * 1440,
            priority: rng.gen_range(1..=10),
            modes,
            march_kmh: f64::from(rng.gen_range(35..=50)),
            march_km_per_day: f64::from(rng.gen_range(7..=10) * 50),
            seats_per_vehicle: rng.gen_range(6..=10),
            cargo_t_per_vehicle: f64::from(rng.gen_range(2..=4)),
        });
    }
    out
}
