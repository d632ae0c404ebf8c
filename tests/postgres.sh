#!/usr/bin/env bash
# Starts a local PostgreSQL cluster on loopback for the test suite (Debian's postgresql package, installed if missing;
# run as root) and prints the KTVREC_TEST_POSTGRES value to export before `bash tests/run.sh`.
set -euo pipefail
# Only the connection string goes to standard output; everything the tools say goes to standard error.
exec 3>&1 1>&2
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
[ -d "/etc/postgresql/$version/main" ] || pg_createcluster "$version" main >/dev/null
pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'ktvrec'\""
echo "Host=127.0.0.1;Username=postgres;Password=ktvrec;Timeout=30" >&3
