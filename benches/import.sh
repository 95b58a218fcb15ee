#!/usr/bin/env bash
# Bulk paths, measured with a release build: importing seeded CRM exports
# (10k and 100k rows) beside reading the same file with the csv crate alone,
# and replaying a 10,000-line script as one append and line by line.
# Usage: benches/import.sh [RUNS]   (default 5; prints the median of each)
set -euo pipefail
runs=${1:-5}
cargo build --release --quiet
bin="$PWD/target/release/candor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CANDOR_NOW=2026-01-12T09:00:00Z

# Seconds a command takes, median of $runs fresh runs; $1 prepares each run.
median() {
  local prepare=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    eval "$prepare"
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'
}

fresh() { rm -rf "$work/l"; "$bin" --ledger "$work/l" init --company Bench --ceo Dana --leader Lee >/dev/null; }

echo "| rows | csv crate alone (s) | import --dry-run, read + diff (s) | import deals, first import (s) | import again, 0 changes (s) |"
echo "|---:|---:|---:|---:|---:|"
for rows in 10000 100000; do
  f="$work/sf$rows.csv"
  "$bin" bench crm-export --source salesforce --rows "$rows" --seed 7 >"$f"
  floor=$(median true "$bin" bench csv-floor "$f")
  dry=$(median fresh "$bin" --ledger "$work/l" import deals --source salesforce "$f" --dry-run)
  first=$(median fresh "$bin" --ledger "$work/l" import deals --source salesforce "$f")
  again=$(median true "$bin" --ledger "$work/l" import deals --source salesforce "$f")
  echo "| $rows | $floor | $dry | $first | $again |"
done

echo
echo "| replay of a 10,000-line script | seconds |"
echo "|---|---:|"
"$bin" bench replay-script --lines 10000 >"$work/s.candor"
"$bin" bench replay-script --lines 1000 >"$work/s1k.candor"
one=$(median 'rm -rf "$work/r"' "$bin" --ledger "$work/r" replay "$work/s.candor")
echo "| one durable append (default) | $one |"
each=$(median 'rm -rf "$work/r"' "$bin" --ledger "$work/r" replay --each "$work/s1k.candor")
echo "| --each, first 1,000 lines only | $each |"
