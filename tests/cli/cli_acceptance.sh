#!/usr/bin/env bash
# usage: cli_acceptance.sh EMERGENCE_CLI PRESET SEED
# Trains the preset with its shipped defaults and requires every gating acceptance figure of
# head-direction.md §12 (analyze exits 0 only when all pass). Prints the figures.
set -euo pipefail
cli=$1 preset=$2 seed=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$cli" train --preset "$preset" --seed "$seed" --out "$dir/run" --quiet
"$cli" analyze "$dir/run"
