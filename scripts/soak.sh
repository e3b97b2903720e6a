#!/usr/bin/env bash
# The kill -9 soak (docs/reliability.md): `unisync run` as a separate JVM against a throwaway PostgreSQL and the
# bundled simulators, killed with SIGKILL N times at random moments while Marketo changes and activities are
# recorded; then an oracle checks the store and every activity. Prints the summary table; exit 0 when clean.
#   scripts/soak.sh            200 kills
#   scripts/soak.sh 20         20 kills
#   scripts/soak.sh 200 --people 50000 --seed 7
#   scripts/soak.sh 30 --people 300000 --mixed 1    the initial sync as the mixed snapshot (exports and an id scan)
set -euo pipefail
cd "$(dirname "$0")/.."
MAIN=KillSoak
source scripts/lib/run-soak.sh
