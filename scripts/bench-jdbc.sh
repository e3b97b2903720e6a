#!/usr/bin/env bash
# Benchmark of the JDBC store's commit unit against plain INSERT and COPY on a throwaway PostgreSQL.
#   scripts/bench-jdbc.sh [rows]     (default 300000)
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# One reactor invocation, so sibling modules resolve; adapters-jdbc is built last and writes the file last.
mvn -B -q -ntp -pl adapters-jdbc -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
classpath="adapters-jdbc/target/test-classes:adapters-jdbc/target/classes:sync-testkit/target/classes:sync-core/target/classes:$(cat "$cp_file")"
exec scripts/with-postgres.sh java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.unisync.jdbc.bench.ApplyBenchmark "$@"
