#!/usr/bin/env bash
# ./run.sh --scaled: the platform in its scaled-out mode on this machine. PostgreSQL (a cluster
# of its own under data/scaled/postgres) and Redis on loopback ports, the migration step
# (core-api, identity, bff-web and public-api run once with --migrate), then two instances of every service
# on free ports behind deploy/local-balancer (YARP, round-robin, health-checked) on the usual
# public ports. Ctrl-C stops everything, PostgreSQL included; data stays in data/scaled/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$ROOT/scripts/servers.sh"
cd "$ROOT"

require_toolchain
ensure_spa_deps
build_spa
build_dotnet

INSTANCES=${SCALED_INSTANCES:-2}
DATA_DIR="$ROOT/data/scaled"
LOG_DIR="$ROOT/.run/logs/scaled"
mkdir -p "$DATA_DIR" "$LOG_DIR"
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development

for port in 5100 5200 5300 5400 5500; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    die "port $port is already in use: stop whatever runs there (./run.sh?) first"
  fi
done

pids=()
PG_PORT=$(free_port); REDIS_PORT=$(free_port)
stop_all() {
  trap - INT TERM EXIT
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  stop_postgres "$DATA_DIR/postgres"
}
trap stop_all INT TERM EXIT

log "PostgreSQL on 127.0.0.1:$PG_PORT (data/scaled/postgres), Redis on 127.0.0.1:$REDIS_PORT"
start_postgres "$DATA_DIR/postgres" "$PG_PORT" "$LOG_DIR/postgres.log"
start_redis "$REDIS_PORT" "$LOG_DIR/redis.log"
pids+=("$REDIS_PID")
create_databases "$PG_PORT" core identity sessions webhooks

# The scaled-out configuration (docs/deployment.md): the same names as in the cluster.
export Database__Provider=Postgres Database__MigrateOnStart=false
export Redis__Configuration="127.0.0.1:$REDIS_PORT,abortConnect=false"
export ConnectionStrings__Core="$(pg_connection "$PG_PORT" core)"
export ConnectionStrings__Identity="$(pg_connection "$PG_PORT" identity)"
export ConnectionStrings__Sessions="$(pg_connection "$PG_PORT" sessions)"
export ConnectionStrings__Webhooks="$(pg_connection "$PG_PORT" webhooks)"
# Every identity instance signs with the same keys (in a cluster: the identity-keys Secret);
# on PostgreSQL identity never generates them itself.
"$ROOT/deploy/identity-keys.sh" "$DATA_DIR/identity-keys"
export Identity__Keys__Directory="$DATA_DIR/identity-keys"
export Database__SeedDemoData=true

dll() { echo "$ROOT/$1/bin/Release/net10.0/$2.dll"; }

log "migrating core-api, identity, bff-web and public-api (--migrate)"
for service in "core-api BffPlatform.CoreApi" "identity BffPlatform.Identity" "bff-web BffPlatform.BffWeb" "public-api BffPlatform.PublicApi"; do
  read -r dir assembly <<<"$service"
  Data__Directory="$DATA_DIR/$dir-migrate" \
    dotnet "$(dll "$dir" "$assembly")" --contentRoot "$ROOT/$dir" --urls "http://127.0.0.1:0" --migrate \
    >"$LOG_DIR/$dir-migrate.log" 2>&1 || die "$dir's migration failed (log: .run/logs/scaled/$dir-migrate.log)"
done

# Balancer settings, filled as instances start: Balancer__Services__<name>__Port / __Destinations__<i>.
balancer_env=(Balancer__Services__identity__Port=5100 Balancer__Services__core-api__Port=5200
  Balancer__Services__bff-web__Port=5300 Balancer__Services__bff-mobile__Port=5400 Balancer__Services__public-api__Port=5500)
declare -A instance_urls=()
for name in identity core-api bff-web bff-mobile public-api; do
  urls=()
  for i in $(seq 1 "$INSTANCES"); do
    url="http://127.0.0.1:$(free_port)"
    urls+=("$url")
    balancer_env+=("Balancer__Services__${name}__Destinations__$((i - 1))=$url")
  done
  instance_urls[$name]="${urls[*]}"
done

log "starting the local balancer on 5100-5500 (log: .run/logs/scaled/balancer.log)"
env "${balancer_env[@]}" dotnet "$(dll deploy/local-balancer BffPlatform.LocalBalancer)" \
  --contentRoot "$ROOT/deploy/local-balancer" >"$LOG_DIR/balancer.log" 2>&1 &
pids+=($!)
wait_for_url_status() { # the balancer answers (any status) once it listens
  local deadline=$((SECONDS + 60))
  until curl -s -o /dev/null "$1"; do
    kill -0 "$2" 2>/dev/null || die "the balancer exited (see .run/logs/scaled/balancer.log)"
    [ $SECONDS -lt $deadline ] || die "the balancer did not listen on $1"; sleep 0.3
  done
}
wait_for_url_status http://127.0.0.1:5500/ "$!"

# start <name> <project dir> <assembly> <ready path>: every instance of the service, in turn.
start() {
  local name=$1 dir=$2 assembly=$3 ready=$4 i=0
  for url in ${instance_urls[$name]}; do
    i=$((i + 1))
    log "starting $name #$i on $url (log: .run/logs/scaled/$name-$i.log)"
    Data__Directory="$DATA_DIR/$name-$i" dotnet "$(dll "$dir" "$assembly")" --contentRoot "$ROOT/$dir" --urls "$url" \
      >"$LOG_DIR/$name-$i.log" 2>&1 &
    pids+=($!)
    wait_for_url "$url$ready" "$name #$i" "$!" 120
  done
}

start identity identity BffPlatform.Identity /health/ready
start core-api core-api BffPlatform.CoreApi /health/ready
start bff-web bff-web BffPlatform.BffWeb /health/ready
start bff-mobile bff-mobile BffPlatform.BffMobile /health/ready
start public-api public-api BffPlatform.PublicApi /health/ready

cat <<TXT

BffPlatform is running scaled out: $INSTANCES instances of each service behind the local
balancer, PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT (data in
./data/scaled, logs in ./.run/logs/scaled).

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
Instances: $(for n in identity core-api bff-web bff-mobile public-api; do printf '%s %s; ' "$n" "${instance_urls[$n]}"; done)
Press Ctrl-C to stop.
TXT
wait -n "${pids[@]}" || true
log "a process stopped; stopping the rest"
