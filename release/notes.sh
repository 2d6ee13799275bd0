#!/usr/bin/env bash
# Prints the release notes (Markdown): how to use this release, the changes since the previous
# release, and the files' SHA-256 sums.
# Usage: release/notes.sh VERSION IMAGE OWNER/REPO SUMS-FILE
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 4 ] || bad_input "usage: release/notes.sh VERSION IMAGE OWNER/REPO SUMS-FILE"
version=$1
image=$2
repository=$3
sums=$4
require_release_version "version" "$version"
[ -f "$sums" ] || bad_input "SUMS-FILE \"$sums\": not found (release/checksums.sh writes it)"
major=$(major_of "$version")

# The previous release: the highest released version below this one. Release commits are not on the
# main branch, so "previous..HEAD" is exactly what the main branch gained since.
previous=""
while IFS= read -r v; do
  if version_greater "$version" "$v" && { [ -z "$previous" ] || version_greater "$v" "$previous"; }; then
    previous=$v
  fi
done < <(released_versions)

echo "## SpecWeave Deploy $version"
echo
echo "- GitHub Action: \`uses: $repository@v$version\` (or \`@v$major\`, which moves to each $major.x release);"
echo "  it runs the image \`docker://$image:$version\` (linux/amd64, linux/arm64; Linux runners)."
echo "- The CLI on any runner: \`uses: $repository/setup@v$version\` after \`actions/setup-java\` (Java 17+);"
echo "  elsewhere: \`java -jar specweave-deploy-$version.jar\`."
echo "- Jenkins: \`specweave-sync-$version.hpi\` (Manage Jenkins → Plugins → Advanced → Deploy Plugin)."
echo
if [ -n "$previous" ]; then
  echo "### Changes since $previous"
  range="v$previous..HEAD"
else
  echo "### Changes"
  range="HEAD"
fi
echo
# The release scripts' own commits (release: ...) say nothing a user needs.
changes=$(git log --no-merges --invert-grep --grep='^release: ' --format='- %s (%h)' "$range")
if [ -n "$changes" ]; then echo "$changes"; else echo "- No changes besides the release itself."; fi
echo
echo "### SHA-256"
echo
echo '```'
cat "$sums"
echo '```'
