#!/usr/bin/env python3
"""The memory soak (issue 19, item 5): runs N simulated patient sessions through WebDriver against
the real app in kiosk mode under an Xvfb of its own, and samples the PSS of the app and its WebKit
processes every K sessions into a CSV and an SVG plot. Not part of CI; see docs/performance.md.

One patient session: (every other one in Spanish) open a topic and an answer and pick a question
for the doctor; on Home, type a query on the on-screen keyboard key by key, open the first result
and pick a question; open My questions, the sheet preview, and print it to a cups-pdf printer of
the soak's own; then the reset that idling triggers (through the test-only `window.kioskIdleNow`
that the page offers under WebDriver only), ending on the attract screen, which the next patient
touches.
"""

import argparse
import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import memory  # noqa: E402
import printer  # noqa: E402
from webdriver import Display, Driver, WebDriverError  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
QUERIES = {
    "en": ["liver", "side effects", "immunotherapy", "clinical trial", "can i stop", "fatigue", "rash"],
    "es": ["hígado", "efectos secundarios", "inmunoterapia", "ensayo clínico", "cansancio"],
}
MIB = 1024


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=1000, help="patient sessions to run (1000)")
    parser.add_argument("--every", type=int, default=100, help="sample memory every N sessions (100)")
    parser.add_argument("--binary", help="the app (default: target/release/clinic-kiosk, else target/debug)")
    parser.add_argument("--csv", default=os.path.join(ROOT, "docs/soak-memory.csv"))
    parser.add_argument("--svg", default=os.path.join(ROOT, "docs/images/soak-memory.svg"))
    parser.add_argument("--title", default="Memory over patient sessions")
    parser.add_argument("--no-print", action="store_true", help="skip printing (no CUPS here)")
    parser.add_argument(
        "--reload-at-reset", action="store_true", help="experiment: the soak reloads the page after each reset"
    )
    parser.add_argument(
        "--no-renew",
        action="store_true",
        help="experiment: the reset keeps its page (no fresh web process), as before the renewal",
    )
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the app (experiments)")
    return parser.parse_args()


def default_binary():
    for build in ("release", "debug"):
        path = os.path.join(ROOT, "target", build, "clinic-kiosk")
        if os.access(path, os.X_OK):
            return path
    sys.exit("error: no app binary; build it first (cargo build --release, or the workspace test build)")


class Patient:
    """Drives one patient session at a time; `number` varies the topic, answer, query and language."""

    def __init__(self, driver, printing, reload=False, renew=True):
        self.d = driver
        self.printing = printing
        self.reload = reload
        self.renew = renew
        self.renewals = 0  # resets that ended on a fresh page (ui/js/main.js, renewPage)
        self.lost_answers = 0
        self.topics = driver.execute("return [...document.querySelectorAll('.tile')].map(t => t.dataset.topic);")
        if not self.topics:
            raise RuntimeError("Home shows no topic tiles")
        has_hook = driver.execute("return typeof window.kioskIdleNow === 'function';")
        if not has_hook:
            raise RuntimeError("the page has no window.kioskIdleNow: build the app from this branch")

    def session(self, number):
        d = self.d
        if d.find("#attract"):
            d.tap("#attract")
        d.wait_for(".tile")
        spanish = number % 2 == 1
        if spanish:
            d.tap("#language-toggle")
            d.wait_for_lang("es")
        d.wait_for(".tile")
        topics = d.execute("return [...document.querySelectorAll('.tile')].map(t => t.dataset.topic);")
        topic = topics[number % len(topics)]
        d.tap(f".tile[data-topic='{topic}']")
        d.wait_for(".screen-topic .question-button")
        questions = d.execute(
            "return [...document.querySelectorAll('.screen-topic .question-button')].map(b => b.dataset.question);"
        )
        question = questions[(number // len(topics)) % len(questions)]
        d.tap(f".question-button[data-question='{question}']")
        self.pick()

        d.tap("#nav-home")
        d.tap(".keyboard-button")
        d.wait_for(".keyboard-dialog[open]")
        queries = QUERIES["es" if spanish else "en"]
        for ch in queries[number % len(queries)]:
            d.tap(".keyboard-dialog .key-space" if ch == " " else f".keyboard-dialog .key[data-key='{ch}']")
        d.tap(".keyboard-done")
        d.tap("#search-results .question-button")
        self.pick()

        d.tap("#my-questions-button")
        d.wait_for(".screen-my-questions .picked-text")
        d.tap(".to-sheet-button")
        d.wait_for(".sheet-paper .sheet-date")
        if self.printing:
            d.tap(".print-button")
            d.wait_for(".print-message.print-ok, .print-message.print-failed", limit=60)
            if d.find(".print-message.print-failed"):
                raise RuntimeError("the sheet did not print (print-failed)")

        try:
            outcome = d.execute_async(
                "const done = arguments[arguments.length - 1];"
                "window.kioskIdleNow({renewUnderWebDriver: arguments[0]})"
                ".then(() => done(true), (e) => done(String(e)));",
                self.renew,
            )
        except WebDriverError as error:
            # The reset renews the page: if the old one ended before its answer came back, the
            # new page below is the proof the reset ran.
            outcome = True
            self.lost_answers += 1
            print(f"session {number}: the reset's answer was lost with its page ({error})", flush=True)
        if outcome is not True:
            raise RuntimeError(f"the idle reset failed: {outcome}")
        if wait_for_next_patient(d):
            self.renewals += 1
        if self.reload:
            reload_page(d)

    def pick(self):
        """On an answer: picks the first "ask your doctor" question not yet picked, if any."""
        d = self.d
        d.wait_for(".screen-answer .ask-item")
        index = d.execute(
            "const t = [...document.querySelectorAll('.pick-toggle')];"
            "const i = t.findIndex(b => b.getAttribute('aria-pressed') !== 'true'); return i;"
        )
        if index is not None and index >= 0:
            d.tap(f".pick-toggle[data-index='{index}']")


def wait_for_next_patient(driver, limit=30.0):
    """Waits for the attract screen after the reset, on the page that stays: the app replaces the
    reset page with a fresh one (body[data-renewing] marks the old page until then). Returns
    whether the page was renewed."""
    deadline = time.monotonic() + limit
    while True:
        try:
            state = driver.execute(
                "return document.querySelector('#attract') !== null && document.body.dataset.ready === 'true'"
                " && !document.body.dataset.renewing"
                " && (new URLSearchParams(location.search).get('after') === 'reset' ? 'renewed' : 'same');"
            )
            if state == "renewed":
                # The fresh page must know nothing of the last patient.
                leftover = driver.execute(
                    "return [document.documentElement.lang,"
                    " document.getElementById('my-questions-button').textContent,"
                    " document.getElementById('search-input')?.value || ''];"
                )
                if leftover[0] != "en" or not leftover[1].endswith("(0)") or leftover[2]:
                    raise RuntimeError(f"the fresh page remembers the last patient: {leftover}")
            if state:
                return state == "renewed"
        except WebDriverError as error:
            # The session ended with the old page's web process: attach to the app again.
            if error.error == "invalid session id":
                try:
                    driver.attach_again()
                except (WebDriverError, OSError):
                    pass
        if time.monotonic() > deadline:
            raise RuntimeError("the attract screen did not come back after the reset")
        time.sleep(0.05)


def reload_page(driver, limit=30.0):
    """Reloads the page (the experiment --reload-at-reset) and waits until it is ready again."""
    driver.execute("window.soakOldPage = true; setTimeout(() => location.reload(), 0); return true;")
    deadline = time.monotonic() + limit
    while True:
        time.sleep(0.1)
        try:
            if driver.execute("return !window.soakOldPage && document.body.dataset.ready === 'true';"):
                return
        except Exception:  # the page is between documents
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the page did not come back after the reload")


def wait_for_lang(driver, lang, limit=20.0):
    deadline = time.monotonic() + limit
    while driver.execute("return document.documentElement.lang;") != lang:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the page did not switch to {lang}")
        time.sleep(0.05)


Driver.wait_for_lang = wait_for_lang


def main():
    args = parse_args()
    binary = os.path.abspath(args.binary or default_binary())
    printing = not args.no_print
    if printing:
        printer.ensure()
    data_dir = tempfile.mkdtemp(prefix="kiosk-soak-")
    with open(os.path.join(data_dir, "config.toml"), "w") as settings:
        settings.write('clinic_name = "Soak Test Clinic"\n')
        if printing:
            settings.write(f'printer = "{printer.QUEUE}"\n')
    display = Display()
    driver = None
    rows = []
    try:
        extra_env = dict(pair.split("=", 1) for pair in args.env)
        driver = Driver(binary, ["--kiosk"], display.name, data_dir, extra_env, attach=True)
        driver.wait_for("body[data-ready='true']", limit=60)
        app = driver.app_pid()
        print(f"app {binary} (pid {app}) on display {display.name}; {args.sessions} sessions", flush=True)
        patient = Patient(driver, printing, args.reload_at_reset, renew=not args.no_renew)
        started = time.monotonic()
        failures = 0
        printed = 0

        def record(done):
            nonlocal printed
            if printing:
                printed += printer.clear_output()
            time.sleep(1)  # let the last screen settle before sampling
            total, private, rss, anonymous, parts = memory.sample(app)
            row = {
                "session": done,
                "elapsed_s": round(time.monotonic() - started, 1),
                "pss_mib": round(total / MIB, 1),
                "alone_mib": round(memory.alone_kib(app) / MIB, 1),
                "private_mib": round(private / MIB, 1),
                "rss_mib": round(rss / MIB, 1),
                "anon_mib": round(anonymous / MIB, 1),
                "app_mib": round(parts.get("app", 0) / MIB, 1),
                "web_mib": round(sum(v for k, v in parts.items() if k.startswith("WebKitWeb")) / MIB, 1),
                "network_mib": round(sum(v for k, v in parts.items() if k.startswith("WebKitNetwork")) / MIB, 1),
                "failed_sessions": failures,
                "renewed_pages": patient.renewals,
                "sheets_printed": printed,
                "print_queue": printer.queued() if printing else 0,
            }
            rows.append(row)
            print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
            write_outputs(args, rows)

        record(0)
        for number in range(1, args.sessions + 1):
            try:
                patient.session(number)
            except Exception as error:  # one bad session must not end a two-hour run
                failures += 1
                print(f"session {number} failed: {error}", flush=True)
                if failures > max(10, args.sessions // 20):
                    raise RuntimeError("too many failed sessions; stopping") from error
                recover(driver)
            if printing and number % 10 == 0:
                printed += printer.clear_output()
            if number % 10 == 0:
                per = (time.monotonic() - started) / number
                print(f"{number} sessions, {per:.2f} s each", flush=True)
            if number % args.every == 0 or number == args.sessions:
                record(number)
        summarize(rows)
    finally:
        if driver:
            driver.stop()
        display.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def recover(driver):
    """After a failed session: close what is open and reset, as idling would."""
    try:
        driver.execute("document.querySelectorAll('dialog[open]').forEach(d => d.close()); return true;")
        driver.execute_async(
            "const done = arguments[arguments.length - 1];"
            "window.kioskIdleNow().then(() => done(true), (e) => done(String(e)));"
        )
    except Exception as error:
        print(f"recovery: {error}", flush=True)
    try:
        wait_for_next_patient(driver)
    except Exception as error:
        print(f"recovery failed: {error}", flush=True)


def write_outputs(args, rows):
    os.makedirs(os.path.dirname(args.csv), exist_ok=True)
    with open(args.csv, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    os.makedirs(os.path.dirname(args.svg), exist_ok=True)
    series = [
        ("PSS as if alone (distinct resident pages)", [(r["session"], r["alone_mib"]) for r in rows], "#b60"),
        ("PSS (lower while other WebKit apps run)", [(r["session"], r["pss_mib"]) for r in rows], "#036"),
        ("anonymous (heaps)", [(r["session"], r["anon_mib"]) for r in rows], "#888"),
    ]
    memory.write_svg(args.svg, series, args.title, limit_mib=260)


def summarize(rows):
    base = next((r for r in rows if r["session"] >= 100), rows[0])
    last = rows[-1]
    for column in ("pss_mib", "alone_mib", "anon_mib"):
        growth = (last[column] - base[column]) / base[column] * 100
        print(
            f"{column}: start {rows[0][column]}, session {base['session']} {base[column]}, "
            f"end (session {last['session']}) {last[column]}: growth {growth:+.1f} % (target <= 10 %)",
            flush=True,
        )
    print(
        f"final PSS {last['pss_mib']} MiB, as if alone {last['alone_mib']} MiB (target <= 260); "
        f"{last['failed_sessions']} failed sessions, {last['renewed_pages']} resets on a fresh page, "
        f"{last['sheets_printed']} sheets printed; "
        f"{last['elapsed_s'] / max(last['session'], 1):.2f} s per session",
        flush=True,
    )


if __name__ == "__main__":
    # A stopped run (kill PID) still ends its app, driver and display (the `finally` above).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        sys.exit(f"error: {error}")
