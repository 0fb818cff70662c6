#!/usr/bin/env bash
# The test command: brings up what the tests need on this machine (pcscd with the vpcd virtual reader
# driver, and a private PostgreSQL server for the bootstrap-server storage, each installed with apt
# when missing), then runs every test with Maven. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/pcsc-up.sh
bash scripts/pg-up.sh
# A command the tests run, from its Debian package when missing
need() {
  command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2"; }
}
# SshShellIT runs bin/gatehouse-shell, which is OpenSSH's ssh underneath, and makes its key with ssh-keygen
need ssh openssh-client
need ssh-keygen openssh-client
# ConsoleTerminalIT runs bin/gatehouse at a pseudo-terminal through script(1) (util-linux, Debian's bsdutils)
need script bsdutils
exec mvn -B verify "$@"
