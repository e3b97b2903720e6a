#!/usr/bin/env bash
# Every test of every module: a thin alias of `./mvnw verify`. The PostgreSQL tests start their own throwaway
# PostgreSQL from Maven's embedded binaries on 127.0.0.1 (io.unisync.testkit.TestPostgres); set
# UNISYNC_TEST_POSTGRES_URL to a JDBC URL to run them against a server of your own instead.
# Extra arguments go to Maven (for example: scripts/test.sh -pl adapters-jdbc -am).
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -ntp verify "$@"
