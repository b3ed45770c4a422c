#!/usr/bin/env bash
# Installs what the test suite needs beyond the Rust toolchain, only where it is missing:
# - Debian's PostgreSQL server (the storage contract suite starts its own throw-away server);
# - Debian's Chromium and a font with Cyrillic (the console's end-to-end tests);
# - Debian's xmllint (libxml2-utils), which validates CAP 1.2 and EDXL-DE output against the
#   official schemas, and GDAL's ogrinfo (gdal-bin), a GIS client of the OGC API - Features
#   endpoint;
# - the console's npm packages, exactly as web/package-lock.json pins them (`npm ci`).
# Debian versions are pinned where the archive still has the tested version (a security update
# replaces it there); otherwise the archive's current version is used and named.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# package=tested-version
declare -A TESTED=(
  [chromium]="148.0.7778.167-1~deb12u1"
  [fonts-dejavu-core]="2.37-6"
  [libxml2-utils]="2.9.14+dfsg-1.3~deb12u4"
  [gdal-bin]="3.6.2+dfsg-1+b2"
)

need_apt=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  need_apt+=(postgresql)
fi
for p in chromium fonts-dejavu-core libxml2-utils gdal-bin; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    need_apt+=("$p")
  fi
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} from Debian"
  $SUDO apt-get update -qq
  pinned=()
  for p in "${need_apt[@]}"; do
    v="${TESTED[$p]:-}"
    if [ -n "$v" ] && apt-cache madison "$p" | awk '{print $3}' | grep -qx "$v"; then
      pinned+=("$p=$v")
    else
      [ -n "$v" ] && echo "setup: $p $v is no longer in the archive; installing its current version"
      pinned+=("$p")
    fi
  done
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pinned[@]}"
fi
# PostgreSQL refuses to run as root: the test harness then runs it as this user.
if [ "$(id -u)" -eq 0 ] && ! id "${CRC_PG_USER:-postgres}" >/dev/null 2>&1; then
  useradd --system --no-create-home "${CRC_PG_USER:-postgres}"
fi
echo "setup: PostgreSQL $(ls -d /usr/lib/postgresql/*/ 2>/dev/null | xargs -n1 basename | tr '\n' ' ')ready"
echo "setup: $(chromium --version 2>/dev/null || echo 'chromium missing')"
echo "setup: $(xmllint --version 2>&1 | head -n1), $(ogrinfo --version 2>/dev/null || echo 'ogrinfo missing')"

# The console's packages, exactly as locked (no download of any browser: Debian's is used).
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  echo "setup: npm ci in web/"
  (cd web && npm ci --no-audit --no-fund)
fi
echo "setup: node $(node --version), npm packages of web/ installed"

# The planner's CP-SAT reference model (the bounds test and the planner benchmark use it): a
# Python virtual environment with the pinned packages of scripts/bench/requirements.txt.
bash scripts/bench/planner-venv.sh
