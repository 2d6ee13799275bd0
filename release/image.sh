#!/usr/bin/env bash
# Prints the image name the release pushes: REGISTRY/OWNER/REPO in lower case, as registries require.
# Usage: release/image.sh REGISTRY OWNER/REPO   (the workflow passes its registry and github.repository)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ $# -eq 2 ] || bad_input "usage: release/image.sh REGISTRY OWNER/REPO"
image_name "$1" "$2"
