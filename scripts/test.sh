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
# The tests' scanimage: the real one, restarted when SANE's test backend deadlocks
# (test/support/bin/scanimage says why).
export PATH="$PWD/test/support/bin:$PATH"
scratch=$(mktemp -d)
pg_data=''
cleanup() {
  rm -rf "$scratch"
  if [ -n "$pg_data" ]; then node --import tsx scripts/pg-cluster.ts stop "$pg_data"; fi
}
trap cleanup EXIT
# The province tests share one throwaway PostgreSQL cluster (a database each), removed at the end.
if [ -z "${PROVINCE_TEST_PG_URL:-}" ] && printf '%s\n' "${files[@]}" | grep -q '/province/'; then
  eval "$(node --import tsx scripts/pg-cluster.ts start)"
  pg_data=$PROVINCE_TEST_PG_DATA
fi

# Where the files run (test/support/in-process-suite.ts says why most share a process):
#   unit files         all in one process
#   integration files  in TEST_GROUPS processes (default 4) of about equal size (each file starts
#                      its own servers on port 0 and child processes, and stops them)
#   browser files      a process each: a Chromium, a hall and device hosts of their own
#   `@own-process`     a file that says so in a comment (it ends its process): a process of its own
unit_files=() integration_files=() own_process_files=()
for file in "${files[@]}"; do
  if grep -q '@own-process' "$file"; then
    own_process_files+=("$file")
    continue
  fi
  case "${file#./}" in
    test/unit/*) unit_files+=("$file") ;;
    test/e2e/*) own_process_files+=("$file") ;;
    *) integration_files+=("$file") ;;
  esac
done
IN_PROCESS_SUITE="$PWD/test/support/in-process-suite.ts"
export IN_PROCESS_SUITE

# The files from the largest to the smallest: size stands for running time.
largest_first() {
  local file
  for file in "$@"; do printf '%s %s\n' "$(wc -c < "$file")" "$file"; done | sort -k1,1nr -k2 | cut -d' ' -f2-
}
# Node's runner starts its files in the order of their paths. Each run is therefore an entry file
# in $scratch named by its place, NNN-name.test.mjs, with the test files it runs in NNN-name.files:
# through the in-process suite, or (kind `own`) one file imported as it is.
runs=()
add_run() { # kind (suite|own), name, files...
  local kind=$1 name=$2
  shift 2
  local base
  base=$(printf '%s/%03d-%s' "$scratch" ${#runs[@]} "$name")
  printf '%s\n' "$@" > "$base.files"
  local load='await import(pathToFileURL(process.env.IN_PROCESS_SUITE).href);'
  [ "$kind" = own ] && load='await import(pathToFileURL(resolve(listed.trim())).href);'
  printf '%s\n' "import { readFileSync } from 'node:fs';" "import { resolve } from 'node:path';" \
    "import { pathToFileURL } from 'node:url';" \
    'const listed = readFileSync(new URL(import.meta.url.replace(/\.test\.mjs$/, ".files")), "utf8");' \
    'process.env.IN_PROCESS_TEST_FILES = listed;' "$load" > "$base.test.mjs"
  runs+=("$base.test.mjs")
}

# Integration files dealt out to TEST_GROUPS groups, each file to the group with the fewest bytes so far.
group_count=${TEST_GROUPS:-4}
[ "$group_count" -gt ${#integration_files[@]} ] && group_count=${#integration_files[@]}
group_bytes=() group_lists=()
for ((g = 0; g < group_count; g++)); do group_bytes[g]=0 group_lists[g]=''; done
while IFS= read -r file; do
  [ -n "$file" ] || continue
  smallest=0
  for ((g = 1; g < group_count; g++)); do
    [ "${group_bytes[g]}" -lt "${group_bytes[smallest]}" ] && smallest=$g
  done
  group_bytes[smallest]=$((group_bytes[smallest] + $(wc -c < "$file")))
  group_lists[smallest]+="$file"$'\n'
done < <(largest_first "${integration_files[@]}")

# The browser files serve the built renderer; built here once, not by files running side by side.
if printf '%s\n' "${files[@]}" | grep -q 'test/e2e/'; then
  node --import tsx -e 'import("./test/support/renderer-build.ts").then((m) => m.ensureRendererBuilt())'
fi
# The longest runs start first, a file of its own and a group (then the unit files) in turn, so
# that about half of the processes at any time run a browser and none is left alone at the end.
mapfile -t own_sorted < <(largest_first "${own_process_files[@]}")
shared=()
for ((g = 0; g < group_count; g++)); do shared+=("group-$g"); done
[ ${#unit_files[@]} -gt 0 ] && shared+=(unit)
for ((i = 0; i < ${#own_sorted[@]} || i < ${#shared[@]}; i++)); do
  if [ "$i" -lt ${#own_sorted[@]} ] && [ -n "${own_sorted[i]}" ]; then
    add_run own "$(basename "${own_sorted[i]}" .test.ts)" "${own_sorted[i]}"
  fi
  case "${shared[i]:-}" in
    unit) add_run suite unit "${unit_files[@]}" ;;
    group-*)
      g=${shared[i]#group-}
      mapfile -t list < <(printf '%s' "${group_lists[g]}")
      add_run suite "integration-$g" "${list[@]}"
      ;;
  esac
done
# TEST_CONCURRENCY runs at a time (default 4): much of a run's time is spent waiting on servers,
# browsers, child processes and real deadlines rather than on the CPU.
# TAP goes to the screen, and node's spec report to a file: on a failure its list of the failed
# tests (each with its file, line and error) is printed again at the end, as a CI log keeps only
# its tail, followed by the runner's summary, so that the summary stays the last output.
status=0
node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-4}" \
  --test-reporter=tap --test-reporter-destination=stdout \
  --test-reporter=spec --test-reporter-destination="$scratch/report.txt" "${runs[@]}" || status=$?
if [ "$status" -ne 0 ] && [ -s "$scratch/report.txt" ]; then
  sed -n '/^✖ failing tests:/,$p' "$scratch/report.txt"
  grep -E '^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$scratch/report.txt" || true
fi
exit "$status"
