#!/usr/bin/env bash
# Makes the release commit on top of HEAD: the POMs at VERSION, action.yml running the image the
# release pushes, the setup action installing this version. Nothing is pushed: the workflow builds
# and tests this commit first, and tags it only once the image and the files are published.
# Usage: release/prepare.sh VERSION IMAGE
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

[ $# -eq 2 ] || bad_input "usage: release/prepare.sh VERSION IMAGE"
version=$1
image=$2
require_release_version "version" "$version"
cd "$(git rev-parse --show-toplevel)"
if git rev-parse -q --verify "refs/tags/v$version" >/dev/null; then
  bad_input "version \"$version\": v$version is released already (tag v$version); choose the next version"
fi
[ -z "$(git status --porcelain --untracked-files=no)" ] \
  || die "the working tree has uncommitted changes; a release is made from a clean checkout"

"$here/set-version.sh" "$version"
"$here/pin-action.sh" "$version" "$image"
git commit -q -a -m "release: $version runs the published image docker://$image:$version and installs CLI $version"
git rev-parse HEAD
