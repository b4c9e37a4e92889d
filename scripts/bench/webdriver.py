"""A small W3C WebDriver client over plain HTTP JSON (the standard library only), and the processes
the soak runs the kiosk in: its own Xvfb and Debian's WebKitWebDriver, as the end-to-end tests do
(tests/tests/e2e/harness.rs).
"""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

XVFB = "/usr/bin/Xvfb"
WEBKIT_WEBDRIVER = "/usr/bin/WebKitWebDriver"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class WebDriverError(RuntimeError):
    """A WebDriver command failed; `error` is the protocol's error code (e.g. "no such element")."""

    def __init__(self, error, message):
        super().__init__(f"{error}: {message}")
        self.error = error


class Display:
    """A 1280x800 Xvfb display of our own; Xvfb picks a free number and reports it on -displayfd."""

    def __init__(self):
        self.server = subprocess.Popen(
            [XVFB, "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        number = self.server.stdout.readline().strip()
        if not number.isdigit():
            self.stop()
            raise RuntimeError("Xvfb did not start (apt-get install xvfb)")
        self.name = ":" + number.decode()

    def stop(self):
        self.server.kill()
        self.server.wait()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    """WebKitWebDriver in a process group of its own, and one session on it. By default the driver
    starts the app. With `attach=True` the app is started here, with WebKit's remote inspector on a
    port of its own, and the driver attaches to it: a session ends with the page's web process
    ("session deleted because of page crash or hang"), and `attach_again` then opens a new session
    on the same running app (the soak, whose resets renew the web process)."""

    def __init__(self, binary, args, display, data_dir, extra_env=None, attach=False):
        self.port = free_port()
        env = dict(os.environ)
        env.update(
            {
                "DISPLAY": display,
                "XDG_DATA_HOME": os.path.join(data_dir, "xdg-data"),
                "XDG_CACHE_HOME": os.path.join(data_dir, "xdg-cache"),
                "CLINIC_KIOSK_DATA_DIR": data_dir,
                "CLINIC_KIOSK_CONFIG": os.path.join(data_dir, "config.toml"),
                "TAURI_WEBVIEW_AUTOMATION": "true",
                "WEBKIT_DISABLE_COMPOSITING_MODE": "1",
            }
        )
        env.update(extra_env or {})
        self.app = None
        if attach:
            inspector = f"127.0.0.1:{free_port()}"
            self.app = subprocess.Popen(
                [binary, *args],
                env=dict(env, WEBKIT_INSPECTOR_SERVER=inspector),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            options = {"targetAddress": inspector}
        else:
            options = {"binary": binary, "args": list(args)}
        self.capabilities = {"browserName": "wry", "webkitgtk:browserOptions": options}
        self.process = subprocess.Popen(
            [WEBKIT_WEBDRIVER, f"--port={self.port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("WebKitWebDriver did not listen within 20 s")
                time.sleep(0.1)
        # An app started here needs a moment before its inspector listens.
        self.session = self._new_session(attempts=40 if attach else 4)

    def _new_session(self, attempts):
        for attempt in range(attempts):
            try:
                value = self._call("POST", "/session", {"capabilities": {"alwaysMatch": self.capabilities}})
                return value["sessionId"]
            except (WebDriverError, OSError) as error:
                if attempt == attempts - 1:
                    raise
                if self.app is None:
                    print(f"session attempt {attempt + 1} failed ({error}); trying again", flush=True)
                time.sleep(0.5 if self.app else 1)

    def attach_again(self):
        """A new session on the app started here, after the last one ended with its page."""
        self.session = self._new_session(attempts=20)

    def _call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read() or b"{}").get("value")
        except urllib.error.HTTPError as error:
            try:
                value = json.loads(error.read()).get("value", {})
            except ValueError:
                value = {}
            raise WebDriverError(value.get("error", str(error.code)), value.get("message", "")) from None

    def command(self, method, path, body=None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def execute(self, script, *args):
        return self.command("POST", "/execute/sync", {"script": script, "args": list(args)})

    def execute_async(self, script, *args):
        return self.command("POST", "/execute/async", {"script": script, "args": list(args)})

    def find(self, css):
        """The element for `css`, or None."""
        try:
            found = self.command("POST", "/element", {"using": "css selector", "value": css})
        except WebDriverError as error:
            if error.error == "no such element":
                return None
            raise
        return found[ELEMENT]

    def wait_for(self, css, limit=20.0):
        deadline = time.monotonic() + limit
        while True:
            element = self.find(css)
            if element is not None:
                return element
            if time.monotonic() > deadline:
                raise RuntimeError(f"{css} did not appear within {limit:.0f} s")
            time.sleep(0.05)

    def tap(self, css, limit=20.0):
        """Taps an element like a patient would (a real WebDriver click), retrying a redrawn one."""
        last = None
        for _ in range(5):
            element = self.wait_for(css, limit)
            try:
                self.execute(
                    "arguments[0].scrollIntoView({block: 'center'}); return true;", {ELEMENT: element}
                )
                self.command("POST", f"/element/{element}/click", {})
                return
            except WebDriverError as error:
                last = error
                time.sleep(0.2)
        raise RuntimeError(f"{css} could not be tapped: {last}")

    def app_pid(self):
        """The app's process: the one started here, else the driver's child."""
        if self.app:
            return self.app.pid
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        return int(children[0]) if children else None

    def stop(self):
        try:
            self.command("DELETE", "")
        except (WebDriverError, OSError):
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        if self.app:
            try:
                os.killpg(self.app.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.app.wait()
