#!/usr/bin/env bash
# The memory row of docs/benchmarks.md: the initial sync of 100,000 and of 1,000,000 people within a 64 MB heap, the
# Marketo simulator in a JVM of its own (`unisync simulate` on 127.0.0.1), the store a throwaway PostgreSQL (embedded,
# from Maven; or UNISYNC_TEST_POSTGRES_URL). Prints one table; about 3 minutes on 2 cores.
#   scripts/bench-memory.sh            100,000 and 1,000,000 people, -Xmx64m
#   HEAP=48m scripts/bench-memory.sh   another heap
set -euo pipefail
cd "$(dirname "$0")/.."
heap="${HEAP:-64m}"
cp_file=$(mktemp)
./mvnw -B -q -ntp -pl benchmarks,examples -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="benchmarks/target/classes:examples/target/classes:adapters-salesforce/target/classes:adapters-marketo/target/classes:adapters-jdbc/target/classes:sync-testkit/target/classes:sync-core/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
sim_pid=""
trap '[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true' EXIT
echo "| people read | stored | time | rate | peak heap in use | max heap (-Xmx) |"
echo "|---|---|---|---|---|---|"
for people in 100000 1000000; do
  port=$((20000 + RANDOM % 20000))
  java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" io.unisync.examples.UnisyncCli simulate \
    --people "$people" --marketo-port "$port" --salesforce-port $((port + 1)) >/dev/null 2>&1 &
  sim_pid=$!
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
  java "-Xmx$heap" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" io.unisync.benchmarks.MemoryBenchmark \
    "http://127.0.0.1:$port" "$people"
  kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; sim_pid=""
done
