#!/usr/bin/env bash
# test.sh's running total. Sourced, not executed; tests/Scripts/count-results.test.mjs drives it
# with fabricated result files. The parsing lives in count-results.mjs.

passed=0 failed=0 skipped=0

# count <passed> <failed> [<skipped>]: anything but whole numbers is one failure, so a
# garbled count can neither break the arithmetic nor drop the suites counted after it.
count() {
  local number='^[0-9]+$'
  if [[ $# -ge 2 && $1 =~ $number && $2 =~ $number && ${3:-0} =~ $number ]]; then
    passed=$((passed + $1)) failed=$((failed + $2)) skipped=$((skipped + ${3:-0}))
  else
    printf 'count-results: unusable counts "%s"; counted as 1 failed\n' "$*" >&2
    failed=$((failed + 1))
  fi
}

# count_results <trx|vitest|tap> <file> <suite name> <exit status of the suite's run>
count_results() {
  local kind=$1 file=$2 name=$3 status=$4 p='' f='' s=''
  read -r p f s < <(node "$(dirname "${BASH_SOURCE[0]}")/count-results.mjs" "$kind" "$file")
  count "$p" "$f" "$s"
  echo "$name: ${p:-?} passed, ${f:-?} failed, ${s:-?} skipped"
  # A run that failed without a failed test (a crash, a load error) is a failure too.
  if [ "$status" != 0 ] && [ "$f" = 0 ]; then
    printf 'count-results: %s exited %s with no failed test; counted as 1 failed\n' "$name" "$status" >&2
    count 0 1
  fi
}

# The line CI reads: "N passed, N failed, N skipped".
summary() { echo "$passed passed, $failed failed, $skipped skipped"; }
