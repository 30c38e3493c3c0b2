#!/usr/bin/env bash
# Installs the Debian 12 packages Emergence needs, only those missing.
# Usage: scripts/install_deps.sh [--headless] [--no-python]
#   --headless   skip Qt, QCustomPlot, Xvfb and Mesa (engine + CLI + engine tests only)
#   --no-python  skip python3-torch / python3-numpy (reference comparisons)
set -euo pipefail

headless=0
python=1
for arg in "$@"; do
  case "$arg" in
    --headless) headless=1 ;;
    --no-python) python=0 ;;
    *) echo "install_deps.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

packages=(build-essential cmake ninja-build pkg-config libeigen3-dev libgtest-dev libgmock-dev
          libbenchmark-dev nlohmann-json3-dev zlib1g-dev)
if [[ $headless == 0 ]]; then
  packages+=(qt6-base-dev libqt6opengl6-dev qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6
             libgl1-mesa-dev libgl1-mesa-dri xvfb xauth qt6-l10n-tools qt6-tools-dev-tools
             desktop-file-utils appstream)  # the last two validate the packaging files
fi
if [[ $python == 1 ]]; then
  packages+=(python3 python3-numpy python3-torch)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "Installing missing Debian packages: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then sudo_cmd=(sudo); else
    echo "install_deps.sh: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
