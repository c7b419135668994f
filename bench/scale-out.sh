#!/usr/bin/env bash
# What shared state costs, side by side in one run on this machine (GET public-api
# /api/v1/products?pageSize=20 with the demo partner's test key, rate limiting on, the plan's
# limits raised far above the load):
#   memory   one public-api, embedded default: the limiter's counters in process memory
#   redis    one public-api with Redis:Configuration: counters (and key ring) in Redis
#   lb1      the redis instance behind deploy/local-balancer (YARP) with that one destination
#   lb2      the balancer over two such instances sharing the Redis, round-robin
# CPU per request sums every process on the path that the target adds: the public-api
# instance(s), redis-server, the balancer. Prints req/s, p50/p99, CPU us/request and the ratios:
# redis/memory (the shared limiter), lb1/redis (the balancer's hop), lb2/lb1 (a second instance
# on the same two cores). Results in bench/results/ (gitignored); everything is stopped at exit.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/scripts/servers.sh"
cd "$ROOT"

source "$ROOT/bench/lib.sh"
bench_start scale-out

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  log "building identity, core-api, public-api and the local balancer (Release)"
  for project in identity/BffPlatform.Identity.csproj core-api/BffPlatform.CoreApi.csproj public-api/BffPlatform.PublicApi.csproj \
      deploy/local-balancer/BffPlatform.LocalBalancer.csproj; do
    dotnet build "$ROOT/$project" -c Release -nologo -v quiet -clp:ErrorsOnly || die "dotnet build $project failed"
  done
fi

KEY=bp_test_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q   # core-api's Development demo partner
IDENTITY="http://127.0.0.1:$(free_port)"; CORE="http://127.0.0.1:$(free_port)"
MEMORY="http://127.0.0.1:$(free_port)"; R1="http://127.0.0.1:$(free_port)"; R2="http://127.0.0.1:$(free_port)"
LB1_PORT=$(free_port); LB2_PORT=$(free_port); REDIS_PORT=$(free_port)

start_redis "$REDIS_PORT" "$LOGS/redis.log"
pids+=("$REDIS_PID")

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
launch identity "$IDENTITY" /.well-known/openid-configuration env \
  "Identity__Issuer=$IDENTITY/" "ConnectionStrings__Identity=Data Source=$RUN_DIR/identity.db" \
  "Identity__Keys__Directory=$RUN_DIR/identity-keys" "Logging__LogLevel__Default=Warning" \
  $(service identity BffPlatform.Identity)
launch core-api "$CORE" /health/ready env \
  "ConnectionStrings__Core=Data Source=$RUN_DIR/core.db" "Authentication__Jwt__Authority=$IDENTITY/" \
  "Database__SeedDemoData=true" "Logging__LogLevel__Default=Warning" \
  $(service core-api BffPlatform.CoreApi)
PUBLIC_ENV=("CoreApi__BaseAddress=$CORE/" "TokenClient__Authority=$IDENTITY/" "Logging__LogLevel__Default=Warning"
  "Usage__ReportInterval=00:10:00" "RateLimiting__Policies__free__Burst__Permits=10000000" "RateLimiting__Policies__free__Sustained__Permits=10000000")
REDIS_ENV=("Redis__Configuration=127.0.0.1:$REDIS_PORT,abortConnect=false")
# Each instance its own webhook database (not on the measured path); the key ring in Redis for the shared ones.
launch memory "$MEMORY" /health/ready env "${PUBLIC_ENV[@]}" \
  "ConnectionStrings__Webhooks=Data Source=$RUN_DIR/memory-webhooks.db" "DataProtection__KeysPath=$RUN_DIR/memory-keys" \
  $(service public-api BffPlatform.PublicApi)
launch r1 "$R1" /health/ready env "${PUBLIC_ENV[@]}" "${REDIS_ENV[@]}" \
  "ConnectionStrings__Webhooks=Data Source=$RUN_DIR/r1-webhooks.db" $(service public-api BffPlatform.PublicApi)
launch r2 "$R2" /health/ready env "${PUBLIC_ENV[@]}" "${REDIS_ENV[@]}" \
  "ConnectionStrings__Webhooks=Data Source=$RUN_DIR/r2-webhooks.db" $(service public-api BffPlatform.PublicApi)

log "starting the local balancer on $LB1_PORT (r1) and $LB2_PORT (r1, r2)"
env "Balancer__Services__lb1__Port=$LB1_PORT" "Balancer__Services__lb1__Destinations__0=$R1" \
  "Balancer__Services__lb2__Port=$LB2_PORT" "Balancer__Services__lb2__Destinations__0=$R1" "Balancer__Services__lb2__Destinations__1=$R2" \
  "Logging__LogLevel__Default=Warning" \
  dotnet "$ROOT/deploy/local-balancer/bin/Release/net10.0/BffPlatform.LocalBalancer.dll" --contentRoot "$ROOT/deploy/local-balancer" \
  >"$LOGS/balancer.log" 2>&1 &
pids+=($!); PID[balancer]=$!
wait_for_url "http://127.0.0.1:$LB2_PORT/health/ready" balancer "$!" 60
wait_for_url "http://127.0.0.1:$LB1_PORT/health/ready" balancer "${PID[balancer]}" 60

# name|url|processes whose CPU the target costs
TARGETS=(
  "memory|$MEMORY|${PID[memory]}"
  "redis|$R1|${PID[r1]} $REDIS_PID"
  "lb1|http://127.0.0.1:$LB1_PORT|${PID[r1]} $REDIS_PID ${PID[balancer]}"
  "lb2|http://127.0.0.1:$LB2_PORT|${PID[r1]} ${PID[r2]} $REDIS_PID ${PID[balancer]}"
)
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url _ <<<"$target"
  status=$(curl -s -o "$RUN_DIR/$name.json" -w '%{http_code}' -H "Authorization: Bearer $KEY" "$url/api/v1/products?$QUERY")
  [ "$status" = 200 ] || die "$name answered $status: $(head -c 400 "$RUN_DIR/$name.json")"
done
python3 - "$RUN_DIR" <<'PY' || die "the targets answer different pages"
import json, sys
pages = [json.load(open(f"{sys.argv[1]}/{n}.json")) for n in ("memory", "redis", "lb1", "lb2")]
assert len(pages[0]["items"]) == 20 and all(p == pages[0] for p in pages)
PY
log "warm-up: ${WARMUP}s each"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url _ <<<"$target"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $KEY" "$url/api/v1/products?$QUERY" >/dev/null
done

cpu_ticks() { local total=0; for p in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$total"; }
CLK_TCK=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r name url processes <<<"$target"
    log "round $round/$ROUNDS, $name: ${DURATION}s, $CONNECTIONS connections, $THREADS threads"
    # shellcheck disable=SC2086
    before=$(cpu_ticks $processes)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $KEY" "$url/api/v1/products?$QUERY" >"$RUN_DIR/$name.$round.wrk"
    # shellcheck disable=SC2086
    echo "$before $(cpu_ticks $processes)" >"$RUN_DIR/$name.$round.cpu"
  done
done

REPORT="$RESULTS_DIR/scale-out-$STAMP"
python3 - "$RUN_DIR" "$REPORT" "$DURATION" "$CONNECTIONS" "$THREADS" "$ROUNDS" "$CLK_TCK" <<'PY'
import json, re, sys, platform, os, statistics
run, report, duration, connections, threads, rounds, clk_tck = sys.argv[1:8]
units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
names = ("memory", "redis", "lb1", "lb2")
def parse_round(name, path):
    text = open(path).read()
    if "Non-2xx or 3xx responses" in text or "Socket errors" in text:
        sys.exit(f"{name}: errors during the run:\n{text}")
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return float(m.group(1)) * units[m.group(2)]
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    before, after = (int(x) for x in open(path.replace(".wrk", ".cpu")).read().split())
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)), "p50_ms": pct(50), "p99_ms": pct(99),
            "requests": requests, "cpu_us_per_request": round((after - before) * 1e6 / int(clk_tck) / requests, 1)}
def parse(name):
    all_rounds = [parse_round(name, f"{run}/{name}.{i}.wrk") for i in range(1, int(rounds) + 1)]
    median = sorted(all_rounds, key=lambda x: x["rps"])[len(all_rounds) // 2]
    return dict(median, rounds=all_rounds, cpu_median=statistics.median(x["cpu_us_per_request"] for x in all_rounds))
r = {n: parse(n) for n in names}
lines = [f"scale-out: median of {rounds} interleaved rounds of {duration}s, {connections} connections, {threads} wrk threads, {os.cpu_count()} cores",
         f"{'target':<8}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'cpu us/req':>12}"]
for n in names:
    x = r[n]
    lines.append(f"{n:<8}{x['rps']:>10.0f}{x['p50_ms']:>10.2f}{x['p99_ms']:>10.2f}{x['cpu_median']:>12.0f}")
ratios = {"redis/memory": r["redis"]["rps"] / r["memory"]["rps"], "lb1/redis": r["lb1"]["rps"] / r["redis"]["rps"],
          "lb2/lb1": r["lb2"]["rps"] / r["lb1"]["rps"]}
lines.append("req/s ratios: " + "   ".join(f"{k} = {v:.2f}" for k, v in ratios.items()))
lines.append(f"shared limiter (Redis) costs {r['redis']['cpu_median'] - r['memory']['cpu_median']:.0f} us CPU/request "
             f"(public-api + redis-server), the balancer's hop {r['lb1']['cpu_median'] - r['redis']['cpu_median']:.0f} us, "
             f"a second instance {r['lb2']['cpu_median'] - r['lb1']['cpu_median']:.0f} us")
text = "\n".join(lines)
print(text)
open(report + ".txt", "w").write(text + "\n")
json.dump({"when_utc": os.path.basename(report).split("-")[-1], "rounds": int(rounds), "duration_s": int(duration),
           "connections": int(connections), "threads": int(threads), "cpus": os.cpu_count(), "machine": platform.machine(),
           "results": r, "ratios": ratios}, open(report + ".json", "w"), indent=2)
for n in names:
    for i in range(1, int(rounds) + 1):
        os.replace(f"{run}/{n}.{i}.wrk", f"{report}-{n}.{i}.wrk.txt")
        os.remove(f"{run}/{n}.{i}.cpu")
PY
log "results: bench/results/$(basename "$REPORT").{txt,json}"
