#!/usr/bin/env bash
# `npm test`: sets up what is missing, then runs every test (unit, integration) with node's test
# runner. The TAP summary (# pass N / # fail N) is the last thing printed.
# Optional arguments narrow the run to files or folders, e.g. `npm test -- test/unit`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(test)
mapfile -t files < <(find "${targets[@]}" -type f -name '*.test.ts' | sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "no test files under: ${targets[*]}" >&2
  exit 1
fi
export HALL_LOG_LEVEL=${HALL_LOG_LEVEL:-silent}
# The province tests share one throwaway PostgreSQL cluster (a database each), removed at the end.
if [ -z "${PROVINCE_TEST_PG_URL:-}" ] && printf '%s\n' "${files[@]}" | grep -q '/province/'; then
  eval "$(node --import tsx scripts/pg-cluster.ts start)"
  trap 'node --import tsx scripts/pg-cluster.ts stop "$PROVINCE_TEST_PG_DATA"' EXIT
fi
# Unit files run together in one process (test/support/in-process-suite.ts says why); every other
# file gets a process of its own, as node's runner does.
unit_files=() own_process=()
for file in "${files[@]}"; do
  case "$file" in
    test/unit/* | ./test/unit/*) unit_files+=("$file") ;;
    *) own_process+=("$file") ;;
  esac
done
runs=("${own_process[@]}")
if [ ${#unit_files[@]} -gt 1 ]; then
  IN_PROCESS_TEST_FILES="$(printf '%s\n' "${unit_files[@]}")"
  export IN_PROCESS_TEST_FILES
  runs=(test/support/in-process-suite.ts "${runs[@]}")
else
  runs=("${unit_files[@]}" "${runs[@]}")
fi
status=0
node --import tsx --test --test-reporter=tap "${runs[@]}" || status=$?
exit "$status"
