#!/usr/bin/env bash
# Runs every test: formatting, lints, unit and integration tests, and the end-to-end tests in the
# real webview under virtual displays, then packs the Debian package and checks it installed
# (scripts/package.sh --check). Installs what a fresh Debian/Ubuntu machine lacks (system
# packages, axe-core), starts CUPS with a PDF printer, and prints how long each phase took.
#
# Time (docs/performance.md, "CI time"): the lints and the test build are one build. Clippy runs
# as the compiler of the workspace's own crates (RUSTC_WORKSPACE_WRAPPER=clippy-driver, which is
# what `cargo clippy` does) while `cargo test` builds everything, so the dependencies are compiled
# once instead of once for clippy and again for the tests. Each end-to-end test starts its own
# Xvfb, so two run side by side; the package check packs the debug binary the tests just used.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$HOME/.cargo/bin:$PATH"
run_started=$SECONDS
timings=()

# phase NAME COMMAND…: runs COMMAND under the heading NAME and prints how long it took; a failing
# command ends the run (set -e), so a failing test still fails CI.
phase() {
  local name=$1
  shift
  echo "== $name"
  local started=$SECONDS
  "$@"
  local took=$((SECONDS - started))
  echo "== $name: $took s"
  timings+=("$(printf '%-22s %5d s' "$name" "$took")")
}

summary() {
  local status=$1
  echo "== phase times"
  printf '   %s\n' "${timings[@]}"
  echo "== total: $((SECONDS - run_started)) s (exit $status)"
}
trap 'summary $?' EXIT

setup_printer() {
  # A real printer for the printing tests: CUPS with the cups-pdf virtual printer "PDF", whose
  # jobs land as PDFs in $HOME/PDF. pdftocairo keeps the text of the PDF extractable.
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
  if ! pgrep -x cupsd >/dev/null 2>&1; then
    "${as_root[@]}" /usr/sbin/cupsd
  fi
  for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.1
  done
  if ! lpstat -p PDF >/dev/null 2>&1; then
    "${as_root[@]}" lpadmin -p PDF -v cups-pdf:/ -E -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null
  fi
  "${as_root[@]}" lpadmin -p PDF -o pdftops-renderer-default=pdftocairo
  "${as_root[@]}" cupsenable PDF
  "${as_root[@]}" cupsaccept PDF
}

# The lints ride on the build: clippy-driver compiles the workspace's crates (with -D warnings),
# rustc the dependencies. Exported, so that every cargo command below (and the one the tests'
# fixtures run) sees the same compiler and reuses this build instead of starting another.
export RUSTC_WORKSPACE_WRAPPER="$HOME/.cargo/bin/clippy-driver"
if [ ! -x "$RUSTC_WORKSPACE_WRAPPER" ]; then
  RUSTC_WORKSPACE_WRAPPER=$(command -v clippy-driver || true)
fi
[ -n "$RUSTC_WORKSPACE_WRAPPER" ] || { echo "error: clippy is not installed (rustup component add clippy)" >&2; exit 1; }
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
export CLINIC_KIOSK_BIN="$PWD/target/debug/clinic-kiosk"
export KIOSK_E2E_REQUIRED=1

phase "system packages" scripts/system-packages.sh test
# axe-core for the accessibility tests (a test tool only; the app never ships or loads it).
phase "npm (axe-core)" npm ci --prefix tests --no-audit --no-fund --silent
phase "printer" setup_printer
phase "formatting" cargo fmt --all --check
phase "build and lints" cargo test --workspace --all-targets --no-run --quiet
# The sheet command test and the package check draw on a shared display; every end-to-end test
# that starts the app starts an Xvfb of its own.
source scripts/xvfb.sh
cleanup_xvfb() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
}
trap 'status=$?; cleanup_xvfb; summary $status' EXIT
start_xvfb_unless_display
phase "tests" scripts/run-tests.sh
phase "Debian package" scripts/package.sh --check
