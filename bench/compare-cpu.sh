#!/usr/bin/env bash
# The service's CPU time per request, the service at COMMIT and the working tree side by side: a user's list
# (GET /recommendations/{userId}) and a room of four's (GET /sessions/{id}/recommendations). One model is trained once
# on a simulated venue; both services then run at the same time on copies of that data, and short bursts of load
# alternate between them, each process's CPU time (utime + stime from /proc/PID/stat) summed over its own bursts. The
# machine's speed drifts 30-50 % within an hour here; it falls on both alike, so this resolves changes of a few percent
# that throughput runs one after the other cannot. Needs wrk (apt-get install wrk).
# Usage: bash bench/compare-cpu.sh COMMIT [SONGS USERS SESSIONS]   (default: the README's demo venue, 3000 300 500)
# ROUNDS (default 8) bursts of 3 s per build and path.
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${1:?give the commit to compare with, e.g. 7933566}
songs=${2:-3000}
users=${3:-300}
sessions=${4:-500}
rounds=${ROUNDS:-8}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
pids=()
trap 'kill ${pids[@]+"${pids[@]}"} 2>/dev/null; git worktree remove --force "$work/src" 2>/dev/null || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/src" "$commit" >/dev/null
dotnet publish "$work/src/src/Api" -c Release -o "$work/then" --nologo -v quiet
dotnet publish src/Api -c Release -o "$work/now" --nologo -v quiet

# serve BUILD PORT DATA [NAME=VALUE ...]: the published build on loopback, open and unthrottled, no scheduled retrain;
# returns once a model serves.
serve() {
  local build=$1 port=$2 data=$3
  shift 3
  (cd "$work/$build" && exec env KtvRec__Auth__AllowAnonymous=true KtvRec__Limits__RateLimitEnabled=false \
    KtvRec__DataDirectory="$data" ASPNETCORE_URLS="http://127.0.0.1:$port" KtvRec__Training__Cron="0 0 1 1 *" KtvRec__Training__IncrementalCron="" "$@" \
    ./KtvRec.Api) >"$data.log" 2>&1 &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$port/models/current" >/dev/null; do
    sleep 2
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -20 "$data.log"; exit 1; }
    if grep -q "(startup): rejected" "$data.log"; then grep -h "rejected" "$data.log"; exit 1; fi
  done
}

echo "Training one model on $songs songs, $users users, $sessions sessions..."
serve now 5097 "$work/data" KtvRec__Demo__Enabled=true KtvRec__Demo__Songs="$songs" KtvRec__Demo__Users="$users" \
  KtvRec__Demo__Sessions="$sessions" KtvRec__Training__RankingUsers=200
# The recommendations bench's rooms: 100 open sessions of four users each.
for i in $(seq 0 99); do
  members=$(for m in 0 1 2 3; do printf '"u%05d",' $(( (i * 4 + m) * 7919 % users )); done)
  curl -sf -X POST http://127.0.0.1:5097/sessions -H 'Content-Type: application/json' \
    -d "{\"sessionId\":\"bench-room-$(printf %03d "$i")\",\"room\":\"room-$(printf %02d $((i % 20)))\",\"userIds\":[${members%,}]}" >/dev/null
done
kill "${pids[0]}"
wait "${pids[0]}" 2>/dev/null || true
pids=()

cat >"$work/users.lua" <<EOF
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", string.format("/recommendations/u%05d?count=20", (counter * 7919) % $users))
end
EOF
cat >"$work/rooms.lua" <<'EOF'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", string.format("/sessions/bench-room-%03d/recommendations?count=20", counter % 100))
end
EOF

declare -A port=([then]=5098 [now]=5099) pid cpu requests
for build in then now; do
  cp -r "$work/data" "$work/data-$build"
  serve "$build" "${port[$build]}" "$work/data-$build"
  pid[$build]=${pids[-1]}
done
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# Warm-up: every path of both builds under 8 clients (the JIT's tiers settle).
for build in then now; do
  for path in users rooms; do wrk -t1 -c8 -d6s -s "$work/$path.lua" "http://127.0.0.1:${port[$build]}" >/dev/null; done
done
for round in $(seq 1 "$rounds"); do
  for path in users rooms; do
    for build in then now; do
      before=$(ticks "${pid[$build]}")
      served=$(wrk -t1 -c2 -d3s -s "$work/$path.lua" "http://127.0.0.1:${port[$build]}" | awk '/requests in/ { print $1 }')
      after=$(ticks "${pid[$build]}")
      cpu[$build-$path]=$(( ${cpu[$build-$path]:-0} + after - before ))
      requests[$build-$path]=$(( ${requests[$build-$path]:-0} + served ))
    done
  done
done

tick=$(getconf CLK_TCK)
label="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +changes)"
echo "CPU µs per request, $songs songs, $users users; $rounds bursts of 3 s at 2 clients per build and path, alternating"
echo "path | $commit | $label | change"
for path in users rooms; do
  python3 -c "
import sys
then, now = (int(sys.argv[i]) * 1e6 / int(sys.argv[i + 1]) / int(sys.argv[5]) for i in (1, 3))
print(f'{sys.argv[6]} | {then:,.0f} | {now:,.0f} | {100 * (now / then - 1):+.1f} %')" \
    "${cpu[then-$path]}" "${requests[then-$path]}" "${cpu[now-$path]}" "${requests[now-$path]}" "$tick" "$path"
done
