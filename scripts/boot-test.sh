#!/usr/bin/env bash
# The kiosk on a real boot: boots Debian 12 in a virtual machine, installs the .deb and checks
# what only a booted system shows. Not part of CI (about 5 minutes with KVM; far longer without).
#
#   scripts/boot-test.sh [path/to/clinic-kiosk_<version>_amd64.deb]
#
# Without an argument it takes the newest .deb under target/{release,debug}/bundle/deb/.
#
# The machine: a Debian 12 root made with mmdebstrap from Debian's packages (the kernel, systemd,
# udev and the package's dependencies; cached in $BOOT_TEST_CACHE, default
# /var/cache/clinic-kiosk-boot-test), booted by qemu (KVM when /dev/kvm works) with a virtio
# graphics card (a DRM device with PRIME import, which cage's wlroots needs), a USB controller
# and no network. Nothing is adapted for the
# test: the shipped unit runs as is, on a real tty1, with a real logind seat.
# Inside, scripts/boot-test-guest.sh installs the .deb with apt on the first boot and reboots;
# on the second it checks, and prints one line per check:
#   install    apt-get install ./…deb works and enables the service
#   ready      the kiosk starts by itself at boot (auto-login on tty1) and reaches READY
#   hardened   the confinement holds in the running app (seccomp, no capabilities, no core
#              dumps, read-only system, MemoryMax) and its systemd-analyze security score
#   frame      the confined kiosk paints a frame (a screenshot of the VM's screen, taken here)
#   restart    after kill -9 of the app, systemd starts the kiosk again within 5 s
#   watchdog   after SIGSTOP of the app, the watchdog restarts the kiosk within 60 s
#   usb-mount  a USB stick plugged in is mounted read-only, nosymfollow,nodev,nosuid,noexec,
#              where the staff screen looks, and the app cannot write to it
#   usb-write  the app's write request makes it writable for one save, then read-only again
#   usb-unplug pulling the stick out unmounts it
# Each line is PASS, FAIL or SKIPPED (with the reason: no root, no qemu, no .deb …); a check that
# could not run is never reported as passed. Exit status: 0 all passed, 1 a check failed,
# 77 nothing could run.
set -uo pipefail
cd "$(dirname "$0")/.."

CHECKS=(install ready hardened frame restart watchdog usb-mount usb-write usb-unplug)
CACHE=${BOOT_TEST_CACHE:-/var/cache/clinic-kiosk-boot-test}
SUITE=bookworm
MIRROR=${BOOT_TEST_MIRROR:-http://deb.debian.org/debian}
# What a kiosk PC has besides the package's own dependencies (added from the .deb below).
BASE_PACKAGES=(systemd systemd-sysv udev dbus linux-image-amd64 initramfs-tools login passwd
    init-system-helpers cage cups-client libwebkit2gtk-4.1-0 libgtk-3-0 fonts-dejavu-core
    libgl1-mesa-dri libegl-mesa0 procps util-linux kmod)
# The whole run, both boots.
VM_TIMEOUT_SECONDS=${BOOT_TEST_TIMEOUT:-2400}

declare -A outcome=()
skip_everything() {
    for check in "${CHECKS[@]}"; do echo "SKIPPED $check: $1"; done
    echo "0 passed, 0 failed, ${#CHECKS[@]} skipped"
    exit 77
}

# ---- what this machine must have ---------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || skip_everything "needs root (mmdebstrap, the disk image, qemu): run it with sudo"
[ "$(uname -m)" = x86_64 ] || skip_everything "needs an x86_64 machine (the VM is amd64)"
tools=(qemu-system-x86_64:qemu-system-x86 mmdebstrap:mmdebstrap mkfs.ext4:e2fsprogs
    mkfs.vfat:dosfstools mcopy:mtools zip:zip perl:perl-base)
missing=()
for pair in "${tools[@]}"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
        || skip_everything "cannot install ${missing[*]} (apt-get install failed; no package mirror?)"
fi

deb=${1:-$(ls -t target/release/bundle/deb/clinic-kiosk_*_amd64.deb target/debug/bundle/deb/clinic-kiosk_*_amd64.deb 2>/dev/null | head -n 1)}
[ -n "$deb" ] && [ -f "$deb" ] || skip_everything "no .deb to install: build one with scripts/package.sh, or name it"
deb=$(realpath "$deb")

# ---- the Debian 12 root (cached) ---------------------------------------------------------------
mapfile -t deb_depends < <(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[[:space:]]//g' | grep .)
mapfile -t packages < <(printf '%s\n' "${BASE_PACKAGES[@]}" "${deb_depends[@]}" | sort -u)
key=$(printf '%s\n' "$SUITE" "${packages[@]}" | sha256sum | cut -c1-16)
rootfs=$CACHE/rootfs-$key.tar
mkdir -p "$CACHE"
if [ ! -s "$rootfs" ]; then
    echo "== making the Debian 12 root with mmdebstrap (once; cached as $rootfs)"
    started=$SECONDS
    # --format=tar: the name "….part" has no extension mmdebstrap would read a format from.
    if ! mmdebstrap --quiet --variant=minbase --format=tar --include="$(IFS=,; echo "${packages[*]}")" \
        "$SUITE" "$rootfs.part" "$MIRROR" >"$CACHE/mmdebstrap.log" 2>&1; then
        rm -f "$rootfs.part"
        skip_everything "mmdebstrap could not make the root (no package mirror?); see $CACHE/mmdebstrap.log"
    fi
    mv "$rootfs.part" "$rootfs"
    echo "made in $((SECONDS - started)) s"
fi

work=${BOOT_TEST_WORK:-$(mktemp -d /var/tmp/clinic-kiosk-boot-test.XXXXXX)}
qemu_pid=""
cleanup() {
    if [ -n "$qemu_pid" ]; then kill "$qemu_pid" 2>/dev/null || true; fi
    if [ -z "${BOOT_TEST_KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT

echo "== the VM's disk (the cached root, the .deb and the in-VM test)"
root=$work/root
mkdir -p "$root"
tar -xf "$rootfs" -C "$root" || skip_everything "the cached root $rootfs cannot be unpacked: delete it and run again"
echo kiosk-boot-test >"$root/etc/hostname"
echo "/dev/vda / ext4 rw,errors=remount-ro 0 1" >"$root/etc/fstab"
install -d "$root/var/lib/boot-test"
cp "$deb" "$root/var/lib/boot-test/clinic-kiosk.deb"
install -m 0755 scripts/boot-test-guest.sh "$root/usr/local/sbin/boot-test-guest"
cat >"$root/etc/systemd/system/boot-test.service" <<'EOF'
[Unit]
Description=Clinic Kiosk boot test (scripts/boot-test.sh)
After=multi-user.target
[Service]
Type=simple
ExecStart=/usr/local/sbin/boot-test-guest
[Install]
WantedBy=multi-user.target
EOF
ln -sf /etc/systemd/system/boot-test.service "$root/etc/systemd/system/multi-user.target.wants/boot-test.service"
# The second serial port carries the results; no login prompt on either.
ln -sf /dev/null "$root/etc/systemd/system/serial-getty@ttyS0.service"
ln -sf /dev/null "$root/etc/systemd/system/serial-getty@ttyS1.service"
kernel=$(ls "$root"/boot/vmlinuz-* | sort -V | tail -n 1)
initrd=$(ls "$root"/boot/initrd.img-* | sort -V | tail -n 1)
cp "$kernel" "$work/vmlinuz"
cp "$initrd" "$work/initrd.img"
# The VM's graphics card has no 3D: Mesa's software renderer (llvmpipe through kms_swrast)
# crashes in cage there, so cage draws with wlroots' pixman renderer instead. A drop-in, as IT
# would write for such a PC; real kiosk GPUs do not need it.
install -d "$root/etc/systemd/system/clinic-kiosk.service.d"
cat >"$root/etc/systemd/system/clinic-kiosk.service.d/boot-test-vm-gpu.conf" <<'EOF'
# scripts/boot-test.sh: the VM's virtio GPU has no 3D; cage draws without OpenGL.
[Service]
Environment=WLR_RENDERER=pixman
EOF

# KVM when it really runs a guest (nested KVM may open but hang); else software emulation.
accel=(-accel tcg)
kvm_works() {
    [ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
    local probe
    probe=$(timeout 15 qemu-system-x86_64 -accel kvm -cpu host -M q35 -m 256 -nodefaults -no-user-config \
        -display none -kernel "$work/vmlinuz" -append "console=ttyS0" -serial stdio 2>/dev/null | head -c 4000)
    grep -q "Linux version" <<<"$probe"
}
if kvm_works; then
    accel=(-accel kvm -cpu host)
else
    echo "note: no working KVM here: software emulation (slower; the 5 s and 60 s limits are measured inside the VM all the same)"
    # The one adaptation, for emulation only: WebKit drawing in software on an emulated CPU can
    # take longer than the 90 s the unit allows for the first READY. A drop-in, as IT would write.
    install -d "$root/etc/systemd/system/clinic-kiosk.service.d"
    cat >"$root/etc/systemd/system/clinic-kiosk.service.d/boot-test-emulation.conf" <<'EOF'
# scripts/boot-test.sh under software emulation (no KVM): a slower first start.
[Service]
TimeoutStartSec=600
EOF
fi

mkfs.ext4 -q -F -L kiosk-root -d "$root" "$work/disk.img" 6G >/dev/null || skip_everything "mkfs.ext4 -d could not make the VM's disk"
rm -rf "$root"

# The USB stick: FAT32 with a bundle on it, as staff would bring.
rm -f "$work/stick.img"
truncate -s 64M "$work/stick.img"
mkfs.vfat -F 32 -n KIOSKSTICK "$work/stick.img" >/dev/null
(cd data/bundles && zip -q -r "$work/oncology-en.zip" oncology-en)
mcopy -i "$work/stick.img" "$work/oncology-en.zip" ::/oncology-en.zip

# ---- boot, answer the VM's requests, collect its results ---------------------------------------
monitor() {
    perl -MIO::Socket::UNIX -e '
        my $m = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die "monitor: $!\n";
        print $m "$ARGV[1]\n"; select(undef, undef, undef, 1.0); print $m "quit\n" if 0;' "$work/monitor.sock" "$1"
}
# A frame is painted when the screen shows a real picture: many colours, not one or two.
frame_colours() {
    perl -e '
        open(my $f, "<:raw", $ARGV[0]) or die "$!\n"; local $/; my $d = <$f>;
        $d =~ s/\AP6\s+(?:#.*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s//s or die "not a PPM\n";
        my ($w, $h) = ($1, $2); my %c;
        for (my $i = 0; $i + 2 < length($d); $i += 3 * 7) { $c{substr($d, $i, 3)}++ }
        my ($top) = sort { $b <=> $a } values %c; my $n = 0; $n += $_ for values %c;
        printf "%d %dx%d %.0f\n", scalar(keys %c), $w, $h, 100 * $top / $n;' "$1"
}

echo "== booting the VM (${accel[*]}): install, reboot, checks"
: >"$work/results.log"
qemu-system-x86_64 "${accel[@]}" -M q35 -m 2048 -smp 2 -nodefaults -no-user-config \
    -kernel "$work/vmlinuz" -initrd "$work/initrd.img" \
    -append "root=/dev/vda rw console=ttyS0 systemd.show_status=0 no_timer_check" \
    -drive "file=$work/disk.img,format=raw,if=virtio" \
    -drive "if=none,id=stick,file=$work/stick.img,format=raw" \
    -device qemu-xhci,id=xhci -device usb-kbd -device usb-tablet \
    -device virtio-vga -display none -nic none \
    -serial "file:$work/console.log" -serial "file:$work/results.log" \
    -monitor "unix:$work/monitor.sock,server,nowait" &
qemu_pid=$!

done=false
handled=0
started=$SECONDS
while kill -0 "$qemu_pid" 2>/dev/null; do
    if ((SECONDS - started > VM_TIMEOUT_SECONDS)); then
        echo "error: the VM did not finish within $VM_TIMEOUT_SECONDS s (console: $work/console.log)"
        break
    fi
    total=$(wc -l <"$work/results.log")
    while ((handled < total)); do
        handled=$((handled + 1))
        line=$(sed -n "${handled}p" "$work/results.log" | tr -d '\r')
        case "$line" in
        "RESULT "*)
            read -r _ status name rest <<<"$line"
            name=${name%:}
            outcome[$name]=$status
            echo "$status $name:${rest:+ $rest}"
            ;;
        "REQUEST screenshot")
            monitor "screendump $work/screen.ppm"
            sleep 1
            if [ -s "$work/screen.ppm" ] && read -r colours size top < <(frame_colours "$work/screen.ppm"); then
                if ((colours >= 16 && top < 98)); then
                    outcome[frame]=PASS
                    echo "PASS frame: the confined kiosk's screen ($size) shows $colours colours, the most common on $top % of it (screenshot: $work/screen.ppm)"
                else
                    outcome[frame]=FAIL
                    echo "FAIL frame: the screen ($size) is blank: $colours colours, one covers $top % (screenshot: $work/screen.ppm)"
                fi
                if command -v convert >/dev/null; then convert "$work/screen.ppm" "$work/screen.png" 2>/dev/null || true; fi
            else
                outcome[frame]=FAIL
                echo "FAIL frame: no screenshot could be taken (qemu screendump)"
            fi
            ;;
        "REQUEST plug") monitor "device_add usb-storage,bus=xhci.0,drive=stick,id=stickdev,removable=on" ;;
        "REQUEST unplug") monitor "device_del stickdev" ;;
        "LOG "*) echo "    ${line#LOG }" ;;
        DONE) done=true ;;
        esac
    done
    $done && break
    sleep 0.5
done
if $done; then
    wait_until=$((SECONDS + 30))
    while kill -0 "$qemu_pid" 2>/dev/null && ((SECONDS < wait_until)); do sleep 1; done
fi
kill "$qemu_pid" 2>/dev/null || true
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=""

passed=0 failed=0 skipped=0
for check in "${CHECKS[@]}"; do
    case "${outcome[$check]:-}" in
    PASS) passed=$((passed + 1)) ;;
    SKIPPED) skipped=$((skipped + 1)) ;;
    FAIL) failed=$((failed + 1)) ;;
    *)
        failed=$((failed + 1))
        echo "FAIL $check: the VM never reported it (see $work/console.log; BOOT_TEST_KEEP=1 keeps it)"
        ;;
    esac
done
echo "$passed passed, $failed failed, $skipped skipped"
if ((failed > 0)); then BOOT_TEST_KEEP=${BOOT_TEST_KEEP:-1}; exit 1; fi
exit 0
