#!/usr/bin/env bash
# Runs every test: installs the test dependencies where missing, then the whole workspace
# suite (SQLite and PostgreSQL storage contract, HTTP API, authorization matrix, CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
cargo test --workspace --all-targets "$@"
