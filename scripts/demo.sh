#!/usr/bin/env bash
# Builds the command line (tests skipped) and runs `unisync demo` against the bundled simulators and an embedded H2
# database. Arguments go to the demo (for example: scripts/demo.sh --people 20000).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building the command line (tests skipped; about a minute, longer the first time as Maven downloads):" >&2
# the build's progress, one line a module; its whole output when it fails
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! ./mvnw -B -ntp -pl examples -am package -DskipTests 2>&1 | tee "$log" | grep --line-buffered -o "Building Unisync.*" | sed 's/^/  /' >&2 \
    || ! grep -q "BUILD SUCCESS" "$log"; then
  cat "$log" >&2
  exit 1
fi
# log level error: the quarantined records' warnings would break into the progress line; the summary lists them with their reasons
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=error -jar examples/target/unisync-cli.jar demo "$@"
