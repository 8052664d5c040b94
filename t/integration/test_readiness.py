"""depends_on and ready=: a program starts only once what it depends on is
ready, "ready" meaning what ready= says (READY=1 on NOTIFY_SOCKET, a newline
on a descriptor, a TCP port, an HTTP 2xx, a command's exit 0); a dependency
that goes FATAL leaves its dependents waiting, and says so; a stop stops the
dependents first; cycles and unknown names are config errors."""

import datetime
import os
import re
import subprocess
import time
import unittest
import xmlrpc.client

from harness import (STATUS_SERVER, SUPERVISORD_SECTION, UNIX_SERVER, Supervisord, conf, free_port, main, rpc,
                     wait_until)

HEADER = SUPERVISORD_SECTION + "identifier=it\n" + UNIX_SERVER
STAMPED = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) (\w+) (.*)$")

# Sends READY=1 (and a STATUS=) on $NOTIFY_SOCKET after a delay, then sleeps.
NOTIFIER = """\
import os, socket, sys, time
time.sleep(float(sys.argv[1]))
address = os.environ["NOTIFY_SOCKET"]
if address.startswith("@"):
    address = "\\0" + address[1:]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.sendto(b"STATUS=warming up\\n", address)
s.sendto(b"READY=1\\nSTATUS=serving\\n", address)
time.sleep(1000)
"""


def events(d):
    """(seconds since the epoch, message) of the main log's records."""
    out = []
    for line in d.read("daemon.out").splitlines():
        m = STAMPED.match(line)
        if m:
            t = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
            out.append((t, m.group(3)))
    return out


def when(d, pattern):
    rx = re.compile(pattern)
    for t, message in events(d):
        if rx.search(message):
            return t
    raise AssertionError("no log record matches %r:\n%s" % (pattern, d.read("daemon.out")))


def position(d, pattern):
    """Where the first record matching `pattern` is in the main log."""
    rx = re.compile(pattern)
    for i, (_t, message) in enumerate(events(d)):
        if rx.search(message):
            return i
    raise AssertionError("no log record matches %r:\n%s" % (pattern, d.read("daemon.out")))


def server_of(d):
    d.wait_log("supervisord started")
    return rpc("unix://" + d.path("supervisor.sock"))


def info(server, name):
    return server.supervisor.getProcessInfo(name)


class Dependencies(unittest.TestCase):
    def daemon(self, programs):
        d = Supervisord(self, conf(HEADER, programs))
        d.write("server.py", STATUS_SERVER)
        d.write("notifier.py", NOTIFIER)
        return d

    def test_a_chain_starts_each_link_after_the_one_before_is_ready(self):
        port = free_port()
        d = self.daemon("""
            [program:tail]
            command=/bin/sh -c "echo > /dev/fd/3; exec sleep 1000"
            depends_on=middle
            ready=fd:3
            [program:middle]
            command={python} {dir}/notifier.py 0.5
            depends_on=head
            ready=notify
            [program:head]
            command={python} {dir}/server.py %d 1.0
            ready=tcp:127.0.0.1:%d
            """ % (port, port)).start()
        d.wait_log(r"success: tail entered RUNNING state, process is ready \(ready=fd:3\)", 15)
        head_ready = when(d, r"success: head entered RUNNING state, process is ready \(ready=tcp:127.0.0.1:%d\)" % port)
        middle_spawn = when(d, r"spawned: 'middle'")
        middle_ready = when(d, r"success: middle entered RUNNING")
        tail_spawn = when(d, r"spawned: 'tail'")
        self.assertGreaterEqual(head_ready - when(d, r"spawned: 'head'"), 0.9)  # the port opened after 1 s
        self.assertGreaterEqual(middle_spawn, head_ready)
        self.assertGreaterEqual(middle_ready - middle_spawn, 0.4)  # READY=1 after 0.5 s
        self.assertGreaterEqual(tail_spawn, middle_ready)
        server = server_of(d)
        self.assertRegex(info(server, "middle")["description"], r"^pid \d+, uptime 0:00:\d\d, serving$")
        d.stop()

    def test_a_waiting_program_says_what_it_waits_for(self):
        port = free_port()
        d = self.daemon("""
            [program:web]
            command=sleep 1000
            depends_on=db
            startsecs=0
            [program:db]
            command={python} {dir}/server.py %d 2.0
            ready=tcp:127.0.0.1:%d
            """ % (port, port)).start()
        server = server_of(d)
        wait_until(lambda: info(server, "db")["statename"] == "STARTING", what="db STARTING")
        web = info(server, "web")
        self.assertEqual(web["statename"], "STOPPED")
        self.assertEqual(web["description"], "waiting for db")
        wait_until(lambda: info(server, "web")["statename"] == "RUNNING", 10, what="web RUNNING")
        d.stop()

    def test_a_fatal_dependency_leaves_its_dependents_waiting_and_start_says_why(self):
        d = self.daemon("""
            [program:web]
            command=sleep 1000
            depends_on=db
            startsecs=0
            [program:db]
            command=/bin/sh -c "exit 3"
            startretries=0
            """).start()
        server = server_of(d)
        wait_until(lambda: info(server, "db")["statename"] == "FATAL", what="db FATAL")
        wait_until(lambda: info(server, "web")["description"] == "waiting for db (FATAL)", what="web's description")
        self.assertEqual(info(server, "web")["statename"], "STOPPED")
        # An operator's start tries db again; when it fails again, so does the start of web.
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            server.supervisor.startProcess("web")
        self.assertEqual(caught.exception.faultCode, 50)  # SPAWN_ERROR
        self.assertEqual(info(server, "web")["description"], "waiting for db (FATAL)")
        self.assertTrue(server.supervisor.stopProcess("web"))  # no longer waits
        self.assertEqual(info(server, "web")["description"], "Not started")
        d.stop()

    def test_an_operators_start_starts_what_is_missing_and_stop_stops_dependents_first(self):
        d = self.daemon("""
            [program:web]
            command=sleep 1000
            depends_on=db
            autostart=false
            startsecs=0
            [program:db]
            command=sleep 1000
            autostart=false
            startsecs=0
            """).start()
        server = server_of(d)
        self.assertTrue(server.supervisor.startProcess("web"))
        self.assertEqual(info(server, "db")["statename"], "RUNNING")
        self.assertEqual(info(server, "web")["statename"], "RUNNING")
        self.assertTrue(server.supervisor.stopProcess("db"))
        self.assertEqual(info(server, "web")["statename"], "STOPPED")
        self.assertEqual(info(server, "db")["statename"], "STOPPED")
        self.assertLess(position(d, r"stopped: web "), position(d, r"stopped: db "))
        d.stop()

    def test_shutdown_stops_dependents_before_what_they_need(self):
        d = self.daemon("""
            [program:web]
            command=sleep 1000
            depends_on=db
            priority=1
            startsecs=0
            [program:db]
            command=sleep 1000
            priority=2
            startsecs=0
            """).start()
        d.wait_log("success: web entered RUNNING")
        self.assertEqual(d.stop(), 0)
        # By priority db (2) would stop first; web depends on it, so web goes first.
        self.assertLess(position(d, r"stopped: web "), position(d, r"stopped: db "))

    def test_cycles_and_unknown_names_are_config_errors(self):
        d = self.daemon("""
            [program:a]
            command=sleep 1
            depends_on=b
            [program:b]
            command=sleep 1
            depends_on=a
            """)
        rc, out, err = d.run_to_exit()
        self.assertEqual(rc, 2)
        self.assertIn("[program:a] depends_on: the start dependencies make a cycle: a -> b -> a", out + err)
        d2 = self.daemon("""
            [program:a]
            command=sleep 1
            depends_on=nothing
            """)
        rc, out, err = d2.run_to_exit()
        self.assertEqual(rc, 2)
        self.assertRegex(out + err, r"supervisord\.conf:\d+: \[program:a\] depends_on: no program, group or process "
                                    r"is named 'nothing'")


class Readiness(unittest.TestCase):
    def test_http_readiness_waits_for_a_2xx(self):
        port = free_port()
        d = Supervisord(self, conf(HEADER, """
            [program:web]
            command={python} {dir}/server.py %d 0.3 {dir}/code
            ready=http://127.0.0.1:%d/health
            """ % (port, port)))
        d.write("server.py", STATUS_SERVER)
        d.write("code", "503\n")
        d.start()
        server = server_of(d)
        time.sleep(1.0)
        self.assertEqual(info(server, "web")["statename"], "STARTING")  # answers, but 503
        d.write("code", "204\n")
        d.wait_log(r"success: web entered RUNNING state, process is ready \(ready=http://127.0.0.1:%d/health\)" % port)
        d.stop()

    def test_command_readiness(self):
        d = Supervisord(self, conf(HEADER, """
            [program:worker]
            command=/bin/sh -c "sleep 0.5; touch {dir}/up; exec sleep 1000"
            ready=command:test -e {dir}/up
            """)).start()
        d.wait_log(r"success: worker entered RUNNING state, process is ready \(ready=command:test -e ")
        self.assertGreaterEqual(when(d, "success: worker") - when(d, "spawned: 'worker'"), 0.4)
        d.stop()

    def test_not_ready_in_time_is_a_failed_start(self):
        d = Supervisord(self, conf(HEADER, """
            [program:mute]
            command=sleep 1000
            ready=notify
            ready_timeout=1
            startretries=0
            """)).start()
        d.wait_log(r"mute was not ready within 1 seconds \(ready_timeout\): stopping it")
        d.wait_log(r"gave up: mute entered FATAL state")
        server = server_of(d)
        self.assertEqual(info(server, "mute")["description"], "Not ready within 1 seconds (ready_timeout)")
        d.stop()

    def test_a_child_that_exits_before_it_is_ready_backs_off(self):
        d = Supervisord(self, conf(HEADER, """
            [program:quitter]
            command=/bin/sh -c "sleep 1.5; exit 0"
            ready=fd:4
            startsecs=1
            startretries=0
            """)).start()
        d.wait_log(r"gave up: quitter entered FATAL state", 10)  # up 1.5 s > startsecs, but never ready
        d.stop()

    @unittest.skipUnless(os.geteuid() == 0, "needs root to send as another user")
    def test_notify_from_another_user_is_ignored(self):
        d = Supervisord(self, conf(HEADER, """
            [program:svc]
            command=sleep 1000
            ready=notify
            ready_timeout=30
            """)).start()
        d.wait_log("spawned: 'svc'")
        pid = [p for p in d.children()][0]
        with open("/proc/%d/environ" % pid, "rb") as f:
            env = dict(kv.split(b"=", 1) for kv in f.read().split(b"\0") if b"=" in kv)
        address = env[b"NOTIFY_SOCKET"].decode()
        self.assertTrue(address.startswith("@supervisor-native/"))
        send = ("import socket; s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); "
                "s.sendto(b'READY=1', '\\0%s')" % address[1:])
        subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", send],
                       check=True)
        time.sleep(0.5)
        server = server_of(d)
        self.assertEqual(info(server, "svc")["statename"], "STARTING")
        subprocess.run(["python3", "-c", send], check=True)  # root may
        wait_until(lambda: info(server, "svc")["statename"] == "RUNNING", what="svc RUNNING")
        d.stop()


if __name__ == "__main__":
    main()
