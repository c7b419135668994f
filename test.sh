#!/usr/bin/env bash
# Runs every test suite: the SPA's vitest and checks, then every .NET test project
# (unit, integration, real-process and real-browser end-to-end). Installs what is missing.
# Ends with one line "N passed, N failed, N skipped" and exits non-zero on any failure; a suite
# whose results cannot be read, or that runs no test, counts as failed (scripts/count-results.*).
set -uo pipefail
source "$(dirname "$0")/scripts/lib.sh"
source "$ROOT/scripts/count-results.sh"
cd "$ROOT"

# The drift tests rewrite their checked-in file under these; a run that compares a file with
# itself proves nothing. Regenerate with the command the failing drift test prints.
for variable in UPDATE_OPENAPI UPDATE_DOCS; do
  if [ -n "${!variable:-}" ]; then
    log "FAILED: $variable is set: ./test.sh checks the checked-in documents and never rewrites them; unset it"
    count 0 1; summary; exit 1
  fi
done

require_toolchain
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
# A check without its own test count (type check, build) counts as one test.
check() { local name=$1; shift
  if ( "$@" ); then count 1 0; else log "FAILED: $name"; count 0 1; fi
}

# --- test.sh's own counting ----------------------------------------------------------
log "counting self-test (fabricated result files)"
node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$RESULTS/count-results.tap" \
  tests/Scripts/count-results.test.mjs >"$RESULTS/count-results.log" 2>&1
status=$?
if [ "$status" -ne 0 ]; then
  if grep -q 'failing tests:' "$RESULTS/count-results.log"; then sed -n '/failing tests:/,$p' "$RESULTS/count-results.log" | head -n 100
  else tail -n 30 "$RESULTS/count-results.log"; fi
fi
count_results tap "$RESULTS/count-results.tap" "counting self-test" "$status"

[ -d tests/EndToEnd.Tests ] && ensure_apt chromium chromium
# The scaled-out suites start their own PostgreSQL and Redis servers on loopback ports.
ensure_postgres
ensure_apt redis-server redis-server
# ScaledOut.Tests/Deploy renders deploy/k8s with `kubectl kustomize`.
ensure_apt kubectl kubernetes-client

# --- SPA ---------------------------------------------------------------------------
if [ -f "$SPA_DIR/package.json" ]; then
  ensure_spa_deps
  log "SPA: type check and generated-types drift check"
  check "SPA type check" bash -c "cd '$SPA_DIR' && npx --no-install tsc --noEmit -p ."
  check "SPA generated types are current" bash -c "cd '$SPA_DIR' && npm run --silent check:types"
  log "SPA: vitest"
  (cd "$SPA_DIR" && npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS/vitest.json")
  count_results vitest "$RESULTS/vitest.json" vitest $?
  check "SPA production build" build_spa
fi

# --- .NET ----------------------------------------------------------------------------
if ! dotnet build BffPlatform.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  log "FAILED: dotnet build"
  count 0 1
  summary
  exit 1
fi

# One project at a time: the end-to-end suites start real processes and a browser, and
# the machine has two cores.
mapfile -t projects < <(find tests -name '*.Tests.csproj' | sort | grep -v EndToEnd; find tests -name '*.Tests.csproj' | grep EndToEnd)
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  log "dotnet test $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS" --blame-hang-timeout 10m >"$RESULTS/$name.log" 2>&1
  status=$?
  # Name each failure with its message; the full log stays in TestResults/.
  grep -E -A 12 '^\s+Failed .+ \[[<0-9. ]+m?s\]\s*$' "$RESULTS/$name.log" | head -n 200 || true
  trx="$RESULTS/$name.trx"
  if [ -f "$trx" ]; then
    count_results trx "$trx" "$name" "$status"
  else
    log "FAILED: $name produced no results (exit $status); see TestResults/$name.log"
    tail -n 30 "$RESULTS/$name.log"
    count 0 1
  fi
done

summary
[ "$failed" -eq 0 ]
