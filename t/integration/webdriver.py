"""A small W3C WebDriver client (Python stdlib only) for Debian's chromium
and chromedriver: enough to load a page, find elements, and click."""

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

from harness import free_port

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def available():
    return os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)


class Browser:
    """Headless Chromium driven through chromedriver; close() stops both."""

    def __init__(self):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="sn-chromium-")
        self.driver = subprocess.Popen([CHROMEDRIVER, "--port=%d" % self.port], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=True)
        self.base = "http://127.0.0.1:%d" % self.port
        deadline = time.monotonic() + 20
        while True:
            try:
                self._request("GET", "/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.close()
                    raise
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--user-data-dir=" + self.profile]}}}}
        self.session = self._request("POST", "/session", caps)["sessionId"]

    def _request(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.loads(r.read() or b"{}").get("value", {}) if path != "/status" else {}
        except urllib.error.HTTPError as e:
            raise RuntimeError("webdriver %s %s: %s" % (method, path, e.read()[:500]))

    def _session(self, method, path, body=None):
        return self._request(method, "/session/%s%s" % (self.session, path), body)

    def get(self, url):
        self._session("POST", "/url", {"url": url})

    def find(self, css):
        return self._session("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def click(self, css):
        self._session("POST", "/element/%s/click" % self.find(css), {})

    def text(self, css):
        return self._session("GET", "/element/%s/text" % self.find(css))

    def url(self):
        return self._session("GET", "/url")

    def source(self):
        return self._session("GET", "/source")

    def close(self):
        try:
            if getattr(self, "session", None):
                self._session("DELETE", "")
        except Exception:
            pass
        self.driver.terminate()
        try:
            self.driver.wait(10)
        except subprocess.TimeoutExpired:
            self.driver.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
