#!/usr/bin/env bash
# Fuzzes every parser that reads outside input, one target at a time, for longer than the build does
# (default 600 s each; the build fuzzes each for 5 s, the smartcard parsers for 30 s). Prints per target
# the executions, the seconds and the findings; a finding is saved by Jazzer as crash-* next to the
# target's seeds (src/test/resources/.../<Test>Inputs/<method>/) and replays in every later build.
# Usage: scripts/fuzz.sh [seconds-per-target] [Test ...]    (e.g. scripts/fuzz.sh 120 TlvFuzzTest)
# MVN_OPTS (default -o) is passed to Maven; FUZZ_NO_BUILD=1 skips the install of the modules first.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
# module test-class surefire-execution
targets=(
  "bundles/org.gatehouse.lwm2m.codec TlvFuzzTest fuzz"
  "bundles/org.gatehouse.lwm2m.codec SenmlJsonFuzzTest fuzz"
  "bundles/org.gatehouse.lwm2m.codec SenmlCborFuzzTest fuzz"
  "bundles/org.gatehouse.lwm2m.codec CborFuzzTest fuzz"
  "bundles/org.gatehouse.lwm2m.codec TextFuzzTest fuzz"
  "bundles/org.gatehouse.lwm2m.codec LwM2mJsonFuzzTest fuzz"
  "bundles/org.gatehouse.lwm2m.codec LinkFormatFuzzTest fuzz"
  "bundles/org.gatehouse.lwm2m.model DdfFuzzTest fuzz"
  "bundles/org.gatehouse.bootstrap.factory FactoryFileFuzzTest fuzz"
  "bundles/org.gatehouse.lwm2m.server RegisterRequestFuzzTest fuzz"
  "bundles/org.gatehouse.bootstrap.smartcard ParserFuzzTest default-test"
)
if [ $# -gt 0 ]; then
  wanted=" $* "
  selected=()
  for t in "${targets[@]}"; do
    read -r _ cls _ <<<"$t"
    [[ "$wanted" == *" $cls "* ]] && selected+=("$t")
  done
  targets=("${selected[@]}")
fi
modules=$(for t in "${targets[@]}"; do read -r m _ <<<"$t"; echo "$m"; done | sort -u | paste -sd, -)
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  mvn -B -q ${MVN_OPTS--o} -pl "$modules" -am install -DskipTests || exit 1
fi
logs=target/fuzz-logs
mkdir -p "$logs"
summary=()
status=0
for t in "${targets[@]}"; do
  read -r module cls execution <<<"$t"
  log="$logs/$cls.log"
  before=$(find "$module/src/test/resources" -name 'crash-*' -o -name 'timeout-*' 2>/dev/null | sort)
  echo "== $cls ($module): fuzzing ${seconds} s, log in $log"
  # JAZZER_MAX_DURATION overrides @FuzzTest(maxDuration); surefire passes it on to the forked JVM
  JAZZER_MAX_DURATION="${seconds}s" mvn -B ${MVN_OPTS--o} -pl "$module" "surefire:test@$execution" -Dtest="$cls" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.timeout=0 >"$log" 2>&1
  rc=$?
  runs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  after=$(find "$module/src/test/resources" -name 'crash-*' -o -name 'timeout-*' 2>/dev/null | sort)
  new=$(comm -13 <(echo "$before") <(echo "$after") | grep -v '^$' || true)
  exceptions=$(grep -E '^== Java Exception|^== Java Assertion|FuzzTestFindingException|timed out after|OutOfMemoryError|StackOverflowError' "$log" | sort -u | head -5)
  if [ $rc -eq 0 ] && [ -z "$runs" ]; then
    status=1
    result="NOT RUN (no fuzzing output; are the module's tests compiled? run without FUZZ_NO_BUILD)"
  elif [ $rc -ne 0 ] || [ -n "$new" ]; then
    status=1
    result="FINDING (mvn exit $rc) ${new:+saved: $(echo $new)} ${exceptions}"
  else
    result="no finding"
  fi
  line="$cls: ${runs:-no exec count (see log)}(s); $result"
  echo "$line"
  summary+=("$line")
done
echo
echo "== Summary (${seconds} s per target)"
printf '%s\n' "${summary[@]}"
exit $status
