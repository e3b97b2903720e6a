#!/usr/bin/env bash
# Builds the project (tests skipped) and runs `unisync demo` against the bundled simulators and an
# embedded H2 database. Arguments go to the demo (for example: scripts/demo.sh --people 20000).
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -ntp -pl examples -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="examples/target/classes:sync-testkit/target/classes:adapters-marketo/target/classes:adapters-salesforce/target/classes:adapters-jdbc/target/classes:sync-core/target/classes:$(cat "$cp_file")"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" io.unisync.examples.UnisyncCli demo "$@"
