#!/usr/bin/env bash
# Kill -9 soak of the gateway process during bootstrap, registration and device-management writes,
# against Eclipse Leshan on loopback (KillSoak in bundles/org.gatehouse.bootstrap.itest; not part of
# the default build):
#   scripts/soak-kill.sh [N [SEED]]     N kills (default 500), seed of the kill moments (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q -pl bundles/org.gatehouse.bootstrap.itest -am test -Dtest=KillSoak -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsoak.kills="${1:-500}" -Dsoak.seed="${2:-1}" ${MVN_ARGS:-}
