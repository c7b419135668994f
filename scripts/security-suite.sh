#!/usr/bin/env bash
# The security suite on its own (./test.sh runs it with the others): builds, attacks every door
# as real processes (tests/Security.Tests) and prints the cases per OWASP API Security Top 10
# (2023) category. Usage: scripts/security-suite.sh [extra dotnet test arguments]
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1
dotnet build tests/Security.Tests -c Release -nologo -v quiet -clp:ErrorsOnly || die "build failed"
started=$(date +%s)
dotnet test tests/Security.Tests -c Release --no-build -nologo "$@"
status=$?
log "cases per OWASP category (run took $(( $(date +%s) - started )) s)"
cat tests/Security.Tests/bin/Release/net10.0/owasp-summary.md
exit $status
