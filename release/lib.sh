# Shared by the release scripts (sourced, not run). Exit codes as the CLI's: 1 a step failed,
# 2 bad input (an argument that is not what the script expects).

die() {
  echo "error: $*" >&2
  exit 1
}

bad_input() {
  echo "error: $*" >&2
  exit 2
}

# A release version is plain X.Y.Z: the major tag (v1) and the setup action's downloads are derived
# from it, and a pre-release suffix would make "the newest 1.x" ambiguous.
require_release_version() {
  local what=$1 value=$2
  if ! [[ $value =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]]; then
    bad_input "$what \"$value\": expected a release version X.Y.Z, e.g. 1.4.0"
  fi
}

major_of() {
  echo "${1%%.*}"
}

# 0 when version $1 sorts after $2 (numerically, field by field).
version_greater() {
  local IFS=.
  # shellcheck disable=SC2206
  local a=($1) b=($2) i
  for i in 0 1 2; do
    if (( a[i] > b[i] )); then return 0; fi
    if (( a[i] < b[i] )); then return 1; fi
  done
  return 1
}

# The released versions (vX.Y.Z tags, without the v), one a line.
released_versions() {
  git tag --list 'v*' | sed -n -E 's/^v((0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*))$/\1/p'
}

# The project's version: the <version> that follows the root pom's own artifactId.
current_version() {
  local root=${1:-.}
  sed -n '/<artifactId>specweave-deploy-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q;}' \
    "$root/pom.xml"
}

# The image name a registry accepts: repository names are lower case (GitHub's owner/repo may not be).
image_name() {
  local registry=$1 repository=$2
  [ -n "$registry" ] || bad_input "registry: expected a registry host, e.g. the one GitHub Packages serves"
  [[ $repository =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] \
    || bad_input "repository \"$repository\": expected owner/name, as github.repository gives it"
  echo "$registry/$repository" | tr '[:upper:]' '[:lower:]'
}
