#!/usr/bin/env bash
# Starts the whole platform on embedded defaults: SQLite files under ./data, in-memory
# counters and sessions, the local identity provider, the SPA served by bff-web.
# Installs what is missing first. Ctrl-C stops everything.
# ./run.sh --scaled: the scaled-out mode instead (scripts/run-scaled.sh: PostgreSQL, Redis, two
# instances of each service behind a local load balancer).
set -euo pipefail
[ "${1:-}" = "--scaled" ] && exec "$(dirname "$0")/scripts/run-scaled.sh"
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

require_toolchain
ensure_spa_deps
build_spa
build_dotnet

DATA_DIR="$ROOT/data"
LOG_DIR="$ROOT/.run/logs"
mkdir -p "$DATA_DIR" "$LOG_DIR"
export ASPNETCORE_ENVIRONMENT=Development

pids=()
stop_all() {
  trap - INT TERM EXIT
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

# start <name> <project dir> <assembly> <port> <ready path>
start() {
  local name=$1 dir=$2 assembly=$3 port=$4 ready=$5
  [ -d "$ROOT/$dir" ] || return 0
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    die "port $port is already in use: stop whatever runs there, or set its Urls (e.g. ${name}: Urls=http://127.0.0.1:<port>)"
  fi
  log "starting $name on http://127.0.0.1:$port (log: .run/logs/$name.log)"
  dotnet "$ROOT/$dir/bin/Release/net10.0/$assembly.dll" --contentRoot "$ROOT/$dir" \
    --urls "http://127.0.0.1:$port" >"$LOG_DIR/$name.log" 2>&1 &
  pids+=($!)
  wait_for_url "http://127.0.0.1:$port$ready" "$name" "$!" 120
}

start identity identity BffPlatform.Identity 5100 /.well-known/openid-configuration
start core-api core-api BffPlatform.CoreApi 5200 /health/ready
start bff-web bff-web BffPlatform.BffWeb 5300 /health/ready
start bff-mobile bff-mobile BffPlatform.BffMobile 5400 /health/ready
start public-api public-api BffPlatform.PublicApi 5500 /health/ready

cat <<TXT

BffPlatform is running (embedded default; data in ./data, logs in ./.run/logs).

  Shop (SPA via bff-web)   http://127.0.0.1:5300/
  Identity provider        http://127.0.0.1:5100/   (discovery: /.well-known/openid-configuration)
  core-api                 http://127.0.0.1:5200/api/v1
    Swagger UI             http://127.0.0.1:5200/api/docs
    ReDoc                  http://127.0.0.1:5200/api/redoc
  bff-mobile (apps)        http://127.0.0.1:5400/mobile/v1   (docs: /api/docs)
  public-api (partners)    http://127.0.0.1:5500/api/v2      (docs: /api/docs, /api/redoc; v1 deprecated)

Demo logins
  customer  alice@shop.test  /  Alice!2345
  customer  bob@shop.test    /  Bob!23456
  staff     staff@shop.test  /  Staff!2345

Internal tools client: internal-tools / internal-tools-dev-secret (client credentials).
Demo partner's test key (public-api): bp_test_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q
  curl -H 'Authorization: Bearer bp_test_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q' http://127.0.0.1:5500/api/v2/ping
Press Ctrl-C to stop.
TXT
wait -n "${pids[@]}" || true
log "a service stopped; stopping the rest"
