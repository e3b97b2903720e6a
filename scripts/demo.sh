#!/usr/bin/env bash
# Builds the command line (tests skipped) and runs `unisync demo` against the bundled simulators and an embedded H2
# database. Arguments go to the demo (for example: scripts/demo.sh --people 20000).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl examples -am package -DskipTests >/dev/null
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar examples/target/unisync-cli.jar demo "$@"
