"""The web page: what it shows (escaped), actions only by POST with the
daemon's token, tail.html, and a real click in headless Chromium."""

import re
import unittest
import urllib.parse
import urllib.request

import webdriver
from harness import SUPERVISORD_SECTION, Supervisord, conf, free_port, main, raw_http, rpc, wait_until

BASE = SUPERVISORD_SECTION + """\
identifier=webtest
[inet_http_server]
port=127.0.0.1:%(port)d
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[program:web]
command=/bin/sleep 1000
startsecs=0
[program:x<b>&"]
command=/bin/sh -c "echo '<script>alert(1)</script> & more'; exec /bin/sleep 1000"
stdout_logfile={dir}/evil.log
startsecs=0
[program:stopped]
command=/bin/sleep 1000
autostart=false
"""


class WebPage(unittest.TestCase):
    def setUp(self):
        self.port = free_port()
        self.d = Supervisord(self, conf(BASE % {"port": self.port})).start()
        self.d.wait_log("success: web")
        self.url = "http://127.0.0.1:%d/" % self.port
        self.proxy = rpc("http://127.0.0.1:%d" % self.port)
        wait_until(lambda: "<script>" in self.d.read("evil.log"))

    def fetch(self, path="", data=None):
        req = urllib.request.Request(self.url + path, data=data)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(req, timeout=10) as r:
                return r.status, dict(r.headers), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode()

    def token(self):
        return re.search(r'name="token" value="([0-9a-f]{32})"', self.fetch()[2]).group(1)

    def state(self, name):
        return self.proxy.supervisor.getProcessInfo(name)["statename"]

    def test_status_page_lists_processes_escaped(self):
        status, headers, html = self.fetch()
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "text/html;charset=utf-8")
        self.assertIn("webtest", html)
        self.assertIn(">web</a>", html)
        self.assertIn("RUNNING", html)
        self.assertIn("Not started", html)
        self.assertRegex(html, r"pid \d+, uptime 0:00:\d\d")
        self.assertIn("x&lt;b&gt;&amp;&quot;", html)
        self.assertNotIn('x<b>&"', html)
        self.assertNotIn("<script>", html)
        self.assertNotIn("http://", html.replace(self.url, ""), "no external assets")
        self.assertEqual(self.fetch("index.html")[0], 200)

    def test_tail_page_escapes_log_bytes(self):
        status, _, html = self.fetch("tail.html?processname=" + urllib.parse.quote('x<b>&"'))
        self.assertEqual(status, 200)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", html)
        self.assertNotIn("<script>", html)
        self.assertIn("No process name found", self.fetch("tail.html")[2])

    def test_post_with_token_stops_and_reports(self):
        body = urllib.parse.urlencode({"token": self.token(), "action": "stop", "processname": "web"}).encode()
        status, headers, _ = self.fetch("index.html", body)
        self.assertEqual(status, 303)
        self.assertEqual(headers["Location"], "index.html?message=Process%20web%20stopped")
        self.assertEqual(self.state("web"), "STOPPED")
        _, _, html = self.fetch(headers["Location"])
        self.assertIn("Process web stopped", html)

    def test_every_action(self):
        token = self.token()

        def act(action, name=""):
            body = urllib.parse.urlencode({"token": token, "action": action, "processname": name}).encode()
            status, headers, _ = self.fetch("index.html", body)
            self.assertEqual(status, 303)
            return urllib.parse.unquote(headers["Location"].split("message=", 1)[1])

        self.assertEqual(act("start", "stopped"), "Process stopped started")
        self.assertEqual(self.state("stopped"), "RUNNING")
        self.assertEqual(act("start", "stopped"), "ERROR: Process stopped: already started")
        pid = self.proxy.supervisor.getProcessInfo("web")["pid"]
        self.assertEqual(act("restart", "web"), "Process web restarted")
        self.assertNotEqual(self.proxy.supervisor.getProcessInfo("web")["pid"], pid)
        self.assertEqual(act("clearlog", 'x<b>&"'), 'Log for x<b>&" cleared')
        self.assertEqual(self.d.read("evil.log"), "")
        self.assertEqual(act("stop", "ghost"), "No such process named ghost")
        self.assertRegex(act("stopall"), r"^All stopped at \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$")
        self.assertEqual(self.state("web"), "STOPPED")
        self.assertRegex(act("restartall"), r"^All restarted at ")
        self.assertEqual(self.state("web"), "RUNNING")
        self.assertRegex(act("refresh"), r"^Page refreshed at ")

    def test_no_state_change_without_the_token(self):
        forged = urllib.parse.urlencode({"action": "stop", "processname": "web"}).encode()
        self.assertEqual(self.fetch("index.html", forged)[0], 403)
        wrong = urllib.parse.urlencode({"token": "0" * 32, "action": "stop", "processname": "web"}).encode()
        self.assertEqual(self.fetch("index.html", wrong)[0], 403)
        self.assertEqual(self.state("web"), "RUNNING")

    def test_old_get_action_links_are_refused_with_what_to_use(self):
        status, headers, body = self.fetch("index.html?processname=web&action=stop")
        self.assertEqual(status, 403)
        self.assertEqual(headers["Content-Type"], "text/html;charset=utf-8")
        self.assertIn("<code>index.html?action=stop</code>", body)
        self.assertIn("<code>supervisorctl stop web</code>", body)
        self.assertIn("<code>supervisor.stopProcess</code>", body)
        self.assertEqual(self.state("web"), "RUNNING")
        status, _, body = self.fetch("index.html?action=restartall")
        self.assertEqual(status, 403)
        self.assertIn("<code>supervisor.stopAllProcesses</code> then <code>supervisor.startAllProcesses</code>", body)
        status, _, body = self.fetch("index.html?processname=%3Cb%3E&action=%3Ci%3E")
        self.assertEqual(status, 403)
        self.assertNotIn("<b>", body.split("<body>")[1])
        self.assertNotIn("<i>", body.split("<body>")[1])
        self.assertEqual(self.fetch("index.html?action=refresh")[0], 200, "refresh changes nothing: it still shows")

    def test_token_is_per_daemon(self):
        other = Supervisord(self, conf(BASE % {"port": free_port()}).replace("supervisord.pid", "other.pid"))
        other.start()
        other.wait_log("success: web")
        token = self.token()
        other_url = "http://127.0.0.1:%d/" % int(re.search(r"port=127.0.0.1:(\d+)", open(other.conf).read()).group(1))
        other_html = urllib.request.urlopen(other_url, timeout=10).read().decode()
        self.assertNotIn(token, other_html)

    @unittest.skipUnless(webdriver.available(), "Debian's chromium and chromium-driver are not installed")
    def test_click_stop_in_chromium(self):
        browser = webdriver.Browser()
        self.addCleanup(browser.close)
        browser.get(self.url)
        self.assertIn("Supervisor status", browser.text("h1"))
        browser.click('tr[data-process="web"] button[value="stop"]')
        wait_until(lambda: "message=" in browser.url(), what="the redirect after the action")
        self.assertEqual(browser.text(".message"), "Process web stopped")
        self.assertEqual(self.state("web"), "STOPPED")
        browser.click('tr[data-process="web"] button[value="start"]')
        wait_until(lambda: "started" in browser.url(), what="the start message")
        self.assertEqual(self.state("web"), "RUNNING")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


if __name__ == "__main__":
    main()
