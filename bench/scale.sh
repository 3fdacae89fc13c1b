#!/usr/bin/env bash
# make scale: the api role's order view with SCALE_ORDERS orders on order_status (default 1,000,000): a new api
# replica capped at -Xmx256m becomes ready, answers a sample of them, and its heap, RSS and time to ready are
# measured (bench/README.md, "make scale").
#
#   SCALE_ORDERS=N          how many orders (default 1000000; make test runs 20000)
#   SCALE_APP_JAR=FILE      another build of the app (default routes/target/routes.jar)
#
# Writes bench/results/<timestamp>-scale/ (scale.txt, scale.json, the api replicas' logs) and prints the table.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ORDERS="${SCALE_ORDERS:-1000000}"
APP_JAR="${SCALE_APP_JAR:-$ROOT/routes/target/routes.jar}"
OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-scale"
BENCH_CP="$ROOT/bench/target/bench.jar:$ROOT/bench/target/lib/*"
DATA="$ROOT/.data/scale"

say() { printf '[scale] %s\n' "$*"; }
fail() { printf '[scale] ERROR: %s\n' "$*" >&2; exit 1; }

[[ -f "$APP_JAR" ]] || fail "the app is not built (${APP_JAR#"$ROOT"/}): make build"
[[ -f "$ROOT/bench/target/bench.jar" ]] || fail "the bench is not built: make build"
mkdir -p "$OUT"

# shellcheck source=bench/stack.sh
source "$ROOT/bench/stack.sh"
# Kafka (and the mocks the runner always starts); the api replicas are started and measured by ViewScale.
start_stack "$DATA" LOCAL_STACK_NO_APP=1 LOCAL_STACK_NO_SITE=1 LOCAL_STACK_BANK_JOURNAL=off

status=0
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH_CP" io.kafkarestaurants.bench.ViewScale \
  --root "$ROOT" --stack "$DATA" --out "$OUT" --orders "$ORDERS" --app-jar "$APP_JAR" || status=$?
say "results: ${OUT#"$ROOT"/}/ (scale.txt, scale.json, logs)"
exit "$status"
