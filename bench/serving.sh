#!/usr/bin/env bash
# The demo end to end, as a venue would start it: publishes the service in Release, starts it on loopback with a
# fresh data directory and the simulated venue, measures the time until the first DeepFM model serves, then the
# latency of GET /recommendations/{userId}?count=20 from a separate process, and prints the model's Recall@20 next
# to popularity's. Usage: [CANDIDATES=500] bash bench/serving.sh [requests]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
url=http://127.0.0.1:5099

dotnet publish src/Api -c Release -o "$work/api" --nologo -v quiet
dotnet build bench/KtvRec.Bench -c Release --nologo -v quiet
started=$(date +%s.%N)
KtvRec__Auth__AllowAnonymous=true KtvRec__Limits__RateLimitEnabled=false KtvRec__Demo__Enabled=true KtvRec__Recommendations__CandidateCount=${CANDIDATES:-500} KtvRec__DataDirectory="$work/data" ASPNETCORE_URLS=$url "$work/api/KtvRec.Api" >"$work/server.log" 2>&1 &
server=$!
until curl -sf $url/models/current >"$work/model.json"; do
  sleep 0.5
  kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
done
ready=$(date +%s.%N)
python3 - "$work/model.json" "$started" "$ready" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["metrics"]
print(f"time to first model: {float(sys.argv[3]) - float(sys.argv[2]):.1f} s from process start (demo venue loaded, then trained)")
print(f"validation AUC {m['auc']:.4f} (popularity {m['popularity_auc']:.4f}); "
      f"Recall@20 {m['recall@20']:.4f} vs popularity {m['popularity_recall@20']:.4f}; "
      f"NDCG@20 {m['ndcg@20']:.4f} vs {m['popularity_ndcg@20']:.4f}")
PY
dotnet bench/KtvRec.Bench/bin/Release/net10.0/KtvRec.Bench.dll recommendations $url "${1:-2000}" 300
