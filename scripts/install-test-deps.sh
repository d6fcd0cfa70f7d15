#!/usr/bin/env bash
# Installs what the test suite talks to: real MQTT clients (mosquitto), a real Modbus TCP server (pymodbus, with
# mbpoll as a reference client), Debian's Chromium for the browser tests, PostgreSQL 15 (the historian's cluster engine;
# tests start private clusters from /usr/lib/postgresql/15/bin, never the system one),
# and the Node.js packages of the interop tests (a real Sparkplug B edge node). Idempotent; needs root for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v mosquitto_pub >/dev/null 2>&1 || need_apt+=(mosquitto-clients)
command -v mosquitto >/dev/null 2>&1 || need_apt+=(mosquitto)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
/usr/bin/python3 -c "import pymodbus.server" >/dev/null 2>&1 || need_apt+=(python3-pymodbus python3-serial python3-serial-asyncio)
command -v mbpoll >/dev/null 2>&1 || need_apt+=(mbpoll)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need_apt+=(postgresql-15)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "Installing: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ -f tests/interop/package.json ]; then
  if [ ! -d tests/interop/node_modules ] || [ tests/interop/package-lock.json -nt tests/interop/node_modules ]; then
    (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
