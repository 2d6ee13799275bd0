#!/usr/bin/env bash
# Builds the Action's image and runs it the way the GitHub runner runs a Docker action: the
# workspace (a copy of examples/demo, owned by another user as on a hosted runner) mounted at
# /github/workspace, the file-command folder at /github/file_commands, GITHUB_* and INPUT_* passed
# with -e, --workdir /github/workspace, as root. Checks the exit code, the outputs, the summary and
# the owner of the written files, commit-back, DORA lead time from git in a workspace owned by
# another user (and the warning of a shallow clone), and the CLI entry (`docker run IMAGE status`
# shows the status and writes nothing; a `sync` leaves what it wrote to the project's owner);
# then prints the image size and start-to-exit timings.
#
# Not part of `./mvnw verify` (CI may have no podman/docker). Needs podman (or ENGINE=docker) and
# network for apt inside the build (--network host). With BUILD_IMAGE/RUNTIME_IMAGE unset it
# builds on local stand-ins: the JDK build image of the shared tools' standin-images.sh
# ($SPECWEAVE_SHARED_DIR/tools, default ../shared/tools next to the checkout) and a minimal Debian
# bookworm made here with mmdebstrap for debian:bookworm-slim. The stand-in build
# image cannot reach Maven Central itself: the host's Maven first resolves what the image build
# needs into ~/.m2, which is mounted into the build.
#
#   action/src/test/container/test-image.sh            # build + test + time (5 runs)
#   RUNS=9 action/src/test/container/test-image.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../../.." && pwd)
engine=${ENGINE:-podman}
runtime_opt=()
[ "$engine" = podman ] && runtime_opt=(--runtime runc)
image=${IMAGE:-localhost/specweave-deploy-action:test}
build_image=${BUILD_IMAGE:-localhost/standin-build17}
runtime_image=${RUNTIME_IMAGE:-localhost/standin-debian-slim}
runs=${RUNS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/specweave-action-image.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -z "${SKIP_BUILD:-}" ]; then
  if [ "$runtime_image" = localhost/standin-debian-slim ] && ! "$engine" image exists "$runtime_image"; then
    tar=$(mktemp --suffix=.tar)
    mmdebstrap --variant=minbase bookworm "$tar" http://deb.debian.org/debian > /dev/null 2>&1
    "$engine" import "$tar" "$runtime_image" > /dev/null
    rm -f "$tar"
  fi
  if [[ "$build_image" == localhost/standin-* ]] && ! "$engine" image exists "$build_image"; then
    standin="${SPECWEAVE_SHARED_DIR:-$repo/../shared}/tools/standin-images.sh"
    [ -x "$standin" ] || { echo "no $build_image and no standin-images.sh: set BUILD_IMAGE" >&2; exit 1; }
    "$standin"
  fi
  if [[ "$build_image" == localhost/standin-* ]]; then
    # The stand-in build image has no route to Maven Central: resolve the image build's reactor
    # (same poms, same Maven build) on the host into ~/.m2 first.
    for module in core cli action; do
      mkdir -p "$work/prefill/$module"
      cp "$repo/$module/pom.xml" "$work/prefill/$module/"
    done
    cp "$repo/pom.xml" "$repo/action/src/container/image-reactor.xml" "$work/prefill/"
    mvn -B -q -f "$work/prefill/image-reactor.xml" -Dmaven.test.skip=true package
  fi
  start=$(date +%s.%N)
  "$engine" build "${runtime_opt[@]}" --network host -v "$HOME/.m2:/root/.m2" \
    --build-arg BUILD_IMAGE="$build_image" --build-arg RUNTIME_IMAGE="$runtime_image" \
    -t "$image" "$repo" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "image build: %.1f s\n", e - s }'
fi
# The whole image: it starts from an empty base, so this is everything a runner pulls (unpacked).
size=$("$engine" image inspect "$image" --format '{{.Size}}')
awk -v s="$size" 'BEGIN { printf "image size: %d bytes (%.1f MB)\n", s, s / 1e6 }'
"$engine" history "$image" --format '{{.Size}}\t{{.CreatedBy}}' | awk -F'\t' '$1 != "0B" && $1 != "0 B" {
  printf "  layer %-9s %s\n", $1, substr($2, 1, 90) }'

# A workspace as the runner lays it out, owned by the runner's user (uid 1001, gid 121).
setup() {
  rm -rf "$work/ws" "$work/fc" "$work/wf"
  mkdir -p "$work/ws" "$work/fc" "$work/wf"
  cp -R "$repo/examples/demo/." "$work/ws/"
  chown -R 1001:121 "$work/ws"
  : > "$work/fc/set_output_1"
  : > "$work/fc/step_summary_1"
  echo '{"ref":"refs/heads/main","repository":{"default_branch":"main"}}' > "$work/wf/event.json"
}
run_action() { # extra options before the image; ENTRY=(...) replaces the entry point's JVM options
  "$engine" run "${runtime_opt[@]}" --rm --network none --workdir /github/workspace \
    -v "$work/ws:/github/workspace" -v "$work/fc:/github/file_commands" -v "$work/wf:/github/workflow" \
    -e GITHUB_ACTIONS=true -e CI=true -e GITHUB_WORKSPACE=/github/workspace \
    -e GITHUB_OUTPUT=/github/file_commands/set_output_1 -e GITHUB_STEP_SUMMARY=/github/file_commands/step_summary_1 \
    -e GITHUB_EVENT_PATH=/github/workflow/event.json -e GITHUB_EVENT_NAME=push \
    -e GITHUB_SHA=9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4 -e GITHUB_REF=refs/heads/main -e GITHUB_REF_NAME=main \
    -e GITHUB_REF_TYPE=branch -e GITHUB_REPOSITORY=demo-shop/demo-shop -e GITHUB_RUN_ID=4242 \
    -e GITHUB_SERVER_URL=https://github.com -e GITHUB_ACTOR=octocat \
    -e INPUT_COMMAND=sync -e INPUT_INCREMENT=0002 -e INPUT_DEPLOYED=true -e INPUT_WORKING-DIRECTORY=. -e INPUT_HEALTH-CHECK=false \
    -e INPUT_COMMIT-METADATA=false -e INPUT_DRY-RUN=false -e INPUT_GITHUB-TOKEN=ghs_containerTestToken \
    "$@" "${entry_override[@]}" "$image" "${entry_args[@]}"
}
entry_override=()
entry_args=()

fail() { echo "FAIL: $*" >&2; exit 1; }

setup
set +e
run_action -e INPUT_ENVIRONMENT=qa > "$work/stdout" 2>&1
code=$?
set -e
[ "$code" = 0 ] || { cat "$work/stdout"; fail "exit code $code, expected 0"; }
head -1 "$work/stdout" | grep -qx '::add-mask::ghs_containerTestToken' || fail "first line is not the mask"
tail -n +2 "$work/stdout" | grep -q ghs_containerTestToken && fail "token printed unmasked"
grep -q '^environment=qa$' "$work/fc/set_output_1" || fail "no environment=qa output"
grep -q '^profile=local-qa$' "$work/fc/set_output_1" || fail "no profile output"
grep -q '^deployment<<ghadelimiter_' "$work/fc/set_output_1" || fail "deployment output not in heredoc form"
grep -q 'class env1 current' "$work/fc/step_summary_1" || fail "summary lacks the highlighted Mermaid node"
grep -q '"qa": {' "$work/ws/.specweave/increments/0002-password-reset/metadata.json" || fail "qa not recorded"
owner=$(stat -c %u:%g "$work/ws/.specweave/increments/0002-password-reset/metadata.json")
[ "$owner" = 1001:121 ] || fail "metadata.json owned by $owner, expected the workspace owner 1001:121"
stray=$(find "$work/ws" ! -user 1001 | head -3)
[ -z "$stray" ] || fail "files not owned by the workspace owner: $stray"
echo "container run: ok (exit 0, masked, outputs, summary, owner 1001:121)"

setup
set +e
run_action -e INPUT_DEPLOYED=maybe > "$work/stdout" 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "deployed=maybe: exit code $code, expected 2"
grep -q '^::error title=Input deployed::' "$work/stdout" || fail "deployed=maybe: no ::error naming the input"
echo "bad input: ok (exit 2, ::error title=Input deployed)"

# commit-metadata inside the container: a clone owned by the runner's user, its origin a bare
# repository mounted at the same path; the commit must reach origin and every file the container
# wrote (also under .git) must belong to the workspace owner.
setup
rm -rf "$work/ws" "$work/origin.git" "$work/seed"
git init -q --bare "$work/origin.git"
cp -R "$repo/examples/demo" "$work/seed"
git -C "$work/seed" init -q
git -C "$work/seed" add -A
git -C "$work/seed" -c user.name=t -c user.email=t@example.com commit -q -m seed
git -C "$work/seed" push -q "$work/origin.git" HEAD:refs/heads/main
git clone -q --branch main "$work/origin.git" "$work/ws"
chown -R 1001:121 "$work/ws"
set +e
run_action -v "$work/origin.git:$work/origin.git" -e INPUT_ENVIRONMENT=staging -e INPUT_COMMIT-METADATA=true \
  > "$work/stdout" 2>&1
code=$?
set -e
[ "$code" = 0 ] || { cat "$work/stdout"; fail "commit-metadata: exit code $code"; }
git -C "$work/origin.git" log -1 --format=%an main | grep -qx 'github-actions\[bot\]' \
  || { cat "$work/stdout"; fail "commit-metadata: no commit by github-actions[bot] on origin/main"; }
git -C "$work/origin.git" show main:.specweave/increments/0002-password-reset/metadata.json | grep -q '"staging": {' \
  || fail "commit-metadata: origin's metadata.json lacks staging"
stray=$(find "$work/ws" ! -user 1001 | head -3)
[ -z "$stray" ] || fail "commit-metadata: files not owned by the workspace owner: $stray"
echo "commit-metadata in the container: ok (pushed as github-actions[bot], workspace and .git owned by 1001:121)"

# DORA lead time inside the image: the workspace is a git clone owned by the runner's user, so
# every git call must trust it. The prod deployment of 0001 names a commit made 2 h before it;
# without git the lead time would start at 0001's first deployment, 5d 6h 25m earlier.
dora_workspace() { # clone options...
  rm -rf "$work/ws" "$work/origin.git" "$work/seed"
  cp -R "$repo/examples/demo" "$work/seed"
  git -C "$work/seed" init -q
  echo v1 > "$work/seed/app.txt"
  git -C "$work/seed" add -A
  GIT_COMMITTER_DATE=2026-09-20T14:30:00Z git -C "$work/seed" -c user.name=t -c user.email=t@example.com \
    commit -q -m "the change prod got"
  deployed=$(git -C "$work/seed" rev-parse HEAD)
  echo v2 > "$work/seed/app.txt"
  git -C "$work/seed" -c user.name=t -c user.email=t@example.com commit -q -am "a later change"
  git clone -q --bare "$work/seed" "$work/origin.git"
  git clone -q "$@" "file://$work/origin.git" "$work/ws"
  sed -i "s/4f2c9e1a7b3d5e6f8091a2b3c4d5e6f708192a3b/$deployed/g" \
    "$work/ws/.specweave/increments/0001-user-login/metadata.json"
  chown -R 1001:121 "$work/ws"
}
setup
dora_workspace
set +e
# dora reads every increment: the step leaves increment at its default, as a workflow would.
run_action -e INPUT_COMMAND=dora -e INPUT_INCREMENT=active > "$work/stdout" 2>&1
code=$?
set -e
[ "$code" = 0 ] || { cat "$work/stdout"; fail "dora: exit code $code"; }
grep -Eq '"leadTimeForChanges":\{"value":2(\.0)?,' "$work/fc/set_output_1" \
  || { cat "$work/stdout"; fail "dora: lead time is not the 2 h from the commit (git in a workspace owned by 1001)"; }
grep -q 'shallow' "$work/stdout" && fail "dora: a full clone reported as shallow"
setup
dora_workspace --depth 1
set +e
run_action -e INPUT_COMMAND=dora -e INPUT_INCREMENT=active > "$work/stdout" 2>&1
code=$?
set -e
[ "$code" = 0 ] || { cat "$work/stdout"; fail "dora (shallow): exit code $code"; }
grep -q '^::warning title=SpecWeave Deploy::lead time: the git repository is a shallow clone' "$work/stdout" \
  || { cat "$work/stdout"; fail "dora (shallow): no warning that the clone lacks the deployed commit"; }
echo "dora in the container: ok (lead time 2 h from git in a workspace owned by 1001; shallow clone warned)"

# The CLI entry: arguments outside Actions run the CLI. `status` shows the status and writes
# nothing (every file's hash and owner the same after); no arguments print the usage, exit 2.
run_cli() { # arguments...
  "$engine" run "${runtime_opt[@]}" --rm --network none -v "$work/ws:/project" -w /project "$image" "$@"
}
snapshot() { (cd "$work/ws" && find . -type f -print0 | sort -z | xargs -0 sha256sum; find . -printf '%u:%g %p\n' | sort); }
setup
snapshot > "$work/before"
set +e
run_cli status > "$work/stdout" 2>&1
code=$?
run_cli status 0002 --deployments > "$work/stdout-one" 2>&1
code_one=$?
run_cli > "$work/stdout-none" 2>&1
code_none=$?
set -e
snapshot > "$work/after"
[ "$code" = 0 ] || { cat "$work/stdout"; fail "cli status: exit code $code"; }
grep -q '^0002-password-reset ' "$work/stdout" || { cat "$work/stdout"; fail "cli status: no increment list"; }
grep -q '::' "$work/stdout" && fail "cli status: printed workflow commands (the Action ran)"
[ "$code_one" = 0 ] || { cat "$work/stdout-one"; fail "cli status 0002: exit code $code_one"; }
grep -q '^Deployment Status: 0002-password-reset' "$work/stdout-one" || fail "cli status 0002: no pipeline"
[ "$code_none" = 2 ] || { cat "$work/stdout-none"; fail "no arguments outside Actions: exit code $code_none, expected 2"; }
grep -q '^Usage: specweave-deploy' "$work/stdout-none" || fail "no arguments outside Actions: no usage"
cmp -s "$work/before" "$work/after" || { diff "$work/before" "$work/after" | head; fail "cli status wrote to the project"; }
echo "cli entry: ok (status shows the status, every file's hash and owner unchanged; no arguments: usage, exit 2)"

# A CLI command that writes, as the container's root on a project that belongs to someone else:
# what it wrote (the record, its lock) gets the project's owner, not root.
set +e
run_cli sync 0002 --environment qa --deployed --no-health-check > "$work/stdout-sync" 2>&1
code_sync=$?
set -e
[ "$code_sync" = 0 ] || { cat "$work/stdout-sync"; fail "cli sync: exit code $code_sync"; }
grep -q '"qa": {' "$work/ws/.specweave/increments/0002-password-reset/metadata.json" || fail "cli sync: qa not recorded"
stray=$(find "$work/ws" ! -user 1001 -o ! -group 121 | head -3)
[ -z "$stray" ] || fail "cli sync: files not owned by the project's owner: $stray"
echo "cli entry, writing: ok (sync recorded qa; every file still 1001:121)"

# Start-to-exit time of `docker run` as the runner pays it per step (image already built), with the
# image's entry point and with a plain `java -cp` (no AppCDS, default JIT and GC) for comparison.
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
# The two variants take turns, run by run, so a busy machine slows each one alike.
plain_entry=(-cp /opt/specweave-deploy/specweave-deploy.jar io.specweave.deploy.image.ImageMain)
plain_java=/opt/specweave-deploy/java/bin/java
declare -a t_image t_plain
for _ in $(seq "$runs"); do
  for v in image plain; do
    if [ $v = plain ]; then entry_override=(--entrypoint "$plain_java"); entry_args=("${plain_entry[@]}");
    else entry_override=(); entry_args=(); fi
    setup
    s=$(date +%s%N)
    run_action -e INPUT_ENVIRONMENT=qa > /dev/null 2>&1
    e=$(date +%s%N)
    eval "t_$v+=($(( (e - s) / 1000000 )))"
  done
done
echo "container run (sync, local provider), $runs runs each, load $(cut -d' ' -f1-3 /proc/loadavg):"
printf '  %-40s median %5d ms; all: %s\n' "image entry point (C1, SerialGC, CDS)" \
  "$(printf '%s\n' "${t_image[@]}" | median)" "$(printf '%s\n' "${t_image[@]}" | sort -n | tr '\n' ' ')"
printf '  %-40s median %5d ms; all: %s\n' "plain java -cp" \
  "$(printf '%s\n' "${t_plain[@]}" | median)" "$(printf '%s\n' "${t_plain[@]}" | sort -n | tr '\n' ' ')"
