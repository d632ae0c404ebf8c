#!/usr/bin/env bash
# GET /recommendations on the README's demo default, the service at COMMIT and the working tree side by side in one
# run (same machine, same load, one after the other), each with its own freshly trained first model.
# Usage: bash bench/compare-recommendations.sh COMMIT   (prints the recommendations bench's rows for each)
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${1:?give the commit to compare with, e.g. f54b1ac}
work=$(mktemp -d)
url=http://127.0.0.1:5099
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; git worktree remove --force "$work/src" 2>/dev/null || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/src" "$commit" >/dev/null
dotnet publish "$work/src/src/Api" -c Release -o "$work/then" --nologo -v quiet
dotnet publish src/Api -c Release -o "$work/now" --nologo -v quiet
dotnet build bench/KtvRec.Bench -c Release --nologo -v quiet
bench="dotnet bench/KtvRec.Bench/bin/Release/net10.0/KtvRec.Bench.dll"

for name in then now; do
  data=$work/data-$name
  mkdir -p "$data" "$work/parts-$name"
  # No retrain during the run: the first model, trained at start-up, serves throughout.
  (cd "$work/$name" && exec env KtvRec__Auth__AllowAnonymous=true KtvRec__Limits__RateLimitEnabled=false \
    KtvRec__DataDirectory="$data" ASPNETCORE_URLS=$url KtvRec__Demo__Enabled=true KtvRec__Training__Cron="0 0 1 1 *" KtvRec__Training__IncrementalCron="" \
    ./KtvRec.Api) >"$data.log" 2>&1 &
  server=$!
  until curl -sf "$url/models/current" >/dev/null; do
    sleep 2
    kill -0 $server 2>/dev/null || { tail -20 "$data.log"; exit 1; }
  done
  $bench recommendations $url "$work/parts-$name" "$data" 3000 300 500 >"$work/$name.log"
  kill $server; wait $server 2>/dev/null || true; server=
  label=$([ $name = then ] && echo "$commit" || echo "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +changes)")
  python3 -c "import json,sys; [print(sys.argv[2], ' | '.join(r)) for r in json.load(open(sys.argv[1]))['rows']]" \
    "$work/parts-$name/recommendations.json" "$label"
done
echo "columns: catalog | clients | requests/s | p50 | p95 | p99 | bare model p50 | bare model scores/s | service / bare"
