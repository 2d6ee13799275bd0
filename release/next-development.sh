#!/usr/bin/env bash
# After a release, moves BRANCH on to the next development version (1.4.1-SNAPSHOT after 1.4.0) and
# pushes it. A branch already beyond the release (a patch of an older line) is left alone.
# Usage: release/next-development.sh VERSION REMOTE BRANCH
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

[ $# -eq 3 ] || bad_input "usage: release/next-development.sh VERSION REMOTE BRANCH"
version=$1
remote=$2
branch=$3
require_release_version "version" "$version"
cd "$(git rev-parse --show-toplevel)"
git fetch -q "$remote" "$branch"
git checkout -q -B "$branch" FETCH_HEAD
at=$(current_version .)
base=${at%-SNAPSHOT}
if version_greater "$base" "$version"; then
  echo "$branch is at $at already, beyond $version"
  exit 0
fi
IFS=. read -r x y z <<< "$version"
next="$x.$y.$((z + 1))-SNAPSHOT"
"$here/set-version.sh" "$next"
git commit -q -a -m "release: $branch continues as $next after $version"
git push -q "$remote" "HEAD:refs/heads/$branch"
echo "$branch is $next"
