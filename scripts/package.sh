#!/usr/bin/env bash
# Builds the Debian package (target/release/bundle/deb/*.deb) with Tauri's bundler.
#
#   scripts/package.sh            build the .deb for clinics (a fully optimised release build)
#   scripts/package.sh --check    pack the debug build the same way (target/debug/bundle/deb/),
#                                 then check it the way IT will use it (CI does this):
#                                 its contents, `apt-get install`, `systemd-analyze verify` on the
#                                 installed unit, `clinic-kiosk doctor` and a bundle import with the
#                                 installed binary. Needs root (or sudo) and a display (DISPLAY, or
#                                 Xvfb is started). A package that was not installed before is
#                                 purged afterwards, so a developer's PC does not boot into a kiosk.
#
# The bundler is the prebuilt npm CLI, pinned to the tauri crate's version in Cargo.lock
# (`cargo install tauri-cli` would compile for about 13 minutes on two cores). The release build
# takes about 9 minutes on two cores from scratch, seconds when only bundling. No AppImage: its
# bundler downloads AppRun and linuxdeploy from GitHub, which CI machines cannot reach.
set -euo pipefail
cd "$(dirname "$0")/.."

TAURI_CLI_VERSION=2.12.5
check=false
if [ "${1:-}" = "--check" ]; then check=true; fi

scripts/system-packages.sh package

locked=$(awk '/^name = "tauri"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$locked" != "$TAURI_CLI_VERSION" ]; then
  echo "warning: Cargo.lock has tauri $locked but the bundler is pinned to $TAURI_CLI_VERSION; update TAURI_CLI_VERSION in $0" >&2
fi

version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json)
if $check; then
  # The check proves the packaging, not the optimiser: it packs the debug binary that the tests
  # just used (seconds) with the same bundler, configuration and files, instead of compiling a
  # release build (5 to 9 minutes on two cores). The .deb for clinics is always a release build.
  profile=debug
  echo "== packing the debug build into a .deb (tauri-cli $TAURI_CLI_VERSION bundle --debug)"
  started=$SECONDS
  # The same build as scripts/test.sh's (one feature set, so nothing is compiled twice): it
  # leaves the executable at target/debug/clinic-kiosk, and is a no-op right after the tests.
  cargo test --workspace --all-targets --no-run --quiet
  bundle=(bundle --debug)
else
  profile=release
  echo "== building the .deb (release build, tauri-cli $TAURI_CLI_VERSION)"
  started=$SECONDS
  bundle=(build)
fi
# The bundler names the file after the product name ("Clinic Kiosk_…"); IT gets the Debian name.
built="target/$profile/bundle/deb/Clinic Kiosk_${version}_amd64.deb"
deb="target/$profile/bundle/deb/clinic-kiosk_${version}_amd64.deb"
rm -f "$built" "$deb"
npx --yes "@tauri-apps/cli@$TAURI_CLI_VERSION" "${bundle[@]}" --bundles deb --ci
[ -f "$built" ] || { echo "error: the bundler did not write $built" >&2; exit 1; }
cp "$built" "$deb"
echo "built $deb in $((SECONDS - started)) s"

if ! $check; then exit 0; fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
fail() { echo "error: $*" >&2; exit 1; }

echo "== contents (dpkg-deb --contents)"
# One path a line: drop the permissions, owner, size, date and time columns and any leading "./".
paths=$(dpkg-deb --contents "$deb" | awk '{ $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); sub(/^\.\//, ""); print }')
for path in \
  usr/bin/clinic-kiosk \
  usr/lib/systemd/system/clinic-kiosk.service \
  usr/lib/systemd/system/clinic-kiosk-usb-write.socket \
  usr/lib/systemd/system/clinic-kiosk-usb-write@.service \
  usr/lib/udev/rules.d/99-clinic-kiosk-usb.rules \
  usr/libexec/clinic-kiosk/usb-stick \
  usr/share/clinic-kiosk/config.toml \
  usr/share/doc/clinic-kiosk/deploy.md \
  "usr/share/applications/Clinic Kiosk.desktop" \
  usr/share/icons/hicolor/32x32/apps/clinic-kiosk.png \
  usr/share/icons/hicolor/128x128/apps/clinic-kiosk.png \
  usr/share/icons/hicolor/256x256@2/apps/clinic-kiosk.png; do
  grep -qxF "$path" <<<"$paths" || fail "the package lacks $path"
done
info=$(dpkg-deb --info "$deb")
for field in "Package: clinic-kiosk" "cage" "seatd" "xwayland" "cups-client" "libwebkit2gtk-4.1-0"; do
  grep -qF "$field" <<<"$info" || fail "the package's control file lacks $field"
done
for script in postinst prerm postrm; do
  dpkg-deb --info "$deb" "$script" >/dev/null || fail "the package lacks its $script script"
done
echo "contents ok"

was_installed=false
if dpkg-query -W -f='${Status}' clinic-kiosk 2>/dev/null | grep -q "install ok installed"; then
  was_installed=true
fi
work=$(mktemp -d)
source scripts/xvfb.sh
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  if ! $was_installed; then
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq clinic-kiosk >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

echo "== install (apt-get install ./…deb)"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null
getent passwd clinic-kiosk >/dev/null || fail "postinst did not create the clinic-kiosk user"
[ "$(stat -c %U /var/lib/clinic-kiosk)" = clinic-kiosk ] || fail "/var/lib/clinic-kiosk does not belong to clinic-kiosk"
[ -f /etc/clinic-kiosk/config.toml ] || fail "postinst did not create /etc/clinic-kiosk/config.toml"
[ -L /etc/systemd/system/multi-user.target.wants/clinic-kiosk.service ] || fail "postinst did not enable clinic-kiosk.service"
echo "installed: user, data folder, settings file and service are in place"

echo "== systemd-analyze verify"
verify=$(systemd-analyze verify /usr/lib/systemd/system/clinic-kiosk.service 2>&1) || fail "systemd-analyze verify failed: $verify"
[ -z "$verify" ] || fail "systemd-analyze verify complained: $verify"
echo "unit ok"

echo "== systemd-analyze security --offline=true (the installed units' confinement)"
# The exposure score of the kiosk service, which must stay 4.0 ("OK") or lower.
security=$(systemd-analyze security --offline=true --threshold=40 --no-pager /usr/lib/systemd/system/clinic-kiosk.service 2>&1) \
  || fail "the kiosk service's exposure is above 4.0: $(tail -n 1 <<<"$security")"
tail -n 1 <<<"$security"
verify=$(systemd-analyze verify /usr/lib/systemd/system/clinic-kiosk-usb-write.socket /usr/lib/systemd/system/clinic-kiosk-usb-write@.service 2>&1) \
  || fail "systemd-analyze verify failed on the USB write units: $verify"
[ -f /usr/lib/udev/rules.d/99-clinic-kiosk-usb.rules ] || fail "the package lacks its USB stick udev rule"

echo "== clinic-kiosk doctor (installed binary)"
start_xvfb_unless_display
chmod 755 "$work"
mkdir "$work/updates"
# The settings IT would write: the packaged file plus CI's printer and an update folder, and a
# publisher key made and trusted with the installed binary, as a publisher and IT would.
cp /etc/clinic-kiosk/config.toml "$work/config.toml"
cat >>"$work/config.toml" <<EOF
printer = "PDF"
update_source = "$work/updates"
EOF
/usr/bin/clinic-kiosk --data-dir "$work/publisher-data" bundle keygen --unencrypted --out "$work/publisher" >/dev/null
/usr/bin/clinic-kiosk --config "$work/config.toml" trust add "$work/publisher.pub"
chmod 644 "$work/config.toml"
# The update folder holds what a publisher publishes: a signed bundle and a signed index.
mkdir -p "$work/to-publish"
cp -r data/bundles/oncology-en "$work/to-publish/oncology-en"
/usr/bin/clinic-kiosk --data-dir "$work/publisher-data" bundle sign "$work/to-publish/oncology-en" --key "$work/publisher.key" >/dev/null
/usr/bin/clinic-kiosk --data-dir "$work/publisher-data" publish "$work/to-publish" "$work/updates" --key "$work/publisher.key" >/dev/null
chmod -R a+rX "$work/updates"
kiosk_user=("${as_root[@]}" runuser -u clinic-kiosk -- env "DISPLAY=$DISPLAY" /usr/bin/clinic-kiosk --config "$work/config.toml")
"${kiosk_user[@]}" bundle list >/dev/null # first start: the default content
echo 402917 | "${kiosk_user[@]}" staff set-pin # IT sets the staff PIN (read from stdin); doctor fails without one
"${kiosk_user[@]}" doctor || fail "clinic-kiosk doctor found problems in the installation (see above)"

echo "== bundle import (installed binary)"
cp -r data/bundles/oncology-en "$work/oncology-en"
chmod -R a+rX "$work/oncology-en"
if "${kiosk_user[@]}" bundle import "$work/oncology-en" --allow-downgrade 2>/dev/null; then
  fail "an unsigned bundle was imported although a publisher key is trusted"
fi
/usr/bin/clinic-kiosk --data-dir "$work/publisher-data" bundle sign "$work/oncology-en" --key "$work/publisher.key"
chmod -R a+rX "$work/oncology-en"
"${kiosk_user[@]}" bundle import "$work/oncology-en" --allow-downgrade
"${kiosk_user[@]}" show ici-liver-metastases | grep -q liver || fail "the imported content cannot be shown"
echo "package check passed"
