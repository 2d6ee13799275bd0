#!/usr/bin/env bash
# Moves the major tag (v1 for 1.4.0) to the release vVERSION and force-pushes it, so that
# `uses: owner/repo@v1` gets the release. Only the newest release of a major moves it: a patch of an
# older line (1.3.5 after 1.4.0) leaves v1 where it is.
# Usage: release/move-major.sh VERSION REMOTE
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || bad_input "usage: release/move-major.sh VERSION REMOTE"
version=$1
remote=$2
require_release_version "version" "$version"
major=$(major_of "$version")
cd "$(git rev-parse --show-toplevel)"
# The remote's tags, which another release may have moved since this checkout: they decide.
git fetch -q --tags --force "$remote"
git rev-parse -q --verify "refs/tags/v$version" >/dev/null || die "tag v$version does not exist; run release/tag.sh first"
while IFS= read -r v; do
  if [ "$(major_of "$v")" = "$major" ] && version_greater "$v" "$version"; then
    echo "v$major stays at $(git rev-parse --short "v$major^{commit}" 2>/dev/null || echo '?'): $v is newer than $version"
    exit 0
  fi
done < <(released_versions)
git tag -f "v$major" "v$version^{commit}" >/dev/null
git push -q --force "$remote" "refs/tags/v$major"
echo "v$major -> v$version ($(git rev-parse --short "v$version^{commit}")), pushed to $remote"
