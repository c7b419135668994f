#!/usr/bin/env bash
# Shared by run.sh and test.sh: install what is missing, build, start services.
# Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPA_DIR="$ROOT/clients/react-web"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Debian packages, installed only when their command is missing.
_apt_updated=""
ensure_apt() { # ensure_apt <command> <package>...
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] || die "'$cmd' is missing: run 'sudo apt-get install -y $*'"
  log "installing $* (Debian packages)"
  if [ -z "$_apt_updated" ]; then apt-get update -qq >/dev/null || die "apt-get update failed"; _apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

# PostgreSQL's server programs live outside PATH on Debian (/usr/lib/postgresql/<major>/bin).
ensure_postgres() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && return 0
  ensure_apt __postgres_server__ postgresql
}

require_toolchain() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (https://dotnet.microsoft.com/download)"
  command -v npm >/dev/null || die "Node.js 20+ with npm is required"
}

# npm ci only when package-lock.json changed since the last install.
ensure_spa_deps() {
  [ -f "$SPA_DIR/package.json" ] || return 0
  local stamp="$SPA_DIR/node_modules/.lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$SPA_DIR/package-lock.json" "$stamp"; then
    log "installing the SPA's npm packages"
    (cd "$SPA_DIR" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
    cp "$SPA_DIR/package-lock.json" "$stamp"
  fi
}

build_spa() {
  [ -f "$SPA_DIR/package.json" ] || return 0
  log "building the SPA"
  (cd "$SPA_DIR" && npm run --silent build >/dev/null) || die "the SPA build failed"
}

build_dotnet() {
  log "building the solution (Release)"
  dotnet build "$ROOT/BffPlatform.sln" -c Release -nologo -v quiet -clp:ErrorsOnly || die "dotnet build failed"
}

# Free loopback port, for tests and for runs beside an occupied default.
free_port() { python3 - <<'PY' 2>/dev/null || shuf -i 20000-40000 -n 1
import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

wait_for_url() { # wait_for_url <url> <name> <pid> [seconds]
  local url=$1 name=$2 pid=$3 deadline=$((SECONDS + ${4:-90}))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "$name exited during start-up (see its log)"
    [ $SECONDS -lt $deadline ] || die "$name did not answer $url in time"
    sleep 0.5
  done
}
