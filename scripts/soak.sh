#!/usr/bin/env bash
# The memory soak (issue 19): N simulated patient sessions through WebDriver against the app in
# kiosk mode under an Xvfb of its own, PSS sampled every 100 sessions into docs/soak-memory.csv and
# plotted in docs/images/soak-memory.svg. Not part of CI; about an hour for 1,000 sessions.
# Usage: scripts/soak.sh [--sessions N] [--every K] [--binary PATH] [--no-print] (see --help)
# Needs Xvfb, WebKitWebDriver, CUPS with printer-driver-cups-pdf (root: it adds its own queue) and
# an app built from this tree (the workspace test build, or cargo build --release).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/bench/soak.py "$@"
