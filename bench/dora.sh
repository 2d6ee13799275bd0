#!/usr/bin/env sh
# Benchmark: `specweave-deploy dora --json` as a whole process over 5,000 increments holding
# 50,000 prod deployments in their histories (target: under 2 s). Generates the project in a
# temporary folder, runs once to warm the class-data-sharing archive, then times RUNS runs and
# prints each time and the median; then the same inside a git repository (commit times looked up).
#   bench/dora.sh [INCREMENTS=5000] [PROD_PER_INCREMENT=10] [RUNS=5]
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
increments=${1:-5000}
per=${2:-10}
runs=${3:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/specweave-dora-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
java "$repo/bench/GenerateDoraProject.java" "$work" "$increments" "$per"
cli="$repo/specweave-deploy"
"$cli" dora --json --dir "$work" > "$work/warmup.json"
grep -q '"deploymentFrequency"' "$work/warmup.json"
measure() {
  label=$1
  times=""
  i=0
  while [ "$i" -lt "$runs" ]; do
    start=$(date +%s%N)
    "$cli" dora --json --dir "$work" > "$work/out.json"
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    echo "$label run $((i + 1)): ${ms} ms"
    times="$times $ms"
    i=$((i + 1))
  done
  median=$(echo "$times" | tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}')
  echo "$label median: ${median} ms over $runs runs (dora --json, $increments increments, $((increments * per)) prod deployments)"
}
measure "no git repository:"
# Inside a git repository every commit is looked up (all absent here) through one `git cat-file --batch`.
if command -v git > /dev/null 2>&1; then
  git -C "$work" init -q
  measure "git repository:   "
fi
head -c 400 "$work/out.json"; echo
