#!/usr/bin/env bash
# Whole-process wall time and peak RSS (/usr/bin/time -f %M) of candor's
# commands on big ledgers of both shapes, against the issue's targets.
#
#   benches/commands.sh                      # sizes 10000 100000 1000000, both shapes
#   benches/commands.sh 10000 100000         # choose sizes
#   SHAPES=realistic benches/commands.sh     # one shape (commitments | realistic)
#   RUNS=5                                   # runs behind each median
#
# Prints Markdown on stdout (progress on stderr): one table per shape and
# size, then a summary of the targets, each marked met or missed. A command
# that exits non-zero shows as FAILED, never as a figure, and the script
# then exits 1 after printing everything.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
read -r -a shapes <<<"${SHAPES:-commitments realistic}"
runs=${RUNS:-5}

work=$(mktemp -d "${TMPDIR:-/tmp}/candor-commands.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building the release binary…" >&2
(cd "$root" && cargo build --release --quiet)
bin=$root/target/release/candor
# Each ledger gets a HOME of its own: the snapshot's sealing key lives there.
export HOME=$work/home
mkdir -p "$HOME"
unset CANDOR_NOW CANDOR_ACTOR CANDOR_REMOTE CANDOR_LEDGER

failed=0

# run LABEL CMD… : one run, measured. Sets secs, kb, rc; stdout goes to $OUT (default $work/out).
run() {
  local label=$1
  shift
  rc=0
  local start=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$work/time" "$@" >"${OUT:-$work/out}" 2>"$work/err" || rc=$?
  local end=$EPOCHREALTIME
  if [ "$rc" -ne 0 ]; then
    echo "  $label: exit $rc: $(head -c 300 "$work/err")" >&2
    secs="" kb=""
    return 0
  fi
  # %e has 10 ms steps; the shell's clock gives the milliseconds.
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  kb=$(tail -n 1 "$work/time")
}

# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR) print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb * 1024 / 1e6 }'; }

# judge SECS KB MAX_SECS : "met" or "missed (why)"; MAX_SECS "-" = memory only
judge() {
  local why=()
  if [ "$3" != "-" ] && awk -v s="$1" -v m="$3" 'BEGIN { exit !(s > m) }'; then why+=("time"); fi
  if awk -v kb="$2" 'BEGIN { exit !(kb * 1024 / 1e6 > 200) }'; then why+=("memory"); fi
  if [ ${#why[@]} -eq 0 ]; then echo "met"; else (IFS=,; echo "missed (${why[*]})" | sed 's/,/, /'); fi
}

# row LABEL TARGET_TEXT MAX_SECS SECS KB [NOTE]: one table row; FAILED when SECS is empty
row() {
  local label=$1 target=$2 max=$3 secs=$4 kb=$5
  if [ -z "$secs" ]; then
    failed=1
    echo "| $label | FAILED | FAILED | $target | missed (failed) |"
    return
  fi
  echo "| $label | $secs | $(mb "$kb") | $target | $(judge "$secs" "$kb" "$max") |"
}

# measure LABEL TARGET MAX_SECS CMD… : one measured run, one row
measure() {
  local label=$1 target=$2 max=$3
  shift 3
  run "$label" "$@"
  row "$label" "$target" "$max" "$secs" "$kb"
  last_secs=$secs last_kb=$kb
}

# measure_median LABEL TARGET MAX_SECS CMD… : RUNS runs, median time and the highest peak;
# @N@ in an argument becomes the run's number (a new id for each write)
measure_median() {
  local label=$1 target=$2 max=$3
  shift 3
  local all_secs=() peak=0 bad=0 i
  for i in $(seq "$runs"); do
    run "$label" "${@//@N@/$i}"
    if [ -z "$secs" ]; then bad=1; break; fi
    all_secs+=("$secs")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  if [ "$bad" -eq 1 ]; then
    row "$label" "$target" "$max" "" ""
    last_secs="" last_kb=""
    return
  fi
  last_secs=$(printf '%s\n' "${all_secs[@]}" | median)
  last_kb=$peak
  row "$label, median of $runs" "$target" "$max" "$last_secs" "$last_kb"
}

# The summary keeps, per target and ledger, the worst figure seen and
# whether a command failed: "target|shape size" → value, label.
declare -A worst worst_label failed_at

# keep TARGET SHAPE SIZE LABEL VALUE : VALUE empty = the command failed
keep() {
  local key="$1|$2 $3"
  if [ -z "$5" ]; then
    failed_at[$key]="${failed_at[$key]:+${failed_at[$key]}, }$4"
  elif [ -z "${worst[$key]:-}" ] || awk -v a="$5" -v b="${worst[$key]}" 'BEGIN { exit !(a > b) }'; then
    worst[$key]=$5 worst_label[$key]=$4
  fi
}

peak_note() { keep "every command ≤ 200 MB peak RSS" "$1" "$2" "$3" "${4:+$(mb "$4")}"; }

# the summary's cell: TARGET SHAPE SIZE LIMIT UNIT
verdict_cell() {
  local key="$1|$2 $3" limit=$4 unit=$5
  if [ -n "${failed_at[$key]:-}" ]; then
    echo "FAILED: ${failed_at[$key]}"
  elif [ -z "${worst[$key]:-}" ]; then
    echo "—"
  elif awk -v v="${worst[$key]}" -v l="$limit" 'BEGIN { exit !(v > l) }'; then
    echo "**missed**: ${worst_label[$key]} ${worst[$key]}$unit"
  else
    echo "met (worst: ${worst_label[$key]} ${worst[$key]}$unit)"
  fi
}

compact_ok=0
if "$bin" export --help | grep -q -- '--compact'; then compact_ok=1; fi

bench_one() {
  local shape=$1 size=$2
  local ledger=$work/ledger
  rm -rf "$ledger" "$HOME"
  mkdir -p "$HOME"
  local c=("$bin" --ledger "$ledger" --no-input)
  echo "$shape, $size records…" >&2
  echo
  echo "### $shape, N = $size"
  echo
  run fill "${c[@]}" bench fill --count "$size" --shape "$shape"
  if [ -z "$secs" ]; then
    failed=1
    echo "FAILED: \`bench fill --count $size --shape $shape\` exited $rc; nothing measured."
    keep "every command ≤ 200 MB peak RSS" "$shape" "$size" "bench fill" ""
    return
  fi
  local fill_secs=$secs fill_kb=$kb
  local raw=0
  if "${c[@]}" bench raw-bytes >"$work/raw"; then raw=$(awk '{ print $3 }' "$work/raw"); fi
  if ! [ "$raw" -gt 0 ] 2>/dev/null; then
    failed=1 raw=0
    echo "FAILED: \`bench raw-bytes\`; the export ratios below are left out."
  fi
  local db
  db=$(du -sb "$ledger" | awk '{ print $1 }')
  echo "raw record bytes: $raw ($(awk -v r="$raw" -v n="$size" 'BEGIN { printf "%.0f", r / n }') a record); ledger on disk: $(mb $((db / 1024))) MB"
  echo
  echo "| command | seconds | peak MB | target | met or missed |"
  echo "|---|---:|---:|---|---|"
  echo "| \`bench fill --shape $shape\` (setup) | $fill_secs | $(mb "$fill_kb") | — | — |"

  measure "\`trust\`, first (no snapshot)" "≤ 1.5 s, ≤ 200 MB" 1.5 "${c[@]}" trust
  keep "first report ≤ 1.5 s" "$shape" "$size" "trust" "$last_secs"
  peak_note "$shape" "$size" "trust (first)" "$last_kb"

  measure_median "\`trust\`, later" "≤ 100 ms, ≤ 200 MB" 0.1 "${c[@]}" trust
  keep "reports after the first ≤ 100 ms" "$shape" "$size" "trust" "$last_secs"
  peak_note "$shape" "$size" "trust" "$last_kb"

  local report
  for report in brief "audit commitments" "audit pipeline"; do
    # shellcheck disable=SC2086
    measure "\`$report\`" "≤ 100 ms, ≤ 200 MB" 0.1 "${c[@]}" $report
    keep "reports after the first ≤ 100 ms" "$shape" "$size" "$report" "$last_secs"
    peak_note "$shape" "$size" "$report" "$last_kb"
  done

  OUT=/dev/null measure "\`log\` (to /dev/null)" "≤ 200 MB" - "${c[@]}" log
  peak_note "$shape" "$size" "log" "$last_kb"
  measure "\`digest\`" "≤ 200 MB" - "${c[@]}" digest
  peak_note "$shape" "$size" "digest" "$last_kb"
  measure "\`show $((size / 2))\`" "≤ 200 MB" - "${c[@]}" show $((size / 2))
  peak_note "$shape" "$size" "show" "$last_kb"

  measure "\`verify\`" "≤ 0.5 s, ≤ 200 MB" 0.5 "${c[@]}" verify
  keep "verify ≤ 0.5 s" "$shape" "$size" "verify" "$last_secs"
  peak_note "$shape" "$size" "verify" "$last_kb"

  local flags
  for flags in "" "--compact"; do
    if [ "$flags" = "--compact" ] && [ "$compact_ok" -eq 0 ]; then
      echo "| \`export --compact\` | — | — | ≤ 2.5× raw | skipped: this build refuses \`--compact\` |"
      continue
    fi
    # shellcheck disable=SC2086
    run "export $flags" "${c[@]}" export $flags --output "$work/export.jsonl"
    local label="\`export${flags:+ $flags}\`"
    if [ -z "$secs" ]; then
      row "$label" "≤ 2.5× raw, ≤ 200 MB" - "" ""
      keep "export ≤ 2.5× raw record bytes" "$shape" "$size" "export $flags" ""
    else
      local out ratio verdict
      out=$(stat -c %s "$work/export.jsonl")
      ratio=$(awk -v o="$out" -v r="$raw" 'BEGIN { if (r > 0) printf "%.2f", o / r; else print "?" }')
      verdict=$(judge "$secs" "$kb" -)
      if awk -v x="$ratio" 'BEGIN { exit !(x > 2.5) }'; then
        case "$verdict" in met) verdict="missed (size)" ;; *) verdict="missed (size, memory)" ;; esac
      fi
      echo "| $label: $(mb $((out / 1024))) MB written, ${ratio}× raw | $secs | $(mb "$kb") | ≤ 2.5× raw, ≤ 200 MB | $verdict |"
      # The target is the smaller export when there is one.
      if [ "$flags" = "--compact" ] || [ "$compact_ok" -eq 0 ]; then
        keep "export ≤ 2.5× raw record bytes" "$shape" "$size" "export${flags:+ $flags}" "$ratio"
      fi
      peak_note "$shape" "$size" "export $flags" "$kb"
    fi
    rm -f "$work/export.jsonl"
  done

  # Domain commands with a current snapshot: one report first, then the
  # writes. A deal of the bench's own, so `deal update` has one in either shape.
  local due
  due=$(date -u -d "+7 days" +%F)
  setup() { "$@" >/dev/null 2>"$work/err" || { failed=1 && echo "| setup: \`${*:5}\` | FAILED | FAILED | — | $(head -c 200 "$work/err") |"; }; }
  setup "${c[@]}" deal add --id BENCH-D --account "Bench Account" --amount 100k --close "$(date -u -d '+60 days' +%F)"
  setup "${c[@]}" trust
  measure_median "\`commitment add\`" "≤ 50 ms, ≤ 200 MB" 0.05 "${c[@]}" commitment add --id "BENCH-C-@N@" \
    --owner leader --what "Send the renewal summary to the CEO" --due "$due"
  keep "domain command ≤ 50 ms" "$shape" "$size" "commitment add" "$last_secs"
  peak_note "$shape" "$size" "commitment add" "$last_kb"
  setup "${c[@]}" trust
  measure_median "\`deal update\`" "≤ 50 ms, ≤ 200 MB" 0.05 "${c[@]}" deal update BENCH-D --amount "10@N@k"
  keep "domain command ≤ 50 ms" "$shape" "$size" "deal update" "$last_secs"
  peak_note "$shape" "$size" "deal update" "$last_kb"

  rm -rf "$ledger"
}

echo "# candor commands: whole-process time and peak RSS"
echo
echo "Release build. Each command a fresh process under \`/usr/bin/time -f %M\` (peak RSS of the whole process, in 10⁶ bytes here);"
echo "seconds from the shell's clock (\`EPOCHREALTIME\`) around it, wall time including process start."
echo "Medians of $runs runs where marked (peak: the highest of those runs). $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)."
[ "$compact_ok" -eq 1 ] || echo "Note: this build has no \`export --compact\`; its rows are skipped."

for shape in "${shapes[@]}"; do
  for size in "${sizes[@]}"; do
    bench_one "$shape" "$size"
  done
done

# target, limit, unit
targets=("every command ≤ 200 MB peak RSS|200| MB" "domain command ≤ 50 ms|0.05| s" "first report ≤ 1.5 s|1.5| s"
  "reports after the first ≤ 100 ms|0.1| s" "verify ≤ 0.5 s|0.5| s" "export ≤ 2.5× raw record bytes|2.5|×")
echo
echo "## Targets"
echo
header="| target |" rule="|---|"
for shape in "${shapes[@]}"; do
  for size in "${sizes[@]}"; do header+=" $shape $size |" rule+="---|"; done
done
echo "$header"
echo "$rule"
for spec in "${targets[@]}"; do
  IFS='|' read -r target limit unit <<<"$spec"
  line="| $target |"
  for shape in "${shapes[@]}"; do
    for size in "${sizes[@]}"; do line+=" $(verdict_cell "$target" "$shape" "$size" "$limit" "$unit") |"; done
  done
  echo "$line"
done
echo
echo "Targets are stated for 1 M events; smaller ledgers are held to the same figures."
echo "verify against the SQLite and PostgreSQL peers: \`cargo bench --bench ledger\`."
exit "$failed"
