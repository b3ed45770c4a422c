#!/usr/bin/env bash
# The domain and planner crates must stay pure: no database driver, HTTP stack or async runtime in its
# dependency tree.
set -euo pipefail
status=0
for crate in crc-domain crc-planner; do
  for forbidden in sqlx axum tokio hyper reqwest; do
    if cargo tree -p "$crate" -e normal,build -i "$forbidden" >/dev/null 2>&1 \
       && [ -n "$(cargo tree -p "$crate" -e normal,build -i "$forbidden" 2>/dev/null)" ]; then
      echo "check-pure: $crate depends on $forbidden:"
      cargo tree -p "$crate" -e normal,build -i "$forbidden"
      status=1
    fi
  done
done
[ $status -eq 0 ] && echo "check-pure: crc-domain and crc-planner have no sqlx, axum, tokio, hyper or reqwest"
exit $status
