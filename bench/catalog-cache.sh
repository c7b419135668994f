#!/usr/bin/env bash
# core-api's catalog cache with and without Redis as its second level, in one run on this machine:
#   hits    wrk on GET /api/v1/products/{id} (a cached product): "memory" is core-api embedded
#           (L1 only, generations in process), "redis" a core-api with Redis:Configuration (L1 +
#           L2, shared generations); CPU per request sums core-api (and redis-server for "redis").
#   misses  one request at a time over BENCH_KEYS distinct product pages (?q=<unique>), each a
#           cache miss the first time: embedded (database), Redis instance A (database + Redis
#           GET and SET), Redis instance B on the same database and Redis (L1 miss, L2 hit), then
#           A again and embedded again (L1 hits). Median and p90 per request in ms.
# Both core-apis trust a key made for the run (Authentication:Jwt:DevSigningKeyPath, Development
# only). Results in bench/results/ (gitignored); everything is stopped at exit.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/scripts/servers.sh"
cd "$ROOT"

source "$ROOT/bench/lib.sh"
bench_start catalog-cache
ensure_apt openssl openssl
KEYS_COUNT=${BENCH_KEYS:-400}

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  dotnet build "$ROOT/core-api/BffPlatform.CoreApi.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly || die "dotnet build core-api failed"
fi

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$RUN_DIR/key.pem" 2>/dev/null
openssl pkey -in "$RUN_DIR/key.pem" -pubout -out "$RUN_DIR/key.pub.pem"
AUTHORITY="http://127.0.0.1:9/"
MEMORY="http://127.0.0.1:$(free_port)"; RA="http://127.0.0.1:$(free_port)"; RB="http://127.0.0.1:$(free_port)"
REDIS_PORT=$(free_port)
start_redis "$REDIS_PORT" "$LOGS/redis.log"
pids+=("$REDIS_PID")

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
CORE_ENV=("Authentication__Jwt__Authority=$AUTHORITY" "Authentication__Jwt__RequireHttpsMetadata=false"
  "Authentication__Jwt__DevSigningKeyPath=$RUN_DIR/key.pub.pem" "Database__SeedDemoData=true" "Logging__LogLevel__Default=Warning"
  "Catalog__CacheDuration=00:30:00")
REDIS_ENV=("Redis__Configuration=127.0.0.1:$REDIS_PORT,abortConnect=false" "Redis__KeyPrefix=bench:")
launch memory "$MEMORY" /health/ready env "${CORE_ENV[@]}" "ConnectionStrings__Core=Data Source=$RUN_DIR/memory.db" \
  "DataProtection__KeysPath=$RUN_DIR/memory-keys" $(service core-api BffPlatform.CoreApi)
launch redis-a "$RA" /health/ready env "${CORE_ENV[@]}" "${REDIS_ENV[@]}" "ConnectionStrings__Core=Data Source=$RUN_DIR/shared.db" \
  $(service core-api BffPlatform.CoreApi)
# The second instance on the same file: it does not migrate (the first owns the file for that).
launch redis-b "$RB" /health/ready env "${CORE_ENV[@]}" "${REDIS_ENV[@]}" "ConnectionStrings__Core=Data Source=$RUN_DIR/shared.db" \
  "Database__MigrateOnStart=false" $(service core-api BffPlatform.CoreApi)

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
HEADER=$(printf '{"alg":"RS256","typ":"at+jwt","kid":"dev"}' | b64url)
PAYLOAD=$(printf '{"iss":"%s","aud":"core-api","sub":"bench-alice","client_id":"bff-web","name":"Alice","email":"alice@shop.test","role":"customer","scope":"core-api catalog.read","jti":"bench-%s","iat":%d,"nbf":%d,"exp":%d}' \
  "$AUTHORITY" "$NOW" "$NOW" "$NOW" "$((NOW + 3600))" | b64url)
BEARER="$HEADER.$PAYLOAD.$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$RUN_DIR/key.pem" -binary | b64url)"

# One product of the seeded catalog (the same seed in both databases).
curl -sf -H "Authorization: Bearer $BEARER" "$MEMORY/api/v1/products?pageSize=1" >"$RUN_DIR/page.json" || die "memory does not answer"
ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["id"])' "$RUN_DIR/page.json")
SKU=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["sku"])' "$RUN_DIR/page.json")
RID=$(curl -sf -H "Authorization: Bearer $BEARER" "$RA/api/v1/products?q=$SKU" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

# name|url|processes whose CPU the target costs
TARGETS=("memory|$MEMORY/api/v1/products/$ID|${PID[memory]}" "redis|$RA/api/v1/products/$RID|${PID[redis-a]} $REDIS_PID")
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url _ <<<"$target"
  curl -sf -o /dev/null -H "Authorization: Bearer $BEARER" "$url" || die "$name does not answer $url"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $BEARER" "$url" >/dev/null
done
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { local sum=0; for pid in "$@"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$sum"; }
for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r name url procs <<<"$target"
    log "round $round/$ROUNDS, $name: ${DURATION}s"
    before=$(cpu_ticks $procs)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $BEARER" "$url" >"$RUN_DIR/$name.$round.wrk"
    echo "$before $(cpu_ticks $procs)" >"$RUN_DIR/$name.$round.cpu"
  done
done

log "misses: $KEYS_COUNT distinct pages, one request at a time"
REPORT="$RESULTS_DIR/catalog-cache-$STAMP"
python3 - "$RUN_DIR" "$REPORT" "$ROUNDS" "$CLK_TCK" "$BEARER" "$KEYS_COUNT" "$MEMORY" "$RA" "$RB" <<'PY'
import http.client, json, os, re, statistics, sys, time, urllib.parse
run, report, rounds, clk_tck, bearer, count, memory, ra, rb = sys.argv[1:10]
units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
def wrk(name):
    out = []
    for i in range(1, int(rounds) + 1):
        text = open(f"{run}/{name}.{i}.wrk").read()
        if "Non-2xx or 3xx responses" in text or "Socket errors" in text:
            sys.exit(f"{name}: errors during the run:\n{text}")
        requests = int(re.search(r"(\d+) requests in", text).group(1))
        before, after = (int(x) for x in open(f"{run}/{name}.{i}.cpu").read().split())
        m = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        out.append({"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)), "p50_ms": float(m.group(1)) * units[m.group(2)],
                    "cpu_us": (after - before) * 1e6 / int(clk_tck) / requests})
    return {k: statistics.median(r[k] for r in out) for k in out[0]}
hits = {n: wrk(n) for n in ("memory", "redis")}
keys = [f"bench{n:05d}x" for n in range(int(count))]
def walk(base):
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port)
    times = []
    for key in keys:
        started = time.perf_counter()
        connection.request("GET", f"/api/v1/products?q={key}", headers={"Authorization": f"Bearer {bearer}"})
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            sys.exit(f"{base} answered {response.status}")
    connection.close()
    times.sort()
    return {"median_ms": statistics.median(times), "p90_ms": times[int(len(times) * 0.9)]}
misses = {}
misses["embedded: miss (database)"] = walk(memory)
misses["redis A: miss (database + Redis GET, SET)"] = walk(ra)
misses["redis B: L1 miss, L2 hit (Redis GET)"] = walk(rb)
misses["redis A: L1 hit"] = walk(ra)
misses["embedded: L1 hit"] = walk(memory)
lines = [f"cached product, wrk median of {rounds} rounds:", f"{'':<10}{'req/s':>10}{'p50 ms':>10}{'cpu us/req':>12}"]
for n, x in hits.items():
    lines.append(f"{n:<10}{x['rps']:>10.0f}{x['p50_ms']:>10.2f}{x['cpu_us']:>12.0f}")
lines.append(f"distinct product pages, one request at a time ({count} each):")
for n, x in misses.items():
    lines.append(f"  {n:<44}{x['median_ms']:>8.2f} ms median {x['p90_ms']:>8.2f} ms p90")
text = "\n".join(lines)
print(text)
open(report + ".txt", "w").write(text + "\n")
json.dump({"hits": hits, "misses": misses}, open(report + ".json", "w"), indent=2)
PY
log "results: bench/results/$(basename "$REPORT").{txt,json}"
