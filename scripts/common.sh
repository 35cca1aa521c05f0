# Shared by scripts/run, scripts/test and scripts/package: install what is missing, configure, build.
# Sourced, not executed.
set -euo pipefail

STEPWISE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages the build, the tests and the demo need.
STEPWISE_PACKAGES=(
  g++ cmake ninja-build pkg-config file dpkg-dev
  qt6-base-dev qt6-declarative-dev qt6-qpa-plugins qml6-module-qtquick qml6-module-qtquick-window
  qml6-module-qtquick-controls qml6-module-qtquick-templates qml6-module-qtquick-layouts
  qml6-module-qtquick-shapes qml6-module-qtqml-workerscript qml6-module-qttest qml6-module-qtquick-dialogs
  qml6-module-qt-labs-settings qml6-module-qt-labs-folderlistmodel qml6-module-qtqml-models
  libgraphviz-dev graphviz libyaml-cpp-dev librsvg2-bin fonts-dejavu-core xvfb xauth libgl1-mesa-dri
  strace poppler-utils
)

# Commands whose Debian package is installed only when the command is missing: a machine may
# already have them from elsewhere (e.g. NodeSource's nodejs, which bundles npm and conflicts
# with Debian's npm package).
STEPWISE_COMMANDS=(
  "node:nodejs"
  "npm:npm"
)

stepwise_install_packages() {
  local missing=()
  local p
  for p in "${STEPWISE_PACKAGES[@]}" "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  local c
  for c in "${STEPWISE_COMMANDS[@]}"; do
    if ! command -v "${c%%:*}" >/dev/null 2>&1; then
      missing+=("${c#*:}")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "stepwise: installing missing packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "stepwise: run as root (or install: ${missing[*]})" >&2; exit 2
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

# stepwise_build BUILD_DIR [cmake options...]
stepwise_build() {
  local dir="$1"; shift
  local jobs
  jobs="$(nproc 2>/dev/null || echo 2)"
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$STEPWISE_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
  else
    cmake "$dir" "$@" >/dev/null
  fi
  cmake --build "$dir" --parallel "$jobs"
}
