"""The soak's own cups-pdf printer: a CUPS queue "KioskSoak" on a cups-pdf instance of its own
(/etc/cups/cups-pdf-soak.conf) that writes into OUT, so that a thousand soak sheets never land in
$HOME/PDF where the printing end-to-end test looks for its sheet. Needs root, as scripts/test.sh's
printer set-up does.
"""

import glob
import os
import shutil
import subprocess
import time

QUEUE = "KioskSoak"
INSTANCE = "soak"
OUT = "/tmp/kiosk-soak-pdf"
CONFIG = f"/etc/cups/cups-pdf-{INSTANCE}.conf"
PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"


def run(*command):
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ensure():
    """Starts CUPS if it is not running and creates the soak's queue if it is missing."""
    for tool in ("lpadmin", "lpstat", "/usr/sbin/cupsd"):
        if not shutil.which(tool):
            raise RuntimeError(f"{tool} is missing (apt-get install cups printer-driver-cups-pdf), or use --no-print")
    if subprocess.run(["pgrep", "-x", "cupsd"], stdout=subprocess.DEVNULL).returncode != 0:
        run("/usr/sbin/cupsd")
    for _ in range(50):
        status = subprocess.run(["lpstat", "-r"], capture_output=True, text=True).stdout
        if "is running" in status:
            break
        time.sleep(0.1)
    if not os.path.exists(CONFIG):
        with open(CONFIG, "w") as config:
            config.write(f"# The Clinic Kiosk memory soak's printer (scripts/bench/printer.py).\nOut {OUT}\nGrp lpadmin\n")
    os.makedirs(OUT, exist_ok=True)
    clear_output()
    if subprocess.run(["lpstat", "-p", QUEUE], capture_output=True).returncode != 0:
        run("lpadmin", "-p", QUEUE, "-v", f"cups-pdf:/{INSTANCE}", "-E", "-P", PPD)
        run("lpadmin", "-p", QUEUE, "-o", "pdftops-renderer-default=pdftocairo")
    run("cupsenable", QUEUE)
    run("cupsaccept", QUEUE)


def queued():
    """Jobs waiting in the soak's queue (a growing number means printing cannot keep up)."""
    out = subprocess.run(["lpstat", "-o", QUEUE], capture_output=True, text=True).stdout
    return len([line for line in out.splitlines() if line.strip()])


def printed():
    return glob.glob(os.path.join(OUT, "*.pdf"))


def clear_output():
    """Removes the sheets printed so far (they hold only sample content); returns how many."""
    removed = 0
    for path in printed():
        try:
            os.remove(path)
            removed += 1
        except OSError:
            pass
    return removed
