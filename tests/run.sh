#!/usr/bin/env bash
# The whole suite: every test on SQLite, then the API tests again on PostgreSQL when KTVREC_TEST_POSTGRES names a
# server where they may create databases (`export KTVREC_TEST_POSTGRES="$(bash tests/postgres.sh)"` starts one).
set -euo pipefail
cd "$(dirname "$0")/.."
# A test still running after 15 minutes has hung (the tests' own waits give up sooner: the longest, a Release publish,
# after 8): it fails and its round ends, rather than holding CI until its time limit.
hang=(--blame-hang-timeout 15m --blame-hang-dump-type none)
# The dashboard's browser test drives Debian's Chromium with playwright-core, pinned in tests/browser/package-lock.json.
npm ci --prefix tests/browser --no-audit --no-fund --silent
# The first round is SQLite's whatever the environment holds; the second one is PostgreSQL's.
KTVREC_TEST_POSTGRES= dotnet test KtvRecService.sln "${hang[@]}" "$@"
if [ -n "${KTVREC_TEST_POSTGRES:-}" ]; then
  echo "== The API tests again, on PostgreSQL"
  dotnet test tests/KtvRec.Api.Tests "${hang[@]}" "$@"
else
  echo "PostgreSQL: not tested (set KTVREC_TEST_POSTGRES to a server's connection string to run the API tests on it too)"
fi
