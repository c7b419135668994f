#!/usr/bin/env bash
# The platform's one benchmark table (issue 14). Starts the embedded default (identity, core-api,
# bff-web, bff-mobile, public-api; SQLite, throw-away data) plus a bare YARP hop (bench/YarpHop,
# which also serves the trivial endpoint that is this machine's ceiling), each started alone and
# timed to its first ready answer, then runs wrk on loopback against the same data through every
# door. Prints ONE table and writes it as JSON and Markdown under bench/results/, with a PNG chart
# (matplotlib): req/s, p50, p99, errors, CPU us per request of each process, the ratio to core-api
# direct and to the hop; each service's start-up time and resident memory idle and under load.
#
#   bench/run.sh                     # every target once, BENCH_DURATION (8) s after BENCH_WARMUP (2) s
#   bench/run.sh --startup           # also restarts each service under runtime settings side by side
#   bench/run.sh --startup-only      # start-up, memory and the runtime settings only (no wrk table)
#   BENCH_VARIANTS="default,ReadyToRun (published)" bench/run.sh --startup-only   # only those settings
#   bench/run.sh --soak              # 5 min (BENCH_SOAK_SECONDS) at a fixed rate through every door instead:
#                                    # zero 5xx and flat memory (RSS at the end within 10 % of after warm-up)
#   BENCH_SKIP_BUILD=1 bench/run.sh  # reuse the Release build
# Bounded: every wrk run has a duration; everything started is stopped at exit.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"

MODE=table
STARTUP_VARIANTS=""
for arg in "$@"; do
  case $arg in
    --soak) MODE=soak ;;
    --startup) STARTUP_VARIANTS=1 ;;
    --startup-only) STARTUP_VARIANTS=1 MODE=startup ;;
    *) die "unknown option $arg (use --soak, --startup or --startup-only)" ;;
  esac
done

export BENCH_DURATION=${BENCH_DURATION:-8} BENCH_WARMUP=${BENCH_WARMUP:-2} BENCH_ROUNDS=1
source "$ROOT/bench/lib.sh"
source "$ROOT/bench/run_lib.sh"
bench_start run
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  build_dotnet
fi

# bff-web does not create its data folder (SQLite cannot open sessions.db in a missing one).
mkdir -p "$RUN_DIR/spa" "$RUN_DIR/bff-web" "$RUN_DIR/bff-mobile" "$RUN_DIR/public-api"
echo '<!doctype html><html><body><div id="root">bench</div></body></html>' > "$RUN_DIR/spa/index.html"
for name in identity core-api bff-web bff-mobile public-api yarp-hop; do PORT[$name]=$(free_port); done
IDENTITY="http://127.0.0.1:${PORT[identity]}"; CORE="http://127.0.0.1:${PORT[core-api]}"; WEB="http://127.0.0.1:${PORT[bff-web]}"
MOBILE="http://127.0.0.1:${PORT[bff-mobile]}"; PUBLIC="http://127.0.0.1:${PORT[public-api]}"; HOP="http://127.0.0.1:${PORT[yarp-hop]}"

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
# name -> project folder and assembly (the build output, or the published copy of the ReadyToRun variant).
declare -gA PROJECT=([identity]="identity BffPlatform.Identity" [core-api]="core-api BffPlatform.CoreApi" [bff-web]="bff-web BffPlatform.BffWeb"
  [bff-mobile]="bff-mobile BffPlatform.BffMobile" [public-api]="public-api BffPlatform.PublicApi")
QUIET="Logging__LogLevel__Default=Warning"
define identity /health/ready "$QUIET" "Identity__Issuer=$IDENTITY/" \
  "ConnectionStrings__Identity=Data Source=$RUN_DIR/identity.db" "Identity__Keys__Directory=$RUN_DIR/identity-keys" \
  "Identity__Clients__bff-web__RedirectUris__0=$WEB/signin-oidc" "Identity__Clients__bff-web__PostLogoutRedirectUris__0=$WEB/" \
  "Identity__Clients__bff-web__BackChannelLogoutUri=$WEB/bff/backchannel" \
  "Identity__Clients__core-api-swagger__RedirectUris__0=$CORE/api/docs/oauth2-redirect.html" \
  -- $(service ${PROJECT[identity]})
define core-api /health/ready "$QUIET" "ConnectionStrings__Core=Data Source=$RUN_DIR/core.db" \
  "Authentication__Jwt__Authority=$IDENTITY/" "Database__SeedDemoData=true" \
  -- $(service ${PROJECT[core-api]})
define bff-web /health/ready "$QUIET" "Oidc__Authority=$IDENTITY/" "CoreApi__BaseAddress=$CORE/" \
  "Data__Directory=$RUN_DIR/bff-web" "Spa__RootPath=$RUN_DIR/spa" \
  -- $(service ${PROJECT[bff-web]})
define bff-mobile /health/ready "$QUIET" "Authentication__Jwt__Authority=$IDENTITY/" "TokenClient__Authority=$IDENTITY/" \
  "CoreApi__BaseAddress=$CORE/" "Data__Directory=$RUN_DIR/bff-mobile" "RateLimiting__Enabled=false" \
  -- $(service ${PROJECT[bff-mobile]})
# Rate limiting on, the demo partner's plan (free) raised far above what the load sends.
define public-api /health/ready "$QUIET" "CoreApi__BaseAddress=$CORE/" "TokenClient__Authority=$IDENTITY/" \
  "ConnectionStrings__Webhooks=Data Source=$RUN_DIR/webhooks.db" "DataProtection__KeysPath=$RUN_DIR/public-api-keys" \
  "Data__Directory=$RUN_DIR/public-api" "Usage__ReportInterval=00:10:00" \
  "RateLimiting__Policies__free__Burst__Permits=10000000" "RateLimiting__Policies__free__Sustained__Permits=10000000" \
  -- $(service ${PROJECT[public-api]})
define yarp-hop /bench/ceiling "Destination=$CORE/" -- dotnet "$ROOT/bench/YarpHop/bin/Release/net10.0/BffPlatform.Bench.YarpHop.dll"

# One at a time, so each start-up is timed on a machine not busy starting the others.
for name in identity core-api bff-web bff-mobile public-api yarp-hop; do
  start_timed "$name" first
done

log "signing alice in: bff-web (identity's form), the mobile app (code + PKCE), core-api (token exchange)"
CREDENTIALS=$(dotnet "$ROOT/bench/SignIn/bin/Release/net10.0/BffPlatform.Bench.SignIn.dll" "$WEB" "$IDENTITY" alice@shop.test 'Alice!2345') \
  || die "bff-web sign-in failed"
COOKIE=$(sed -n 's/^COOKIE=//p' <<<"$CREDENTIALS")
APP_TOKEN=$(python3 "$ROOT/bench/mobile_sign_in.py" "$IDENTITY" alice@shop.test 'Alice!2345') || die "mobile sign-in failed"
# alice's own core-api token (orders.read included), so direct, hop and doors make core-api do the same work.
CORE_TOKEN=$(curl -sf "$IDENTITY/connect/token" \
  -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange -d client_id=bff-mobile -d client_secret=bff-mobile-dev-secret \
  -d subject_token_type=urn:ietf:params:oauth:token-type:access_token -d audience=core-api --data-urlencode "subject_token=$APP_TOKEN" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])') || die "token exchange failed"
PRODUCT=$(curl -sf "$CORE/api/v1/products?pageSize=1" -H "Authorization: Bearer $CORE_TOKEN" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])') || die "no product"
KEY=$(sed -n 's/.*TestKey = "\(bp_test_[A-Za-z0-9]*\)".*/\1/p' "$ROOT/tests/Shared/Partners/DemoPartner.cs")

BEARER="Authorization: Bearer $CORE_TOKEN"; SPA="Cookie: __Host-bff=$COOKIE"; APP="Authorization: Bearer $APP_TOKEN"; PARTNER="Authorization: Bearer $KEY"
# name|data|door|url|header|header — data: what is read (the ratio compares the same data across doors).
TARGETS=(
  "ceiling|trivial|kestrel|$HOP/bench/ceiling||"
  "core products|products|core-api|$CORE/api/v1/products?$QUERY|$BEARER|"
  "core product|product|core-api|$CORE/api/v1/products/$PRODUCT|$BEARER|"
  "core orders|orders|core-api|$CORE/api/v1/orders?$QUERY|$BEARER|"
  "hop products|products|yarp-hop|$HOP/api/v1/products?$QUERY|$BEARER|"
  "hop product|product|yarp-hop|$HOP/api/v1/products/$PRODUCT|$BEARER|"
  "hop orders|orders|yarp-hop|$HOP/api/v1/orders?$QUERY|$BEARER|"
  "web products|products|bff-web|$WEB/api/products?$QUERY|$SPA|X-CSRF: 1"
  "web product|product|bff-web|$WEB/api/products/$PRODUCT|$SPA|X-CSRF: 1"
  "web orders|orders|bff-web|$WEB/api/orders?$QUERY|$SPA|X-CSRF: 1"
  "web anon products|products|bff-web|$WEB/api/products?$QUERY|X-CSRF: 1|"
  "web anon product|product|bff-web|$WEB/api/products/$PRODUCT|X-CSRF: 1|"
  "mobile products|products|bff-mobile|$MOBILE/mobile/v1/products?$QUERY|$APP|"
  "mobile product|product|bff-mobile|$MOBILE/mobile/v1/products/$PRODUCT|$APP|"
  "mobile orders|orders|bff-mobile|$MOBILE/mobile/v1/orders?limit=20|$APP|"
  "public products|products|public-api|$PUBLIC/api/v2/products?$QUERY|$PARTNER|"
  "public product|product|public-api|$PUBLIC/api/v2/products/$PRODUCT|$PARTNER|"
  "public orders|orders|public-api|$PUBLIC/api/v2/orders?$QUERY|$PARTNER|"
)
check_targets

sleep 3
for name in "${SERVICES[@]}"; do rss_kb "$name" >"$RUN_DIR/rss-idle.$name"; pss_kb "$name" >"$RUN_DIR/pss-idle.$name"; done

if [ "$MODE" = soak ]; then
  run_soak
  exit 0
fi

if [ "$MODE" = table ]; then
  run_targets
fi
for name in identity core-api bff-web bff-mobile public-api yarp-hop; do
  restart_timed "$name" restart
done
if [ -n "$STARTUP_VARIANTS" ]; then
  startup_variants
fi

REPORT="$RESULTS_DIR/run-$STAMP"
python3 "$ROOT/bench/run_report.py" "$RUN_DIR" "$REPORT" "$DURATION" "$CONNECTIONS" "$THREADS" "$(getconf CLK_TCK)"
if [ "$MODE" = table ]; then
  /usr/bin/python3 "$ROOT/bench/run_chart.py" "$REPORT.json" "$REPORT.png" || log "no chart: apt-get install -y python3-matplotlib"
fi
log "results: bench/results/$(basename "$REPORT").{txt,md,json$([ "$MODE" = table ] && echo ,png)}"
