#!/usr/bin/env bash
# The shared ledger under load (docs/benchmarks.md, "The shared ledger:
# candor serve"): a fresh ledger served on a loopback port; 1, 4 and 16
# concurrent writers with 2 readers; a soak of 10,000 appends from 8
# writers; a clean stop (SIGTERM) and `candor verify`; then a report through
# --remote once the replica is current against the same report on a local
# copy of the ledger.
#
#   scripts/bench-serve.sh            # APPENDS=200 per writer, SOAK=1250 per writer
#   APPENDS=100 SOAK=1250 scripts/bench-serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
APPENDS=${APPENDS:-200}
SOAK=${SOAK:-1250}
cargo build --release --quiet
BIN=$PWD/target/release/candor
WORK=$(mktemp -d)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
# A machine of its own: keys, replicas and the real clock.
export HOME=$WORK/home CANDOR_REPLICAS=$WORK/replicas
unset CANDOR_REMOTE CANDOR_NOW CANDOR_LEDGER CANDOR_ACTOR CANDOR_ALLOW_FUTURE_CLOCK
mkdir -p "$HOME"
LEDGER=$WORK/ledger

echo "machine: $(nproc) cores, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$BIN" --ledger "$LEDGER" --no-input init --company Bench --ceo Dana --leader Lee --currency USD \
  --leader-key-here >/dev/null

start_server() {
  "$BIN" --ledger "$LEDGER" serve --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
  SERVER=$!
  for _ in $(seq 200); do
    grep -q listening "$WORK/serve.out" 2>/dev/null && break
    sleep 0.05
  done
  URL=$(grep -o 'http://[^ ]*' "$WORK/serve.out" | head -1)
  [ -n "$URL" ] || { cat "$WORK/serve.err"; exit 3; }
}
stop_server() {
  kill -TERM "$SERVER"
  wait "$SERVER"
  SERVER=
  tail -1 "$WORK/serve.out"
}

start_server
echo "server: $URL"
for n in 1 4 16; do
  echo
  echo "== $n writers x $APPENDS appends, 2 readers"
  "$BIN" --as Lee bench remote-load --url "$URL" --clients "$n" --appends "$APPENDS" --readers 2 --prefix "N$n-"
done
echo
echo "== soak: 8 writers x $SOAK appends, 2 readers"
"$BIN" --as Lee bench remote-load --url "$URL" --clients 8 --appends "$SOAK" --readers 2 --prefix S-
echo
stop_server
echo "== candor verify (the served ledger, server stopped)"
"$BIN" --ledger "$LEDGER" verify

echo
echo "== a report through --remote with a current replica vs the same report on a local copy"
cp -r "$LEDGER" "$WORK/copy"
start_server
TIMEFORMAT='%R s'
for report in trust brief; do
  # Each warmed once: the replica pulls the chain, each side seals its snapshot.
  "$BIN" --remote "$URL" "$report" --format json >/dev/null
  "$BIN" --ledger "$WORK/copy" "$report" --format json >/dev/null
  for i in 1 2 3 4 5; do
    echo -n "$report remote: "; { time "$BIN" --remote "$URL" "$report" --format json >/dev/null; } 2>&1
    echo -n "$report local:  "; { time "$BIN" --ledger "$WORK/copy" "$report" --format json >/dev/null; } 2>&1
  done
done
echo "records: $("$BIN" --ledger "$WORK/copy" digest)"
stop_server
