#!/bin/bash
# The inside half of scripts/boot-test.sh: runs in the test VM as boot-test.service and reports on
# the second serial port (/dev/ttyS1), which the host reads. Lines it writes:
#   RESULT PASS|FAIL|SKIPPED <check>: <detail>    a check's outcome
#   REQUEST screenshot|plug|unplug                the host takes a screenshot, plugs or pulls the stick
#   LOG <text>                                    context for a failure
#   DONE                                          the end (the VM powers off)
# Boot 1 installs the .deb and reboots; boot 2 finds the kiosk started by itself and checks it.
set -uo pipefail

OUT=/dev/ttyS1
STATE=/var/lib/boot-test
DEB=$STATE/clinic-kiosk.deb
UNIT=clinic-kiosk.service
STICK=/run/media/clinic-kiosk/KIOSKSTICK
SOCKET=/run/clinic-kiosk-usb-write.sock

say() { echo "$*" >"$OUT"; }
result() { say "RESULT $1 $2: $3"; }
log_tail() { "$@" 2>&1 | tail -n 25 | while IFS= read -r line; do say "LOG $line"; done; }
finish() {
    say DONE
    sync
    systemctl poweroff
    exit 0
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
prop() { systemctl show -P "$1" "$UNIT"; }
app_pid() { pgrep -u clinic-kiosk -x clinic-kiosk | head -n 1; }

# wait_for SECONDS COMMAND...: true once COMMAND succeeds, polled every 0.1 s.
wait_for() {
    local deadline
    deadline=$(awk -v n="$(now)" -v s="$1" 'BEGIN { printf "%.1f", n + s }')
    shift
    until "$@"; do
        if awk -v n="$(now)" -v d="$deadline" 'BEGIN { exit !(n > d) }'; then return 1; fi
        sleep 0.1
    done
}
service_ready() { [ "$(prop ActiveState)" = active ] && [ -n "$(app_pid)" ]; }
main_pid_is_new() { local pid; pid=$(prop MainPID); [ "$pid" != 0 ] && [ "$pid" != "$1" ]; }
ready_with_new_pid() { main_pid_is_new "$1" && service_ready; }

mkdir -p "$STATE"

# ---- boot 1: install ------------------------------------------------------------------------
if [ ! -e "$STATE/installed" ]; then
    if apt-get install -y -q --no-install-recommends "$DEB" >"$STATE/install.log" 2>&1 \
        && getent passwd clinic-kiosk >/dev/null \
        && systemctl -q is-enabled "$UNIT" && systemctl -q is-enabled clinic-kiosk-usb-write.socket; then
        result PASS install "apt-get install ./$(basename "$DEB") (offline, dependencies preinstalled): user clinic-kiosk, $UNIT and clinic-kiosk-usb-write.socket enabled, kiosk not started before the reboot ($(prop ActiveState))"
    else
        result FAIL install "apt-get install or the package's postinst failed"
        log_tail cat "$STATE/install.log"
        finish
    fi
    touch "$STATE/installed"
    say "LOG installed; rebooting into the kiosk"
    systemctl reboot
    exit 0
fi

# ---- boot 2: the kiosk as it starts at boot --------------------------------------------------
if wait_for 600 service_ready; then
    up=$(awk -v us="$(prop ActiveEnterTimestampMonotonic)" 'BEGIN { printf "%.1f", us / 1e6 }')
    service_cgroup=$(prop ControlGroup)
    app_cgroup=$(sed -n 's/^0:://p' "/proc/$(app_pid)/cgroup")
    if [ "$app_cgroup" = "$service_cgroup" ] && [ "$(prop NRestarts)" = 0 ]; then
        result PASS ready "at boot on tty1: $UNIT reached READY (Type=notify, active, no restart) ${up} s after boot; the app in the service's own control group $service_cgroup; seat from seatd ($(systemctl is-active seatd.service)); drop-ins: $(prop DropInPaths | grep . || echo none)"
    else
        result FAIL ready "$UNIT is active, but the app is in $app_cgroup (the service's group is $service_cgroup) or it restarted $(prop NRestarts) times"
        log_tail journalctl -b -u "$UNIT" --no-pager
    fi
else
    result FAIL ready "$UNIT did not reach READY within 600 s of boot 2 (state $(prop ActiveState)/$(prop SubState))"
    log_tail journalctl -b -u "$UNIT" --no-pager
    for check in hardened frame restart watchdog usb-mount usb-write usb-unplug; do
        result SKIPPED "$check" "the kiosk never became ready"
    done
    finish
fi

# ---- the confinement holds in the running kiosk -----------------------------------------------
app=$(app_pid)
problems=()
status=$(cat "/proc/$app/status")
grep -q '^NoNewPrivs:[[:space:]]*1' <<<"$status" || problems+=("NoNewPrivs is not set")
grep -q '^Seccomp:[[:space:]]*2' <<<"$status" || problems+=("no seccomp filter")
grep -q '^CapBnd:[[:space:]]*0000000000000000' <<<"$status" || problems+=("capabilities left in the bounding set")
grep -Eq '^Max core file size +0 +0' "/proc/$app/limits" || problems+=("core dumps are not off")
if nsenter -t "$app" -m -- touch /usr/boot-test-probe 2>/dev/null; then problems+=("/usr is writable in the kiosk's namespace"); fi
if nsenter -t "$app" -m -- ls /home/ >/dev/null 2>&1 && [ -n "$(nsenter -t "$app" -m -- ls -A /home/ 2>/dev/null)" ]; then problems+=("/home is visible"); fi
ls /run/clinic-kiosk/wayland-* >/dev/null 2>&1 || problems+=("no Wayland socket in RuntimeDirectory /run/clinic-kiosk")
memory_max=$(prop MemoryMax)
[ "$memory_max" != infinity ] || problems+=("MemoryMax is not set")
score=$(systemd-analyze security --no-pager "$UNIT" 2>/dev/null | tail -n 1 | sed 's/^→ //')
if [ ${#problems[@]} -eq 0 ]; then
    result PASS hardened "the running app has NoNewPrivs, a seccomp filter, no capabilities, core size 0; /usr read-only and /home empty in its namespace; cage's socket in /run/clinic-kiosk; MemoryMax=$((memory_max / 1048576))M; systemd-analyze security: $score"
else
    result FAIL hardened "$(IFS=';'; echo "${problems[*]}")"
fi

# ---- it paints a frame (the host takes the screenshot) ---------------------------------------
sleep 4
say REQUEST screenshot
sleep 4

# ---- restart after kill -9 -------------------------------------------------------------------
main=$(prop MainPID)
restarts=$(prop NRestarts)
app=$(app_pid)
start=$(now)
kill -9 "$app"
if wait_for 5 main_pid_is_new "$main"; then
    back=$(elapsed "$start" "$(now)")
    if wait_for 60 ready_with_new_pid "$main"; then
        ready=$(elapsed "$start" "$(now)")
        result PASS restart "kill -9 of the app: the kiosk was started again ${back} s later (RestartSec=2) and was READY again ${ready} s after the kill (NRestarts $restarts -> $(prop NRestarts))"
    else
        result FAIL restart "started again ${back} s after kill -9 but not READY within 60 s"
    fi
else
    result FAIL restart "not started again within 5 s of kill -9 (state $(prop ActiveState)/$(prop SubState))"
    wait_for 60 ready_with_new_pid "$main" || true
fi

# ---- the watchdog restarts a frozen app ------------------------------------------------------
main=$(prop MainPID)
app=$(app_pid)
start=$(now)
since=$(date '+%Y-%m-%d %H:%M:%S')
kill -STOP "$app"
if wait_for 60 main_pid_is_new "$main"; then
    back=$(elapsed "$start" "$(now)")
    reason=$(journalctl -b -u "$UNIT" --since "$since" --no-pager -o cat | grep -m1 -i 'watchdog' || true)
    if [ -n "$reason" ]; then
        result PASS watchdog "SIGSTOP of the app: systemd restarted the kiosk ${back} s later (WatchdogSec=30): \"$reason\""
    else
        result FAIL watchdog "restarted ${back} s after SIGSTOP, but the journal names no watchdog timeout"
    fi
else
    result FAIL watchdog "a frozen app was not restarted within 60 s"
    kill -CONT "$app" 2>/dev/null || true
fi
wait_for 60 service_ready || true

# ---- USB sticks: mounted read-only, writable on request, unmounted when pulled ---------------
app=$(app_pid)
kiosk_uid=$(id -u clinic-kiosk)
kiosk_gid=$(id -g clinic-kiosk)
# Runs a command as the kiosk's user inside the running kiosk's mount namespace: what the app sees.
as_kiosk() { nsenter -t "$app" -m --wd=/ -S "$kiosk_uid" -G "$kiosk_gid" -- "$@"; }
mounted() { findmnt -rn --mountpoint "$STICK" >/dev/null; }
say REQUEST plug
if wait_for 30 mounted; then
    options=$(findmnt -rn -o OPTIONS --mountpoint "$STICK")
    missing=""
    for option in ro nosuid nodev noexec nosymfollow; do
        tr ',' '\n' <<<"$options" | grep -qx "$option" || missing="$missing $option"
    done
    seen=$(as_kiosk ls "$STICK" 2>&1 | tr '\n' ' ')
    if as_kiosk sh -c "echo x > '$STICK/planted.txt'" 2>/dev/null; then
        result FAIL usb-mount "the kiosk app could write to the stick while it is mounted read-only"
    elif [ -n "$missing" ]; then
        result FAIL usb-mount "$STICK is mounted without:$missing ($options)"
    elif ! grep -q 'oncology' <<<"$seen"; then
        result FAIL usb-mount "the kiosk's namespace does not see the stick's files ($seen)"
    else
        result PASS usb-mount "plugged in: mounted at $STICK ($options); the kiosk app sees $seen and cannot write there"
    fi
else
    result FAIL usb-mount "no mount at $STICK within 30 s of plugging the stick in"
    log_tail journalctl -b --no-pager -t usb-stick -t systemd-mount -u 'run-media-*'
fi

if mounted; then
    # The app's side of saving: ask the helper, write, say done (what kiosk_core::usb does).
    csv=$STICK/clinic-kiosk-usage-boot-test.csv
    answer=$(as_kiosk perl -MIO::Socket::UNIX -e '
        my ($socket, $file) = @ARGV;
        my $c = IO::Socket::UNIX->new(Peer => $socket) or die "connect: $!\n";
        print $c "write\n"; my $answer = <$c>; chomp $answer;
        if ($answer eq "ok") {
            open(my $f, ">", $file) or die "write: $!\n"; print $f "question,views\nq1,3\n"; close $f or die "close: $!\n";
        }
        print $c "done\n"; print "$answer\n";' "$SOCKET" "$csv" 2>&1)
    helper_done() { ! systemctl list-units --no-legend --state=active,activating,deactivating 'clinic-kiosk-usb-write@*' | grep -q .; }
    wait_for 30 helper_done || true
    options=$(findmnt -rn -o OPTIONS --mountpoint "$STICK" 2>/dev/null)
    if [ "$answer" != ok ]; then
        result FAIL usb-write "the helper answered: $answer"
        log_tail journalctl -b --no-pager -u 'clinic-kiosk-usb-write@*'
    elif [ ! -s "$csv" ]; then
        result FAIL usb-write "the helper said ok but the file was not written"
    elif ! tr ',' '\n' <<<"$options" | grep -qx ro; then
        result FAIL usb-write "the stick stayed writable after the save ($options)"
    elif as_kiosk sh -c "echo x > '$STICK/planted.txt'" 2>/dev/null; then
        result FAIL usb-write "the kiosk app can still write to the stick after the save"
    else
        result PASS usb-write "the app's write request (socket $SOCKET) made the stick writable; $(basename "$csv") was saved as $(stat -c '%U %a' "$csv"); read-only again afterwards ($options)"
    fi

    say REQUEST unplug
    if wait_for 30 bash -c "! findmnt -rn --mountpoint '$STICK' >/dev/null"; then
        if as_kiosk test -e "$STICK/oncology-en.zip"; then
            result FAIL usb-unplug "unmounted on the host but still visible to the kiosk app"
        else
            result PASS usb-unplug "pulled out: $STICK unmounted by systemd, gone for the kiosk app too"
        fi
    else
        result FAIL usb-unplug "$STICK still mounted 30 s after the stick was pulled out"
    fi
else
    result SKIPPED usb-write "no stick mounted"
    result SKIPPED usb-unplug "no stick mounted"
fi

say "LOG offline score: $(systemd-analyze security --offline=true --no-pager /usr/lib/systemd/system/$UNIT 2>/dev/null | tail -n 1 | sed 's/^→ //')"
say "LOG doctor: $(clinic-kiosk doctor 2>/dev/null | grep 'print spool' || true)"
finish
