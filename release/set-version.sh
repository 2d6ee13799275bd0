#!/usr/bin/env bash
# Sets the project's version in every pom.xml of the repository (the root's own version and each
# module's <parent> and own <version>), e.g. 1.4.0 for a release or 1.4.1-SNAPSHOT after it.
# Usage: release/set-version.sh VERSION
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || bad_input "usage: release/set-version.sh VERSION (X.Y.Z or X.Y.Z-SNAPSHOT)"
version=$1
require_release_version "version" "${version%-SNAPSHOT}"

root=$(git rev-parse --show-toplevel)
cd "$root"
old=$(current_version .)
[ -n "$old" ] || die "pom.xml: no <version> after <artifactId>specweave-deploy-parent</artifactId>"
if [ "$old" = "$version" ]; then
  echo "version is $version already"
  exit 0
fi

# Every pom is rewritten to a temporary file first and renamed only when all are ready, so a failure
# leaves no pom on the old version and another on the new. Only the exact element <version>OLD</version>
# changes: dependency and plugin versions never equal the project's own.
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT
changed=()
while IFS= read -r pom; do
  if grep -qF "<version>$old</version>" "$pom"; then
    mkdir -p "$tmpdir/$(dirname "$pom")"
    sed "s|<version>${old//./\\.}</version>|<version>$version</version>|g" "$pom" > "$tmpdir/$pom"
    changed+=("$pom")
  fi
done < <(git ls-files -- 'pom.xml' '*/pom.xml')
for pom in "${changed[@]}"; do
  mv "$tmpdir/$pom" "$pom"
done
echo "version $old -> $version in ${#changed[@]} poms: ${changed[*]}"
