#!/usr/bin/env bash
# Runs every test: formatting, lints, unit and integration tests, and the end-to-end tests in the
# real webview under a virtual display, then builds the Debian package and checks it installed
# (scripts/package.sh --check). Installs what a fresh Debian/Ubuntu machine lacks (system
# packages, tauri-driver), and starts Xvfb when there is no display.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/system-packages.sh test

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installing tauri-driver (WebDriver bridge for the end-to-end tests)…"
  cargo install tauri-driver --version '^2' --locked
fi

# axe-core for the accessibility tests (a test tool only; the app never ships or loads it).
npm ci --prefix tests --no-audit --no-fund --silent

# A real printer for the printing tests: CUPS with the cups-pdf virtual printer "PDF", whose jobs
# land as PDFs in $HOME/PDF. pdftocairo keeps the text of the PDF extractable.
as_root=()
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

source scripts/xvfb.sh
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

start_xvfb_unless_display

echo "== formatting"
cargo fmt --all --check
echo "== lints"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== tests (display $DISPLAY)"
cargo build -p clinic-kiosk --quiet
KIOSK_E2E_REQUIRED=1 cargo test --workspace
echo "== Debian package"
scripts/package.sh --check
