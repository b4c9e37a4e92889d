#!/usr/bin/env bash
# Runs every test of the workspace, as `cargo test --workspace` would, in two lanes side by side:
# the end-to-end tests (mostly waiting on the webview) in one, every other test binary and the
# doc tests in the other. Each lane's output is printed whole; the exit status is non-zero when
# any test failed. Called by scripts/test.sh after the build; `cargo test --workspace` runs the
# same tests one binary after another.
#
# The binaries are run directly: a second `cargo test` would wait for the first one's lock on the
# build folder until all its tests had run.
set -euo pipefail
cd "$(dirname "$0")/.."

# "package folder<TAB>executable<TAB>target name" for each test binary `cargo test` would run.
binaries=$(cargo test --workspace --no-run --message-format=json --quiet | python3 -c '
import json, os, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message.get("executable") and message["profile"]["test"]:
        print("\t".join([os.path.dirname(message["manifest_path"]), message["executable"], message["target"]["name"]]))
')
[ -n "$binaries" ] || { echo "error: cargo listed no test binaries" >&2; exit 1; }

e2e_log=$(mktemp)
trap 'rm -f "$e2e_log"' EXIT
e2e_pid=""
status=0
while IFS=$'\t' read -r folder executable name; do
  if [ "$name" = e2e ]; then
    (cd "$folder" && exec "$executable") >"$e2e_log" 2>&1 &
    e2e_pid=$!
  fi
done <<<"$binaries"
[ -n "$e2e_pid" ] || { echo "error: the end-to-end test binary was not built" >&2; exit 1; }

while IFS=$'\t' read -r folder executable name; do
  [ "$name" = e2e ] && continue
  echo "     Running $name (${executable#"$PWD/"})"
  (cd "$folder" && "$executable") || status=1
done <<<"$binaries"
echo "     Running doc tests"
cargo test --workspace --doc --quiet || status=1

wait "$e2e_pid" || status=1
echo "     Running e2e (end-to-end tests, run side by side with the above)"
cat "$e2e_log"
exit "$status"
