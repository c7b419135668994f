# Local PostgreSQL and Redis for the scaled-out mode, started the way tests/Shared/Servers does:
# a cluster of our own on a loopback port (as the postgres user when root), redis-server on a
# loopback port. Sourced after scripts/lib.sh by scripts/run-scaled.sh and bench/scale-out.sh.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# as_postgres <command...>: runs a server program as the postgres user when we are root (initdb refuses root).
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_postgres <data dir> <port> <log file>: initdb on first use (trust on loopback), then start and wait.
start_postgres() {
  local dir=$1 port=$2 logfile=$3 bin
  ensure_postgres
  bin=$(pg_bin)
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null || die "initdb failed in $dir"
  fi
  touch "$logfile"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$logfile"
  as_postgres "$bin/pg_ctl" -D "$dir" -w -t 60 -l "$logfile" \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
    || die "PostgreSQL did not start (log: $logfile)"
}

stop_postgres() { # stop_postgres <data dir>
  as_postgres "$(pg_bin)/pg_ctl" -D "$1" -w -m fast stop >/dev/null 2>&1 || true
}

# create_databases <port> <name>...: each database unless it exists.
create_databases() {
  local port=$1; shift
  for db in "$@"; do
    if [ -z "$("$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      "$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE \"$db\"" || die "could not create database $db"
    fi
  done
}

pg_connection() { # pg_connection <port> <database>
  echo "Host=127.0.0.1;Port=$1;Username=postgres;Password=postgres;Database=$2"
}

# start_redis <port> <log file>: in the background (its pid in REDIS_PID), without persistence.
start_redis() {
  local port=$1 logfile=$2
  ensure_apt redis-server redis-server
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --protected-mode yes --daemonize no >"$logfile" 2>&1 &
  REDIS_PID=$!
  local deadline=$((SECONDS + 30))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    kill -0 "$REDIS_PID" 2>/dev/null || die "redis-server exited (log: $logfile)"
    [ $SECONDS -lt $deadline ] || die "redis-server did not listen on $port"
    sleep 0.2
  done
}
