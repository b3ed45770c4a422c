//! The JSON Schemas in docs/planner/ are generated from the types; this test fails when they are
//! stale. `CRC_UPDATE_SCHEMAS=1 cargo test -p crc-planner --test schemas` rewrites them.

use std::path::PathBuf;

fn check(name: &str, schema: schemars::Schema) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/planner")
        .join(name);
    let text = serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n";
    if std::env::var_os("CRC_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &text).expect("docs/planner is writable");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "{} is stale: run CRC_UPDATE_SCHEMAS=1 cargo test -p crc-planner --test schemas",
        path.display()
    );
}

#[test]
fn scenario_schema_is_current() {
    check(
        "scenario.schema.json",
        schemars::schema_for!(crc_planner::Scenario),
    );
}

#[test]
fn plan_schema_is_current() {
    check("plan.schema.json", schemars::schema_for!(crc_planner::Plan));
}

#[test]
fn generated_scenarios_match_the_schema_shape() {
    // A generated scenario round-trips through JSON unchanged: the format documented is the
    // format read.
    use crc_planner::generate::{generate, Knobs, Size};
    let sc = generate(Size::S, 4, &Knobs::default());
    let text = serde_json::to_string(&sc).expect("serializes");
    let back: crc_planner::Scenario = serde_json::from_str(&text).expect("reads back");
    assert_eq!(sc, back);
}
