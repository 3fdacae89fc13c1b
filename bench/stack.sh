# Shared by bench/run.sh and bench/chaos.sh (sourced, after ROOT, OUT and a say/fail pair are set): start a fresh
# local stack in the background and wait until it is up; stop it on exit and keep its logs in OUT.

STACK_PID=""
STACK_DATA=""

# start_stack DATA_DIR [VAR=value...]: local/run.sh with that data directory and those LOCAL_STACK_* settings.
start_stack() {
  STACK_DATA="$1"
  shift
  rm -rf "$STACK_DATA"
  say "starting the stack in ${STACK_DATA#"$ROOT"/}; its output: ${OUT#"$ROOT"/}/stack.log"
  env LOCAL_STACK_DATA_DIR="$STACK_DATA" "$@" bash local/run.sh >"$OUT/stack.log" 2>&1 &
  STACK_PID=$!
  local t0=$SECONDS
  until [[ -f "$STACK_DATA/stack.ready" ]]; do
    kill -0 "$STACK_PID" 2>/dev/null || { tail -n 30 "$OUT/stack.log" >&2; fail "the stack did not start"; }
    (( SECONDS - t0 < 600 )) || fail "the stack was not up after 600 s; see ${OUT#"$ROOT"/}/stack.log"
    sleep 1
  done
  say "stack up in $((SECONDS - t0)) s"
}

stop_stack() {
  [[ -n "$STACK_PID" ]] || return 0
  say "stopping the stack"
  kill -TERM "$STACK_PID" 2>/dev/null || true
  wait "$STACK_PID" 2>/dev/null || true
  STACK_PID=""
  cp "$STACK_DATA"/logs/*.log "$OUT/" 2>/dev/null || true
}

trap stop_stack EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
