#!/usr/bin/env bash
# What the partner door costs, side by side in one run on this machine:
#   limited    GET public-api /api/v1/products?pageSize=20 with the demo partner's test key, key
#              verification cached and rate limiting on (the plan's limits set far above the load)
#   unlimited  the same on a second public-api with RateLimiting__Enabled=false
#   core       GET core-api /api/v1/products?pageSize=20 with public-api's own client-credentials
#              token and the acting headers: what the door adds its hop and its work to
# Key authentication has no switch (a door without it would be a hole), so "both off" is measured
# as the limiter's share (limited/unlimited) and the whole door against the upstream (limited/core).
# Starts identity, core-api (demo catalog and demo partner) and two public-api instances on free
# loopback ports with throw-away data, checks all three answer the same page, warms up, then runs
# wrk in interleaved rounds and prints req/s, latency, public-api's CPU per request and the ratios.
# Results go to bench/results/ (gitignored); everything it started is stopped at exit.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"

source "$ROOT/bench/lib.sh"
bench_start public-api

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  log "building identity, core-api and public-api (Release)"
  for project in identity/BffPlatform.Identity.csproj core-api/BffPlatform.CoreApi.csproj public-api/BffPlatform.PublicApi.csproj; do
    dotnet build "$ROOT/$project" -c Release -nologo -v quiet -clp:ErrorsOnly || die "dotnet build $project failed"
  done
fi

KEY=bp_test_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q   # core-api's Development demo partner (Partners:Demo)
IDENTITY="http://127.0.0.1:$(free_port)"; CORE="http://127.0.0.1:$(free_port)"
LIMITED="http://127.0.0.1:$(free_port)"; UNLIMITED="http://127.0.0.1:$(free_port)"

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
launch identity "$IDENTITY" /.well-known/openid-configuration env \
  "Identity__Issuer=$IDENTITY/" \
  "ConnectionStrings__Identity=Data Source=$RUN_DIR/identity.db" \
  "Identity__Keys__Directory=$RUN_DIR/identity-keys" \
  "Logging__LogLevel__Default=Warning" \
  $(service identity BffPlatform.Identity)
launch core-api "$CORE" /health/ready env \
  "ConnectionStrings__Core=Data Source=$RUN_DIR/core.db" \
  "Authentication__Jwt__Authority=$IDENTITY/" \
  "Database__SeedDemoData=true" \
  "Logging__LogLevel__Default=Warning" \
  $(service core-api BffPlatform.CoreApi)
PUBLIC_ENV=("CoreApi__BaseAddress=$CORE/" "TokenClient__Authority=$IDENTITY/" "Logging__LogLevel__Default=Warning" "Usage__ReportInterval=00:10:00")
# The demo partner's plan (free) raised far above what two connections can send.
# Each instance its own webhook database and key ring (one process owns a SQLite file).
launch limited "$LIMITED" /health/ready env "${PUBLIC_ENV[@]}" \
  "ConnectionStrings__Webhooks=Data Source=$RUN_DIR/limited-webhooks.db" "DataProtection__KeysPath=$RUN_DIR/limited-keys" \
  "RateLimiting__Policies__free__Burst__Permits=10000000" \
  "RateLimiting__Policies__free__Sustained__Permits=10000000" \
  $(service public-api BffPlatform.PublicApi)
LIMITED_PID=${PID[limited]}
launch unlimited "$UNLIMITED" /health/ready env "${PUBLIC_ENV[@]}" "RateLimiting__Enabled=false" \
  "ConnectionStrings__Webhooks=Data Source=$RUN_DIR/unlimited-webhooks.db" "DataProtection__KeysPath=$RUN_DIR/unlimited-keys" \
  $(service public-api BffPlatform.PublicApi)
UNLIMITED_PID=${PID[unlimited]}

TOKEN=$(curl -sf "$IDENTITY/connect/token" -d grant_type=client_credentials -d client_id=public-api -d client_secret=public-api-dev-secret \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])') || die "no token for public-api"
PARTNER=$(curl -sf "$LIMITED/api/v1/ping" -H "Authorization: Bearer $KEY" | python3 -c 'import json, sys; print(json.load(sys.stdin)["partnerId"])') \
  || die "the demo key does not ping"

# name|url|headers (one string per wrk -H)
TARGETS=(
  "limited|$LIMITED/api/v1/products?$QUERY|Authorization: Bearer $KEY"
  "unlimited|$UNLIMITED/api/v1/products?$QUERY|Authorization: Bearer $KEY"
  "core|$CORE/api/v1/products?$QUERY|Authorization: Bearer $TOKEN;X-Partner-Id: $PARTNER;X-Partner-Environment: test"
)
headers_of() { IFS=';' read -ra hs <<<"$1"; for h in "${hs[@]}"; do printf -- '-H\n%s\n' "$h"; done; }
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url headers <<<"$target"
  mapfile -t args < <(headers_of "$headers")
  status=$(curl -s -o "$RUN_DIR/$name.json" -w '%{http_code}' "${args[@]}" "$url")
  [ "$status" = 200 ] || die "$name answered $status: $(head -c 400 "$RUN_DIR/$name.json")"
done
python3 - "$RUN_DIR" <<'PY' || die "the three targets answer different pages"
import json, sys
pages = [json.load(open(f"{sys.argv[1]}/{n}.json")) for n in ("limited", "unlimited", "core")]
assert len(pages[0]["items"]) == 20 and all(p == pages[0] for p in pages)
PY

log "warm-up: ${WARMUP}s each"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url headers <<<"$target"
  mapfile -t args < <(headers_of "$headers")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${args[@]}" "$url" >/dev/null
done

cpu_ticks() { awk '{printf "%d", $14 + $15}' "/proc/$1/stat"; }
CLK_TCK=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r name url headers <<<"$target"
    mapfile -t args < <(headers_of "$headers")
    pid=$([ "$name" = unlimited ] && echo "$UNLIMITED_PID" || echo "$LIMITED_PID")
    log "round $round/$ROUNDS, $name: ${DURATION}s, $CONNECTIONS connections, $THREADS threads"
    before=$(cpu_ticks "$pid")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${args[@]}" "$url" >"$RUN_DIR/$name.$round.wrk"
    echo "$before $(cpu_ticks "$pid")" >"$RUN_DIR/$name.$round.cpu"
  done
done

REPORT="$RESULTS_DIR/public-api-$STAMP"
python3 - "$RUN_DIR" "$REPORT" "$DURATION" "$CONNECTIONS" "$THREADS" "$ROUNDS" "$CLK_TCK" <<'PY'
import json, re, sys, platform, os, statistics
run, report, duration, connections, threads, rounds, clk_tck = sys.argv[1:8]
units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
names = ("limited", "unlimited", "core")
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
            "requests": requests, "door_cpu_us_per_request": round((after - before) * 1e6 / int(clk_tck) / requests, 1)}
def parse(name):
    all_rounds = [parse_round(name, f"{run}/{name}.{i}.wrk") for i in range(1, int(rounds) + 1)]
    median = sorted(all_rounds, key=lambda x: x["rps"])[len(all_rounds) // 2]
    return dict(median, rounds=all_rounds)
r = {n: parse(n) for n in names}
cpu = {n: statistics.median(x["door_cpu_us_per_request"] for x in r[n]["rounds"]) for n in ("limited", "unlimited")}
lines = [f"public-api: median of {rounds} interleaved rounds of {duration}s, {connections} connections, {threads} wrk threads, {os.cpu_count()} cores",
         f"{'target':<11}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'door cpu us/req':>17}"]
for n in names:
    x = r[n]
    lines.append(f"{n:<11}{x['rps']:>10.0f}{x['p50_ms']:>10.2f}{x['p99_ms']:>10.2f}{(f'{cpu[n]:.0f}' if n in cpu else '-'):>17}")
limited_unlimited = r["limited"]["rps"] / r["unlimited"]["rps"]
limited_core = r["limited"]["rps"] / r["core"]["rps"]
lines.append(f"limited/unlimited = {limited_unlimited:.2f} (aim >= 0.85)   limited/core = {limited_core:.2f}   limiter's CPU = {cpu['limited'] - cpu['unlimited']:.0f} us/request")
text = "\n".join(lines)
print(text)
open(report + ".txt", "w").write(text + "\n")
json.dump({"when_utc": os.path.basename(report).split("-")[-1], "rounds": int(rounds), "duration_s": int(duration),
           "connections": int(connections), "threads": int(threads), "cpus": os.cpu_count(), "machine": platform.machine(),
           "results": r, "ratio_limited_unlimited": limited_unlimited, "ratio_limited_core": limited_core}, open(report + ".json", "w"), indent=2)
for n in names:
    for i in range(1, int(rounds) + 1):
        os.replace(f"{run}/{n}.{i}.wrk", f"{report}-{n}.{i}.wrk.txt")
        os.remove(f"{run}/{n}.{i}.cpu")
PY
log "results: bench/results/$(basename "$REPORT").{txt,json}"
