#!/usr/bin/env bash
# Makes target/planner-venv: a Python virtual environment with exactly the packages pinned in
# scripts/bench/requirements.txt (OR-Tools for the planner's CP-SAT reference model,
# scripts/bench/cpsat_plan.py; vobject for the iCalendar export's test). Made again whenever
# requirements.txt changes (a stamp file holds its checksum); otherwise it only says what is
# there. Used by scripts/setup-test-deps.sh and scripts/bench-planner.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=target/planner-venv
REQ=scripts/bench/requirements.txt
STAMP="$VENV/.requirements.sha256"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
want=$(sha256sum "$REQ" | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating $VENV (python3 -m venv) and installing $REQ into it"
  rm -rf "$VENV"
  if ! python3 -m venv "$VENV"; then
    echo "setup: python3 -m venv failed; installing Debian's python3-venv"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-venv
    rm -rf "$VENV"
    python3 -m venv "$VENV"
  fi
  # --no-deps: the file pins every package, dependencies included, so nothing unpinned comes in.
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$REQ"
  echo "$want" >"$STAMP"
fi
echo "setup: $VENV has ortools $("$VENV/bin/python" -c 'import ortools; print(ortools.__version__)'), vobject $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("vobject"))')"
