#!/usr/bin/env bash
# The README's Quick start (examples/quickstart, QuickStart.java) against the simulators of `unisync simulate`,
# started here on their fixed ports (Marketo 127.0.0.1:8181 with 3,000 people, Salesforce :8282) and stopped after.
#   scripts/quickstart.sh              build, start the simulators, run the Quick start
# Against a running `unisync simulate` or a real instance: java -cp <classpath> io.unisync.quickstart.QuickStart URL [clientId]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"; [ -n "${sim:-}" ] && kill "$sim" 2>/dev/null || true' EXIT
echo "building (about a minute the first time)..." >&2
./mvnw -B -q -ntp install -DskipTests -pl examples/quickstart -am >/dev/null
./mvnw -B -q -ntp -f examples/quickstart/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
java -jar examples/target/unisync-cli.jar simulate > /dev/null &
sim=$!
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/8181) 2>/dev/null && break; sleep 0.1; done
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "examples/quickstart/target/classes:$(cat "$cp_file")" \
  io.unisync.quickstart.QuickStart http://127.0.0.1:8181
