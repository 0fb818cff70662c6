#!/usr/bin/env bash
# Codec benchmarks, ours and Eclipse Leshan's in one JMH run, printed side by side.
# Extra arguments go to JMH (e.g. -wi 1 -i 3 for a quick run).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests -pl benchmarks -am
exec java -jar benchmarks/target/benchmarks.jar "$@"
