#!/usr/bin/env bash
# Runs every test of every module against H2 and a throwaway PostgreSQL server on loopback.
# Extra arguments go to Maven (for example: scripts/test.sh -pl adapters-jdbc -am).
set -euo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-false}"
exec scripts/with-postgres.sh mvn -B -ntp verify "$@"
