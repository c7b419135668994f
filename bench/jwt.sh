#!/usr/bin/env bash
# What validating a bearer token costs, measured side by side in one run on this machine:
#   live  GET core-api /health/live (anonymous, no token): the floor of a request
#   ping  GET core-api /api/v1/ping with a valid client-credentials access token: the same
#         trivial work behind JwtBearer (authentication + the fallback authorization policy)
# Starts identity and core-api on free loopback ports with throw-away data, gets a token from
# identity's real token endpoint, then runs wrk in interleaved rounds (warm-up first) and prints
# req/s, p50/p99, ping/live and the CPU time core-api spent per request (from /proc). Results go
# to bench/results/ (gitignored). Bounded: BENCH_ROUNDS rounds of BENCH_DURATION seconds per
# target, BENCH_CONNECTIONS connections; everything it started is stopped at exit.
# BENCH_TOKEN_CACHE=0 measures without the validated-token cache (ServiceDefaults/Auth).
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"

source "$ROOT/bench/lib.sh"
bench_start jwt

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  log "building identity and core-api (Release)"
  for project in identity/BffPlatform.Identity.csproj core-api/BffPlatform.CoreApi.csproj; do
    dotnet build "$ROOT/$project" -c Release -nologo -v quiet -clp:ErrorsOnly || die "dotnet build $project failed"
  done
fi

IDENTITY_PORT=$(free_port); CORE_PORT=$(free_port)
IDENTITY="http://127.0.0.1:$IDENTITY_PORT"; CORE="http://127.0.0.1:$CORE_PORT"

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
launch identity "$IDENTITY" /.well-known/openid-configuration env \
  "Identity__Issuer=$IDENTITY/" \
  "ConnectionStrings__Identity=Data Source=$RUN_DIR/identity.db" \
  "Identity__Keys__Directory=$RUN_DIR/identity-keys" \
  $(service identity BffPlatform.Identity)
# BENCH_TOKEN_CACHE=0 turns the validated-token cache off: the "before" of the same build.
launch core-api "$CORE" /health/ready env \
  "ConnectionStrings__Core=Data Source=$RUN_DIR/core.db" \
  "Authentication__Jwt__ValidatedTokenCacheSize=${BENCH_TOKEN_CACHE:-10000}" \
  "Authentication__Jwt__Authority=$IDENTITY/" \
  $(service core-api BffPlatform.CoreApi)

log "getting a client-credentials token from identity"
TOKEN=$(curl -fsS "$IDENTITY/connect/token" -d grant_type=client_credentials -d client_id=internal-tools \
  -d client_secret=internal-tools-dev-secret --data-urlencode "scope=core-api catalog.read" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])') || die "no token from identity"

# name|url|header
TARGETS=(
  "live|$CORE/health/live|Accept: application/json"
  "ping|$CORE/api/v1/ping|Authorization: Bearer $TOKEN"
)
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url h1 <<<"$target"
  status=$(curl -s -o "$RUN_DIR/$name.body" -w '%{http_code}' -H "$h1" "$url")
  [ "$status" = 200 ] || die "$name answered $status: $(head -c 400 "$RUN_DIR/$name.body")"
done
# A forged copy of the token must still be refused while the genuine one is being served.
FORGED=$(python3 -c 'import sys; t = sys.argv[1]; i = len(t) - 20; print(t[:i] + ("A" if t[i] != "A" else "B") + t[i + 1:])' "$TOKEN")
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $FORGED" "$CORE/api/v1/ping")
[ "$status" = 401 ] || die "a token with an altered signature answered $status, not 401"

log "warm-up: ${WARMUP}s each"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url h1 <<<"$target"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "$h1" "$url" >/dev/null
done

# BENCH_TRACE=1: where the time goes. A sampled-stacks trace of core-api (its busy threads; idle ones wait in the thread pool) (dotnet-trace, a local
# tool in .config/dotnet-tools.json) while wrk drives the authenticated ping, then the methods
# most often on the stack (inclusive), so the hot path of token validation is named.
if [ "${BENCH_TRACE:-}" = 1 ]; then
  dotnet tool restore >/dev/null
  TRACE="$RESULTS_DIR/jwt-$STAMP.nettrace"
  log "tracing core-api for ${DURATION}s under the ping load: $TRACE"
  IFS='|' read -r _ url h1 <<<"${TARGETS[1]}"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((DURATION + 4))s" -H "$h1" "$url" >/dev/null &
  wrk_pid=$!
  sleep 1
  dotnet dotnet-trace collect -p "${PID[core-api]}" --profile dotnet-sampled-thread-time --duration "00:00:00:$(printf %02d "$DURATION")" -o "$TRACE" >"$LOGS/dotnet-trace.log" || { cat "$LOGS/dotnet-trace.log"; die "dotnet-trace failed"; }
  wait "$wrk_pid"
  dotnet dotnet-trace report "$TRACE" topN -n "${BENCH_TRACE_TOP:-40}" --inclusive | tee "$RESULTS_DIR/jwt-$STAMP.top.txt"
fi

cpu_ticks() { awk '{printf "%d", $14 + $15}' "/proc/${PID[core-api]}/stat"; }
CLK_TCK=$(getconf CLK_TCK)

for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r name url h1 <<<"$target"
    log "round $round/$ROUNDS, $name: ${DURATION}s, $CONNECTIONS connections, $THREADS threads"
    before=$(cpu_ticks)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$h1" "$url" >"$RUN_DIR/$name.$round.wrk"
    echo "$before $(cpu_ticks)" >"$RUN_DIR/$name.$round.cpu"
  done
done

REPORT="$RESULTS_DIR/jwt-$STAMP"
python3 - "$RUN_DIR" "$REPORT" "$DURATION" "$CONNECTIONS" "$THREADS" "$ROUNDS" "$CLK_TCK" <<'PY'
import json, re, sys, os, statistics
run, report, duration, connections, threads, rounds, clk_tck = sys.argv[1:8]
units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
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
    return dict(median, cpu_us_median=statistics.median(x["cpu_us_per_request"] for x in all_rounds), rounds=all_rounds)
r = {n: parse(n) for n in ("live", "ping")}
ratio = r["ping"]["rps"] / r["live"]["rps"]
lines = [f"core-api: median of {rounds} interleaved rounds of {duration}s, {connections} connections, {threads} wrk threads, {os.cpu_count()} cores",
         f"{'target':<8}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'CPU us/req':>12}{'ratio':>8}"]
for n in ("live", "ping"):
    x = r[n]
    lines.append(f"{n:<8}{x['rps']:>10.0f}{x['p50_ms']:>10.2f}{x['p99_ms']:>10.2f}{x['cpu_us_median']:>12.0f}{x['rps']/r['live']['rps']:>8.2f}")
lines.append(f"ping/live = {ratio:.2f}   token validation adds {r['ping']['cpu_us_median'] - r['live']['cpu_us_median']:.0f} us CPU per request")
text = "\n".join(lines)
print(text)
open(report + ".txt", "w").write(text + "\n")
json.dump({"ratio_ping_live": ratio, "results": r}, open(report + ".json", "w"), indent=2)
PY
log "results: bench/results/$(basename "$REPORT").{txt,json}"
