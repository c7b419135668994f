# bench/run.sh's steps (sourced after bench/lib.sh): services defined once and started, timed,
# restarted and measured by name; the wrk runs of the table, the soak and the start-up variants.

SERVICES=(identity core-api bff-web bff-mobile public-api yarp-hop)
declare -gA PORT=() READY=()
SOAK_SECONDS=${BENCH_SOAK_SECONDS:-300}
SOAK_RATE=${BENCH_SOAK_RATE:-25}   # requests per second per connection (2 connections per door)

# define <name> <ready path> <VAR=value>... -- <command...>: a start script, so the service can be
# started again (restart, runtime variants) exactly as the first time; extra environment passes through.
define() {
  local name=$1 ready=$2; shift 2
  local vars=()
  while [ "$1" != -- ]; do vars+=("$1"); shift; done
  shift
  READY[$name]=$ready
  {
    echo '#!/usr/bin/env bash'
    printf 'exec env'; printf ' %q' "${vars[@]}" "$@" --urls "http://127.0.0.1:${PORT[$name]}"; echo
  } >"$RUN_DIR/start-$name.sh"
}

# start_timed <name> <label>: starts the service and writes the milliseconds to its first ready answer.
start_timed() {
  local name=$1 label=$2 url="http://127.0.0.1:${PORT[$1]}${READY[$1]}" t0 deadline=$((SECONDS + 300))
  log "starting $name ($label)"
  t0=$(date +%s%N)
  # env and bash exec into dotnet: $! is the service's own process.
  # shellcheck disable=SC2086 # EXTRA_ENV: VAR=value words of a runtime variant
  env ${EXTRA_ENV:-} bash "$RUN_DIR/start-$name${START_SUFFIX:-}.sh" >"$LOGS/$name-$label.log" 2>&1 &
  PID[$name]=$!
  pids+=($!)
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    kill -0 "${PID[$name]}" 2>/dev/null || die "$name exited during start-up (log: bench/results/logs-$STAMP/$name-$label.log)"
    [ $SECONDS -lt $deadline ] || die "$name did not answer $url in time"
    sleep 0.02
  done
  echo $((($(date +%s%N) - t0) / 1000000)) >"$RUN_DIR/startup-$label.$name"
  # The CPU time the process spent getting there: start-up is mostly CPU (JIT), and this figure moves
  # far less than the wall clock when other work shares the machine.
  awk -v tck="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / tck)}' "/proc/${PID[$name]}/stat" >"$RUN_DIR/startup-cpu-$label.$name"
}

# restart_timed <name> <label>: stops the service (SIGTERM, waits) and starts it again on its data.
restart_timed() {
  local name=$1
  kill "${PID[$name]}" 2>/dev/null || true
  while kill -0 "${PID[$name]}" 2>/dev/null; do sleep 0.05; done
  start_timed "$@"
}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/${PID[$1]}/status"; }
# Proportional set size: resident pages, each page shared with other processes (the runtime's and the
# framework's files, mapped by every .NET service here) counted as its share. What the service adds to
# the machine; RSS counts the shared pages in full in every process.
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/${PID[$1]}/smaps_rollup"; }

# CPU time (user + system clock ticks) of every service, in SERVICES order.
cpu_ticks() {
  local name
  for name in "${SERVICES[@]}"; do awk '{printf "%d ", $14 + $15}' "/proc/${PID[$name]}/stat"; done
}

# wrk_target <target> <seconds> [wrk args...]: wrk against one TARGETS entry.
wrk_target() {
  local name data door url h1 h2 seconds=$2
  IFS='|' read -r name data door url h1 h2 <<<"$1"
  shift 2
  local headers=()
  [ -n "$h1" ] && headers+=(-H "$h1")
  [ -n "$h2" ] && headers+=(-H "$h2")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" "$@" "${headers[@]}" "$url"
}

check_targets() {
  local name data door url h1 h2 status
  for TARGET in "${TARGETS[@]}"; do
    IFS='|' read -r name data door url h1 h2 <<<"$TARGET"
    local args=(-s -o "$RUN_DIR/check.json" -w '%{http_code}')
    [ -n "$h1" ] && args+=(-H "$h1")
    [ -n "$h2" ] && args+=(-H "$h2")
    status=$(curl "${args[@]}" "$url")
    [ "$status" = 200 ] || die "$name answered $status: $(head -c 400 "$RUN_DIR/check.json")"
  done
}

# Every target warmed up first, then each measured with the CPU each process spent and the memory
# it holds. Warming all before measuring any: a door's first target otherwise paid for the JIT's
# background compilation of the door's whole request path (CPU the process spends, counted per request).
run_targets() {
  local i=0 name data door url rest before
  : >"$RUN_DIR/targets.tsv"
  log "warming every target up (${WARMUP}s each)"
  for TARGET in "${TARGETS[@]}"; do wrk_target "$TARGET" "$WARMUP" >/dev/null; done
  for TARGET in "${TARGETS[@]}"; do
    i=$((i + 1))
    IFS='|' read -r name data door url rest <<<"$TARGET"
    printf '%s\t%s\t%s\n' "$name" "$data" "$door" >>"$RUN_DIR/targets.tsv"
    log "$name: ${WARMUP}s warm-up, ${DURATION}s measured, $CONNECTIONS connections"
    wrk_target "$TARGET" "$WARMUP" >/dev/null
    before=$(cpu_ticks)
    wrk_target "$TARGET" "$DURATION" --latency >"$RUN_DIR/t.$i.wrk"
    echo "$before $(cpu_ticks)" >"$RUN_DIR/t.$i.cpu"
    for name in "${SERVICES[@]}"; do
      echo "$(rss_kb "$name")" >>"$RUN_DIR/rss-load.$name"
    done
  done
}

# Restarts each service under runtime settings, side by side: label|environment|build, where build is
# empty (the Release build output, what run.sh and the tests start) or r2r (the service published with
# ReadyToRun, what the Docker images run). The first row is the baseline the ratios are taken to.
# Every variant is measured BENCH_STARTUP_REPEATS (3) times, the variants interleaved within each
# round so that the other work on a shared machine falls on all of them alike; the report gives medians.
VARIANTS=(
  "default|"
  "workstation GC|DOTNET_gcServer=0"
  "workstation GC, non-concurrent|DOTNET_gcServer=0 DOTNET_gcConcurrent=0"
  "server GC, conserve memory|DOTNET_GCConserveMemory=5"
  "TieredPGO off|DOTNET_TieredPGO=0"
  "W^X off|DOTNET_EnableWriteXorExecute=0"
  "ReadyToRun (published)||r2r"
)
STARTUP_REPEATS=${BENCH_STARTUP_REPEATS:-3}
# BENCH_VARIANTS="default,ReadyToRun (published)": only the settings named (comma-separated labels).
if [ -n "${BENCH_VARIANTS:-}" ]; then
  chosen=()
  for variant in "${VARIANTS[@]}"; do [[ ",$BENCH_VARIANTS," == *",${variant%%|*},"* ]] && chosen+=("$variant"); done
  [ ${#chosen[@]} -gt 0 ] || die "BENCH_VARIANTS names none of: $(printf '%s, ' "${VARIANTS[@]%%|*}")"
  VARIANTS=("${chosen[@]}")
fi

# publish_r2r: every service published with ReadyToRun under $RUN_DIR/r2r/<name>, and a start script
# for it (start-<name>-r2r.sh: the same command on the published assembly).
publish_r2r() {
  local name dir assembly
  for name in identity core-api bff-web bff-mobile public-api; do
    read -r dir assembly <<<"${PROJECT[$name]}"
    log "publishing $name with ReadyToRun"
    dotnet publish "$ROOT/$dir/$assembly.csproj" -c Release -r "$(dotnet_rid)" --self-contained false -p:PublishReadyToRun=true \
      -o "$RUN_DIR/r2r/$name" -nologo -v quiet -clp:ErrorsOnly >"$LOGS/publish-$name.log" 2>&1 \
      || die "publishing $name failed (log: bench/results/logs-$STAMP/publish-$name.log)"
    sed "s|$ROOT/$dir/bin/Release/net10.0/|$RUN_DIR/r2r/$name/|" "$RUN_DIR/start-$name.sh" >"$RUN_DIR/start-$name-r2r.sh"
  done
}

dotnet_rid() { dotnet --info | awk '/^ RID:/ {print $2; exit}'; }

startup_variants() {
  local name variant label vars build target round before after requests
  declare -A probe=([identity]="" [core-api]="core products" [bff-web]="web products" [bff-mobile]="mobile products" [public-api]="public products")
  for variant in "${VARIANTS[@]}"; do [[ $variant == *"|r2r" ]] && { publish_r2r; break; }; done
  : >"$RUN_DIR/variants.tsv"
  for name in identity core-api bff-web bff-mobile public-api; do
    TARGET=""
    for target in "${TARGETS[@]}"; do [[ $target == "${probe[$name]}|"* ]] && TARGET=$target; done
    for round in $(seq "$STARTUP_REPEATS"); do
      for variant in "${VARIANTS[@]}"; do
        IFS='|' read -r label vars build <<<"$variant"
        EXTRA_ENV=$vars START_SUFFIX=${build:+-$build} restart_timed "$name" "variant"
        local started started_cpu idle idle_pss loaded
        started=$(cat "$RUN_DIR/startup-variant.$name")
        started_cpu=$(cat "$RUN_DIR/startup-cpu-variant.$name")
        if [ -n "$TARGET" ]; then wrk_target "$TARGET" 1 >/dev/null; else curl -fs -o /dev/null "$IDENTITY/.well-known/openid-configuration"; fi
        sleep 2
        idle=$(rss_kb "$name")
        idle_pss=$(pss_kb "$name")
        # The short load: its req/s and the service's CPU per request, the throughput side of the setting.
        before=$(awk '{print $14 + $15}' "/proc/${PID[$name]}/stat")
        if [ -n "$TARGET" ]; then wrk_target "$TARGET" 4 >"$RUN_DIR/variant.wrk"; else wrk -t1 -c2 -d4s "$IDENTITY/.well-known/openid-configuration" >"$RUN_DIR/variant.wrk"; fi
        after=$(awk '{print $14 + $15}' "/proc/${PID[$name]}/stat")
        loaded=$(rss_kb "$name")
        requests=$(awk '/requests in/ {print $1}' "$RUN_DIR/variant.wrk"); requests=${requests:-0}
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$label" "$round" "$started" "$started_cpu" "$idle" "$loaded" \
          "$(awk '/Requests\/sec/ {print $2}' "$RUN_DIR/variant.wrk")" \
          "$(( (after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))" "$idle_pss" >>"$RUN_DIR/variants.tsv"
        log "$name, $label (round $round): start ${started} ms (CPU ${started_cpu} ms), idle $((idle / 1024)) MB (PSS $((idle_pss / 1024)) MB), loaded $((loaded / 1024)) MB"
      done
    done
    # Back to the default, so the next service's variants run beside the platform as measured.
    restart_timed "$name" variant
  done
}

# --soak: every door at once at a fixed rate (wrk paced by a Lua delay, wrk2 not being in Debian),
# memory of every service sampled every 10 s; zero 5xx and flat memory or it fails.
run_soak() {
  cat >"$RUN_DIR/soak.lua" <<'LUA'
-- Paced requests over a door's paths; counts 5xx per thread and reports them at the end.
local rate = tonumber(os.getenv("SOAK_RATE"))
local paths = {}
for p in string.gmatch(os.getenv("SOAK_PATHS"), "[^ ]+") do paths[#paths + 1] = p end
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function init() i = 0; failed = 0 end
function delay() return 1000 / rate end
function request() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
function response(status) if status >= 500 then failed = failed + 1 end end
function done()
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("failed") end
  io.write("5xx: " .. total .. "\n")
end
LUA
  local door base paths h1 h2
  local soaks=(
    "bff-web|$WEB|/api/products?$QUERY /api/products/$PRODUCT /api/orders?$QUERY|$SPA|X-CSRF: 1"
    "bff-mobile|$MOBILE|/mobile/v1/products?$QUERY /mobile/v1/products/$PRODUCT /mobile/v1/orders?limit=20|$APP|"
    "public-api|$PUBLIC|/api/v2/products?$QUERY /api/v2/products/$PRODUCT /api/v2/orders?$QUERY|$PARTNER|"
  )
  log "soak: ${SOAK_SECONDS}s, every door at ~$((SOAK_RATE * 2)) req/s ($SOAK_RATE per connection, 2 connections)"
  local soak_pids=()
  for soak in "${soaks[@]}"; do
    IFS='|' read -r door base paths h1 h2 <<<"$soak"
    local headers=(-H "$h1")
    [ -n "$h2" ] && headers+=(-H "$h2")
    SOAK_RATE=$SOAK_RATE SOAK_PATHS=$paths wrk -t1 -c2 -d"${SOAK_SECONDS}s" --latency -s "$RUN_DIR/soak.lua" "${headers[@]}" "$base" >"$RUN_DIR/soak.$door.wrk" &
    soak_pids+=($!)
  done
  local start=$SECONDS name
  : >"$RUN_DIR/soak-rss.tsv"
  while [ $((SECONDS - start)) -lt "$SOAK_SECONDS" ]; do
    for name in "${SERVICES[@]}"; do printf '%s\t%s\t%s\n' $((SECONDS - start)) "$name" "$(rss_kb "$name")" >>"$RUN_DIR/soak-rss.tsv"; done
    sleep 10
  done
  wait "${soak_pids[@]}"
  for name in "${SERVICES[@]}"; do printf '%s\t%s\t%s\n' $((SECONDS - start)) "$name" "$(rss_kb "$name")" >>"$RUN_DIR/soak-rss.tsv"; done
  REPORT="$RESULTS_DIR/soak-$STAMP"
  python3 "$ROOT/bench/soak_report.py" "$RUN_DIR" "$REPORT" "$SOAK_SECONDS" "$SOAK_RATE"
}
