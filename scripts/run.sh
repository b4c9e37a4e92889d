#!/usr/bin/env bash
# Builds Clinic Kiosk and opens the kiosk window with the bundled content.
# Installs the Debian/Ubuntu packages it needs first. Extra arguments go to clinic-kiosk,
# e.g. `scripts/run.sh --data-dir /tmp/kiosk-data`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/system-packages.sh build
cargo build -p clinic-kiosk
exec target/debug/clinic-kiosk "$@"
