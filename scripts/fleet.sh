#!/usr/bin/env bash
# The fleet run (docs/benchmarks.md, "A fleet of tenants"): 1,000 tenants on one throwaway PostgreSQL (embedded, from
# Maven; or UNISYNC_TEST_POSTGRES_URL), 3 `unisync run` JVMs of 512 MB heap each, every tenant its own simulated Marketo
# instance with the real limits (one MarketoInstances server in the harness): first syncs, an idle window, a few large
# tenants added, a kill -9 of the busiest replica, a replica joining. Prints the table; about 10 minutes on 2 cores.
#   scripts/fleet.sh
#   scripts/fleet.sh --tenants 200 --replicas 2 --window 60
# Options: --tenants N --replicas N --people N (each idle tenant) --syncing N --syncing-people N --window SECONDS
#          --lease SECONDS --heap MB
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
./mvnw -B -q -ntp -pl examples -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="examples/target/classes:sync-testkit/target/classes:adapters-marketo/target/classes:adapters-salesforce/target/classes:adapters-jdbc/target/classes:sync-core/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" io.unisync.examples.FleetSoak "$@"
