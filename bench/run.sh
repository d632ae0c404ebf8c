#!/usr/bin/env bash
# Every benchmark of the service in one run, each figure beside its ceiling measured in the same run:
# ingest vs the raw database engine, recommendations vs the bare model (1k/10k/50k songs, 10k users), training vs pure
# forward/backward, the CLI at the reference shape, model quality, a soak with model swaps, and micro-benchmarks.
# Writes bench/results/<date>.json and <date>.md. Usage: bash bench/run.sh [section ...]
# Sections: micro ingest recommendations training quality datasets soak (default: all), and startup, incremental and
# scale (not in the default: 10 million events take about ten minutes to write and several GB of disk; a simulated venue
# of a million events takes minutes to load and three retrains; the scale section's chain takes the better part of an hour).
# SOAK_MINUTES (default 10).
# BENCH_POSTGRES="Host=127.0.0.1;Username=postgres;Password=…": the service runs on PostgreSQL instead of SQLite
# (a fresh database per start, dropped when the run ends), and ingest's ceiling is raw PostgreSQL (binary COPY into a
# database of its own).
set -euo pipefail
cd "$(dirname "$0")/.."
sections=${*:-micro ingest recommendations training quality datasets soak}
work=$(mktemp -d)
# Each provider keeps its own sections, so a PostgreSQL report never shows SQLite's figures as its own. The parts are
# committed with the report, so a run of some sections keeps the others' figures, each labelled with its commit.
parts=bench/results/parts${BENCH_POSTGRES:+-postgres}
KTVREC_BENCH_COMMIT=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench/KtvRec.Bench || echo "+changes")
export KTVREC_BENCH_COMMIT
url=http://127.0.0.1:5099
server=
bench=
trap 'stop_server; drop_databases; rm -rf "$work"' EXIT
# A full run starts from nothing; a run of some sections replaces only theirs in the report.
[ $# -eq 0 ] && rm -rf "$parts"
mkdir -p "$parts"

stop_server() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  server=
}

# The PostgreSQL databases this run created go with its data directories.
drop_databases() {
  [ -n "${BENCH_POSTGRES:-}" ] && [ -n "$bench" ] && $bench drop-databases "$BENCH_POSTGRES" $$ || true
}

# start_server DATA_DIR [NAME=VALUE ...]: the published service in Production on loopback, open and unthrottled.
start_server() {
  local data=$1; shift
  if [ -n "${BENCH_POSTGRES:-}" ]; then
    export KTVREC_BENCH_DATABASE="$BENCH_POSTGRES;Database=ktvrec_bench_$(basename "$data")_$$"
    set -- KtvRec__Database__Provider=postgres KtvRec__Database__ConnectionString="$KTVREC_BENCH_DATABASE" "$@"
  fi
  # From its own folder, as the Docker image runs it: the content root is the working directory, and only there does
  # the service find its appsettings.json (without it every request and query is logged at Information).
  (cd "$work/api" && exec env KtvRec__Auth__AllowAnonymous=true KtvRec__Limits__RateLimitEnabled=false \
    KtvRec__DataDirectory="$data" ASPNETCORE_URLS=$url "$@" ./KtvRec.Api) >"$data.log" 2>&1 &
  server=$!
}

# wait_for PATH: until the running service answers PATH with 200 (training a first model can take minutes). Stops
# the run when the service dies or its first model is rejected (no model would ever serve).
wait_for() {
  until curl -sf "$url$1" >/dev/null; do
    sleep 1
    kill -0 "$server" 2>/dev/null || { tail -30 "$work"/*.log; exit 1; }
    if grep -q "(startup): rejected" "$work"/*.log 2>/dev/null; then grep -h "rejected" "$work"/*.log; exit 1; fi
  done
}

echo "Building (Release)..."
dotnet publish src/Api -c Release -o "$work/api" --nologo -v quiet
dotnet build bench/KtvRec.Bench -c Release --nologo -v quiet
dotnet build src/Cli -c Release --nologo -v quiet
bench="dotnet bench/KtvRec.Bench/bin/Release/net10.0/KtvRec.Bench.dll"
cli="dotnet src/Cli/bin/Release/net10.0/KtvRec.Cli.dll"

for section in $sections; do
  echo "== $section ($(date -u +%H:%M:%S))"
  rm -f "$parts/$section.json"
  case $section in
    micro)
      $bench micro "$parts" --filter '*' --job short --inProcess --exporters json >"$work/micro.log" ;;
    ingest)
      start_server "$work/ingest" KtvRec__Training__Enabled=false
      wait_for /health/live
      $bench ingest $url "$parts" "$work/raw-sqlite"
      stop_server ;;
    recommendations)
      # The README's demo default first (3,000 songs, 300 users), then 1k / 10k / 50k songs with 10k users.
      start_server "$work/demo" KtvRec__Demo__Enabled=true
      wait_for /models/current
      $bench recommendations $url "$parts" "$work/demo" 3000 300 300
      stop_server
      for songs in 1000 10000 50000; do
        # 3,000 sessions (about 300,000 events): with fewer, 10,000 users sing too little each for a first model to
        # beat popularity, and the gate rightly keeps it out.
        start_server "$work/songs$songs" KtvRec__Demo__Enabled=true KtvRec__Demo__Songs=$songs KtvRec__Demo__Users=10000 \
          KtvRec__Demo__Sessions=3000 KtvRec__Training__RankingUsers=200
        wait_for /models/current
        $bench recommendations $url "$parts" "$work/songs$songs" $songs 10000 300
        stop_server
      done ;;
    training)
      $bench training "$parts" 100000:10,1000000:2 ;;
    quality)
      for model in lr fm deepfm; do
        $cli train --simulate true --model $model --threads 2 --json "$work/$model.json" >/dev/null 2>"$work/$model.log"
      done
      $bench quality "$parts" "$work"
      rm -f "$parts/training_cli.json"
      python3 bench/pytorch/make_ctr_file.py "$work/ctr" 220000 20000 1 >/dev/null
      $cli evaluate --format libffm --train "$work/ctr/train.libffm" --test "$work/ctr/test.libffm" --model deepfm \
        --epochs 3 --batch-size 1024 --embedding-dim 10 --hidden 400,400,400 --threads 2 --json "$work/cli.json" >/dev/null 2>&1
      $bench training-cli "$parts" "$work/cli.json" ;;
    datasets)
      # Public datasets through the API, as a jukebox sends them (docs/ranking.md says where to get them; never committed):
      # KTVREC_LASTFM names the folder of Last.fm HetRec's user_artists.dat and artists.dat, KTVREC_MOVIELENS MovieLens
      # 100K's u.data, u.item, u.user and u.genre. Each runs on a service of its own with its defaults (the hourly
      # retrain moved out of the way, so the bench's one retrain is the only one).
      for name in lastfm movielens; do
        dir=$([ $name = lastfm ] && echo "${KTVREC_LASTFM:-}" || echo "${KTVREC_MOVIELENS:-}")
        if [ -z "$dir" ]; then echo "$name: skipped (set KTVREC_${name^^} to its folder)"; continue; fi
        start_server "$work/$name" KtvRec__Training__Cron="0 0 1 1 *" KtvRec__Training__IncrementalCron=""
        wait_for /health/live
        $bench datasets $url "$parts" "$work/$name" $name "$dir"
        stop_server
      done ;;
    incremental)
      # The hourly incremental retrain beside a full one on the same data (SQLite): the simulated venue at a million
      # events (BENCH_VENUE_SONGS / _USERS / _SESSIONS to change it) with its first model trained at start-up, then its
      # last day of events sent again through the API into the hour after the model's data, then both retrains.
      if [ -n "${BENCH_POSTGRES:-}" ]; then echo "incremental: SQLite only (the bench reads the venue's last day from it)"; continue; fi
      start_server "$work/venue" KtvRec__Demo__Enabled=true KtvRec__Demo__Songs=${BENCH_VENUE_SONGS:-100000} \
        KtvRec__Demo__Users=${BENCH_VENUE_USERS:-100000} KtvRec__Demo__Sessions=${BENCH_VENUE_SESSIONS:-10000} \
        KtvRec__Training__Cron="0 0 1 1 *" KtvRec__Training__IncrementalCron=""
      wait_for /models/current
      $bench incremental $url "$parts" "$work/venue"
      stop_server ;;
    startup)
      # Start-up to ready on a chain's history of 1M and then 10M events (SQLite), generated straight into the database;
      # training off, so the time is the service's own: migrations, warm-up of the in-memory state, Hangfire.
      if [ -n "${BENCH_POSTGRES:-}" ]; then echo "startup: SQLite only (the history is written into SQLite)"; continue; fi
      runs=
      for events in 1000000 10000000; do
        $bench startup-data "$work/chain" $events
        started=$(date +%s.%N)
        start_server "$work/chain" KtvRec__Training__Enabled=false KtvRec__Training__TrainOnStartup=false
        wait_for /health/ready
        seconds=$(echo "$(date +%s.%N) - $started" | bc)
        rss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$server/status")
        users=$(grep -o '[0-9]* users in memory for serving' "$work/chain.log" | tail -1 | cut -d' ' -f1)
        runs="${runs:+$runs,}$events:$seconds:$users:$rss"
        stop_server
      done
      $bench startup "$parts" "$runs" ;;
    scale)
      # A chain on one node (SQLite): BENCH_SCALE_SONGS (200,000) songs, BENCH_SCALE_USERS (1,000,000) members and
      # BENCH_SCALE_SESSIONS (101,000: ~10M events) simulated over 180 days, written straight into the database but for
      # the newest BENCH_SCALE_INGEST (1,000,000) and then 30,000 events, which the bench sends through the API. No model
      # at start: the first is the bench's full retrain with the service's defaults. Then start-up again, a model serving.
      if [ -n "${BENCH_POSTGRES:-}" ]; then echo "scale: SQLite only (the chain is written into SQLite)"; continue; fi
      users=${BENCH_SCALE_USERS:-1000000}
      $bench scale-data "$work/scale" ${BENCH_SCALE_SONGS:-200000} $users ${BENCH_SCALE_SESSIONS:-101000} 180 \
        ${BENCH_SCALE_INGEST:-1000000} 30000
      for restart in false true; do
        started=$(date +%s.%N)
        start_server "$work/scale" KtvRec__Training__TrainOnStartup=false KtvRec__Training__Cron="0 0 1 1 *" \
          KtvRec__Training__IncrementalCron=""
        wait_for /health/ready
        seconds=$(echo "$(date +%s.%N) - $started" | bc)
        if [ $restart = false ]; then
          $bench scale $url "$parts" "$work/scale" $server $users $seconds
        else
          $bench scale-restart "$parts" "$work/scale" $seconds "$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$server/status")"
        fi
        stop_server
      done ;;
    soak)
      # One swap a minute needs a retrain to finish well inside the minute under load and to serve: 3 epochs (each
      # retrain trains twice, selection and the final fit) and a gate that lets a retrain on the same data through.
      start_server "$work/soak" KtvRec__Demo__Enabled=true KtvRec__Training__Cron="0 0 1 1 *" KtvRec__Training__IncrementalCron="" \
        KtvRec__Training__Epochs=3 KtvRec__Training__GateTolerance=1
      wait_for /models/current
      $bench soak $url "$parts" "$server" "${SOAK_MINUTES:-10}"
      stop_server ;;
    *) echo "Unknown section '$section'" >&2; exit 2 ;;
  esac
done

$bench report "$parts" bench/results "${BENCH_POSTGRES:+BENCH_POSTGRES=… }bash bench/run.sh${*:+ $*}"
