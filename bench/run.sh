#!/usr/bin/env bash
# make bench: start the local stack (one JVM per role, bank journal off, no site), measure, stop the stack.
#
#   BENCH_SIZE=full|smoke          full: ~5 minutes of measuring (default); smoke: ~1 minute, what CI runs
#   BENCH_LAYOUT=per-role|one      one JVM per role (default) or all roles in one JVM
#   BENCH_STACK=start|running      start a fresh stack in .data/bench (default), or measure the stack that
#                                  `make run` keeps running (its .data/parts.tsv)
#   BENCH_APP_JAR=FILE             measure another build of the app (default routes/target/routes.jar)
#
# Writes bench/results/<timestamp>/ (results.json, report.html, chart-*.svg, logs) and prints the table.
# Exits non-zero when an accepted order did not reach exactly one terminal status, or a part failed.
# Talks to 127.0.0.1 only; every load is bounded in count and time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SIZE="${BENCH_SIZE:-full}"
LAYOUT="${BENCH_LAYOUT:-per-role}"
STACK="${BENCH_STACK:-start}"
APP_JAR="${BENCH_APP_JAR:-$ROOT/routes/target/routes.jar}"
OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-$SIZE"
BENCH_CP="$ROOT/bench/target/bench.jar:$ROOT/bench/target/lib/*"

say() { printf '[bench] %s\n' "$*"; }
fail() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

if ! command -v wrk >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing wrk (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk; } \
      >/dev/null || fail "could not install wrk with apt-get"
  else
    fail "wrk is needed: sudo apt-get install -y wrk"
  fi
fi
[[ -f "$APP_JAR" ]] || fail "the app is not built (${APP_JAR#"$ROOT"/}): make build"
[[ -f "$ROOT/bench/target/bench.jar" ]] || fail "the bench is not built: make build"
mkdir -p "$OUT"

# shellcheck source=bench/stack.sh
source "$ROOT/bench/stack.sh"

if [[ "$STACK" == start ]]; then
  DATA="$ROOT/.data/bench"
  start_stack "$DATA" LOCAL_STACK_LAYOUT="$LAYOUT" LOCAL_STACK_BANK_JOURNAL=off LOCAL_STACK_NO_SITE=1 \
    LOCAL_STACK_APP_JAR="$APP_JAR"
elif [[ "$STACK" == running ]]; then
  DATA="$ROOT/.data"
  [[ -f "$DATA/stack.ready" ]] || fail "no running stack (.data/stack.ready is missing): start it with make run"
else
  fail "BENCH_STACK is start or running, not '$STACK'"
fi

status=0
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH_CP" io.kafkarestaurants.bench.Bench --root "$ROOT" --stack "$DATA" --out "$OUT" \
  --size "$SIZE" --layout "$LAYOUT" --jar "$APP_JAR" || status=$?
exit "$status"
