"""healthcheck=: a program that stops answering is found unhealthy after
healthcheck_retries failures in a row and restarted (or stopped, or only
reported); health shows in the description, in native.getProcessHealth and
as PROCESS_HEALTH_* events, which only listeners naming them receive."""

import time
import unittest
import xmlrpc.client

from harness import (STATUS_SERVER, SUPERVISORD_SECTION, UNIX_SERVER, Supervisord, conf, free_port, main, rpc,
                     wait_until)

HEADER = SUPERVISORD_SECTION + "identifier=it\n" + UNIX_SERVER

# A listener that writes every event it gets to a file.
LISTENER = """\
import sys
out = open(sys.argv[1], "a")
while True:
    sys.stdout.write("READY\\n"); sys.stdout.flush()
    header = dict(kv.split(":", 1) for kv in sys.stdin.readline().split())
    body = sys.stdin.read(int(header["len"]))
    out.write(header["eventname"] + " " + body + "\\n"); out.flush()
    sys.stdout.write("RESULT 2\\nOK"); sys.stdout.flush()
"""


def server_of(d):
    d.wait_log("supervisord started")
    return rpc("unix://" + d.path("supervisor.sock"))


class Health(unittest.TestCase):
    def daemon(self, extra="", action="restart"):
        self.port = free_port()
        d = Supervisord(self, conf(HEADER, """
            [program:web]
            command={python} {dir}/server.py %d 0 {dir}/code
            ready=tcp:127.0.0.1:%d
            healthcheck=http://127.0.0.1:%d/health
            healthcheck_interval=1
            healthcheck_timeout=1
            healthcheck_retries=2
            healthcheck_action=%s
            """ % (self.port, self.port, self.port, action), extra))
        d.write("server.py", STATUS_SERVER)
        d.write("listener.py", LISTENER)
        d.write("code", "200\n")
        return d

    def test_an_unhealthy_program_is_restarted_once_per_failure_streak(self):
        d = self.daemon("""
            [eventlistener:health]
            command={python} {dir}/listener.py {dir}/health.events
            events=PROCESS_HEALTH
            [eventlistener:all]
            command={python} {dir}/listener.py {dir}/all.events
            events=EVENT
            """).start()
        server = server_of(d)
        d.wait_log(r"web is healthy \(http://127.0.0.1:%d/health\)" % self.port, 10)
        self.assertRegex(server.supervisor.getProcessInfo("web")["description"], r"^pid \d+, uptime [\d:]+, healthy$")
        first_pid = server.supervisor.getProcessInfo("web")["pid"]
        d.write("code", "500\n")
        d.wait_log(r"web is unhealthy: 2 checks failed in a row, the last: HTTP 500", 10)
        d.wait_log(r"restarting web \(healthcheck_action=restart\)")
        wait_until(lambda: server.supervisor.getProcessInfo("web")["pid"] not in (0, first_pid), 10,
                   what="a new web")
        d.write("code", "200\n")  # the new child answers again before its own streak ends
        d.wait_log(r"web is healthy", 10, count=2)
        time.sleep(1.5)
        self.assertEqual(sum(1 for m in d.messages() if m.startswith("restarting web")), 1)
        health = server.native.getProcessHealth("web")
        self.assertEqual(health["health"], "HEALTHY")
        self.assertEqual(health["failures"], 0)
        self.assertEqual(health["check"], "http://127.0.0.1:%d/health" % self.port)
        self.assertIn("native.getAllProcessHealth", server.system.listMethods())
        wait_until(lambda: d.read("health.events").count("\n") >= 3, 10, what="three health events")
        names = [line.split(" ")[0] for line in d.read("health.events").splitlines()]
        self.assertEqual(names[:3], ["PROCESS_HEALTH_HEALTHY", "PROCESS_HEALTH_UNHEALTHY", "PROCESS_HEALTH_HEALTHY"])
        self.assertRegex(d.read("health.events").splitlines()[1],
                         r"^PROCESS_HEALTH_UNHEALTHY processname:web groupname:web from_health:HEALTHY pid:\d+ "
                         r"failures:2$")
        self.assertNotIn("PROCESS_HEALTH", d.read("all.events"))  # EVENT does not include them
        d.stop()

    def test_stop_and_none(self):
        d = self.daemon(action="stop").start()
        server = server_of(d)
        d.wait_log(r"web is healthy", 10)
        d.write("code", "503\n")
        d.wait_log(r"stopping web \(healthcheck_action=stop\)", 10)
        wait_until(lambda: server.supervisor.getProcessInfo("web")["statename"] == "STOPPED", 10, what="STOPPED")
        d.stop()
        d2 = self.daemon(action="none").start()
        server = server_of(d2)
        d2.wait_log(r"web is healthy", 10)
        d2.write("code", "503\n")
        d2.wait_log(r"web is unhealthy", 10)
        time.sleep(1.2)
        info = server.supervisor.getProcessInfo("web")
        self.assertEqual(info["statename"], "RUNNING")
        self.assertRegex(info["description"], r", unhealthy: HTTP 503$")
        self.assertEqual(server.native.getProcessHealth("web")["health"], "UNHEALTHY")
        d2.stop()

    def test_without_a_healthcheck_there_is_no_native_namespace(self):
        d = Supervisord(self, conf(HEADER, """
            [program:plain]
            command=sleep 1000
            """)).start()
        server = server_of(d)
        self.assertFalse([m for m in server.system.listMethods() if m.startswith("native.")])
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            server.native.getProcessHealth("plain")
        self.assertEqual(caught.exception.faultCode, 1)  # UNKNOWN_METHOD
        d.stop()


if __name__ == "__main__":
    main()
