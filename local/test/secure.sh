#!/usr/bin/env bash
# Test of local/run.sh's secure Kafka (LOCAL_STACK_SECURE=1): the broker refuses a client without a valid SCRAM login,
# holds each role's user to the ACLs of strimzi/base/kafka-users.yaml (a few samples, allowed and refused, with
# Kafka's console tools; the whole matrix is the ACL integration test's), lets no role create a topic, has made the
# topics of strimzi/base/kafka-topics.yaml, keeps its users and ACLs when SIGKILLed, and a plain start of the same
# storage is refused. Starts the stack without the app and the site (Kafka, bank mock, MailDev) in
# .data/secure-test, parts restarted when they exit (~1 minute). Exits non-zero on the first check that fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DATA="$ROOT/.data/secure-test"
SECURE_DIR="$DATA/kafka/secure"
BOOTSTRAP=127.0.0.1:9092
KAFKA_CP="$ROOT/local/target/kafka/libs/*"
say() { printf '[secure] %s\n' "$*"; }
fail() { printf '[secure] FAIL: %s\n' "$*" >&2; exit 1; }

# shellcheck source=local/test/stack.sh
source "$ROOT/local/test/stack.sh"

stop_stack() {
  [[ -n "$RUNNER" ]] || return 0
  kill -TERM "$RUNNER" 2>/dev/null || true
  wait "$RUNNER" 2>/dev/null || true
  RUNNER=""
}
trap stop_stack EXIT

# kafka_tool CLASS ARGS...: one of Kafka's tools, its output (stdout and stderr) on stdout, never failing the script.
kafka_tool() {
  timeout 60 java -cp "$KAFKA_CP" -Dlog4j2.configurationFile="$ROOT/local/kafka/log4j2-tools.properties" "$@" 2>&1 || true
}

# client_config ROLE: a client settings file for ROLE's user, from the JAAS line of its environment file.
client_config() {
  local jaas file="$DATA/test-$1.properties"
  jaas="$(sed -n "s/^SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG='\(.*\)'$/\1/p" "$SECURE_DIR/$1.env")"
  [[ -n "$jaas" ]] || fail "$SECURE_DIR/$1.env has no SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"
  (umask 077 && printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\n' "$jaas" >"$file")
  echo "$file"
}

# expect NAME PATTERN OUTPUT: OUTPUT matches PATTERN (grep -E), or the test fails naming the check.
expect() {
  grep -qE "$2" <<<"$3" || { printf '%s\n' "$3" | tail -n 15 >&2; fail "$1: expected /$2/"; }
  say "$1"
}

# refute NAME PATTERN OUTPUT: OUTPUT does not match PATTERN.
refute() {
  ! grep -qE "$2" <<<"$3" || { printf '%s\n' "$3" | tail -n 15 >&2; fail "$1: did not expect /$2/"; }
  say "$1"
}

produce() { # ROLE TOPIC: one keyed record as ROLE's user; prints the tool's output
  printf 'secure-test:{}\n' | kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" \
    --command-config "$(client_config "$1")" --topic "$2" --reader-property parse.key=true \
    --reader-property key.separator=: --producer-property delivery.timeout.ms=15000 \
    --producer-property request.timeout.ms=10000
}

consume() { # ROLE TOPIC [GROUP]: the first record of partition 0 (no group), or of the topic in GROUP
  local where=(--partition 0 --offset earliest)
  (( $# < 3 )) || where=(--group "$3" --from-beginning)
  kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
    --command-config "$(client_config "$1")" --topic "$2" "${where[@]}" --max-messages 1 --timeout-ms 15000
}

topics() { # CONFIG: the topics that CONFIG's user may see
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --command-config "$1" --list
}

rm -rf "$DATA" "$DATA.log"
mkdir -p "$DATA"
start_runner "$DATA" 180 LOCAL_STACK_SECURE=1 LOCAL_STACK_NO_APP=1 LOCAL_STACK_NO_SITE=1 LOCAL_STACK_SUPERVISE=restart
say "stack up: $(grep -o 'Kafka users, ACLs and topics.*' "$DATA.log")"

for file in "$SECURE_DIR" "$SECURE_DIR"/* "$DATA/kafka/server.properties"; do
  mode="$(stat -c %a "$file")"
  [[ "$mode" == 600 || "$mode" == 700 ]] || fail "$file has mode $mode, not 600 (700 for the directory)"
done
say "credentials and the broker's settings readable by their owner only"

want="$(sed -n 's/^  topicName: //p' strimzi/base/kafka-topics.yaml | sort)"
have="$(topics "$SECURE_DIR/admin.properties" | grep -v '^__' | sort)"
[[ "$have" == "$want" ]] || fail "the broker's topics are not those of strimzi/base/kafka-topics.yaml: $have"
say "the admin made the $(wc -l <<<"$want") topics of strimzi/base/kafka-topics.yaml"

wrong="$DATA/test-wrong.properties"
sed 's/password="[^"]*"/password="not-the-password"/' "$(client_config api)" >"$wrong"
expect "a wrong password is refused" 'SaslAuthenticationException|Authentication failed' "$(topics "$wrong")"

refute "api may produce to order" 'Exception|ERROR' "$(produce api order)"
expect "api may not consume order" 'TopicAuthorizationException|Not authorized to access topics: \[order\]' \
  "$(consume api order)"
expect "api may not join transaction-service" 'Group authorization failed|GroupAuthorizationException' \
  "$(consume api order transaction-service)"
expect "transactions may consume order in transaction-service" 'Processed a total of 1 messages' \
  "$(consume transactions order transaction-service)"
expect "email may not produce to order_confirm" 'TopicAuthorizationException|Not authorized to access topics' \
  "$(produce email order_confirm)"
refute "email may produce to order_status" 'Exception|ERROR' "$(produce email order_status)"
expect "api may not create a topic" 'Authorization failed|TopicAuthorizationException' \
  "$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
    --command-config "$(client_config api)" --create --topic secure-test --partitions 1)"

# The users and ACLs live in the metadata log: a broker killed without warning comes back with them.
kill -KILL -- "-$(<"$DATA/pids/kafka")"
t0=$SECONDS
until grep -q 'restarted kafka' "$DATA.log" && [[ -n "$(topics "$SECURE_DIR/admin.properties" | grep -x order)" ]]; do
  (( SECONDS - t0 < 90 )) || fail "Kafka was not back 90 s after its SIGKILL"
  sleep 1
done
say "Kafka back $((SECONDS - t0)) s after a SIGKILL"
expect "after the restart, api still may not consume order" 'TopicAuthorizationException|Not authorized' \
  "$(consume api order)"
expect "after the restart, transactions still reads order in restaurant-popularity" 'Processed a total of 1 messages' \
  "$(consume transactions order restaurant-popularity)"

stop_stack
plain="$(LOCAL_STACK_DATA_DIR="$DATA" LOCAL_STACK_NO_APP=1 LOCAL_STACK_NO_SITE=1 bash local/run.sh 2>&1 || true)"
expect "a plain start of the secure storage is refused" 'was formatted for LOCAL_STACK_SECURE=1' "$plain"

rm -rf "$DATA" "$DATA.log"
say "passed"
