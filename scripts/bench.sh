#!/usr/bin/env bash
# Benchmarks, ours and Eclipse Leshan's side by side:
#   scripts/bench.sh [codec] [JMH arguments]  codec encode/decode (JMH), e.g. -wi 1 -i 3 for a quick run;
#                                             --rounds=N first runs the set N times interleaved
#   scripts/bench.sh bootstrap [ROUNDS]       bootstrap + registration latency on loopback, warm JVM
#   scripts/bench.sh coldstart [ROUNDS] [IDLE]  new process to registered (and its memory) at -Xmx32m: bin/gatehouse (client
#                                             features; all-in-one) and Leshan's client, NoSec and PSK
#   scripts/bench.sh bsserver [N] [C] [BIG] [IDLE]  bootstrap-server load, ours and Leshan's: N clients (1000), C at a time (20),
#                                             NoSec and PSK (N/5), and the load generator alone (no server behind the
#                                             responder); then BIG clients of ours (10000; 0 skips) for the heap bound,
#                                             and the heap again after IDLE seconds (0; 260 outlasts CoAP's exchange lifetime)
#   scripts/bench.sh bsthreads [ours|leshan|none] [N] [ROUNDS] [psk]  one bootstrap server alone with the generator: its
#                                             CPU per bootstrap per round, then the CPU of every group of threads (5000 NoSec
#                                             clients, 6 rounds; psk: DTLS-PSK clients, a handshake and a credential each);
#                                             none: Californium alone with the same four requests, the floor on that stack
#   scripts/bench.sh smartcard [ROUNDS]       reading a card's bootstrap data over pcscd (scripts/pcsc-up.sh first)
#   scripts/bench.sh all                      all of the above, then ONE table of ratios (about 10 minutes on 2 cores);
#                                             the table is also left in benchmarks/target/bench-all.txt
# MVN_ARGS passes options to the build, e.g. MVN_ARGS=-o to stay offline.
# PROTOCOL_THREADS=N sets our transport's protocol.threads (the transport's default when unset) for bsserver and bsthreads.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar

if [ "${1:-}" = "all" ]; then
  shift
  summary=benchmarks/target/bench-summary.tsv
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date +%s)
  echo "bench all: building the benchmarks and the distribution (load $load_before)"
  mvn -B -q ${MVN_ARGS:-} install -DskipTests -pl benchmarks,runtime -am
  rm -f "$summary"
  run() { # a harness that fails leaves its rows "not measured" and the others still run
    local name=$1
    shift
    echo "bench all: $name"
    java -Dbench.summary="$summary" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" || echo "bench all: $name failed (exit $?); its rows stay \"not measured\""
  }
  # codec: 2 rounds of every benchmark, one fork each, so ours and Leshan's alternate under the same load;
  # 8 warm-up seconds: less leaves SenML decoding half compiled on two busy cores
  run "codec (JMH, 2 interleaved rounds)" -jar "$JAR" --rounds=2 -wi 8 -i 4 -w 1 -r 1 -o benchmarks/target/jmh-codec.log
  # bootstrap latency: the gateway and Leshan's client alternate, round by round
  run "bootstrap latency (20 rounds)" -cp "$JAR" org.gatehouse.benchmarks.BootstrapLatency 20
  run "cold start and memory (3 rounds)" -cp "$JAR" org.gatehouse.benchmarks.ColdStart runtime/target/gatehouse 3
  # (no connection to vpcd's port to probe it: vpcd serves one card at a time, and the harness that
  # followed such a probe found the port closed; the harness checks the stack itself)
  if pgrep -x pcscd >/dev/null; then
    run "smartcard (20 rounds)" -cp "$JAR" org.gatehouse.benchmarks.SmartcardRead 20
  else
    echo "bench all: smartcard skipped: pcscd with the vpcd driver is not running (scripts/pcsc-up.sh)"
  fi
  # bootstrap server: 1000 clients, 20 at a time, NoSec and PSK, beside Leshan's (the 10,000-client heap run: bench.sh bsserver)
  run "bootstrap server load (1000 clients, 20 at a time)" -Xmx512m -cp "$JAR" org.gatehouse.benchmarks.BsServerLoad 1000 20 0
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  java -cp "$JAR" org.gatehouse.benchmarks.BenchSummary "$summary" \
    "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), loopback, Java $(java -version 2>&1 | head -1 | cut -d'"' -f2)" \
    "load average (1/5/15 min) $load_before at the start, $load_after at the end; took $(( ($(date +%s) - start) / 60 )) min" \
    | tee benchmarks/target/bench-all.txt
  exit 0
fi

mvn -B -q ${MVN_ARGS:-} install -DskipTests -pl benchmarks -am
case "${1:-}" in
  coldstart)
    shift
    mvn -B -q ${MVN_ARGS:-} install -DskipTests -pl runtime -am
    exec java -cp "$JAR" org.gatehouse.benchmarks.ColdStart runtime/target/gatehouse "$@" ;;
  smartcard)
    shift
    exec java -cp "$JAR" org.gatehouse.benchmarks.SmartcardRead "$@" ;;
  bsserver)
    shift
    exec java -Xmx512m ${PROTOCOL_THREADS:+-Dbench.protocol.threads=$PROTOCOL_THREADS} -cp "$JAR" org.gatehouse.benchmarks.BsServerLoad "$@" ;;
  bsthreads)
    shift
    exec java -Xmx512m ${PROTOCOL_THREADS:+-Dbench.protocol.threads=$PROTOCOL_THREADS} -cp "$JAR" org.gatehouse.benchmarks.BsServerThreads "$@" ;;
  bootstrap)
    shift
    exec java -cp "$JAR" org.gatehouse.benchmarks.BootstrapLatency "$@" ;;
  codec)
    shift ;;
esac
exec java -jar "$JAR" "$@"
