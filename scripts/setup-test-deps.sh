#!/usr/bin/env bash
# Installs what the test suite needs beyond the Rust toolchain, only where it is missing:
# Debian's PostgreSQL server (the storage contract suite starts its own throw-away server).
set -euo pipefail

need_apt=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  need_apt+=(postgresql)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} from Debian"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi
# PostgreSQL refuses to run as root: the test harness then runs it as this user.
if [ "$(id -u)" -eq 0 ] && ! id "${CRC_PG_USER:-postgres}" >/dev/null 2>&1; then
  useradd --system --no-create-home "${CRC_PG_USER:-postgres}"
fi
echo "setup: PostgreSQL $(ls -d /usr/lib/postgresql/*/ 2>/dev/null | xargs -n1 basename | tr '\n' ' ')ready"
