#!/usr/bin/env bash
# Creates the GitHub Release of the pushed tag vVERSION with every file of DIR, after checking the
# files against DIR/SHA256SUMS. The newest version overall is marked latest (the setup action's
# "latest" follows it); a patch of an older line is not.
# Usage: release/publish.sh VERSION DIR NOTES-FILE   (GH: the gh command, default gh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 3 ] || bad_input "usage: release/publish.sh VERSION DIR NOTES-FILE"
version=$1
dir=$2
notes=$3
require_release_version "version" "$version"
[ -f "$dir/SHA256SUMS" ] || bad_input "DIR \"$dir\": no SHA256SUMS (release/checksums.sh writes it)"
[ -f "$notes" ] || bad_input "NOTES-FILE \"$notes\": not found"
if command -v sha256sum >/dev/null 2>&1; then sha=(sha256sum); else sha=(shasum -a 256); fi
(cd "$dir" && "${sha[@]}" -c --quiet SHA256SUMS) || die "$dir: the files do not match SHA256SUMS"

latest=true
while IFS= read -r v; do
  if version_greater "$v" "$version"; then latest=false; fi
done < <(released_versions)

read -r -a gh <<< "${GH:-gh}"
files=()
for f in "$dir"/*; do
  if [ -f "$f" ]; then files+=("$f"); fi
done
"${gh[@]}" release create "v$version" --verify-tag --title "SpecWeave Deploy $version" \
  --notes-file "$notes" "--latest=$latest" "${files[@]}"
