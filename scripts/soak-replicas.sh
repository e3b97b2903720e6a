#!/usr/bin/env bash
# The replica soak (README, "Running several replicas"): 3 `unisync run` JVMs sharing 6 tenants on a throwaway
# PostgreSQL, one Marketo simulator per tenant enforcing the real limits, a random replica killed with SIGKILL N times
# and replaced, while Marketo changes and activities are recorded; then an oracle checks every tenant's store and
# activities, 606/615 answers and take-over times. Prints the summary table; exit 0 when clean.
#   scripts/soak-replicas.sh                 200 kills
#   scripts/soak-replicas.sh 20              20 kills
#   scripts/soak-replicas.sh 200 --tenants 12 --people 5000 --seed 7
set -euo pipefail
cd "$(dirname "$0")/.."
MAIN=ReplicaSoak
source scripts/lib/run-soak.sh
