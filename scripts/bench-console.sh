#!/usr/bin/env bash
# Benchmarks the web console in headless Chromium against the release build of `crc` on
# 127.0.0.1 and writes the figures into docs/benchmarks.md (the `console-bench` block).
# Needs what scripts/setup-test-deps.sh installs (Chromium, the npm packages of web/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
cargo build --release --bin crc
cd web && CRC_BIN="$PWD/../target/release/crc" node bench/console.mjs
