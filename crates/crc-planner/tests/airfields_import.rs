//! The OurAirports import on a small sample, and the committed reference geography:
//! `reference/airfields.json`, `reference/movement-network.json` and `reference/plan-2022.json`.

use std::collections::{BTreeMap, BTreeSet};

use crc_planner::airfields::{capacity, import_ourairports, AirfieldError, AirportSize, CsvFile};
use crc_planner::plan::LegMode;
use crc_planner::scenario::{AircraftType, Leg, Mode, Node, NodeKind, RailRules, Rules, Transit};
use crc_planner::Scenario;
use serde::Deserialize;

const STATES: &[(&str, &str)] = &[("KZ", "KAZ"), ("KG", "KGZ")];

// Columns in a different order from the real file, plus one the import ignores: columns are
// found by name.
const AIRPORTS: &str = r#""ident","id","type","name","iso_country","latitude_deg","longitude_deg","gps_code","elevation_ft"
"UAAA",6421,"large_airport","Almaty International Airport","KZ",43.354267,77.042828,"UAAA",2234
"UAFM",6426,"large_airport","Manas International Airport","KG",43.0612983704,74.4776000977,"UCFM",2058
"KZ-0001",9001,"small_airport","Short Strip","KZ",44.0,76.0,,1000
"UAXX",9002,"closed","Closed Field","KZ",44.5,76.5,"UAXX",1000
"UAYY",9003,"medium_airport","Only A Closed Long Runway","KZ",45.0,77.0,"UAYY",1000
"UAZZ",9004,"heliport","A Heliport","KZ",45.5,77.5,"UAZZ",1000
"UUDD",26394,"large_airport","Domodedovo International Airport","RU",55.40879821777344,37.90629959106445,"UUDD",588
"#;

const RUNWAYS: &str = r#""id","airport_ref","airport_ident","length_ft","closed","surface"
1,6421,"UAAA",14436,0,"ASP"
2,6421,"UAAA",14764,0,"ASPH"
3,6426,"UAFM",13780,0,"CON"
4,9001,"KZ-0001",3000,0,"GRS"
5,9002,"UAXX",9000,0,"CON"
6,9003,"UAYY",12000,1,"CON"
7,9003,"UAYY",4000,0,"CON"
8,9004,"UAZZ",9000,0,"CON"
9,26394,"UUDD",12448,0,"CON"
10,6426,"UAFM",,0,"CON"
"#;

#[test]
fn sample_keeps_the_airports_with_a_long_enough_open_runway() {
    let nodes = import_ourairports(AIRPORTS, RUNWAYS, STATES, 1800).unwrap();
    let ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    // Sorted by state: KAZ before KGZ. Manas takes its current code from gps_code.
    assert_eq!(ids, ["UAAA", "UCFM"]);

    let almaty = &nodes[0];
    assert_eq!(almaty.kind, NodeKind::Airfield);
    assert_eq!(almaty.state, "KAZ");
    assert_eq!(almaty.name, "Almaty International Airport");
    assert!((almaty.lat - 43.354267).abs() < 1e-9 && (almaty.lon - 77.042828).abs() < 1e-9);
    // The longer of its two runways: 14,764 ft = 4,500 m.
    assert_eq!(almaty.runway_m, Some(4500));
    let cap = capacity(AirportSize::Large, 4500);
    assert_eq!(
        (almaty.parking, almaty.working, almaty.handling_min),
        (Some(cap.parking), Some(cap.working), Some(cap.handling_min))
    );
    assert_eq!((cap.parking, cap.working, cap.handling_min), (18, 5, 30));
    assert_eq!(nodes[1].runway_m, Some(4200)); // 13,780 ft; the runway without length is ignored
}

#[test]
fn runway_limit_feet_and_closed_runways() {
    // At 1,200 m the medium airport qualifies by its open 4,000 ft (1,219 m) runway only: its
    // closed 12,000 ft runway does not count. The small strip's 3,000 ft (914 m) does not.
    let nodes = import_ourairports(AIRPORTS, RUNWAYS, STATES, 1200).unwrap();
    let by_id: BTreeMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    assert_eq!(
        by_id.keys().copied().collect::<Vec<_>>(),
        ["UAAA", "UAYY", "UCFM"]
    );
    assert_eq!(by_id["UAYY"].runway_m, Some(1219));
    assert_eq!(
        (by_id["UAYY"].parking, by_id["UAYY"].working),
        (Some(6), Some(2))
    );
    // At 900 m the small strip comes in under its ident (no ICAO code), with small capacity;
    // the closed airport and the heliport never do.
    let nodes = import_ourairports(AIRPORTS, RUNWAYS, STATES, 900).unwrap();
    let strip = nodes.iter().find(|n| n.id == "KZ-0001").unwrap();
    assert_eq!(strip.runway_m, Some(914));
    assert_eq!(
        (strip.parking, strip.working, strip.handling_min),
        (Some(2), Some(1), Some(60))
    );
    assert!(!nodes.iter().any(|n| n.id == "UAXX" || n.id == "UAZZ"));
}

#[test]
fn a_code_claimed_twice_stays_with_the_airport_filed_under_it() {
    // As in the real data: Grozny has gps_code URMG, Khankala has ident URMG.
    let airports = "id,ident,type,name,latitude_deg,longitude_deg,iso_country,gps_code\n\
                    1,RU-0035,medium_airport,Grozny Airport,43.38,45.70,RU,URMG\n\
                    2,URMG,medium_airport,Khankala Air Base,43.30,45.78,RU,\n";
    let runways = "airport_ref,airport_ident,length_ft,closed\n1,RU-0035,8202,0\n2,URMG,8210,0\n";
    let nodes = import_ourairports(airports, runways, &[("RU", "RUS")], 1800).unwrap();
    let ids: BTreeSet<(&str, &str)> = nodes
        .iter()
        .map(|n| (n.id.as_str(), n.name.as_str()))
        .collect();
    assert_eq!(
        ids,
        BTreeSet::from([("RU-0035", "Grozny Airport"), ("URMG", "Khankala Air Base")])
    );
}

#[test]
fn bad_input_is_refused_with_line_and_column() {
    // A latitude that is not a number, on line 3.
    let airports = AIRPORTS.replace("\"KG\",43.0612983704", "\"KG\",forty-three");
    let err = import_ourairports(&airports, RUNWAYS, STATES, 1800).unwrap_err();
    assert_eq!(
        err,
        AirfieldError::BadValue {
            file: CsvFile::Airports,
            line: 3,
            column: "latitude_deg",
            value: "forty-three".into(),
            message: "not a number".into(),
        }
    );
    assert!(
        err.to_string().contains("line 3, column latitude_deg"),
        "{err}"
    );

    // A runway length that is not a number, on line 4.
    let runways = RUNWAYS.replace("3,6426,\"UAFM\",13780", "3,6426,\"UAFM\",13780ft");
    let err = import_ourairports(AIRPORTS, &runways, STATES, 1800).unwrap_err();
    assert!(
        matches!(
            &err,
            AirfieldError::BadValue {
                file: CsvFile::Runways,
                line: 4,
                column: "length_ft",
                ..
            }
        ),
        "{err:?}"
    );

    // A record with a field too many, on line 5.
    let runways = RUNWAYS.replace(
        "5,9002,\"UAXX\",9000,0,\"CON\"",
        "5,9002,\"UAXX\",9000,0,\"CON\",x",
    );
    let err = import_ourairports(AIRPORTS, &runways, STATES, 1800).unwrap_err();
    match &err {
        AirfieldError::Malformed {
            file: CsvFile::Runways,
            line: 6,
            column,
            ..
        } => assert_eq!(column, "7"),
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string().contains("runways.csv: line 6, column 7"),
        "{err}"
    );

    // A missing column.
    let err =
        import_ourairports(AIRPORTS, "airport_ref,length_ft,closed\n", STATES, 1800).unwrap_err();
    assert_eq!(
        err,
        AirfieldError::MissingColumn {
            file: CsvFile::Runways,
            column: "airport_ident"
        }
    );

    // Neither empty input nor garbage panics.
    for text in ["", "\"", "a,b\n\"unterminated", "\u{feff}id\n1\n"] {
        assert!(import_ourairports(text, RUNWAYS, STATES, 1800).is_err());
        assert!(import_ourairports(AIRPORTS, text, STATES, 1800).is_err());
    }
}

fn reference(name: &str) -> String {
    let path = format!("{}/../../reference/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `reference/airfields.json`: a note on provenance, then the nodes.
#[derive(Deserialize)]
struct AirfieldsFile {
    source: String,
    licence: String,
    airfields: Vec<Node>,
}

#[test]
fn reference_airfields_are_the_member_states_real_airports() {
    let file: AirfieldsFile = serde_json::from_str(&reference("airfields.json")).unwrap();
    assert!(file.source.contains("OurAirports"));
    assert!(file.licence.contains("public domain"));
    let states: BTreeSet<&str> = file.airfields.iter().map(|n| n.state.as_str()).collect();
    assert_eq!(
        states,
        BTreeSet::from(["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"])
    );
    let ids: BTreeSet<&str> = file.airfields.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), file.airfields.len(), "ids are unique");
    for id in [
        "UAAA", "UUDD", "UMMS", "UCFM", "UTDD", "UDYZ", "UWLW", "UUEM", "ULOO",
    ] {
        assert!(ids.contains(id), "{id} missing");
    }
    for n in &file.airfields {
        assert_eq!(n.kind, NodeKind::Airfield);
        assert!(n.runway_m.unwrap() >= 1800, "{}", n.id);
        assert!(n.parking.unwrap() >= 1 && n.working.unwrap() >= 1 && n.handling_min.is_some());
        assert!((35.0..82.0).contains(&n.lat), "{}", n.id);
    }
    let almaty = file.airfields.iter().find(|n| n.id == "UAAA").unwrap();
    assert_eq!(
        (almaty.state.as_str(), almaty.runway_m),
        ("KAZ", Some(4500))
    );
}

/// `reference/movement-network.json`: the regional network, a scenario without units.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Network {
    #[allow(dead_code)]
    about: Vec<String>,
    nodes: Vec<Node>,
    legs: Vec<Leg>,
    transit: BTreeMap<String, Transit>,
    aircraft: Vec<AircraftType>,
    rail: RailRules,
    rules: Rules,
}

/// Every leg joins two existing nodes of the kinds its mode needs, and every node that needs a
/// capacity has one.
fn check_network(nodes: &[Node], legs: &[Leg]) {
    let by_id: BTreeMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    assert_eq!(by_id.len(), nodes.len(), "node ids are unique");
    for n in nodes {
        match n.kind {
            NodeKind::Airfield => assert!(n.runway_m.is_some() && n.working.is_some()),
            NodeKind::Crossing => assert!(n.throughput_per_hour.is_some(), "{}", n.id),
            NodeKind::Railhead => assert!(n.paths_per_day.is_some(), "{}", n.id),
            _ => {}
        }
    }
    let mut seen = BTreeSet::new();
    for l in legs {
        let (Some(a), Some(b)) = (by_id.get(l.from.as_str()), by_id.get(l.to.as_str())) else {
            panic!("leg {} - {} names an unknown node", l.from, l.to);
        };
        assert_ne!(l.from, l.to);
        assert!(l.km > 0.0, "{} - {}", l.from, l.to);
        let key = (
            l.mode,
            l.from.clone().min(l.to.clone()),
            l.from.clone().max(l.to.clone()),
        );
        assert!(seen.insert(key), "leg {} - {} twice", l.from, l.to);
        match l.mode {
            Mode::Air => {
                assert!(a.kind == NodeKind::Airfield && b.kind == NodeKind::Airfield);
                assert!(l.minutes.is_none());
            }
            Mode::Rail => assert!(l.minutes.is_some_and(|m| m > 0)),
            Mode::Road => {
                assert!(l.minutes.is_none() && l.overflies.is_empty());
                // Legs are short enough for a column to drive in a day.
                assert!(l.km <= 350.0, "{} - {}: {} km", l.from, l.to, l.km);
            }
        }
    }
}

#[test]
fn movement_network_is_consistent() {
    let net: Network = serde_json::from_str(&reference("movement-network.json")).unwrap();
    check_network(&net.nodes, &net.legs);
    let airfields: AirfieldsFile = serde_json::from_str(&reference("airfields.json")).unwrap();
    // Its airfields are those of reference/airfields.json, unchanged.
    for n in net.nodes.iter().filter(|n| n.kind == NodeKind::Airfield) {
        let a = airfields.airfields.iter().find(|a| a.id == n.id);
        assert_eq!(a, Some(n), "{}", n.id);
    }
    for s in ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"] {
        assert_eq!(net.transit.get(s), Some(&Transit::Permitted), "{s}");
    }
    for a in &net.aircraft {
        assert!(net
            .nodes
            .iter()
            .any(|n| n.id == a.home && n.kind == NodeKind::Airfield));
    }
    assert!(net.rail.wagons_per_train > 0 && net.rules.rest_min > 0);
    for kind in [
        NodeKind::Garrison,
        NodeKind::Railhead,
        NodeKind::Crossing,
        NodeKind::Staging,
    ] {
        assert!(net.nodes.iter().any(|n| n.kind == kind), "{kind:?}");
    }
}

#[test]
fn plan_2022_is_a_scenario_on_the_network() {
    let s: Scenario = serde_json::from_str(&reference("plan-2022.json")).unwrap();
    check_network(&s.nodes, &s.legs);
    assert_eq!(s.host, "KAZ");
    assert_eq!(
        s.epoch.map(|e| e.to_rfc3339()),
        Some("2022-01-06T00:00:00+00:00".into())
    );
    let node = |id: &str| s.nodes.iter().find(|n| n.id == id);
    assert_eq!(
        node(&s.destination).map(|n| n.kind),
        Some(NodeKind::Destination)
    );
    let states: BTreeSet<&str> = s.units.iter().map(|u| u.state.as_str()).collect();
    assert_eq!(states, BTreeSet::from(["ARM", "BLR", "KGZ", "RUS", "TJK"]));
    let mut personnel: BTreeMap<&str, u32> = BTreeMap::new();
    for u in &s.units {
        assert_eq!(
            node(&u.origin).map(|n| n.state.as_str()),
            Some(u.state.as_str())
        );
        assert!(u.ready >= 0 && u.rdd > u.ready && u.vehicle_count() > 0);
        *personnel.entry(u.state.as_str()).or_default() += u.personnel;
    }
    let rus = personnel["RUS"];
    assert!(personnel.iter().all(|(s, &p)| *s == "RUS" || p < rus));
    for a in &s.aircraft {
        assert_eq!(a.state, "RUS");
        assert_eq!(node(&a.home).map(|n| n.kind), Some(NodeKind::Airfield));
    }
    assert!(s.aircraft.iter().any(|a| a.id.starts_with("IL-76MD")));
}

#[test]
fn plan_2022_plans_and_the_plan_validates() {
    let s: Scenario = serde_json::from_str(&reference("plan-2022.json")).unwrap();
    let options = crc_planner::Options {
        seed: 1,
        effort: 200,
    };
    let plan =
        crc_planner::plan(&s, &options, &crc_planner::Quiet).unwrap_or_else(|e| panic!("{e}"));
    if let Err(violations) = crc_planner::validate(&s, &plan) {
        panic!("{violations:#?}");
    }
    assert_eq!(plan.units.len(), s.units.len());
    assert!(plan.lower_bound > 0 && plan.lower_bound <= plan.closure);
    assert!(plan.closure <= s.rules.horizon, "closure {}", plan.closure);
    // In January 2022 the force closed within days, flown from the airfields near each
    // garrison: the plan does too (the Pskov battalion does not drive to a far airfield).
    assert!(
        plan.closure < 3 * 1440,
        "closure {} min: {}",
        plan.closure,
        plan.binding.text
    );
    let pskov = plan
        .movements
        .iter()
        .filter(|m| m.unit == "RUS-PSKOV")
        .filter_map(|m| m.legs.iter().find(|l| l.mode == LegMode::Air))
        .map(|l| l.from.as_str())
        .collect::<BTreeSet<_>>();
    assert_eq!(pskov, BTreeSet::from(["ULOO"]), "Pskov flies from Pskov");
}
