#!/usr/bin/env bash
# Starts a local PostgreSQL cluster on loopback for the test suite (Debian's postgresql package, installed if missing;
# run as root) and prints the KTVREC_TEST_POSTGRES value to export before `bash tests/run.sh`.
# `bash tests/postgres.sh stop` stops that cluster again.
set -euo pipefail

newest_version() {
  ls /usr/lib/postgresql | sort -n | tail -1
}

start_cluster() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local version
  version=$(newest_version)
  [ -d "/etc/postgresql/$version/main" ] || pg_createcluster "$version" main >/dev/null
  pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'ktvrec'\""
}

# Only the connection string goes to standard output (descriptor 3); everything the tools say goes to standard error.
exec 3>&1 1>&2
if [ "${1:-}" = stop ]; then
  pg_ctlcluster "$(newest_version)" main stop
  exit 0
fi
# The server (started here or by the package's install) must not inherit descriptor 3: it is the caller's $(...) pipe,
# which would then never reach its end and the caller would wait forever.
start_cluster 3>&-
echo "Host=127.0.0.1;Username=postgres;Password=ktvrec;Timeout=30" >&3
