# Shared by the bench scripts (sourced after scripts/lib.sh): the run's settings, a throw-away
# run folder, services started on free loopback ports and all stopped at exit.

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-5}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-2}
THREADS=${BENCH_THREADS:-2}
QUERY="pageSize=20"

# bench_start <name>: the tools a benchmark needs, RUN_DIR, RESULTS_DIR, STAMP and LOGS, and the exit trap.
bench_start() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required"
  ensure_apt wrk wrk
  ensure_apt python3 python3
  RUN_DIR=$(mktemp -d -t "$1-bench-XXXXXX")
  RESULTS_DIR="$ROOT/bench/results"
  STAMP=$(date -u +%Y%m%dT%H%M%SZ)
  LOGS="$RESULTS_DIR/logs-$STAMP"
  mkdir -p "$RESULTS_DIR" "$LOGS"
  pids=()
  declare -gA PID=()
  trap bench_stop INT TERM EXIT
}

bench_stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$RUN_DIR"
}

# launch <name> <url> <ready path> <command...>: background, log under the run folder, wait until ready.
launch() {
  local name=$1 url=$2 ready=$3; shift 3
  log "starting $name on $url"
  "$@" --urls "$url" >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
  PID[$name]=$!
  wait_for_url "$url$ready" "$name (log: bench/results/logs-$STAMP/$name.log)" "$!" 120
}

service() { # service <project dir> <assembly>
  echo dotnet "$ROOT/$1/bin/Release/net10.0/$2.dll" --contentRoot "$ROOT/$1"
}
