#!/usr/bin/env bash
# bff-mobile's cost, measured side by side in one run on this machine, for two screens:
#   product  GET one product: core-api /api/v1/products/{id} direct, through a bare YARP hop
#            (bench/YarpHop, the reference point), and bff-mobile /mobile/v1/products/{id} (shaped)
#   home     the first screen: the three core-api calls the app would make itself (products,
#            orders, cart; wrk cycles through them, so a "screen" is three requests) direct and
#            through the YARP hop, against bff-mobile's one /mobile/v1/home
# The app's token comes from a code + PKCE sign-in as mobile-app (identity's real form); the
# direct and YARP paths carry the same user's core-api token (token exchange, as bff-mobile makes
# it), so core-api does the same work. Rounds are interleaved; the median round counts; CPU time
# per request of core-api, the YARP hop and bff-mobile comes from /proc. Results: bench/results/.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"

source "$ROOT/bench/lib.sh"
bench_start bff-mobile

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  build_dotnet
fi

IDENTITY_PORT=$(free_port); CORE_PORT=$(free_port); MOBILE_PORT=$(free_port); YARP_PORT=$(free_port)
IDENTITY="http://127.0.0.1:$IDENTITY_PORT"; CORE="http://127.0.0.1:$CORE_PORT"
MOBILE="http://127.0.0.1:$MOBILE_PORT"; YARP="http://127.0.0.1:$YARP_PORT"

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
launch identity "$IDENTITY" /.well-known/openid-configuration env \
  "Identity__Issuer=$IDENTITY/" \
  "ConnectionStrings__Identity=Data Source=$RUN_DIR/identity.db" \
  "Identity__Keys__Directory=$RUN_DIR/identity-keys" \
  $(service identity BffPlatform.Identity)
launch core-api "$CORE" /health/ready env \
  "ConnectionStrings__Core=Data Source=$RUN_DIR/core.db" \
  "Authentication__Jwt__Authority=$IDENTITY/" \
  "Database__SeedDemoData=true" \
  $(service core-api BffPlatform.CoreApi)
# The per-user limit is the door's policy, not what is measured here.
launch bff-mobile "$MOBILE" /health/ready env \
  "Authentication__Jwt__Authority=$IDENTITY/" \
  "TokenClient__Authority=$IDENTITY/" \
  "CoreApi__BaseAddress=$CORE/" \
  "RateLimiting__Enabled=false" \
  $(service bff-mobile BffPlatform.BffMobile)
launch yarp-hop "$YARP" /health/ready env "Destination=$CORE/" \
  dotnet "$ROOT/bench/YarpHop/bin/Release/net10.0/BffPlatform.Bench.YarpHop.dll"

log "signing alice in as the mobile app (code + PKCE through identity's form)"
APP_TOKEN=$(python3 "$ROOT/bench/mobile_sign_in.py" "$IDENTITY" alice@shop.test 'Alice!2345') || die "sign-in failed"
CORE_TOKEN=$(curl -sf "$IDENTITY/connect/token" \
  -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange -d client_id=bff-mobile -d client_secret=bff-mobile-dev-secret \
  -d subject_token_type=urn:ietf:params:oauth:token-type:access_token -d audience=core-api --data-urlencode "subject_token=$APP_TOKEN" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])') || die "token exchange failed"
PRODUCT=$(curl -sf "$CORE/api/v1/products?pageSize=1" -H "Authorization: Bearer $CORE_TOKEN" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')

# The three calls of the app's first screen, cycled by wrk.
cat >"$RUN_DIR/screen.lua" <<'LUA'
local paths = { "/api/v1/products?pageSize=6", "/api/v1/orders?pageSize=3", "/api/v1/cart" }
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

# name|url|token|lua script|requests per screen
TARGETS=(
  "product-direct|$CORE/api/v1/products/$PRODUCT|$CORE_TOKEN||1"
  "product-yarp|$YARP/api/v1/products/$PRODUCT|$CORE_TOKEN||1"
  "product-bff|$MOBILE/mobile/v1/products/$PRODUCT|$APP_TOKEN||1"
  "home-direct|$CORE|$CORE_TOKEN|$RUN_DIR/screen.lua|3"
  "home-yarp|$YARP|$CORE_TOKEN|$RUN_DIR/screen.lua|3"
  "home-bff|$MOBILE/mobile/v1/home|$APP_TOKEN||1"
)

for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url token script per <<<"$target"
  [ -n "$script" ] && continue
  status=$(curl -s -o "$RUN_DIR/$name.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$url")
  [ "$status" = 200 ] || die "$name answered $status: $(head -c 400 "$RUN_DIR/$name.json")"
done
grep -q '"recentOrders":\[' "$RUN_DIR/home-bff.json" || die "home has no fresh recent orders: $(head -c 400 "$RUN_DIR/home-bff.json")"

run_wrk() { # run_wrk <seconds> <url> <token> <script> [extra wrk args]
  local seconds=$1 url=$2 token=$3 script=$4; shift 4
  if [ -n "$script" ]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" "$@" -s "$script" -H "Authorization: Bearer $token" "$url"
  else
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" "$@" -H "Authorization: Bearer $token" "$url"
  fi
}

log "warm-up: ${WARMUP}s each"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url token script per <<<"$target"
  run_wrk "$WARMUP" "$url" "$token" "$script" >/dev/null
done

cpu_ticks() {
  local name
  for name in core-api yarp-hop bff-mobile; do awk '{printf "%d ", $14 + $15}' "/proc/${PID[$name]}/stat"; done
}
CLK_TCK=$(getconf CLK_TCK)

for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r name url token script per <<<"$target"
    log "round $round/$ROUNDS, $name: ${DURATION}s, $CONNECTIONS connections, $THREADS threads"
    before=$(cpu_ticks)
    run_wrk "$DURATION" "$url" "$token" "$script" --latency >"$RUN_DIR/$name.$round.wrk"
    echo "$before $(cpu_ticks) $per" >"$RUN_DIR/$name.$round.cpu"
  done
done

REPORT="$RESULTS_DIR/bff-mobile-$STAMP"
python3 "$ROOT/bench/mobile_report.py" "$RUN_DIR" "$REPORT" "$DURATION" "$CONNECTIONS" "$THREADS" "$ROUNDS" "$CLK_TCK"
log "results: bench/results/$(basename "$REPORT").{txt,json}"
