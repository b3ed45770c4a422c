#!/usr/bin/env bash
# Runs every test: installs the test dependencies where missing, then
# 1. the whole Rust workspace suite (SQLite and PostgreSQL storage contract, HTTP API, event
#    stream, authorization matrix, CLI);
# 2. the console's type check and unit tests (vitest);
# 3. the console end to end in headless Chromium against the real `crc serve --demo`
#    (screenshots in target/e2e-screenshots/).
# Arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
echo "== Rust workspace tests"
cargo test --workspace --all-targets "$@"
echo "== console: type check and unit tests"
(cd web && npm run --silent typecheck && npx vitest run)
echo "== console: end to end in Chromium"
cargo build --bin crc
(cd web && CRC_BIN="$PWD/../target/debug/crc" npx vitest run --config vitest.e2e.config.ts)
