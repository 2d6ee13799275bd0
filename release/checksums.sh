#!/usr/bin/env bash
# Writes DIR/SHA256SUMS for every file in DIR (the format sha256sum -c and the setup action read)
# and prints it.
# Usage: release/checksums.sh DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || bad_input "usage: release/checksums.sh DIR"
dir=$1
[ -d "$dir" ] || bad_input "DIR \"$dir\": expected the folder of the release's files"
if command -v sha256sum >/dev/null 2>&1; then sha=(sha256sum); else sha=(shasum -a 256); fi
cd "$dir"
files=()
for f in *; do
  if [ -f "$f" ] && [ "$f" != SHA256SUMS ]; then files+=("$f"); fi
done
[ ${#files[@]} -gt 0 ] || die "$dir: no files to sum"
"${sha[@]}" -- "${files[@]}" > SHA256SUMS.tmp
mv SHA256SUMS.tmp SHA256SUMS
cat SHA256SUMS
