#!/usr/bin/env bash
# The local stack of Kafka Restaurants, without Docker: what `make run` starts.
#
#   bash local/run.sh                      Kafka, bank mock, SMTP mock + inbox, and the app (routes.jar)
#   LOCAL_STACK_NO_APP=1 bash local/run.sh everything but the app, e.g. to run the app from an IDE
#                                          (the script prints the environment the app needs)
#   LOCAL_STACK_DATA_DIR=DIR               keep state and logs in DIR instead of .data (browser tests use
#                                          a throwaway one)
#   LOCAL_STACK_LAYOUT=per-role            one JVM per role instead of all roles in one: api on 8080,
#                                          transactions on 8081, email on 8082 (bench, chaos)
#   LOCAL_STACK_REPLICAS=2                 with LOCAL_STACK_LAYOUT=per-role: two JVMs of each role (up to 3), named
#                                          app-api-1, app-api-2, app-transactions-1 ...; api-1 keeps 8080, each further
#                                          replica of a role listens 3 above the one before: api 8080 + 8083,
#                                          transactions 8081 + 8084, email 8082 + 8085. The stage replicas share their
#                                          role's consumer group (Kafka spreads the partitions between them); the
#                                          site's nginx sends /api/ to the api replicas in turn (chaos, replicas)
#   LOCAL_STACK_BANK_JOURNAL=off           the bank mock keeps no request journal and logs no requests (load
#                                          tests; with the journal on WireMock is 2x slower and grows to GBs)
#   LOCAL_STACK_APP_JAVA_OPTS="..."        JVM options of the app process(es) (default: see APP_JAVA_OPTS)
#   LOCAL_STACK_APP_JAR=FILE               run another build of the app (default routes/target/routes.jar)
#   LOCAL_STACK_NO_SITE=1                  no nginx and no site (make bench talks to the app directly)
#   LOCAL_STACK_ORDER_RATE_LIMIT=RATE      orders one client address may place through the site (default 10r/m, as
#                                          everywhere; make chaos's replicas scenario sends all its orders from here)
#   LOCAL_STACK_SUPERVISE=restart          a part that exits is started again instead of stopping the stack, at
#                                          once or once DATA_DIR/hold/NAME is removed (make chaos kills parts)
#   LOCAL_STACK_SECURE=1                   (make run SECURE=1) Kafka with SASL/SCRAM-SHA-512 on its client listener and
#                                          ACLs enforced: one user per role with the ACLs of strimzi/base/kafka-users.yaml,
#                                          the topics of strimzi/base/kafka-topics.yaml made by the runner's admin user
#                                          (the roles may not create topics), one JVM per role each with its own user
#                                          (so per-role layout); state in .data/secure unless LOCAL_STACK_DATA_DIR says
#                                          otherwise; passwords random, kept in DATA_DIR/kafka/secure (mode 600)
#
# While it runs, DATA_DIR/parts.tsv lists each started part (name, pid, seconds to ready), DATA_DIR/stack.properties
# where each part listens, DATA_DIR/app-java-opts the app's JVM options, and DATA_DIR/stack.ready exists once
# everything is up, and DATA_DIR/pids/NAME the process group of each part now (it changes when a part restarts);
# make bench and make chaos read them.
#
# Ctrl-C (or SIGTERM, or closing the terminal) stops everything it started. If any part exits on its own, the script says which one
# and stops the rest. From another script, stop it with SIGTERM (`kill PID`): bash makes a background job of
# a non-interactive shell ignore SIGINT. All ports are bound to 127.0.0.1:
#   Kafka 9092 (clients) + 9093 (KRaft controller), bank mock (WireMock) 8089, SMTP 1025, inbox (MailDev) 1080,
#   the app 8080 (per role: 8080 to 8082, with replicas up to 8088 as above), the site (nginx,
#   restaurants-frontend/dist, /api/ proxied to the app) 8000.
# State lives in .data/ at the repo root (Kafka data, the api's order view, the bank mock's payments, the local card
# key, logs); `rm -rf .data` resets it.
# Needs: java 17+ on PATH, node + npm, curl. See local/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SECURE="${LOCAL_STACK_SECURE:-0}"
# A secure stack keeps its own state: a broker formatted without SCRAM users is not started with ACLs, nor the reverse.
if [[ "$SECURE" == 1 ]]; then default_data_dir="$ROOT/.data/secure"; else default_data_dir="$ROOT/.data"; fi
DATA_DIR="${LOCAL_STACK_DATA_DIR:-$default_data_dir}"
mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
LOG_DIR="$DATA_DIR/logs"
KAFKA_DIR="$DATA_DIR/kafka"
KAFKA_LIBS="$ROOT/local/target/kafka/libs"
# LOCAL_STACK_SECURE=1: the users' passwords and the client settings made from them (mode 700, files 600), and the
# runner's tool that makes and applies them (every source under local/kafka/tools: SecureKafka, and in acls/, a source
# root the deploy tests compile too, the reader of kafka-users.yaml; compiled into local/target/tools).
KAFKA_SECURE_DIR="$DATA_DIR/kafka/secure"
KAFKA_USERS="$ROOT/strimzi/base/kafka-users.yaml"
KAFKA_TOPICS="$ROOT/strimzi/base/kafka-topics.yaml"
TOOLS_SRC="$ROOT/local/kafka/tools"
TOOLS_DIR="$ROOT/local/target/tools"
WIREMOCK_DIR="$ROOT/local/target/wiremock"
# The bank mock's WireMock extension (mocks/bank, a module of the parent pom: `make build` builds it).
BANK_MOCK_JAR="$ROOT/mocks/bank/target/bank-mock.jar"
BANK_STATE="$DATA_DIR/bank/payments.jsonl"
MAILDEV_BIN="$ROOT/mocks/smtp/node_modules/.bin/maildev"
APP_JAR="${LOCAL_STACK_APP_JAR:-$ROOT/routes/target/routes.jar}"
CATALOG="$ROOT/config/restaurants.json"
SITE_DIST="$ROOT/restaurants-frontend/dist"
SITE_TEMPLATE="$ROOT/restaurants-frontend/nginx/default.conf.template"
NGINX_DIR="$DATA_DIR/nginx"
NO_APP="${LOCAL_STACK_NO_APP:-0}"
NO_SITE="${LOCAL_STACK_NO_SITE:-0}"
# One user per role needs one JVM per role: a secure stack runs per role unless told otherwise (and then refuses).
if [[ "$SECURE" == 1 ]]; then default_layout=per-role; else default_layout=one; fi
LAYOUT="${LOCAL_STACK_LAYOUT:-$default_layout}"
REPLICAS="${LOCAL_STACK_REPLICAS:-1}"
BANK_JOURNAL="${LOCAL_STACK_BANK_JOURNAL:-on}"
SUPERVISE="${LOCAL_STACK_SUPERVISE:-stop}"
ORDER_RATE_LIMIT="${LOCAL_STACK_ORDER_RATE_LIMIT:-10r/m}"
# JVM options of the app: a heap cap keeps each JVM's memory honest on a shared box (the JVM default is a quarter of
# the machine), and the serial collector spends the least CPU on heaps this small (measured with make bench: search
# 4.7k req/s with G1, 6.3-7k with serial, same box). One JVM per role needs less heap than all roles together.
if [[ "$LAYOUT" == per-role ]]; then heap=192m; else heap=384m; fi
APP_JAVA_OPTS="${LOCAL_STACK_APP_JAVA_OPTS:--Xmx$heap -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m}"
PARTS_FILE="$DATA_DIR/parts.tsv"
READY_FILE="$DATA_DIR/stack.ready"
PIDS_DIR="$DATA_DIR/pids"
HOLD_DIR="$DATA_DIR/hold"

HOST=127.0.0.1
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
BANK_PORT=8089
SMTP_PORT=1025
INBOX_PORT=1080
APP_PORT=8080
SITE_PORT=8000
# LOCAL_STACK_LAYOUT=per-role: the api role keeps APP_PORT; the stage roles serve only their actuator endpoints.
TRANSACTIONS_PORT=8081
EMAIL_PORT=8082
# LOCAL_STACK_REPLICAS: the n-th process of a role listens (n - 1) steps above its role's port.
REPLICA_PORT_STEP=3

# Readiness timeouts (seconds).
KAFKA_TIMEOUT=60
BANK_TIMEOUT=60
INBOX_TIMEOUT=30
APP_TIMEOUT=180
SITE_TIMEOUT=30

# Started parts, in start order: names, pids (each is its process group leader), log files, commands.
NAMES=()
PIDS=()
LOGS=()
CMDS=()
STARTED_AT=()
STOPPING=0
FORCE_STOP=0

# Messages never fail: a closed stdout (a pipe whose reader died with Ctrl-C) must not stop the cleanup.
say() { printf '[local] %s\n' "$*" 2>/dev/null || true; }
fail() { printf '[local] ERROR: %s\n' "$*" >&2 2>/dev/null || true; exit 1; }

# ---------------------------------------------------------------------------------------------------------
# Stopping: process groups, app first and Kafka last (so the app can commit its offsets on the way out).
# ---------------------------------------------------------------------------------------------------------

group_alive() { kill -0 -- "-$1" 2>/dev/null; }

stop_part() { # index, grace seconds
  local i="$1" grace="$2" pid="${PIDS[$1]}" waited=0
  group_alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
  say "stopping ${NAMES[$i]} (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || true
  while group_alive "$pid" && (( waited < grace * 5 )) && (( FORCE_STOP == 0 )); do
    sleep 0.2
    waited=$((waited + 1))
  done
  if group_alive "$pid"; then
    say "${NAMES[$i]} did not stop in ${grace}s: killing it"
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

grace_of() {
  case "$1" in
    app*) echo 45 ;;    # Spring graceful shutdown drains in-flight exchanges
    kafka) echo 30 ;;   # controlled shutdown
    *) echo 10 ;;
  esac
}

# A signal while stopping never cuts the stop short. The same delivery twice (make forwards to its child the TERM
# that `kill -- -PGID`, timeout or systemd already sent the whole group) changes nothing; a later one (a second
# Ctrl-C) skips the grace periods.
FIRST_SIGNAL_AT=-10
hurry() {
  (( SECONDS - FIRST_SIGNAL_AT >= 2 )) && FORCE_STOP=1
  return 0
}

cleanup() {
  local status=$?
  trap hurry INT TERM HUP
  (( STOPPING )) && return
  STOPPING=1
  # Nothing may cut the cleanup short.
  set +e
  rm -f "$READY_FILE"
  local i
  for (( i = ${#PIDS[@]} - 1; i >= 0; i-- )); do
    stop_part "$i" "$(grace_of "${NAMES[$i]}")"
  done
  (( ${#PIDS[@]} > 0 )) && say "stopped; logs are in ${LOG_DIR#"$ROOT"/}/"
  exit "$status"
}

on_signal() {
  trap hurry INT TERM HUP
  FIRST_SIGNAL_AT=$SECONDS
  say "received SIG$1: stopping the stack"
  exit 0
}

# The children run in their own sessions: the terminal's Ctrl-C or hang-up reaches only this script, which
# stops them in order. SIGPIPE is ignored so that a dead stdout reader cannot kill the script before that.
trap '' PIPE
trap cleanup EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP

# ---------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------

port_owner() { # prints the listener line(s) of a TCP port on any address, empty if free
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null || true
  elif (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; then
    echo "something answers on $HOST:$1"
  fi
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

http_body() { curl -fsS --max-time 2 "$1" 2>/dev/null; }

# start NAME LOGFILE CMD...: runs CMD in its own session/process group, stdout+stderr appended to LOGFILE.
start() {
  local name="$1" log="$2"
  shift 2
  printf '\n===== %s: starting %s =====\n' "$(date '+%F %T')" "$name" >>"$log"
  setsid "$@" </dev/null >>"$log" 2>&1 &
  NAMES+=("$name")
  PIDS+=("$!")
  LOGS+=("$log")
  STARTED_AT+=("$SECONDS")
  CMDS+=("$(printf '%q ' "$@")")
  echo "$!" >"$PIDS_DIR/$name"
}

# restart INDEX: starts a part that exited again, with the same command and log (LOCAL_STACK_SUPERVISE=restart).
restart() {
  local i="$1" name="${NAMES[$1]}"
  local -a command
  eval "command=(${CMDS[$i]})"
  printf '\n===== %s: restarting %s =====\n' "$(date '+%F %T')" "$name" >>"${LOGS[$i]}"
  # A simple command, as in start: the background job execs setsid, so $! is the part's own process group.
  setsid "${command[@]}" </dev/null >>"${LOGS[$i]}" 2>&1 &
  PIDS[i]=$!
  STARTED_AT[i]=$SECONDS
  echo "$!" >"$PIDS_DIR/$name"
  say "restarted $name (pid $!)"
}

index_of() {
  local i
  for i in "${!NAMES[@]}"; do [[ "${NAMES[$i]}" == "$1" ]] && { echo "$i"; return; }; done
  echo -1
}

died() { # name [status]: report a part that exited on its own, with the end of its log
  local i pid log rc="${2:-}"
  i="$(index_of "$1")"
  pid="${PIDS[$i]}"
  log="${LOGS[$i]}"
  if [[ -z "$rc" ]]; then
    rc=0
    wait "$pid" 2>/dev/null || rc=$?
  fi
  {
    printf '[local] ERROR: %s exited (status %s). Last lines of %s:\n' "$1" "$rc" "${log#"$ROOT"/}"
    tail -n 25 "$log" | sed 's/^/    /'
  } >&2 2>/dev/null || true
}

# wait_ready NAME TIMEOUT CHECK...: polls CHECK until it succeeds, the part dies, or the timeout passes.
wait_ready() {
  local name="$1" timeout="$2" i pid log t0
  shift 2
  i="$(index_of "$name")"
  pid="${PIDS[$i]}"
  log="${LOGS[$i]}"
  t0=$SECONDS
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      died "$name"
      fail "$name did not start; see ${log#"$ROOT"/}"
    fi
    if (( SECONDS - t0 >= timeout )); then
      {
        printf '[local] ERROR: %s is not ready after %ss. Last lines of %s:\n' "$name" "$timeout" "${log#"$ROOT"/}"
        tail -n 25 "$log" | sed 's/^/    /'
      } >&2 2>/dev/null || true
      fail "$name did not become ready in ${timeout}s; see ${log#"$ROOT"/}"
    fi
    sleep 0.5
  done
  local ready_after=$((SECONDS - ${STARTED_AT[$i]}))
  say "$name ready after ${ready_after}s"
  printf '%s\t%s\t%s\n' "$name" "$pid" "$ready_after" >>"$PARTS_FILE"
}

kafka_ready() {
  port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$LOG_DIR/kafka.log"
}
bank_ready() { http_body "http://$HOST:$BANK_PORT/__admin/health" >/dev/null; }
inbox_ready() { http_body "http://$HOST:$INBOX_PORT/api/healthz" >/dev/null; }
site_ready() { http_body "http://$HOST:$SITE_PORT/" >/dev/null; }
app_ready() { # [port]
  local body
  body="$(http_body "http://$HOST:${1:-$APP_PORT}/actuator/health/readiness")" || return 1
  [[ "$body" == *'"status":"UP"'* ]]
}

rotate_log() { # keep the previous run's log as NAME.log.1
  [[ -s "$1" ]] && mv -f "$1" "$1.1"
  : >"$1"
}

# Prints "restaurantId menuItemId" of the first restaurant in the catalog (config/restaurants.json), or nothing.
sample_ids() {
  [[ -f "$CATALOG" ]] || return 0
  # shellcheck disable=SC2016  # ${...} is JavaScript's, not the shell's
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).restaurants[0];
    console.log(`${r.id} ${r.menu[0].id}`);' "$CATALOG" 2>/dev/null || true
}

ROLES=(api transactions email)

# role_port ROLE N: where the N-th process of ROLE listens (per-role layout).
role_port() {
  local base
  case "$1" in api) base=$APP_PORT ;; transactions) base=$TRANSACTIONS_PORT ;; email) base=$EMAIL_PORT ;; esac
  echo $((base + REPLICA_PORT_STEP * ($2 - 1)))
}

# role_process ROLE N: the N-th process of ROLE, as its part and log are named: ROLE alone, or ROLE-N with replicas.
role_process() {
  if (( REPLICAS > 1 )); then echo "$1-$2"; else echo "$1"; fi
}

# ---------------------------------------------------------------------------------------------------------
# 1. Prerequisites and builds
# ---------------------------------------------------------------------------------------------------------

command -v java >/dev/null 2>&1 || fail "java is not on PATH (Java 17 or newer is needed)"
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
java_major="${java_major%%.*}"
if ! [[ "$java_major" =~ ^[0-9]+$ ]] || (( java_major < 17 )); then
  fail "Java 17 or newer is needed (java on PATH is '${java_major:-unknown}')"
fi
command -v curl >/dev/null 2>&1 || fail "curl is needed (apt-get install -y curl)"
command -v setsid >/dev/null 2>&1 || fail "setsid (util-linux) is needed"
command -v node >/dev/null 2>&1 || fail "node is needed for the inbox (MailDev)"

if [[ "$NO_SITE" != 1 ]]; then
  if ! command -v nginx >/dev/null 2>&1 && [[ -x /usr/sbin/nginx ]]; then PATH="$PATH:/usr/sbin"; fi
  if ! command -v nginx >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
      say "installing nginx (apt-get)"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; } \
        >/dev/null || fail "could not install nginx with apt-get"
      PATH="$PATH:/usr/sbin"
    else
      fail "nginx is needed for the site: sudo apt-get install -y nginx (or your system's nginx package)"
    fi
  fi
  command -v envsubst >/dev/null 2>&1 || fail "envsubst is needed for the site's nginx template: sudo apt-get install -y gettext-base"
  [[ -f "$SITE_TEMPLATE" ]] || fail "the site's nginx template is missing (${SITE_TEMPLATE#"$ROOT"/})"
  [[ -f "$SITE_DIST/index.html" ]] || fail "the site is not built: \`make run\` builds it; by hand: (cd restaurants-frontend && npm ci && npm run build)"
fi

if [[ "$NO_APP" != 1 && ! -f "$APP_JAR" ]]; then
  fail "the app is not built: ${APP_JAR#"$ROOT"/} is missing. \`make run\` builds it first; by hand: \`./mvnw -q -DskipTests package\`. Or start without it: LOCAL_STACK_NO_APP=1 bash local/run.sh"
fi

ports=("$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$BANK_PORT" "$SMTP_PORT" "$INBOX_PORT")
[[ "$NO_SITE" == 1 ]] || ports+=("$SITE_PORT")
[[ "$NO_APP" == 1 ]] || ports+=("$APP_PORT")
case "$LAYOUT" in one|per-role) ;; *) fail "LOCAL_STACK_LAYOUT is 'one' or 'per-role', not '$LAYOUT'" ;; esac
case "$SECURE" in 0|1) ;; *) fail "LOCAL_STACK_SECURE is 0 or 1, not '$SECURE'" ;; esac
if [[ "$SECURE" == 1 && "$LAYOUT" != per-role ]]; then
  fail "LOCAL_STACK_SECURE=1 gives each role its own Kafka user, so each role its own JVM: LOCAL_STACK_LAYOUT=per-role"
fi
[[ "$REPLICAS" =~ ^[1-3]$ ]] || fail "LOCAL_STACK_REPLICAS is 1, 2 or 3, not '$REPLICAS'"
if (( REPLICAS > 1 )) && [[ "$LAYOUT" != per-role || "$NO_APP" == 1 ]]; then
  fail "LOCAL_STACK_REPLICAS=$REPLICAS needs LOCAL_STACK_LAYOUT=per-role and the app"
fi
if [[ "$NO_APP" != 1 && "$LAYOUT" == per-role ]]; then
  for role in "${ROLES[@]}"; do
    for (( n = 1; n <= REPLICAS; n++ )); do
      port="$(role_port "$role" "$n")"
      [[ "$port" == "$APP_PORT" ]] || ports+=("$port")
    done
  done
fi
case "$BANK_JOURNAL" in on|off) ;; *) fail "LOCAL_STACK_BANK_JOURNAL is 'on' or 'off', not '$BANK_JOURNAL'" ;; esac
case "$SUPERVISE" in stop|restart) ;; *) fail "LOCAL_STACK_SUPERVISE is 'stop' or 'restart', not '$SUPERVISE'" ;; esac
[[ "$ORDER_RATE_LIMIT" =~ ^[1-9][0-9]*r/[ms]$ ]] || fail "LOCAL_STACK_ORDER_RATE_LIMIT is N r/m or N r/s (e.g. 10r/m), not '$ORDER_RATE_LIMIT'"
busy=0
for port in "${ports[@]}"; do
  owner="$(port_owner "$port")"
  if [[ -n "$owner" ]]; then
    printf '[local] ERROR: port %s is already in use:\n    %s\n' "$port" "$owner" >&2
    busy=1
  fi
done
(( busy == 0 )) || fail "stop what holds the port(s) above (an earlier run of the stack?) and try again"

if [[ -x "$ROOT/mvnw" ]]; then mvn_cmd=("$ROOT/mvnw"); else mvn_cmd=(mvn); fi
if ! compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null || ! compgen -G "$WIREMOCK_DIR/wiremock-standalone-*.jar" >/dev/null; then
  say "fetching Kafka and WireMock from Maven Central (local/pom.xml)"
  "${mvn_cmd[@]}" -q -f local/pom.xml package
fi
if [[ "$SECURE" == 1 ]]; then
  command -v javac >/dev/null 2>&1 || fail "LOCAL_STACK_SECURE=1 compiles local/kafka/tools: javac (a JDK 17+) is needed"
  mapfile -t tool_sources < <(find "$TOOLS_SRC" -name '*.java')
  if [[ ! -f "$TOOLS_DIR/.built" || -n "$(find "$TOOLS_SRC" -name '*.java' -newer "$TOOLS_DIR/.built")" ]]; then
    say "compiling the secure broker's tool (local/kafka/tools)"
    rm -rf "$TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    javac -d "$TOOLS_DIR" -cp "$KAFKA_LIBS/*" "${tool_sources[@]}" || fail "could not compile local/kafka/tools"
    touch "$TOOLS_DIR/.built"
  fi
fi
if [[ ! -f "$BANK_MOCK_JAR" ]]; then
  say "building the bank mock's extension (mocks/bank)"
  "${mvn_cmd[@]}" -q -DskipTests -pl mocks/bank package
  [[ -f "$BANK_MOCK_JAR" ]] || fail "the build did not make ${BANK_MOCK_JAR#"$ROOT"/}"
fi
wiremock_jars=("$WIREMOCK_DIR"/wiremock-standalone-*.jar)
(( ${#wiremock_jars[@]} == 1 )) || fail "expected one WireMock jar in ${WIREMOCK_DIR#"$ROOT"/}; run: rm -rf local/target"

[[ -d "$ROOT/mocks/bank/mappings" ]] || fail "the bank mock's mappings are missing (mocks/bank/mappings)"
# The order-flow page's test orders pay with the bank mock's approved and declined cards, read from the file names of
# its mappings (NN-card-<number>-<behaviour>.json), their one home.
test_card() {
  local file
  for file in "$ROOT"/mocks/bank/mappings/[0-9]*-card-[0-9]*-"$1".json; do
    [[ -f "$file" ]] || fail "the bank mock has no mapping for a card that is '$1' (mocks/bank/mappings)"
    file="${file##*/}"
    file="${file#*-card-}"
    echo "${file%%-*}"
    return
  done
}
FLOW_TEST_ORDERS_APPROVED_CARD="$(test_card approved)"
FLOW_TEST_ORDERS_DECLINED_CARD="$(test_card declined)"
[[ -f "$ROOT/mocks/smtp/package.json" ]] || fail "the inbox mock is missing (mocks/smtp/package.json)"
if [[ ! -x "$MAILDEV_BIN" ]]; then
  say "installing MailDev (npm, mocks/smtp)"
  if [[ -f "$ROOT/mocks/smtp/package-lock.json" ]]; then
    npm ci --prefix mocks/smtp --no-audit --no-fund --loglevel=error
  else
    npm install --prefix mocks/smtp --no-audit --no-fund --loglevel=error
  fi
  [[ -x "$MAILDEV_BIN" ]] || fail "npm did not install maildev into mocks/smtp/node_modules"
fi

mkdir -p "$LOG_DIR" "$KAFKA_DIR" "$(dirname "$BANK_STATE")"
rm -rf "$READY_FILE" "$PIDS_DIR" "$HOLD_DIR"
mkdir -p "$PIDS_DIR" "$HOLD_DIR"
: >"$PARTS_FILE"
# Where each part listens, for the scripts that drive the stack (make bench): the ports have their one home here.
cat >"$DATA_DIR/stack.properties" <<EOF
host=$HOST
kafka=$HOST:$KAFKA_PORT
app=http://$HOST:$APP_PORT
app.transactions=http://$HOST:$([[ "$LAYOUT" == per-role ]] && echo "$TRANSACTIONS_PORT" || echo "$APP_PORT")
app.email=http://$HOST:$([[ "$LAYOUT" == per-role ]] && echo "$EMAIL_PORT" || echo "$APP_PORT")
bank=http://$HOST:$BANK_PORT
smtp.port=$SMTP_PORT
inbox=http://$HOST:$INBOX_PORT
EOF
# LOCAL_STACK_SECURE=1: the admin's client settings (SASL, its password; mode 600) for every tool that reads Kafka.
if [[ "$SECURE" == 1 ]]; then echo "kafka.admin.config=$KAFKA_SECURE_DIR/admin.properties" >>"$DATA_DIR/stack.properties"; fi
[[ "$NO_SITE" == 1 ]] || echo "site=http://$HOST:$SITE_PORT" >>"$DATA_DIR/stack.properties"
if (( REPLICAS > 1 )); then
  # Each replica by role and number (app.api.1=..., app.email.2=...); app, app.transactions and app.email are the first.
  for role in "${ROLES[@]}"; do
    for (( n = 1; n <= REPLICAS; n++ )); do
      echo "app.$role.$n=http://$HOST:$(role_port "$role" "$n")"
    done
  done >>"$DATA_DIR/stack.properties"
fi

# ---------------------------------------------------------------------------------------------------------
# 2. Local development card key (AES-256), made once and kept in .data/card-key (mode 600)
# ---------------------------------------------------------------------------------------------------------

if [[ ! -s "$DATA_DIR/card-key" ]]; then
  (
    umask 077
    if command -v openssl >/dev/null 2>&1; then
      openssl rand -base64 32 >"$DATA_DIR/card-key"
    else
      head -c 32 /dev/urandom | base64 >"$DATA_DIR/card-key"
    fi
  )
  say "made a local development card key in ${DATA_DIR#"$ROOT"/}/card-key"
fi
chmod 600 "$DATA_DIR/card-key"
CARD_KEY="$(tr -d '\n' <"$DATA_DIR/card-key")"
CARD_KEY_ID=local-dev
export CARD_KEY CARD_KEY_ID

# ---------------------------------------------------------------------------------------------------------
# 3. Kafka: format the storage on the first run only, then start the broker
# ---------------------------------------------------------------------------------------------------------

KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_DATA="$KAFKA_DIR/data"
for log in kafka bank maildev site; do rotate_log "$LOG_DIR/$log.log"; done
if [[ "$NO_APP" != 1 && "$LAYOUT" == per-role ]]; then
  for role in "${ROLES[@]}"; do
    for (( n = 1; n <= REPLICAS; n++ )); do rotate_log "$LOG_DIR/routes-$(role_process "$role" "$n").log"; done
  done
elif [[ "$NO_APP" != 1 ]]; then
  rotate_log "$LOG_DIR/routes.log"
fi

kafka_tool() {
  java -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$ROOT/local/kafka/log4j2-tools.properties" \
    kafka.tools.StorageTool "$@"
}

# secure_tool COMMAND ARGS...: the secure broker's tool (local/kafka/tools/.../SecureKafka.java says what it does).
secure_tool() {
  java -cp "$TOOLS_DIR:$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$ROOT/local/kafka/log4j2-tools.properties" \
    io.kafkarestaurants.local.SecureKafka "$@"
}

# The storage is formatted for one mode, kept in KAFKA_DIR/security: plain, or scram (the admin's SCRAM credential is
# in its metadata, and its users' passwords in KAFKA_SECURE_DIR). A storage from before that file is plain.
if [[ "$SECURE" == 1 ]]; then kafka_mode=scram; else kafka_mode=plain; fi
if [[ -f "$KAFKA_DATA/meta.properties" ]]; then
  formatted_mode="$(cat "$KAFKA_DIR/security" 2>/dev/null || echo plain)"
  if [[ "$formatted_mode" != "$kafka_mode" ]]; then
    if [[ "$SECURE" == 1 ]]; then was="without SCRAM users (a plain stack)"; else was="for LOCAL_STACK_SECURE=1"; fi
    fail "the Kafka storage in ${KAFKA_DIR#"$ROOT"/} was formatted $was: start it as it was, use another LOCAL_STACK_DATA_DIR, or remove ${KAFKA_DIR#"$ROOT"/} to start Kafka over"
  fi
  if [[ "$SECURE" == 1 && ! -s "$KAFKA_SECURE_DIR/credentials.properties" ]]; then
    fail "the Kafka storage in ${KAFKA_DIR#"$ROOT"/} has SCRAM users whose passwords are gone (${KAFKA_SECURE_DIR#"$ROOT"/}/credentials.properties): remove ${KAFKA_DIR#"$ROOT"/} to start Kafka over"
  fi
fi

# The broker's settings: server.properties, and in secure mode without the keys secure.properties sets, then that file
# and the super users and client listener's JAAS line (with the admin's password: hence mode 600).
if [[ "$SECURE" == 1 ]]; then
  secure_tool prepare "$KAFKA_SECURE_DIR" "$KAFKA_USERS" "$HOST:$KAFKA_PORT" 2>>"$LOG_DIR/kafka.log" \
    || fail "could not make the Kafka users' credentials; see ${LOG_DIR#"$ROOT"/}/kafka.log"
  secure_keys="$(sed -n 's/^\([a-z][a-z.]*\)=.*/\1/p' local/kafka/secure.properties | sed 's/\./\\./g' | paste -sd'|')"
fi
rm -f "$KAFKA_PROPS"
(
  umask 077
  {
    echo "# Generated by local/run.sh from local/kafka/server.properties on every start: edit that file instead."
    if [[ "$SECURE" == 1 ]]; then
      grep -v -E "^(log\.dirs|$secure_keys)=" local/kafka/server.properties
      echo
      echo "# LOCAL_STACK_SECURE=1: local/kafka/secure.properties, then ${KAFKA_SECURE_DIR#"$ROOT"/}/broker.properties."
      cat local/kafka/secure.properties "$KAFKA_SECURE_DIR/broker.properties"
    else
      grep -v '^log\.dirs=' local/kafka/server.properties
    fi
    echo "log.dirs=$KAFKA_DATA"
  } >"$KAFKA_PROPS"
)

if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
  if [[ -s "$KAFKA_DIR/cluster-id" ]]; then
    cluster_id="$(<"$KAFKA_DIR/cluster-id")"
  else
    cluster_id="$(kafka_tool random-uuid 2>>"$LOG_DIR/kafka.log" | tail -n 1)"
    [[ -n "$cluster_id" ]] || fail "could not make a Kafka cluster id; see ${LOG_DIR#"$ROOT"/}/kafka.log"
    echo "$cluster_id" >"$KAFKA_DIR/cluster-id"
  fi
  say "formatting Kafka storage in ${KAFKA_DATA#"$ROOT"/} (cluster id $cluster_id)"
  if [[ "$SECURE" == 1 ]]; then
    # With the admin's SCRAM credential in the first metadata: nobody else may do anything until it gives rights.
    secure_tool format "$KAFKA_SECURE_DIR" --standalone -t "$cluster_id" -c "$KAFKA_PROPS" >>"$LOG_DIR/kafka.log" 2>&1 \
      || fail "formatting the Kafka storage failed; see ${LOG_DIR#"$ROOT"/}/kafka.log"
  else
    kafka_tool format --standalone -t "$cluster_id" -c "$KAFKA_PROPS" >>"$LOG_DIR/kafka.log" 2>&1 \
      || fail "formatting the Kafka storage failed; see ${LOG_DIR#"$ROOT"/}/kafka.log"
  fi
  echo "$kafka_mode" >"$KAFKA_DIR/security"
else
  cluster_id="$(sed -n 's/^cluster\.id=//p' "$KAFKA_DATA/meta.properties")"
  [[ -s "$KAFKA_DIR/cluster-id" ]] || echo "$cluster_id" >"$KAFKA_DIR/cluster-id"
  say "Kafka storage already formatted (cluster id $cluster_id)"
fi

t_start=$SECONDS
start kafka "$LOG_DIR/kafka.log" \
  java -Xmx512m -Xms512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$ROOT/local/kafka/log4j2.properties" \
  -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS"

# ---------------------------------------------------------------------------------------------------------
# 4. The bank mock (WireMock + our extension: idempotent by Idempotency-Key, its payments kept in
#    DATA_DIR/bank/payments.jsonl across restarts; request journal on but capped) and the inbox (MailDev)
# ---------------------------------------------------------------------------------------------------------

if [[ "$BANK_JOURNAL" == on ]]; then
  bank_journal=(--max-request-journal 1000)
else
  bank_journal=(--no-request-journal --disable-request-logging)
fi
# Asynchronous responses: a stub's delay (the slow card answers after 10 s) waits on a timer, not on one of
# Jetty's few request threads, so a slow answer to one card does not queue every other card's request.
start bank "$LOG_DIR/bank.log" \
  java -Xmx256m -Dbank.state="$BANK_STATE" -cp "${wiremock_jars[0]}:$BANK_MOCK_JAR" wiremock.Run \
  --port "$BANK_PORT" --bind-address "$HOST" --root-dir "$ROOT/mocks/bank" \
  --extensions io.kafkarestaurants.bankmock.IdempotentBank \
  "${bank_journal[@]}" --async-response-enabled true --disable-banner

# The inbox is kept in DATA_DIR/inbox (one .eml file per mail): it outlives a restart of MailDev, as Kafka's data does.
mkdir -p "$DATA_DIR/inbox"
start maildev "$LOG_DIR/maildev.log" \
  "$MAILDEV_BIN" --smtp "$SMTP_PORT" --ip "$HOST" --web "$INBOX_PORT" --web-ip "$HOST" --mail-directory "$DATA_DIR/inbox"

wait_ready kafka "$KAFKA_TIMEOUT" kafka_ready
if [[ "$SECURE" == 1 ]]; then
  # What the Strimzi operators do on a cluster: the users with their ACLs, and the topics (the roles may not create them).
  applied="$(secure_tool apply "$KAFKA_SECURE_DIR" "$KAFKA_USERS" "$KAFKA_TOPICS" 2>>"$LOG_DIR/kafka.log")" \
    || fail "could not apply strimzi/base/kafka-users.yaml and kafka-topics.yaml to Kafka; see ${LOG_DIR#"$ROOT"/}/kafka.log"
  say "Kafka users, ACLs and topics from strimzi/base: $applied"
fi
wait_ready bank "$BANK_TIMEOUT" bank_ready
wait_ready maildev "$INBOX_TIMEOUT" inbox_ready

# ---------------------------------------------------------------------------------------------------------
# 5. The app: all roles in one JVM, or one JVM per role (LOCAL_STACK_LAYOUT=per-role)
# ---------------------------------------------------------------------------------------------------------

app_env=(
  "KAFKA_BOOTSTRAP_SERVERS=$HOST:$KAFKA_PORT"
  "BANK_URL=http://$HOST:$BANK_PORT"
  "SMTP_HOST=$HOST"
  "SMTP_PORT=$SMTP_PORT"
  "CATALOG_PATH=$CATALOG"
  "FLOW_TEST_ORDERS_APPROVED_CARD=$FLOW_TEST_ORDERS_APPROVED_CARD"
  "FLOW_TEST_ORDERS_DECLINED_CARD=$FLOW_TEST_ORDERS_DECLINED_CARD"
  "SERVER_ADDRESS=$HOST"
  "SERVER_PORT=$APP_PORT"
  # glibc keeps up to 8 malloc arenas per core for a JVM's many threads, most of them nearly empty: two are plenty.
  "MALLOC_ARENA_MAX=2"
)

read -r -a app_java <<<"$APP_JAVA_OPTS"
echo "$APP_JAVA_OPTS" >"$DATA_DIR/app-java-opts"

# The app runs from its jar extracted by Spring Boot's tools jarmode (the jar plus lib/ beside it), extracted again
# whenever the built jar is newer: classes load from plain jars instead of jars nested in the fat jar, which halves
# each role's start (7.6 s -> 3.8 s on this box).
APP_DIR="$DATA_DIR/app"
app_run_jar="$APP_DIR/$(basename "$APP_JAR")"
if [[ "$NO_APP" != 1 && ( ! -f "$app_run_jar" || "$APP_JAR" -nt "$app_run_jar" ) ]]; then
  rm -rf "$APP_DIR"
  java -Djarmode=tools -jar "$APP_JAR" extract --destination "$APP_DIR" >/dev/null \
    || fail "could not extract ${APP_JAR#"$ROOT"/} into ${APP_DIR#"$ROOT"/}"
fi
if [[ "$NO_APP" != 1 && "$LAYOUT" == per-role ]]; then
  # One after another: each role's time to ready is its own, not a share of a box busy starting the others.
  for role in "${ROLES[@]}"; do
    # LOCAL_STACK_SECURE=1: the role's Kafka settings and credentials, the variables the Helm chart sets, come from
    # its file (mode 600) into the process's environment, never onto a command line (which any local user may read).
    role_env=()
    if [[ "$SECURE" == 1 ]]; then
      [[ -f "$KAFKA_SECURE_DIR/$role.env" ]] || fail "${KAFKA_USERS#"$ROOT"/} has no KafkaUser for the $role role"
      # shellcheck disable=SC2016  # $0 and $@ are the inner shell's
      role_env=(bash -c 'set -a && . "$0" && exec "$@"' "$KAFKA_SECURE_DIR/$role.env")
    fi
    for (( n = 1; n <= REPLICAS; n++ )); do
      port="$(role_port "$role" "$n")"
      process="$(role_process "$role" "$n")"
      start "app-$process" "$LOG_DIR/routes-$process.log" \
        "${role_env[@]}" env "${app_env[@]}" "SERVER_PORT=$port" "RESTAURANTS_ROLES=$role" \
        "ORDER_VIEW_STATE_DIR=$DATA_DIR/order-view/$process" java "${app_java[@]}" -jar "$app_run_jar"
      wait_ready "app-$process" "$APP_TIMEOUT" app_ready "$port"
    done
  done
elif [[ "$NO_APP" != 1 ]]; then
  start app "$LOG_DIR/routes.log" env "${app_env[@]}" "ORDER_VIEW_STATE_DIR=$DATA_DIR/order-view/app" \
    java "${app_java[@]}" -jar "$app_run_jar"
  wait_ready app "$APP_TIMEOUT" app_ready
fi

# ---------------------------------------------------------------------------------------------------------
# 6. The site: nginx serving restaurants-frontend/dist, /api/ proxied to the app (the shared template)
# ---------------------------------------------------------------------------------------------------------

if [[ "$NO_SITE" != 1 ]]; then
  rm -rf "$NGINX_DIR/conf.d"
  mkdir -p "$NGINX_DIR/conf.d" "$NGINX_DIR/tmp"
  api_upstream="$HOST:$APP_PORT"
  if (( REPLICAS > 1 )); then
    # The template proxies to http://API_UPSTREAM: naming an upstream group there sends each request to the next api
    # replica in turn (nginx's round robin), and to another one when a replica refuses the connection.
    api_upstream=kafka_restaurants_api
    {
      echo "# Generated by local/run.sh (LOCAL_STACK_REPLICAS=$REPLICAS): the api replicas behind the site's /api/."
      echo "upstream $api_upstream {"
      for (( n = 1; n <= REPLICAS; n++ )); do echo "    server $HOST:$(role_port api "$n");"; done
      echo "}"
    } >"$NGINX_DIR/conf.d/api-upstream.conf"
  fi
  # Plain HTTP on 127.0.0.1 with no proxy in front: no HSTS, and no peer's X-Forwarded-For trusted (0.0.0.0/32).
  # shellcheck disable=SC2016  # envsubst takes the variable names literally
  API_UPSTREAM="$api_upstream" LISTEN_PORT="$HOST:$SITE_PORT" INBOX_URL="http://$HOST:$INBOX_PORT" SITE_ROOT="$SITE_DIST" \
    ORDER_RATE_LIMIT="$ORDER_RATE_LIMIT" REAL_IP_FROM=0.0.0.0/32 STRICT_TRANSPORT_SECURITY= \
    envsubst '${API_UPSTREAM} ${LISTEN_PORT} ${INBOX_URL} ${SITE_ROOT} ${ORDER_RATE_LIMIT} ${REAL_IP_FROM} ${STRICT_TRANSPORT_SECURITY}' \
    <"$SITE_TEMPLATE" >"$NGINX_DIR/conf.d/default.conf"
  # nginx resolves `include` beside the main file: both go to the data directory.
  cp "$ROOT/local/nginx/nginx.conf" "$NGINX_DIR/nginx.conf"
  nginx -t -q -p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf" >>"$LOG_DIR/site.log" 2>&1 \
    || fail "the site's nginx configuration is invalid; see ${LOG_DIR#"$ROOT"/}/site.log"
  start site "$LOG_DIR/site.log" nginx -p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf"
  wait_ready site "$SITE_TIMEOUT" site_ready
fi

# ---------------------------------------------------------------------------------------------------------
# 7. Where everything is
# ---------------------------------------------------------------------------------------------------------

app_layout=""
if [[ "$NO_APP" == 1 ]]; then
  app_layout="   (not started: LOCAL_STACK_NO_APP=1)"
elif (( REPLICAS > 1 )); then
  app_layout="   ($REPLICAS JVMs per role:"
  for role in "${ROLES[@]}"; do
    app_layout+=" $role"
    for (( n = 1; n <= REPLICAS; n++ )); do app_layout+=" :$(role_port "$role" "$n")"; done
    [[ "$role" == email ]] || app_layout+=","
  done
  app_layout+="; the site sends /api/ to the api replicas in turn)"
elif [[ "$LAYOUT" == per-role ]]; then
  app_layout="   (one JVM per role: transactions :$TRANSACTIONS_PORT, email :$EMAIL_PORT)"
fi
kafka_tools_config=""
kafka_security=""
if [[ "$SECURE" == 1 ]]; then
  kafka_tools_config=" --command-config ${KAFKA_SECURE_DIR#"$ROOT"/}/admin.properties"
  kafka_security="
               SASL/SCRAM and ACLs: each role as its KafkaUser of ${KAFKA_USERS#"$ROOT"/} (${KAFKA_SECURE_DIR#"$ROOT"/}/<role>.env)"
fi
read -r restaurant_id item_id <<<"$(sample_ids)" || true
restaurant_id="${restaurant_id:-<restaurantId>}"
item_id="${item_id:-<menuItemId>}"

cat <<EOF

[local] stack up in $((SECONDS - t_start))s. Ctrl-C stops everything.

  site         $([[ "$NO_SITE" == 1 ]] && echo "not started (LOCAL_STACK_NO_SITE=1)" || echo "http://$HOST:$SITE_PORT   (the API behind it at /api/)")
  API          http://$HOST:$APP_PORT$app_layout
  inbox        http://$HOST:$INBOX_PORT   (SMTP on $HOST:$SMTP_PORT)
  bank mock    http://$HOST:$BANK_PORT/__admin
  Kafka        $HOST:$KAFKA_PORT   (tools: java -cp 'local/target/kafka/libs/*' org.apache.kafka.tools.TopicCommand --bootstrap-server $HOST:$KAFKA_PORT$kafka_tools_config --list)$kafka_security
  logs         ${LOG_DIR#"$ROOT"/}/   (kafka.log, bank.log, maildev.log, routes*.log, site.log)

Place an order:
  curl -s -XPOST $HOST:$APP_PORT/orders -H 'Content-Type: application/json' -d '{"restaurantId":"$restaurant_id","items":[{"menuItemId":"$item_id","quantity":2}],"email":"dana@example.com","card":{"number":"4242 4242 4242 4242","expiry":"12/30"},"fulfilment":{"type":"pickup"}}'
Follow it (orderId from the answer):
  curl -s $HOST:$APP_PORT/orders/<orderId>
EOF

if [[ "$NO_APP" == 1 ]]; then
  cat <<EOF

Run the app yourself (IDE or shell) with this environment:
$(printf '  %s\n' "${app_env[@]}")
  CARD_KEY=\$(cat ${DATA_DIR#"$ROOT"/}/card-key)
  CARD_KEY_ID=$CARD_KEY_ID
EOF
  if [[ "$SECURE" == 1 ]]; then
    echo "  and, for the role it runs (RESTAURANTS_ROLES), the variables of ${KAFKA_SECURE_DIR#"$ROOT"/}/<role>.env"
  fi
fi
echo
touch "$READY_FILE"

# ---------------------------------------------------------------------------------------------------------
# 8. Supervise: wake when a child exits (or a signal arrives); any exit stops the whole stack, or with
#    LOCAL_STACK_SUPERVISE=restart starts that part again (once DATA_DIR/hold/NAME, if it exists, is removed)
# ---------------------------------------------------------------------------------------------------------

while :; do
  exited_pid=""
  rc=0
  wait -n -p exited_pid || rc=$?
  [[ -n "$exited_pid" ]] || continue
  for i in "${!PIDS[@]}"; do
    if [[ "${PIDS[$i]}" == "$exited_pid" ]]; then
      if [[ "$SUPERVISE" == restart ]]; then
        say "${NAMES[$i]} exited (status $rc)"
        # What is left of its process group goes too: a restart must not find the old part holding its port.
        kill -KILL -- "-$exited_pid" 2>/dev/null || true
        while [[ -e "$HOLD_DIR/${NAMES[$i]}" ]]; do sleep 0.2; done
        # One that dies at once (a port still taken) is not started again in a tight loop.
        (( SECONDS - STARTED_AT[i] >= 5 )) || sleep 1
        restart "$i"
        continue 2
      fi
      died "${NAMES[$i]}" "$rc"
      fail "${NAMES[$i]} stopped, so the whole stack stops"
    fi
  done
done
