#!/usr/bin/env bash
# The BFF's cost, measured side by side in one run on this machine:
#   direct  GET core-api /api/v1/products with a bearer token
#   yarp    the same through a bare YARP hop (bench/YarpHop), the reference point
#   bff     GET bff-web /api/products with a signed-in session cookie and X-CSRF: 1
# Starts identity, core-api (demo catalog) and bff-web on free loopback ports with throw-away
# data, signs a demo user in through identity's real form (bench/SignIn), then runs wrk against
# each (warm-up first) and prints throughput ratios and p50/p99 latency. Results go to
# bench/results/ (gitignored). Bounded: BENCH_ROUNDS rounds of BENCH_DURATION seconds per target
# (interleaved, so drift on a shared machine hits all three alike; the median round counts),
# BENCH_CONNECTIONS connections; everything it started is stopped at exit.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"

source "$ROOT/bench/lib.sh"
bench_start bff

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  build_dotnet   # the solution holds the benchmark tools too
fi

mkdir -p "$RUN_DIR/spa"
echo '<!doctype html><html><body><div id="root">bench</div></body></html>' > "$RUN_DIR/spa/index.html"

IDENTITY_PORT=$(free_port); CORE_PORT=$(free_port); BFF_PORT=$(free_port); YARP_PORT=$(free_port)
IDENTITY="http://127.0.0.1:$IDENTITY_PORT"; CORE="http://127.0.0.1:$CORE_PORT"
BFF="http://127.0.0.1:$BFF_PORT"; YARP="http://127.0.0.1:$YARP_PORT"

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
launch identity "$IDENTITY" /.well-known/openid-configuration env \
  "Identity__Issuer=$IDENTITY/" \
  "ConnectionStrings__Identity=Data Source=$RUN_DIR/identity.db" \
  "Identity__Keys__Directory=$RUN_DIR/identity-keys" \
  "Identity__Clients__bff-web__RedirectUris__0=$BFF/signin-oidc" \
  "Identity__Clients__bff-web__PostLogoutRedirectUris__0=$BFF/signout-callback-oidc" \
  "Identity__Clients__bff-web__PostLogoutRedirectUris__1=$BFF/" \
  "Identity__Clients__bff-web__BackChannelLogoutUri=$BFF/bff/backchannel" \
  "Identity__Clients__core-api-swagger__RedirectUris__0=$CORE/api/docs/oauth2-redirect.html" \
  $(service identity BffPlatform.Identity)
launch core-api "$CORE" /health/ready env \
  "ConnectionStrings__Core=Data Source=$RUN_DIR/core.db" \
  "Authentication__Jwt__Authority=$IDENTITY/" \
  "Database__SeedDemoData=true" \
  $(service core-api BffPlatform.CoreApi)
launch bff-web "$BFF" /health/ready env \
  "Oidc__Authority=$IDENTITY/" \
  "CoreApi__BaseAddress=$CORE/" \
  "Data__Directory=$RUN_DIR/bff-web" \
  "Spa__RootPath=$RUN_DIR/spa" \
  $(service bff-web BffPlatform.BffWeb)
launch yarp-hop "$YARP" /health/ready env "Destination=$CORE/" \
  dotnet "$ROOT/bench/YarpHop/bin/Release/net10.0/BffPlatform.Bench.YarpHop.dll"

# The direct and YARP paths carry alice's own access token (core-api does more for a user than
# for a service client), so all three make core-api do the same work.
log "signing alice in through identity's form"
CREDENTIALS=$(dotnet "$ROOT/bench/SignIn/bin/Release/net10.0/BffPlatform.Bench.SignIn.dll" "$BFF" "$IDENTITY" alice@shop.test 'Alice!2345' \
  "$CORE/api/docs/oauth2-redirect.html") \
  || die "sign-in failed"
COOKIE=$(sed -n 's/^COOKIE=//p' <<<"$CREDENTIALS")
BEARER=$(sed -n 's/^BEARER=//p' <<<"$CREDENTIALS")

# name|url|header|header
TARGETS=(
  "direct|$CORE/api/v1/products?$QUERY|Authorization: Bearer $BEARER|Accept: application/json"
  "yarp|$YARP/api/v1/products?$QUERY|Authorization: Bearer $BEARER|Accept: application/json"
  "bff|$BFF/api/products?$QUERY|Cookie: __Host-bff=$COOKIE|X-CSRF: 1"
)

# Same answer from all three before measuring anything.
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url h1 h2 <<<"$target"
  status=$(curl -s -o "$RUN_DIR/$name.json" -w '%{http_code}' -H "$h1" -H "$h2" "$url")
  [ "$status" = 200 ] || die "$name answered $status: $(head -c 400 "$RUN_DIR/$name.json")"
done
python3 - "$RUN_DIR" <<'PY' || die "the three targets do not return the same products"
import json, sys
ids = {n: [p["id"] for p in json.load(open(f"{sys.argv[1]}/{n}.json"))["items"]] for n in ("direct", "yarp", "bff")}
assert ids["direct"] and ids["direct"] == ids["yarp"] == ids["bff"], ids
PY

log "warm-up: ${WARMUP}s each"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url h1 h2 <<<"$target"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "$h1" -H "$h2" "$url" >/dev/null
done

# CPU time (user+system clock ticks) of core-api, the YARP hop and bff-web: per request it shows
# what each hop costs regardless of what else the machine is doing, unlike req/s.
cpu_ticks() {
  local name
  for name in core-api yarp-hop bff-web; do awk '{printf "%d ", $14 + $15}' "/proc/${PID[$name]}/stat"; done
}
CLK_TCK=$(getconf CLK_TCK)

for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r name url h1 h2 <<<"$target"
    log "round $round/$ROUNDS, $name: ${DURATION}s, $CONNECTIONS connections, $THREADS threads"
    before=$(cpu_ticks)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$h1" -H "$h2" "$url" >"$RUN_DIR/$name.$round.wrk"
    echo "$before $(cpu_ticks)" >"$RUN_DIR/$name.$round.cpu"
  done
done

REPORT="$RESULTS_DIR/bff-web-$STAMP"
python3 - "$RUN_DIR" "$REPORT" "$DURATION" "$CONNECTIONS" "$THREADS" "$ROUNDS" "$CLK_TCK" <<'PY'
import json, re, sys, platform, os, statistics
run, report, duration, connections, threads, rounds, clk_tck = sys.argv[1:8]
units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
def parse_round(path):
    text = open(path).read()
    if "Non-2xx or 3xx responses" in text or "Socket errors" in text:
        sys.exit(f"{name}: errors during the run:\n{text}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return float(m.group(1)) * units[m.group(2)]
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    ticks = [int(x) for x in open(path.replace(".wrk", ".cpu")).read().split()]
    cpu = {svc: (ticks[i + 3] - ticks[i]) * 1e6 / int(clk_tck) / requests for i, svc in enumerate(("core", "yarp", "bff"))}
    return {"rps": rps, "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "requests": requests,
            "cpu_us_per_request": {k: round(v, 1) for k, v in cpu.items()}}
def parse(name):
    # The round with the median throughput stands for the target; every round is kept in "rounds".
    all_rounds = [parse_round(f"{run}/{name}.{i}.wrk") for i in range(1, int(rounds) + 1)]
    median = sorted(all_rounds, key=lambda x: x["rps"])[len(all_rounds) // 2]
    return dict(median, rounds=all_rounds)
r = {n: parse(n) for n in ("direct", "yarp", "bff")}
d = r["direct"]
summary = {
    "when_utc": os.path.basename(report).split("-")[-1], "rounds": int(rounds), "duration_s": int(duration), "connections": int(connections), "threads": int(threads),
    "cpus": os.cpu_count(), "machine": platform.machine(), "results": r,
    "ratio_bff_direct": r["bff"]["rps"] / d["rps"], "ratio_yarp_direct": r["yarp"]["rps"] / d["rps"],
    "added_p50_ms": {n: r[n]["p50_ms"] - d["p50_ms"] for n in ("yarp", "bff")},
    "added_p99_ms": {n: r[n]["p99_ms"] - d["p99_ms"] for n in ("yarp", "bff")},
}
lines = [f"GET products: median of {rounds} interleaved rounds of {duration}s, {connections} connections, {threads} wrk threads, {os.cpu_count()} cores",
         f"{'target':<8}{'req/s':>10}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}{'ratio':>8}{'+p50 ms':>10}{'+p99 ms':>10}"]
for n in ("direct", "yarp", "bff"):
    x = r[n]
    add50 = x["p50_ms"] - d["p50_ms"]; add99 = x["p99_ms"] - d["p99_ms"]
    lines.append(f"{n:<8}{x['rps']:>10.0f}{x['p50_ms']:>10.2f}{x['p90_ms']:>10.2f}{x['p99_ms']:>10.2f}{x['rps']/d['rps']:>8.2f}{add50:>10.2f}{add99:>10.2f}")
lines.append("CPU per request (us, all rounds): " + "   ".join(
    f"{n}: " + ", ".join(f"{svc} {statistics.median(x['cpu_us_per_request'][svc] for x in r[n]['rounds']):.0f}"
                         for svc in ("core", "yarp", "bff") if statistics.median(x['cpu_us_per_request'][svc] for x in r[n]['rounds']) >= 1)
    for n in ("direct", "yarp", "bff")))
lines.append(f"bff/direct = {summary['ratio_bff_direct']:.2f}   yarp/direct = {summary['ratio_yarp_direct']:.2f}   "
             f"bff vs yarp: {'at least as fast' if summary['ratio_bff_direct'] >= summary['ratio_yarp_direct'] else 'slower'}")
text = "\n".join(lines)
print(text)
open(report + ".txt", "w").write(text + "\n")
json.dump(summary, open(report + ".json", "w"), indent=2)
for n in ("direct", "yarp", "bff"):
    for i in range(1, int(rounds) + 1):
        os.replace(f"{run}/{n}.{i}.wrk", f"{report}-{n}.{i}.wrk.txt")
        os.remove(f"{run}/{n}.{i}.cpu")
PY
log "results: bench/results/$(basename "$REPORT").{txt,json}"
