#!/usr/bin/env bash
# Benchmarks, ours and Eclipse Leshan's side by side:
#   scripts/bench.sh [JMH arguments]      codec encode/decode (JMH), e.g. -wi 1 -i 3 for a quick run
#   scripts/bench.sh bootstrap [ROUNDS]   bootstrap + registration latency on loopback, warm JVM
#   scripts/bench.sh coldstart [ROUNDS]   new process to registered: bin/gatehouse and Leshan's client
#   scripts/bench.sh bsserver [N] [C] [BIG] [IDLE]  bootstrap-server load, ours and Leshan's: N clients (1000), C at a time (20),
#                                         NoSec and PSK (N/5), then BIG clients of ours (10000; 0 skips) for the heap bound,
#                                         and the heap again after IDLE seconds (0; 260 outlasts CoAP's exchange lifetime)
#   scripts/bench.sh smartcard [ROUNDS]   reading a card's bootstrap data over pcscd (scripts/pcsc-up.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl benchmarks -am
if [ "${1:-}" = "coldstart" ]; then
  shift
  mvn -B -q install -DskipTests -pl runtime -am
  exec java -cp benchmarks/target/benchmarks.jar org.gatehouse.benchmarks.ColdStart runtime/target/gatehouse "$@"
fi
if [ "${1:-}" = "smartcard" ]; then
  shift
  exec java -cp benchmarks/target/benchmarks.jar org.gatehouse.benchmarks.SmartcardRead "$@"
fi
if [ "${1:-}" = "bsserver" ]; then
  shift
  exec java -Xmx512m -cp benchmarks/target/benchmarks.jar org.gatehouse.benchmarks.BsServerLoad "$@"
fi
if [ "${1:-}" = "bootstrap" ]; then
  shift
  exec java -cp benchmarks/target/benchmarks.jar org.gatehouse.benchmarks.BootstrapLatency "$@"
fi
exec java -jar benchmarks/target/benchmarks.jar "$@"
