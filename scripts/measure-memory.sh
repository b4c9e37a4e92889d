#!/usr/bin/env bash
# Measures the kiosk's memory (PSS of the app and its WebKit processes, in MiB) on the Home
# screen, with and without WebKitGTK's compositing mode. Usage: scripts/measure-memory.sh [BINARY]
# Needs a display (DISPLAY or run under xvfb-run). Results go in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-target/debug/clinic-kiosk}"
[ -x "$binary" ] || cargo build -q -p clinic-kiosk

pss_of_tree() {
  local root=$1 total=0 pid kb
  for pid in $root $(pgrep -P "$root" || true) $(for c in $(pgrep -P "$root" || true); do pgrep -P "$c" || true; done); do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo $((total / 1024))
}

measure() {
  local label=$1; shift
  local data; data=$(mktemp -d)
  env "$@" CLINIC_KIOSK_DATA_DIR="$data" CLINIC_KIOSK_CONFIG="$data/none.toml" "$binary" >/dev/null 2>&1 &
  local pid=$!
  sleep 12
  echo "$label: $(pss_of_tree $pid) MiB PSS"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}

for run in 1 2 3; do
  measure "compositing on  (run $run)" WEBKIT_DISABLE_COMPOSITING_MODE=0
  measure "compositing off (run $run)" WEBKIT_DISABLE_COMPOSITING_MODE=1
done
