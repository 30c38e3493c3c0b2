#!/usr/bin/env bash
# The two commands of the README.
#   ./emergence.sh run  [app options]   build (installing missing Debian packages) and launch the lab
#   ./emergence.sh test                 build and pass the whole test suite
set -euo pipefail
cd "$(dirname "$0")"
cmd=${1:-run}
shift || true
jobs=$(nproc 2>/dev/null || echo 2)

case "$cmd" in
  run)
    scripts/install_deps.sh
    cmake --preset release >/dev/null
    cmake --build --preset release -j"$jobs"
    if [[ -x build/release/app/emergence ]]; then
      exec build/release/app/emergence "$@"
    fi
    # No GUI built (Qt missing): train the default head-direction preset with live progress.
    exec build/release/app/cli/emergence-cli train --preset default --out runs/default "$@"
    ;;
  test)
    scripts/install_deps.sh
    cmake --preset ci >/dev/null
    cmake --build --preset ci -j"$jobs"
    ctest --preset ci -j"$jobs"
    ;;
  *)
    echo "usage: $0 run [options] | test" >&2
    exit 2
    ;;
esac
