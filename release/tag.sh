#!/usr/bin/env bash
# Tags the release commit (HEAD) vVERSION and pushes the tag. Refuses a commit whose POMs are not at
# VERSION (the release commit of another version, or a development commit) and an existing tag.
# Usage: release/tag.sh VERSION REMOTE
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || bad_input "usage: release/tag.sh VERSION REMOTE"
version=$1
remote=$2
require_release_version "version" "$version"
cd "$(git rev-parse --show-toplevel)"
at=$(current_version .)
[ "$at" = "$version" ] || die "HEAD is version $at, not $version: tag the commit release/prepare.sh made"
if git rev-parse -q --verify "refs/tags/v$version" >/dev/null; then
  die "tag v$version exists already; a released version is never tagged again"
fi
git tag -a "v$version" -m "SpecWeave Deploy $version" HEAD
git push -q "$remote" "refs/tags/v$version"
echo "tagged $(git rev-parse --short HEAD) v$version and pushed it to $remote"
