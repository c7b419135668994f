#!/usr/bin/env bash
# Runs every test suite: the SPA's vitest and checks, then every .NET test project
# (unit, integration, real-process and real-browser end-to-end). Installs what is missing.
# Ends with one line "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

require_toolchain
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
passed=0 failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }
# A check without its own test count (type check, build) counts as one test.
check() { local name=$1; shift
  if ( "$@" ); then count 1 0; else log "FAILED: $name"; count 0 1; fi
}

[ -d tests/EndToEnd.Tests ] && ensure_apt chromium chromium

# --- SPA ---------------------------------------------------------------------------
if [ -f "$SPA_DIR/package.json" ]; then
  ensure_spa_deps
  log "SPA: type check and generated-types drift check"
  check "SPA type check" bash -c "cd '$SPA_DIR' && npx --no-install tsc --noEmit -p ."
  check "SPA generated types are current" bash -c "cd '$SPA_DIR' && npm run --silent check:types"
  log "SPA: vitest"
  (cd "$SPA_DIR" && npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS/vitest.json")
  vitest_status=$?
  if [ -f "$RESULTS/vitest.json" ]; then
    # A test file that fails to load has no failed tests, only a failed suite: count it too.
    read -r p f < <(node -e '
      const r = require(process.argv[1]);
      const broken = r.testResults.filter(t => t.status === "failed" && !t.assertionResults.some(a => a.status === "failed")).length;
      console.log(r.numPassedTests, r.numFailedTests + broken)' "$RESULTS/vitest.json")
    count "$p" "$f"
    if [ "$vitest_status" -ne 0 ] && [ "$f" -eq 0 ]; then log "FAILED: vitest exited $vitest_status"; count 0 1; fi
  else
    log "FAILED: vitest wrote no results"; count 0 1
  fi
  check "SPA production build" build_spa
fi

# --- .NET ----------------------------------------------------------------------------
if ! dotnet build BffPlatform.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  log "FAILED: dotnet build"
  count 0 1
  echo "$passed passed, $failed failed"
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
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
    f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
    e=$(sed -E 's/.* error="([0-9]+)".*/\1/' <<<"$counters")
    count "$p" $((f + e))
    echo "$name: $p passed, $((f + e)) failed"
    if [ "$status" -ne 0 ] && [ $((f + e)) -eq 0 ]; then log "FAILED: $name exited $status"; count 0 1; fi
  else
    log "FAILED: $name produced no results (exit $status); see TestResults/$name.log"
    tail -n 30 "$RESULTS/$name.log"
    count 0 1
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
