#!/usr/bin/env bash
# The test command: brings up what the tests need on this machine (pcscd with the vpcd virtual reader
# driver, and a private PostgreSQL server for the bootstrap-server storage, each installed with apt
# when missing), then runs every test with Maven. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/pcsc-up.sh
bash scripts/pg-up.sh
exec mvn -B verify "$@"
