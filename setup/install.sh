#!/usr/bin/env bash
# Installs the specweave-deploy CLI of a GitHub Release on a runner (Linux, macOS, Windows with Git
# Bash, as the setup action runs it) and puts a specweave-deploy launcher on the PATH. The jar is
# checked against the release's SHA256SUMS before anything is installed. It runs on the runner's
# Java (17 or newer): actions/setup-java is the workflow's step, before this one.
#
# Environment (the setup action passes its inputs and the runner's context):
#   SPECWEAVE_VERSION     X.Y.Z, or latest (the release GitHub marks latest)
#   SPECWEAVE_REPOSITORY  owner/repo of the releases; default: the action's own repository
#   GITHUB_SERVER_URL, GITHUB_PATH, GITHUB_OUTPUT, RUNNER_OS, RUNNER_TOOL_CACHE, RUNNER_TEMP: the runner's
set -euo pipefail

fail() { echo "::error title=SpecWeave Deploy setup::$*" >&2; exit 1; }
bad_input() { echo "::error title=SpecWeave Deploy setup::$*" >&2; exit 2; }

posix_path() {
  if command -v cygpath >/dev/null 2>&1; then cygpath -u "$1"; else printf '%s\n' "$1"; fi
}
native_path() {
  if command -v cygpath >/dev/null 2>&1; then cygpath -w "$1"; else printf '%s\n' "$1"; fi
}

version=${SPECWEAVE_VERSION:-latest}
if [ "$version" != latest ] && ! [[ $version =~ ^v?[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  bad_input "input version \"$version\": expected a release version X.Y.Z (e.g. 1.4.0) or latest"
fi
version=${version#v}

# The action's repository: the input, else what the runner says about the running action, else the
# checkout path of the action (…/_actions/OWNER/REPO/REF/setup), which the runner always has.
repository=${SPECWEAVE_REPOSITORY:-${ACTION_REPOSITORY:-}}
if [ -z "$repository" ] && [ -n "${GITHUB_ACTION_PATH:-}" ]; then
  action_path=$(posix_path "$GITHUB_ACTION_PATH")
  if [[ $action_path =~ /_actions/([^/]+)/([^/]+)/[^/]+/setup/?$ ]]; then
    repository="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
  fi
fi
[[ $repository =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] \
  || bad_input "input repository \"$repository\": expected owner/repo, the repository whose releases hold the CLI"
[ -n "${GITHUB_SERVER_URL:-}" ] || bad_input "GITHUB_SERVER_URL is not set: run this in a GitHub Actions job"
releases="${GITHUB_SERVER_URL%/}/$repository/releases"

# Java first: a missing or old Java is the most likely failure, and it needs the user's fix.
java_cmd=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$(posix_path "$JAVA_HOME")/bin/java" ]; then
  java_cmd="$(posix_path "$JAVA_HOME")/bin/java"
fi
java_version=$("$java_cmd" -version 2>&1 | sed -n -E 's/.* version "([0-9]+)(\.[^"]*)?".*/\1/p' | head -n 1) \
  || java_version=""
if [ -z "$java_version" ]; then
  fail "no Java found (JAVA_HOME or java on the PATH): add actions/setup-java with java-version 17 or newer before this step"
fi
if [ "$java_version" -lt 17 ]; then
  fail "Java $java_version found; specweave-deploy needs Java 17 or newer: set java-version: 17 (or newer) in actions/setup-java"
fi

curl_get() { curl -fsSL --retry 3 --retry-delay 2 --connect-timeout 20 "$@"; }

if [ "$version" = latest ]; then
  # GitHub answers /releases/latest with a redirect to /releases/tag/vX.Y.Z: no API call, no token.
  effective=$(curl_get -o /dev/null -w '%{url_effective}' "$releases/latest") \
    || fail "could not read the latest release of $repository ($releases/latest)"
  tag=${effective##*/}
  [[ $tag =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] \
    || fail "the latest release of $repository is \"$tag\", not a vX.Y.Z release; give the version input"
  version=${tag#v}
fi

jar_name="specweave-deploy-$version.jar"
work=$(mktemp -d "$(posix_path "${RUNNER_TEMP:-${TMPDIR:-/tmp}}")/specweave-deploy-setup.XXXXXX")
trap 'rm -rf "$work"' EXIT
curl_get -o "$work/SHA256SUMS" "$releases/download/v$version/SHA256SUMS" \
  || fail "could not download SHA256SUMS of release v$version of $repository ($releases/download/v$version/)"
curl_get -o "$work/$jar_name" "$releases/download/v$version/$jar_name" \
  || fail "could not download $jar_name of release v$version of $repository"

expected=$(awk -v name="$jar_name" '$2 == name || $2 == "*" name { print $1; exit }' "$work/SHA256SUMS")
[ -n "$expected" ] || fail "the SHA256SUMS of release v$version lists no $jar_name; not installing an unchecked jar"
if command -v sha256sum >/dev/null 2>&1; then
  actual=$(sha256sum "$work/$jar_name" | awk '{ print $1 }')
else
  actual=$(shasum -a 256 "$work/$jar_name" | awk '{ print $1 }')
fi
if [ "$actual" != "$expected" ]; then
  fail "refusing to install $jar_name: its SHA-256 is $actual, the release's SHA256SUMS says $expected"
fi

# Laid out in a folder of its own, moved into place whole: a failed run leaves no half install.
stage="$work/install"
mkdir -p "$stage/bin" "$stage/lib"
mv "$work/$jar_name" "$stage/lib/specweave-deploy.jar"
cat > "$stage/bin/specweave-deploy" <<'LAUNCHER'
#!/usr/bin/env sh
# specweave-deploy: runs the installed CLI on JAVA_HOME's Java, else the java on the PATH. A pipeline
# step's start-up matters more than peak speed: C1 only, the serial GC, and the class-data-sharing
# archive the setup step wrote for this Java when there is one (a different Java ignores it).
lib=$(cd "$(dirname "$0")/../lib" && pwd)
java_cmd=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_cmd="$JAVA_HOME/bin/java"; fi
cds=""
if [ -f "$lib/specweave-deploy.jsa" ]; then cds="-XX:SharedArchiveFile=$lib/specweave-deploy.jsa -Xshare:auto -Xlog:cds=off"; fi
# shellcheck disable=SC2086
exec "$java_cmd" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC $cds ${SPECWEAVE_DEPLOY_JAVA_OPTS:-} \
  -jar "$lib/specweave-deploy.jar" "$@"
LAUNCHER
chmod +x "$stage/bin/specweave-deploy"
if [ "${RUNNER_OS:-}" = Windows ]; then
  # For cmd and PowerShell steps, which find specweave-deploy.cmd on the PATH.
  printf '%s\r\n' \
    '@echo off' \
    'rem specweave-deploy: runs the installed CLI on JAVA_HOME'"'"'s Java, else the java on the PATH.' \
    'setlocal' \
    'set "SPECWEAVE_JAVA=java"' \
    'if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "SPECWEAVE_JAVA=%JAVA_HOME%\bin\java.exe"' \
    '"%SPECWEAVE_JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC %SPECWEAVE_DEPLOY_JAVA_OPTS% -jar "%~dp0..\lib\specweave-deploy.jar" %*' \
    'exit /b %ERRORLEVEL%' > "$stage/bin/specweave-deploy.cmd"
fi

tools=$(posix_path "${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}")
target="$tools/specweave-deploy/$version"
mkdir -p "$tools/specweave-deploy"
rm -rf "$target"
mv "$stage" "$target"

# Class-data sharing for this runner's Java, written where the jar now lives (the archive names the
# jar's path): the classes a sync and a status --json load, from two training runs on a project of
# one local environment, in a clean environment (no CI facts, no network). A later sync then takes
# about 0.6 of the time; without the archive (another Java, a failed dump) the CLI runs as well.
if [ "${RUNNER_OS:-}" != Windows ]; then
  lib=$(cd "$target/lib" && pwd)
  training="$work/cds"
  mkdir -p "$training/project/.specweave/increments/0001-training"
  printf '{"deployment": {"pipeline": ["ci"], "environments": {"ci": {"provider": "local"}}}}\n' \
    > "$training/project/.specweave/config.json"
  printf '# Training\n' > "$training/project/.specweave/increments/0001-training/spec.md"
  train() {
    env -i PATH="$PATH" HOME="$training" "$java_cmd" -Xshare:off -XX:DumpLoadedClassList="$training/$1.classes" \
      -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$lib/specweave-deploy.jar" "$@" --dir "$training/project" \
      >/dev/null 2>&1
  }
  if train sync 0001 --environment ci --deployed --no-health-check --commit 0000000 && train status 0001 --json; then
    # Each class once: JDK 17 crashes dumping a list that names a lambda's class twice.
    awk '!seen[$0]++' "$training/sync.classes" "$training/status.classes" > "$training/all.classes"
    "$java_cmd" -Xshare:dump -XX:SharedClassListFile="$training/all.classes" \
      -XX:SharedArchiveFile="$lib/specweave-deploy.jsa" -Xlog:cds=off -cp "$lib/specweave-deploy.jar" >/dev/null 2>&1 \
      || rm -f "$lib/specweave-deploy.jsa"
  fi
fi

"$target/bin/specweave-deploy" --version >/dev/null \
  || fail "the installed specweave-deploy $version does not start on $("$java_cmd" -version 2>&1 | head -n 1)"

if [ -n "${GITHUB_PATH:-}" ]; then native_path "$target/bin" >> "$(posix_path "$GITHUB_PATH")"; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "version=$version"
    echo "path=$(native_path "$target")"
  } >> "$(posix_path "$GITHUB_OUTPUT")"
fi
echo "specweave-deploy $version installed in $(native_path "$target") (Java $java_version)"
