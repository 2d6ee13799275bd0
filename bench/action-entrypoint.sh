#!/usr/bin/env bash
# Times the whole GitHub Action entry-point process (JVM start to exit) for a local-provider sync
# on a fresh copy of examples/demo, as the container's ENTRYPOINT runs it, with and without the
# JVM start-up options the Dockerfile uses. Prints the median and all runs (milliseconds) per
# variant. Uses hyperfine when installed, else a plain loop.
#
#   bench/action-entrypoint.sh          # 11 runs per variant
#   RUNS=21 bench/action-entrypoint.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-11}
jar="$repo/action/target/specweave-deploy-action.jar"
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ ! -f "$jar" ]; then
  (cd "$repo" && ./mvnw -q -B -o -DskipTests -pl action -am package)
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/specweave-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
main=io.specweave.deploy.image.ImageMain

fresh() {
  rm -rf "$work/ws" "$work/fc"
  mkdir -p "$work/ws" "$work/fc"
  cp -R "$repo/examples/demo/." "$work/ws/"
  : > "$work/fc/output"
  : > "$work/fc/summary"
}
run_entrypoint() { # JVM options...
  env -i PATH="$PATH" GITHUB_ACTIONS=true GITHUB_WORKSPACE="$work/ws" GITHUB_OUTPUT="$work/fc/output" \
    GITHUB_STEP_SUMMARY="$work/fc/summary" GITHUB_SHA=9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4 \
    GITHUB_REF=refs/heads/main GITHUB_REF_NAME=main GITHUB_REPOSITORY=demo-shop/demo-shop GITHUB_RUN_ID=1 \
    GITHUB_ACTOR=bench INPUT_COMMAND=sync INPUT_INCREMENT=0002 INPUT_ENVIRONMENT=qa INPUT_DEPLOYED=true "INPUT_HEALTH-CHECK=false" \
    "$java_cmd" "$@" -cp "$jar" "$main" > /dev/null
}

# The class-data-sharing archive, as the Dockerfile makes it: the classes a training sync loads,
# archived with the JDK's in one static archive.
fresh
run_entrypoint -Xshare:off -XX:DumpLoadedClassList="$work/app.classes"
"$java_cmd" -Xshare:dump -XX:SharedClassListFile="$work/app.classes" -XX:SharedArchiveFile="$work/app.jsa" \
  -Xlog:cds=off -cp "$jar" > /dev/null
chosen=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -XX:SharedArchiveFile="$work/app.jsa"
  -Xlog:cds=off)

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# The variants take turns, run by run, so a busy machine (other builds) slows each one alike.
labels=("default JVM options" "C1 only + SerialGC" "C1 only + SerialGC + CDS (the image's)")
declare -a t0 t1 t2
for _ in $(seq "$runs"); do
  for v in 0 1 2; do
    fresh
    s=$(date +%s%N)
    case $v in
      0) run_entrypoint -Xshare:auto ;;
      1) run_entrypoint -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ;;
      2) run_entrypoint "${chosen[@]}" ;;
    esac
    e=$(date +%s%N)
    eval "t$v+=($(( (e - s) / 1000000 )))"
  done
done

echo "entry point, local-provider sync, $runs runs each, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)," \
  "$("$java_cmd" -version 2>&1 | head -1)"
for v in 0 1 2; do
  eval 'times=("${t'$v'[@]}")'
  printf '%-44s median %5d ms   runs: %s\n' "${labels[$v]}" "$(printf '%s\n' "${times[@]}" | median)" \
    "$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')"
done
