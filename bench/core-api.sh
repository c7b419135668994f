#!/usr/bin/env bash
# core-api's product page against an authenticated trivial endpoint, side by side in one run
# on the same process:
#   ping      GET /api/v1/ping with a bearer token (what a validated token alone costs)
#   products  GET /api/v1/products?pageSize=20 with the same token (the storefront's page)
# Starts core-api alone (demo catalog, throw-away data) trusting a key made for the run
# (Authentication:Jwt:DevSigningKeyPath, Development only: no identity service needed), signs a
# customer token with openssl, then runs wrk in interleaved rounds and prints req/s, latency,
# CPU time per request and products/ping. Results go to bench/results/ (gitignored). Bounded:
# BENCH_ROUNDS rounds of BENCH_DURATION seconds per target; core-api is stopped at exit.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"

source "$ROOT/bench/lib.sh"
bench_start core
ensure_apt openssl openssl

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  build_dotnet
fi

# A key pair for this run only: core-api trusts its public half as the authority's key.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$RUN_DIR/key.pem" 2>/dev/null
openssl pkey -in "$RUN_DIR/key.pem" -pubout -out "$RUN_DIR/key.pub.pem"
AUTHORITY="http://127.0.0.1:9/"

CORE_PORT=$(free_port); CORE="http://127.0.0.1:$CORE_PORT"
launch core-api "$CORE" /health/ready env ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development \
  "ConnectionStrings__Core=Data Source=$RUN_DIR/core.db" \
  "Authentication__Jwt__Authority=$AUTHORITY" \
  "Authentication__Jwt__RequireHttpsMetadata=false" \
  "Authentication__Jwt__DevSigningKeyPath=$RUN_DIR/key.pub.pem" \
  "Database__SeedDemoData=true" \
  "Logging__LogLevel__Default=Warning" \
  $(service core-api BffPlatform.CoreApi)
CORE_PID=${PID[core-api]}

# A customer's token as identity would issue it through bff-web (RS256, typ at+jwt, 1 hour).
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
HEADER=$(printf '{"alg":"RS256","typ":"at+jwt","kid":"dev"}' | b64url)
PAYLOAD=$(printf '{"iss":"%s","aud":"core-api","sub":"bench-alice","client_id":"bff-web","name":"Alice","email":"alice@shop.test","role":"customer","scope":"openid profile email roles core-api catalog.read orders.read orders.write","jti":"bench-%s","iat":%d,"nbf":%d,"exp":%d}' \
  "$AUTHORITY" "$NOW" "$NOW" "$NOW" "$((NOW + 3600))" | b64url)
SIGNATURE=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$RUN_DIR/key.pem" -binary | b64url)
BEARER="$HEADER.$PAYLOAD.$SIGNATURE"

# name|url
TARGETS=(
  "ping|$CORE/api/v1/ping"
  "products|$CORE/api/v1/products?$QUERY"
)
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url <<<"$target"
  status=$(curl -s -o "$RUN_DIR/$name.json" -w '%{http_code}' -H "Authorization: Bearer $BEARER" -H "Accept: application/json" "$url")
  [ "$status" = 200 ] || die "$name answered $status: $(head -c 400 "$RUN_DIR/$name.json")"
done
python3 - "$RUN_DIR" <<'PY' || die "the product page is empty"
import json, sys
assert len(json.load(open(f"{sys.argv[1]}/products.json"))["items"]) == 20
PY

log "warm-up: ${WARMUP}s each"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url <<<"$target"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $BEARER" -H "Accept: application/json" "$url" >/dev/null
done

cpu_ticks() { awk '{printf "%d", $14 + $15}' "/proc/$CORE_PID/stat"; }
CLK_TCK=$(getconf CLK_TCK)

for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r name url <<<"$target"
    log "round $round/$ROUNDS, $name: ${DURATION}s, $CONNECTIONS connections, $THREADS threads"
    before=$(cpu_ticks)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $BEARER" -H "Accept: application/json" "$url" \
      >"$RUN_DIR/$name.$round.wrk"
    echo "$before $(cpu_ticks)" >"$RUN_DIR/$name.$round.cpu"
  done
done

REPORT="$RESULTS_DIR/core-api-$STAMP"
python3 - "$RUN_DIR" "$REPORT" "$DURATION" "$CONNECTIONS" "$THREADS" "$ROUNDS" "$CLK_TCK" <<'PY'
import json, re, sys, platform, os, statistics
run, report, duration, connections, threads, rounds, clk_tck = sys.argv[1:8]
units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
names = ("ping", "products")
def parse_round(name, path):
    text = open(path).read()
    if "Non-2xx or 3xx responses" in text or "Socket errors" in text:
        sys.exit(f"{name}: errors during the run:\n{text}")
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return float(m.group(1)) * units[m.group(2)]
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    before, after = (int(x) for x in open(path.replace(".wrk", ".cpu")).read().split())
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)), "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99),
            "requests": requests, "cpu_us_per_request": round((after - before) * 1e6 / int(clk_tck) / requests, 1)}
def parse(name):
    all_rounds = [parse_round(name, f"{run}/{name}.{i}.wrk") for i in range(1, int(rounds) + 1)]
    median = sorted(all_rounds, key=lambda x: x["rps"])[len(all_rounds) // 2]
    return dict(median, rounds=all_rounds)
r = {n: parse(n) for n in names}
ratio = r["products"]["rps"] / r["ping"]["rps"]
cpu = {n: statistics.median(x["cpu_us_per_request"] for x in r[n]["rounds"]) for n in names}
lines = [f"core-api: median of {rounds} interleaved rounds of {duration}s, {connections} connections, {threads} wrk threads, {os.cpu_count()} cores",
         f"{'target':<10}{'req/s':>10}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}{'cpu us/req':>12}"]
for n in names:
    x = r[n]
    lines.append(f"{n:<10}{x['rps']:>10.0f}{x['p50_ms']:>10.2f}{x['p90_ms']:>10.2f}{x['p99_ms']:>10.2f}{cpu[n]:>12.0f}")
lines.append(f"products/ping = {ratio:.2f} (throughput)   product page's own CPU = {cpu['products'] - cpu['ping']:.0f} us/request")
text = "\n".join(lines)
print(text)
open(report + ".txt", "w").write(text + "\n")
json.dump({"when_utc": os.path.basename(report).split("-")[-1], "rounds": int(rounds), "duration_s": int(duration),
           "connections": int(connections), "threads": int(threads), "cpus": os.cpu_count(), "machine": platform.machine(),
           "results": r, "ratio_products_ping": ratio}, open(report + ".json", "w"), indent=2)
for n in names:
    for i in range(1, int(rounds) + 1):
        os.replace(f"{run}/{n}.{i}.wrk", f"{report}-{n}.{i}.wrk.txt")
        os.remove(f"{run}/{n}.{i}.cpu")
PY
log "results: bench/results/$(basename "$REPORT").{txt,json}"
