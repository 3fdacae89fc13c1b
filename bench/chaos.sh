#!/usr/bin/env bash
# make chaos: start the local stack (one JVM per role, parts restarted when they exit), send orders while killing,
# stopping and slowing its parts, then check every lifecycle invariant (bench/README.md, "make chaos").
#
#   CHAOS_SIZE=default|ci|large    default: 2,000 orders at 8/s with every fault (~8 minutes); ci: 300 orders at
#                                  5/s, one SIGKILL of each role and of the broker (~3 minutes); large: 10,000 orders
#   CHAOS_SCENARIO=roles|replicas  roles (default): one JVM per role, as above. replicas: two JVMs of each role behind
#                                  the site's nginx (the site must be built: make site); orders through the site, three
#                                  in ten also to both api replicas at once; one transactions and one email process
#                                  stopped (SIGTERM, down 10 s) or killed (SIGKILL) and started again; then both api
#                                  replicas must answer the same for every order. CHAOS_SIZE=default: 1,000 orders at
#                                  6/s (~5 minutes); ci: 400 orders at 5/s, the four faults once (~4 minutes)
#   CHAOS_APP_JAR=FILE             another build of the app (default routes/target/routes.jar)
#   CHAOS_SECURE=1                 (make chaos SECURE=1) the stack with LOCAL_STACK_SECURE=1: Kafka with SASL/SCRAM and
#                                  the ACLs of strimzi/base/kafka-users.yaml, each role as its own user; the harness
#                                  reads the topics as the runner's admin user
#
# Writes bench/results/<timestamp>-chaos-<size>/ (-chaos-replicas-<size>/ for the replicas scenario, -chaos-secure-...
# in secure mode: chaos.txt, chaos.json, the stack's logs) and prints the table.
# Exits non-zero on any violation of an invariant, or when the stack or the load fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SIZE="${CHAOS_SIZE:-default}"
SCENARIO="${CHAOS_SCENARIO:-roles}"
APP_JAR="${CHAOS_APP_JAR:-$ROOT/routes/target/routes.jar}"
SECURE="${CHAOS_SECURE:-0}"
OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-chaos-$([[ "$SECURE" == 1 ]] && echo secure- || true)$([[ "$SCENARIO" == roles ]] || echo "$SCENARIO-")$SIZE"
BENCH_CP="$ROOT/bench/target/bench.jar:$ROOT/bench/target/lib/*"
DATA="$ROOT/.data/chaos"

say() { printf '[chaos] %s\n' "$*"; }
fail() { printf '[chaos] ERROR: %s\n' "$*" >&2; exit 1; }

[[ -f "$APP_JAR" ]] || fail "the app is not built (${APP_JAR#"$ROOT"/}): make build"
[[ -f "$ROOT/bench/target/bench.jar" ]] || fail "the bench is not built: make build"
case "$SCENARIO" in
  roles)
    stack=(LOCAL_STACK_NO_SITE=1)
    ;;
  replicas)
    [[ "$SIZE" != large ]] || fail "the replicas scenario has the sizes default and ci"
    [[ -f "$ROOT/restaurants-frontend/dist/index.html" ]] || fail "the replicas scenario goes through the site: make site"
    # Every order comes from this one address: the site's limit per address (10 a minute) must not refuse them.
    stack=(LOCAL_STACK_REPLICAS=2 LOCAL_STACK_ORDER_RATE_LIMIT=1000r/s)
    ;;
  *) fail "CHAOS_SCENARIO is roles or replicas, not '$SCENARIO'" ;;
esac
case "$SECURE" in
  0) ;;
  1) stack+=(LOCAL_STACK_SECURE=1) ;;
  *) fail "CHAOS_SECURE is 0 or 1, not '$SECURE'" ;;
esac
mkdir -p "$OUT"

# shellcheck source=bench/stack.sh
source "$ROOT/bench/stack.sh"
start_stack "$DATA" LOCAL_STACK_LAYOUT=per-role LOCAL_STACK_SUPERVISE=restart "${stack[@]}" \
  LOCAL_STACK_APP_JAR="$APP_JAR"

status=0
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error -cp "$BENCH_CP" io.kafkarestaurants.bench.Chaos \
  --root "$ROOT" --stack "$DATA" --out "$OUT" --scenario "$SCENARIO" --size "$SIZE" || status=$?
say "results: ${OUT#"$ROOT"/}/ (chaos.txt, chaos.json, logs)"
exit "$status"
