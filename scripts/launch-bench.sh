#!/usr/bin/env bash
# The launch benchmark (issue 19): builds the kiosk and a minimal Tauri 2 app that shows one static
# page (benches/launch-baseline, not a workspace member), then launches them alternately under one
# Xvfb and prints each time from process start to the first topic tiles drawn, the medians and
# their ratio (target: kiosk <= 1.2 x baseline). Not part of CI.
# Usage: scripts/launch-bench.sh [--release] [--runs N]
# Debug builds by default (the workspace's test build makes target/debug/clinic-kiosk); --release
# compares release builds (several minutes to build on a 2-core machine).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=debug
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --release) profile=release ;;
    *) args+=("$1") ;;
  esac
  shift
done
# The baseline gets the workspace's Cargo.lock (the same Tauri and dependency versions) and builds
# into the workspace's target folder (CARGO_TARGET_DIR if set, e.g. a release folder of its own),
# sharing the dependencies compiled alike.
target="${CARGO_TARGET_DIR:-target}"
cp Cargo.lock benches/launch-baseline/Cargo.lock
if [ "$profile" = release ]; then
  cargo build --release --bin clinic-kiosk
  cargo build --release --manifest-path benches/launch-baseline/Cargo.toml --target-dir "$target"
else
  cargo test --workspace --all-targets --no-run
  cargo build --manifest-path benches/launch-baseline/Cargo.toml --target-dir "$target"
fi
exec python3 scripts/bench/launch.py \
  --kiosk "$target/$profile/clinic-kiosk" --baseline "$target/$profile/launch-baseline" "${args[@]}"
