#!/usr/bin/env python3
"""The launch benchmark (issue 19, item 4): the kiosk in kiosk mode and a minimal Tauri 2 app that
shows one static page (benches/launch-baseline), launched alternately under one Xvfb, each timed
from process start to its first topic tiles drawn; prints each launch, the medians and their ratio.

"Drawn" is the page's own mark: two animation frames after the tiles entered the page (so the first
of those frames has been painted), both pages write the wall-clock time into
body[data-tiles-painted-at] (ui/js/main.js; benches/launch-baseline/dist/index.html). Process
start is the kernel's start time of the app's process (/proc/PID/stat). Both apps are started by
WebKitWebDriver (TAURI_WEBVIEW_AUTOMATION), the same way for both; WebDriver only reads the mark
afterwards, so its polling does not count. Each app keeps its data folder from launch to launch,
as a kiosk does from day to day: the first launch of each (untimed) creates it.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webdriver import Display, Driver  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TICKS = os.sysconf("SC_CLK_TCK")


def process_start_wall_ms(pid):
    """When `pid` started, in wall-clock milliseconds (the kernel counts in ticks since boot)."""
    with open(f"/proc/{pid}/stat") as stat:
        start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    since_boot = time.clock_gettime(time.CLOCK_BOOTTIME)
    return (time.time() - (since_boot - start_ticks / TICKS)) * 1000


def launch(binary, args, display, data_dir):
    """One launch: (milliseconds from process start to the tiles drawn, of which before the page's
    navigation started: the native start, WebKit's processes and the request for the page)."""
    driver = Driver(binary, args, display, data_dir)
    try:
        pid = driver.app_pid()
        if pid is None:
            raise RuntimeError(f"{binary} did not start")
        started = process_start_wall_ms(pid)
        deadline = time.monotonic() + 60
        while True:
            painted = driver.execute(
                "return document.body && document.body.dataset.tilesPaintedAt"
                " ? [Number(document.body.dataset.tilesPaintedAt), performance.timeOrigin] : null;"
            )
            if painted:
                return painted[0] - started, painted[1] - started
            if time.monotonic() > deadline:
                raise RuntimeError(f"{binary} drew no tiles within 60 s")
            time.sleep(0.05)
    finally:
        driver.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosk", default=os.path.join(ROOT, "target/debug/clinic-kiosk"))
    parser.add_argument("--baseline", default=os.path.join(ROOT, "target/debug/launch-baseline"))
    parser.add_argument("--runs", type=int, default=10, help="timed launches of each (10)")
    parser.add_argument(
        "--compare",
        metavar="KIOSK",
        help="another kiosk binary (say, before a change), launched in turn with the two others",
    )
    args = parser.parse_args()
    apps = {
        "kiosk": (os.path.abspath(args.kiosk), ["--kiosk"]),
        "baseline": (os.path.abspath(args.baseline), []),
    }
    if args.compare:
        apps["compare"] = (os.path.abspath(args.compare), ["--kiosk"])
    for name, (binary, _) in apps.items():
        if not os.access(binary, os.X_OK):
            sys.exit(f"error: {name} binary {binary} is missing; scripts/launch-bench.sh builds it")
    display = Display()
    folders = {name: tempfile.mkdtemp(prefix=f"launch-{name}-") for name in apps}
    times = {name: [] for name in apps}
    native = {name: [] for name in apps}
    try:
        for name, (binary, extra) in apps.items():
            first, _ = launch(binary, extra, display.name, folders[name])
            print(f"{name}: first launch (new data folder, untimed) {first:.0f} ms", flush=True)
        for run in range(1, args.runs + 1):
            # Alternate the order, so a slow moment of the machine hits each alike.
            order = list(apps) if run % 2 else list(reversed(apps))
            for name in order:
                binary, extra = apps[name]
                ms, before_page = launch(binary, extra, display.name, folders[name])
                times[name].append(ms)
                native[name].append(before_page)
                print(f"run {run:2} {name:8} {ms:7.0f} ms (page started at {before_page:5.0f} ms)", flush=True)
    finally:
        display.stop()
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)
    for name in apps:
        print(
            f"{name}: median {statistics.median(native[name]):.0f} ms to the page's navigation start, "
            f"then {statistics.median(times[name]) - statistics.median(native[name]):.0f} ms to the tiles drawn",
            flush=True,
        )
    kiosk, baseline = statistics.median(times["kiosk"]), statistics.median(times["baseline"])
    if args.compare:
        compare = statistics.median(times["compare"])
        print(f"median compare {compare:.0f} ms: ratio {compare / baseline:.2f}", flush=True)
    print(
        f"median kiosk {kiosk:.0f} ms (min {min(times['kiosk']):.0f}), "
        f"baseline {baseline:.0f} ms (min {min(times['baseline']):.0f}): "
        f"ratio {kiosk / baseline:.2f} (target <= 1.2)",
        flush=True,
    )


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as error:
        sys.exit(f"error: {error}")
