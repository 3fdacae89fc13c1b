# Shared by the local runner's tests (sourced, after ROOT and a fail function are set): start local/run.sh in the
# background and wait until its stack is up.

RUNNER=""

# start_runner DATA_DIR TIMEOUT [VAR=value...]: local/run.sh with that data directory and those LOCAL_STACK_* settings,
# its output in DATA_DIR.log; RUNNER is its pid. Fails when it exits first or is not up within TIMEOUT seconds.
start_runner() {
  local data="$1" timeout="$2" t0=$SECONDS
  shift 2
  rm -f "$data/stack.ready"
  env LOCAL_STACK_DATA_DIR="$data" "$@" bash "$ROOT/local/run.sh" >"$data.log" 2>&1 &
  RUNNER=$!
  until [[ -f "$data/stack.ready" ]]; do
    kill -0 "$RUNNER" 2>/dev/null || { tail -n 20 "$data.log" >&2; fail "the stack did not start"; }
    (( SECONDS - t0 < timeout )) || fail "the stack was not up after $timeout s"
    sleep 0.5
  done
}
