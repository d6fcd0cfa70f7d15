#!/usr/bin/env bash
# The side-by-side history benchmark (issue 3, item 8): the virtual plant's data ingested and queried in Nightshift's
# historian, VictoriaMetrics, InfluxDB 1.6 and PostgreSQL 15. Installs the peers with apt when they are missing (needs
# root or sudo), builds the benchmark in Release and runs it; the peers are started by the benchmark as local
# processes on free 127.0.0.1 ports with their data under a temp folder, and stopped by PID at the end. Nightshift runs
# twice: the storage engine in-process (DuckDbHistorian) and a whole `nightshift run` node fed through POST /write.
#
#   scripts/bench-history.sh --quick     # 20 tags x 1 day at 1 Hz = 1,728,000 points, under a minute
#   scripts/bench-history.sh             # 100 tags x 7 days at 1 Hz = 60,480,000 points (several GB of memory)
#   scripts/bench-history.sh --tags 50 --points 172800 --systems nightshift,vm
#
# The last line of the output is machine-readable:
#   RESULT ingest_pps=<n> bytes_per_point=<x> trend_p50_ms=<x> agg_p50_ms=<x> vm_ingest_pps=<n> influx_ingest_pps=<n> pg_ingest_pps=<n>
# A peer that cannot be installed or started is reported as n/a with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/victoria-metrics ] || need_apt+=(victoria-metrics)
[ -x /usr/bin/influxd ] || need_apt+=(influxdb)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need_apt+=(postgresql-15)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "Installing: ${need_apt[*]}"
  # A failed install is not fatal: the benchmark reports the missing peer as n/a.
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null; }; then
    echo "warning: could not install ${need_apt[*]}; those peers will be reported as n/a" >&2
  fi
  # Debian's packages start their own services where systemd runs; the benchmark uses private instances only.
fi

dotnet build benchmarks/Nightshift.Benchmarks.Peers -c Release -nologo -v quiet
# The node for the HTTP run (`nightshift run`, POST /write). If it does not build, that row is n/a (or uses an older
# build). BENCH_SKIP_NODE_BUILD=1 skips this build and uses whatever Release build is there.
if [ "${BENCH_SKIP_NODE_BUILD:-0}" != 1 ] && ! dotnet build src/Nightshift.Cli -c Release -nologo -v quiet; then
  echo "warning: src/Nightshift.Cli did not build in Release; the HTTP row uses an older build if there is one" >&2
fi
exec dotnet benchmarks/Nightshift.Benchmarks.Peers/bin/Release/net10.0/nightshift-bench-peers.dll "$@"
