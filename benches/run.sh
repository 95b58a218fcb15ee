#!/usr/bin/env bash
# Every benchmark of issue 15 in one go, on a Debian-like machine:
#
#   benches/run.sh                    # sizes 10000 100000 1000000
#   benches/run.sh 10000 100000       # choose sizes
#
# Installs Debian's PostgreSQL first when it is missing and this is root
# (the ledger bench makes its own cluster on a Unix socket in a temporary
# directory and removes it; without PostgreSQL it notes so and runs the
# rest), then prints the ledger bench (candor, SQLite, PostgreSQL) and the
# whole-process table of every command (benches/commands.sh), in Markdown.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing PostgreSQL (apt-get)…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 ||
      echo "apt-get could not install postgresql; the PostgreSQL peer will be skipped" >&2
  else
    echo "no PostgreSQL under /usr/lib/postgresql; the PostgreSQL peer will be skipped" >&2
  fi
fi

cd "$root"
list=$(
  IFS=,
  echo "${sizes[*]}"
)
started=$SECONDS
cargo bench --bench ledger -- --sizes "$list"
echo
benches/commands.sh "${sizes[@]}"
echo
echo "benches/run.sh: $((SECONDS - started)) s in all" >&2
