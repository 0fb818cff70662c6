#!/usr/bin/env bash
# Brings up the PC/SC stack the smartcard tests use: pcscd with the vsmartcard-vpcd driver (a virtual
# reader that a virtual card in Java connects to over 127.0.0.1:35963). Idempotent: installs the
# Debian packages only when missing, starts pcscd only when it is not running, and returns once the
# driver listens. No systemd needed (containers, CI).
set -euo pipefail
need=()
command -v pcscd >/dev/null || need+=(pcscd)
[ -e /usr/lib/pcsc/drivers/serial/libifdvpcd.so ] || need+=(vsmartcard-vpcd)
ldconfig -p 2>/dev/null | grep -q 'libpcsclite\.so\.1' || need+=(libpcsclite1)
if [ ${#need[@]} -gt 0 ]; then
  echo "pcsc-up: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
listening() { (exec 3<>/dev/tcp/127.0.0.1/35963) 2>/dev/null; }
if ! pgrep -x pcscd >/dev/null; then
  mkdir -p /run/pcscd
  log="${TMPDIR:-/tmp}/pcscd.log"
  echo "pcsc-up: starting pcscd (log: $log)"
  nohup pcscd --foreground >"$log" 2>&1 &
fi
for _ in $(seq 1 100); do
  if listening; then
    echo "pcsc-up: pcscd is up; the vpcd virtual readers listen on 127.0.0.1:35963 and :35964"
    exit 0
  fi
  sleep 0.1
done
echo "pcsc-up: pcscd did not start listening on 127.0.0.1:35963 within 10 s" >&2
exit 1
