//! Builds the web console (`web/`, TypeScript with Vite) into `$OUT_DIR/web`, where
//! `console.rs` embeds it, so that `cargo build` alone yields a binary that serves the console.
//!
//! Needs Node.js (20.19 or newer) and npm. `npm ci` runs when `web/node_modules` is missing or
//! older than `web/package-lock.json`; the exact versions come from the lock file. Setting
//! `CRC_WEB_DIST` to a folder of already built assets skips npm entirely (for packagers).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=CRC_WEB_DIST");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("web");
    if let Ok(dist) = std::env::var("CRC_WEB_DIST") {
        copy_dir(Path::new(&dist), &out);
        return;
    }
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let web = manifest.join("../../web");
    for watched in [
        "src",
        "scripts",
        "index.html",
        "package.json",
        "package-lock.json",
        "vite.config.ts",
        "tsconfig.json",
    ] {
        println!("cargo:rerun-if-changed={}", web.join(watched).display());
    }
    // Cargo may run this script for two profiles at once (clippy beside a build); both
    // would install into the same web/node_modules. One at a time.
    let guard = std::fs::File::create(web.join(".build.lock"))
        .unwrap_or_else(|e| fail(&format!("web/.build.lock: {e}")));
    guard
        .lock()
        .unwrap_or_else(|e| fail(&format!("locking web/.build.lock: {e}")));
    let lock = web.join("package-lock.json");
    let installed = web.join("node_modules/.package-lock.json");
    if is_older(&installed, &lock) {
        npm(&web, &["ci", "--no-audit", "--no-fund"], &out);
    }
    npm(&web, &["run", "build"], &out);
    if !out.join("index.html").is_file() {
        fail("the web console build finished without writing index.html");
    }
}

fn is_older(a: &Path, b: &Path) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    match (modified(a), modified(b)) {
        (Some(a), Some(b)) => a < b,
        _ => true,
    }
}

fn npm(web: &Path, args: &[&str], out: &Path) {
    let status = Command::new("npm")
        .args(args)
        .current_dir(web)
        .env("CRC_WEB_OUT", out)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => fail(&format!("`npm {}` in web/ failed ({s})", args.join(" "))),
        Err(e) => fail(&format!(
            "cannot run npm ({e}): building the web console needs Node.js 20.19 or newer and \
             npm; or set CRC_WEB_DIST to a folder of built assets"
        )),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| fail(&format!("{}: {e}", to.display())));
    let entries = std::fs::read_dir(from)
        .unwrap_or_else(|e| fail(&format!("CRC_WEB_DIST {}: {e}", from.display())));
    for entry in entries.flatten() {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else if let Err(e) = std::fs::copy(&src, &dst) {
            fail(&format!("copying {}: {e}", src.display()));
        }
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1);
}
