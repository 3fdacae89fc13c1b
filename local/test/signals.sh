#!/usr/bin/env bash
# Test of local/run.sh's stop: on TERM, INT or HUP, sent once or several times, to the script or to its whole process
# group (what `timeout`, systemd and CI runners do), every part it started stops, every port is free again, and the
# next start finds no stale part. Starts the stack without the app and the site (Kafka, bank mock, MailDev) in
# .data/signals-test. Exits non-zero on the first case that leaves anything behind.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DATA="$ROOT/.data/signals-test"
PORTS=(9092 9093 8089 1025 1080)

say() { printf '[signals] %s\n' "$*"; }
fail() { printf '[signals] FAIL: %s\n' "$*" >&2; exit 1; }

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Job control: each start is a process group of its own (as a service manager or a CI job runs it), whose SIGINT is
# not ignored (bash ignores it in the background jobs of a script without job control).
set -m

# shellcheck source=local/test/stack.sh
source "$ROOT/local/test/stack.sh"

start_stack() {
  start_runner "$DATA" 120 LOCAL_STACK_NO_APP=1 LOCAL_STACK_NO_SITE=1
  PARTS=()
  local part
  for part in "$DATA"/pids/*; do PARTS+=("$(<"$part")"); done
  (( ${#PARTS[@]} == 3 )) || fail "expected 3 parts in $DATA/pids, found ${#PARTS[@]}"
}

# expect_stopped CASE: the runner exits within 90 s, and no part's process group nor any port is left.
expect_stopped() {
  local t0=$SECONDS pgid port
  while kill -0 "$RUNNER" 2>/dev/null; do
    (( SECONDS - t0 < 90 )) || fail "$1: the runner still runs after 90 s"
    sleep 0.2
  done
  wait "$RUNNER" 2>/dev/null || true
  for pgid in "${PARTS[@]}"; do
    ! kill -0 -- "-$pgid" 2>/dev/null || fail "$1: process group $pgid is still running"
  done
  for port in "${PORTS[@]}"; do
    ! port_taken "$port" || fail "$1: port $port is still taken"
  done
  [[ ! -e "$DATA/stack.ready" ]] || fail "$1: stack.ready is left behind"
  say "$1: every part stopped in $((SECONDS - t0)) s, every port free"
}

for port in "${PORTS[@]}"; do
  ! port_taken "$port" || fail "port $port is taken before the test: stop what holds it"
done
rm -rf "$DATA"
mkdir -p "$DATA"

start_stack
kill -TERM -- "-$RUNNER"
expect_stopped "TERM to the whole process group"

start_stack
kill -TERM "$RUNNER"; kill -TERM "$RUNNER"; kill -TERM "$RUNNER"
expect_stopped "TERM three times to the script"

start_stack
kill -INT "$RUNNER"
expect_stopped "INT to the script"

start_stack
kill -HUP -- "-$RUNNER"
expect_stopped "HUP to the whole process group"

rm -rf "$DATA" "$DATA.log"
say "passed"
