#!/usr/bin/env bash
# Foundation benchmarks (issue "Foundation"), whole processes, median of RUNS runs each:
#  1. one `sync` of the local provider against `java -version` on the same machine (target: at most 3x);
#  2. `status --json` over generated projects of 5,000 and 10,000 increments x 6 environments
#     (target: under 1.5 s for 5,000, and at most ~2x that for 10,000).
# usage: bench/foundation.sh [RUNS]     (needs python3 for the project generator)
set -euo pipefail
runs=${1:-7}
repo=$(cd "$(dirname "$0")/.." && pwd)
cli="$repo/specweave-deploy"
work=$(mktemp -d "${TMPDIR:-/tmp}/specweave-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -f "$repo/cli/target/specweave-deploy.jar" ] || (cd "$repo" && ./mvnw -q -B -DskipTests -pl cli -am package)

# median wall milliseconds of a command run $runs times (after one warm-up run)
median_ms() {
  local times=() i s e
  "$@" >/dev/null 2>&1 || true
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

cp -R "$repo/examples/demo/." "$work/demo/" 2>/dev/null || { mkdir -p "$work/demo"; cp -R "$repo/examples/demo/." "$work/demo/"; }
counter=0
sync_once() { counter=$((counter + 1)); "$cli" sync 0002 --profile local-qa --deployed --no-health-check --commit "c$RANDOM$counter" --dir "$work/demo"; }

java_ms=$(median_ms java -version)
sync_ms=$(median_ms sync_once)
echo "java -version            : ${java_ms} ms"
echo "sync (local provider)    : ${sync_ms} ms  ($(awk "BEGIN {printf \"%.1f\", $sync_ms / $java_ms}")x java -version)"

for n in 5000 10000; do
  python3 "$repo/bench/generate-project.py" "$work/p$n" "$n"
  ms=$(median_ms "$cli" status --json --dir "$work/p$n")
  echo "status --json, $n increments: ${ms} ms"
done
