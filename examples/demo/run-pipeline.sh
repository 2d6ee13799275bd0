#!/usr/bin/env sh
# The main job on the bundled demo project: takes increment 0002 through dev -> qa -> prod with the
# embedded `local` provider, on a temporary copy so this checkout stays clean, then prints the
# pipeline status. Needs only a JDK: the CLI jar is built on first use. The demo URLs do not exist,
# so health checks are skipped (--no-health-check).
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/specweave-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cp -R "$repo/examples/demo/." "$work/"
cli="$repo/specweave-deploy"
run() { echo "\$ specweave-deploy $*"; "$cli" "$@" --dir "$work"; echo; }

run sync 0002 --profile local-dev --deployed --commit 9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4 \
  --branch main --deployed-by ci-bot --run-url https://ci.demo-shop.example/runs/101 --no-health-check
run sync 0002 --environment qa --deployed --commit 9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4 \
  --branch main --deployed-by ci-bot --run-url https://ci.demo-shop.example/runs/102 --no-health-check
run sync local 0002 --profile local-prod --deployed --commit 9b1d5f0c2e4a6b8d0f1a3c5e7092b4d6f8a0c2e4 \
  --tag v1.5.0 --deployed-by release-bot --run-url https://ci.demo-shop.example/runs/103 --no-health-check
run status 0002
run status
