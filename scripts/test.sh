#!/usr/bin/env bash
# The test command of README.md: checks the toolchain, then runs unit and in-framework tests.
set -euo pipefail
cd "$(dirname "$0")/.."
need_apt=()
command -v java >/dev/null || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need_apt+=(maven)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"; else sudo apt-get update -qq && sudo apt-get install -y -qq "${need_apt[@]}"; fi
fi
exec mvn -B verify "$@"
