#!/usr/bin/env bash
# JDBC benchmarks on a throwaway PostgreSQL: the person store's commit unit beside plain INSERT and COPY,
# then activity delivery through the outbox.
#   scripts/bench-jdbc.sh [rows [activities]]     (defaults 300000 and 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# One reactor invocation, so sibling modules resolve; benchmarks is built last and writes the file last.
./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile="$cp_file"
classpath="benchmarks/target/classes:adapters-salesforce/target/classes:adapters-marketo/target/classes:adapters-jdbc/target/classes:sync-testkit/target/classes:sync-core/target/classes:$(cat "$cp_file")"
rows=${1:-300000}
activities=${2:-50000}
# each starts its own throwaway PostgreSQL (embedded, from Maven), unless UNISYNC_TEST_POSTGRES_URL names a server
java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.unisync.benchmarks.ApplyBenchmark "$rows"
exec java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.unisync.benchmarks.DeliveryBenchmark "$activities"
