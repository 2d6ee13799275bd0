#!/usr/bin/env bash
# Points the release commit's Actions at what the release published: action.yml runs the pushed
# image (docker://IMAGE:VERSION) instead of building the Dockerfile in every job, and the setup
# action installs this release's CLI unless its user asks for another version.
# Usage: release/pin-action.sh VERSION IMAGE   (IMAGE: registry/owner/repo, see release/image.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || bad_input "usage: release/pin-action.sh VERSION IMAGE"
version=$1
image=$2
require_release_version "version" "$version"
[[ $image =~ ^[a-z0-9._:-]+(/[a-z0-9._-]+)+$ ]] \
  || bad_input "image \"$image\": expected registry/owner/repo in lower case, without a tag"

root=$(git rev-parse --show-toplevel)
cd "$root"

# Both files are rewritten to temporary files first and replaced only when both are ready.
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT

# action.yml: the image: line of the runs: block.
awk -v ref="docker://$image:$version" '
  /^runs:/ { runs = 1; print; next }
  /^[^ #]/ { runs = 0 }
  runs && /^  image:/ { print "  image: " ref; pinned++; next }
  { print }
  END { exit pinned == 1 ? 0 : 3 }
' action.yml > "$tmpdir/action.yml" || die "action.yml: expected one image: line in the runs: block"

# setup/action.yml: the default of the version input.
awk -v version="$version" '
  /^inputs:/ { inputs = 1; print; next }
  /^[^ #]/ { inputs = 0 }
  inputs && /^  [A-Za-z0-9_-]+:/ { input = $1 }
  inputs && input == "version:" && /^    default:/ { print "    default: \"" version "\""; pinned++; next }
  { print }
  END { exit pinned == 1 ? 0 : 3 }
' setup/action.yml > "$tmpdir/setup-action.yml" \
  || die "setup/action.yml: expected one default: line for the version input"

cat "$tmpdir/action.yml" > action.yml
cat "$tmpdir/setup-action.yml" > setup/action.yml
echo "action.yml runs docker://$image:$version; setup/action.yml installs $version by default"
