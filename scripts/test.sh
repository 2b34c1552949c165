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
status=0
node --import tsx --test --test-reporter=tap "${files[@]}" || status=$?
exit "$status"
