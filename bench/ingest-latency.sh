#!/usr/bin/env bash
# Publishes the service in Release, starts it on loopback with a fresh data directory, and measures
# POST /events latency from a separate process (single events, then 1,000-event batches).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish src/Api -c Release -o "$work/api" --nologo -v quiet
dotnet build bench/KtvRec.Bench -c Release --nologo -v quiet
KtvRec__Auth__AllowAnonymous=true KtvRec__Limits__RateLimitEnabled=false KtvRec__Training__Enabled=false KtvRec__DataDirectory="$work/data" ASPNETCORE_URLS=http://127.0.0.1:5099 "$work/api/KtvRec.Api" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:5099/stats >/dev/null && break; sleep 1; done

dotnet bench/KtvRec.Bench/bin/Release/net10.0/KtvRec.Bench.dll ingest http://127.0.0.1:5099 "${1:-2000}" "${2:-40}"
