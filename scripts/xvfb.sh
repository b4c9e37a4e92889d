# Sourced by scripts/test.sh and scripts/package.sh: start_xvfb_unless_display starts a virtual
# display (1280x800, the size the end-to-end tests expect) when DISPLAY is not set, exports DISPLAY
# and sets xvfb_pid so the caller's exit trap can stop it.
xvfb_pid=""

start_xvfb_unless_display() {
  [ -z "${DISPLAY:-}" ] || return 0
  local n
  for n in $(seq 90 120); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then
      Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
      xvfb_pid=$!
      export DISPLAY=":$n"
      break
    fi
  done
  for _ in $(seq 1 50); do
    [ -e "/tmp/.X11-unix/X${DISPLAY#:}" ] && break
    sleep 0.1
  done
}
