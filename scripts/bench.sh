#!/usr/bin/env bash
# Every benchmark in one run on a throwaway PostgreSQL (the embedded server from Maven, started and removed by the
# run itself: no install, no root; UNISYNC_TEST_POSTGRES_URL picks a server of your own), printed as one table
# (see docs/benchmarks.md).
# The JVM gets a 256 MB heap: the 1,000,000-person initial sync must fit in it (simulator included).
#   scripts/bench.sh            the full run (about 10 minutes on 2 cores)
#   scripts/bench.sh --quick    smaller sizes, for a smoke test
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="benchmarks/target/classes:examples/target/classes:adapters-salesforce/target/classes:adapters-marketo/target/classes:adapters-jdbc/target/classes:sync-testkit/target/classes:sync-core/target/classes:$(cat "$cp_file")"
exec java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${BENCH_JAVA_OPTS:-} \
  -cp "$classpath" io.unisync.benchmarks.BenchmarkRun "$@"
