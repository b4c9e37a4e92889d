#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Clinic Kiosk needs to build, run and test.
# Usage: scripts/system-packages.sh [build|test|package]   (test also installs Xvfb, the WebDriver and
# tools; package also what building and checking the Debian package needs: systemd, cage, Node.js)
# Runs apt-get only when something is missing, so it is quick on a machine that is set up.
set -euo pipefail

build_packages=(build-essential pkg-config curl file mold libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev libayatana-appindicator3-dev fonts-dejavu-core)
test_packages=(xvfb xauth imagemagick webkit2gtk-driver poppler-utils cups cups-client cups-bsd printer-driver-cups-pdf minisign python3)
package_packages=(systemd cage xvfb xauth cups-client)

wanted=("${build_packages[@]}")
case "${1:-build}" in
  test) wanted+=("${test_packages[@]}" "${package_packages[@]}") ;;
  package) wanted+=("${package_packages[@]}") ;;
esac
# The Tauri bundler and the tests' axe-core come from npm; Debian's Node.js is recent enough when none is installed.
if ! command -v npx >/dev/null 2>&1; then
  wanted+=(nodejs npm)
fi

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: Rust is not installed. Install it from https://rustup.rs (stable toolchain), then run this again." >&2
  exit 1
fi
