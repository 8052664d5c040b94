"""Restart and failure policy with real children: the gaps between spawns of
a crashing program (exponential, capped), retries that never end, the start
after a FATAL cool-off, supervisord exiting with a program's fatal_action or
exit_action status after stopping the others in order, operator stops that
survive a restart and a SIGHUP (statefile), and `update` restarting only the
changed member of a group (update_restarts=changed)."""

import datetime
import re
import signal
import subprocess
import unittest

from harness import (SUPERVISORCTL, SUPERVISORD_SECTION, UNIX_SERVER, Supervisord, conf, main, rpc, wait_until)

CTL = "[supervisorctl]\nserverurl=unix://{dir}/supervisor.sock\n"
HEADER = SUPERVISORD_SECTION + "identifier=it\n" + UNIX_SERVER + CTL
STAMPED = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) (\w+) (.*)$")


def stamps(d, pattern):
    """Seconds since the epoch of every main-log record matching `pattern`."""
    rx = re.compile(pattern)
    out = []
    for line in d.read("daemon.out").splitlines():
        m = STAMPED.match(line)
        if m and rx.search(m.group(3)):
            out.append(datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp())
    return out


def gaps(times):
    return [round(b - a, 2) for a, b in zip(times, times[1:])]


def server_of(d):
    d.wait_log("supervisord started")
    return rpc("unix://" + d.path("supervisor.sock"))


def state(server, name):
    return server.supervisor.getProcessInfo(name)["statename"]


class Backoff(unittest.TestCase):
    def test_exponential_waits_double_up_to_the_cap(self):
        d = Supervisord(self, conf(HEADER, """
            [program:crash]
            command=/bin/sh -c "exit 1"
            startretries=4
            backoff=exponential
            backoff_max=3
            """)).start()
        d.wait_log("gave up: crash entered FATAL state", timeout=20)
        spawns = stamps(d, r"^spawned: 'crash'")
        self.assertEqual(len(spawns), 5, d.read("daemon.out"))
        for got, want in zip(gaps(spawns), [1, 2, 3, 3]):
            self.assertAlmostEqual(got, want, delta=0.35, msg=gaps(spawns))
        self.assertEqual(d.stop(), 0)

    def test_linear_without_the_keys_is_supervisors(self):
        d = Supervisord(self, conf(HEADER, """
            [program:crash]
            command=/bin/sh -c "exit 1"
            startretries=3
            """)).start()
        d.wait_log("gave up: crash entered FATAL state", timeout=20)
        for got, want in zip(gaps(stamps(d, r"^spawned: 'crash'")), [1, 2, 3]):
            self.assertAlmostEqual(got, want, delta=0.35)
        self.assertEqual(d.stop(), 0)

    def test_infinite_retries_never_give_up(self):
        d = Supervisord(self, conf(HEADER, """
            [program:crash]
            command=/bin/sh -c "exit 1"
            startretries=infinite
            backoff_max=1
            """)).start()
        d.wait_log(r"^spawned: 'crash'", count=7, timeout=20)
        self.assertIn(state(server_of(d), "crash"), ("BACKOFF", "STARTING"))
        self.assertFalse(any("gave up" in m for m in d.messages()))
        self.assertEqual(d.stop(), 0)


class FatalRetry(unittest.TestCase):
    def test_a_fatal_program_is_started_again_after_the_cool_off(self):
        d = Supervisord(self, conf(HEADER, """
            [program:crash]
            command=/bin/sh -c "exit 1"
            startretries=0
            fatal_retry_after=2
            """)).start()
        d.wait_log("gave up: crash entered FATAL state")
        d.wait_log(r"^retrying: crash was FATAL for 2 seconds \(fatal_retry_after\)", timeout=10)
        d.wait_log("gave up: crash entered FATAL state", count=2, timeout=10)
        fatal = stamps(d, "gave up: crash")
        retry = stamps(d, "retrying: crash")
        self.assertAlmostEqual(retry[0] - fatal[0], 2, delta=0.35)
        self.assertEqual(d.stop(), 0)


class FailureActions(unittest.TestCase):
    def test_fatal_action_exit_stops_everything_in_order_and_exits_with_its_status(self):
        d = Supervisord(self, conf(HEADER, """
            [program:first]
            command=/bin/sleep 1000
            priority=1
            [program:second]
            command=/bin/sleep 1000
            priority=2
            [program:key]
            command=/bin/sh -c "sleep 1.5; exit 1"
            startsecs=2
            startretries=0
            priority=3
            fatal_action=exit:3
            """)).start()
        server = server_of(d)
        wait_until(lambda: state(server, "first") == "RUNNING" and state(server, "second") == "RUNNING")
        self.assertEqual(d.proc.wait(20), 3, d.read("daemon.out"))
        messages = d.messages()
        self.assertIn("key entered FATAL state (fatal_action=exit:3): stopping every process, then supervisord "
                      "exits with status 3", messages)
        stopped = [m for m in messages if m.startswith("stopped: ")]
        self.assertEqual([m.split()[1] for m in stopped], ["second", "first"], messages)
        self.assertEqual(d.leftovers(), [])

    def test_exit_action_shutdown_when_a_program_ends_for_good(self):
        d = Supervisord(self, conf(HEADER, """
            [program:other]
            command=/bin/sleep 1000
            [program:job]
            command=/bin/sh -c "sleep 1.5; exit 0"
            autorestart=false
            exit_action=shutdown
            """)).start()
        self.assertEqual(d.proc.wait(20), 0)
        self.assertTrue(any(m.startswith("job exited and is not restarted (exit_action=shutdown)")
                            for m in d.messages()), d.read("daemon.out"))
        self.assertIn("stopped: other (terminated by SIGTERM)", d.messages())
        self.assertEqual(d.leftovers(), [])

    def test_an_operator_stop_is_not_an_exit(self):
        d = Supervisord(self, conf(HEADER, """
            [program:job]
            command=/bin/sleep 1000
            autorestart=false
            exit_action=exit:4
            """)).start()
        server = server_of(d)
        wait_until(lambda: state(server, "job") == "RUNNING")
        server.supervisor.stopProcess("job")
        self.assertIsNone(d.proc.poll())
        self.assertEqual(d.stop(), 0)


class Statefile(unittest.TestCase):
    PROGRAMS = """
        [program:web]
        command=/bin/sleep 1000
        startsecs=0
        [program:worker]
        command=/bin/sleep 1000
        startsecs=0
        [program:manual]
        command=/bin/sleep 1000
        startsecs=0
        autostart=false
        """

    def config(self):
        return conf(HEADER.replace("[supervisord]\n", "[supervisord]\nstatefile={dir}/state\n"), self.PROGRAMS)

    def test_stops_and_starts_by_hand_survive_a_restart_and_a_sighup(self):
        d = Supervisord(self, self.config()).start()
        server = server_of(d)
        wait_until(lambda: state(server, "web") == "RUNNING")
        server.supervisor.stopProcess("web")
        server.supervisor.startProcess("manual")
        wait_until(lambda: "stopped web" in d.read("state") and "started manual" in d.read("state"))
        self.assertEqual(d.stop(), 0)

        again = d.start()  # the same directory, config and statefile
        server = server_of(again)
        wait_until(lambda: state(server, "worker") == "RUNNING" and state(server, "manual") == "RUNNING")
        self.assertEqual(state(server, "web"), "STOPPED")

        again.send_signal(signal.SIGHUP)
        again.wait_log("supervisord started", count=2)
        server = rpc("unix://" + again.path("supervisor.sock"))
        wait_until(lambda: state(server, "worker") == "RUNNING" and state(server, "manual") == "RUNNING")
        self.assertEqual(state(server, "web"), "STOPPED")

        server.supervisor.startProcess("web")
        wait_until(lambda: "started web" in again.read("state"))
        again.send_signal(signal.SIGHUP)
        again.wait_log("supervisord started", count=3)
        server = rpc("unix://" + again.path("supervisor.sock"))
        wait_until(lambda: state(server, "web") == "RUNNING")
        self.assertEqual(again.stop(), 0)
        self.assertEqual(again.leftovers(), [])

    def test_a_foreign_statefile_is_reported_and_left_alone(self):
        d = Supervisord(self, self.config())
        d.write("state", "precious data\n")
        d.start()
        server = server_of(d)
        wait_until(lambda: state(server, "web") == "RUNNING")
        server.supervisor.stopProcess("web")
        self.assertTrue(any("is not a supervisor-native state file" in m for m in d.messages()))
        self.assertEqual(d.stop(), 0)
        self.assertEqual(d.read("state"), "precious data\n")

    def test_without_a_statefile_a_stop_is_forgotten(self):
        d = Supervisord(self, conf(HEADER, "[program:web]\ncommand=/bin/sleep 1000\nstartsecs=0\n")).start()
        server = server_of(d)
        wait_until(lambda: state(server, "web") == "RUNNING")
        server.supervisor.stopProcess("web")
        d.send_signal(signal.SIGHUP)
        d.wait_log("supervisord started", count=2)
        server = rpc("unix://" + d.path("supervisor.sock"))
        wait_until(lambda: state(server, "web") == "RUNNING")
        self.assertEqual(d.stop(), 0)


GROUP = """
    [group:trio]
    programs=a,b,c
    [program:a]
    command=/bin/sleep 1000
    startsecs=0
    [program:b]
    command=/bin/sleep %s
    startsecs=0
    [program:c]
    command=/bin/sleep 1000
    startsecs=0
    """


class UpdateRestarts(unittest.TestCase):
    def pids(self, server):
        return {i["name"]: i["pid"] for i in server.supervisor.getAllProcessInfo()}

    def update(self, d, header):
        d.write("supervisord.conf", d.expand(conf(header, GROUP % "2000")))
        return subprocess.run([SUPERVISORCTL, "-c", d.conf, "update"], capture_output=True, text=True, timeout=30)

    def run_update(self, update_restarts):
        header = HEADER.replace("[supervisord]\n", "[supervisord]\nupdate_restarts=%s\n" % update_restarts)
        d = Supervisord(self, conf(header, GROUP % "1000")).start()
        server = server_of(d)
        wait_until(lambda: all(p for p in self.pids(server).values()) and len(self.pids(server)) == 3)
        before = self.pids(server)
        r = self.update(d, header)
        self.assertEqual(r.returncode, 0, r.stderr)
        wait_until(lambda: all(i["statename"] == "RUNNING" for i in server.supervisor.getAllProcessInfo()))
        return d, server, before, self.pids(server), r.stdout

    def test_changed_restarts_only_the_changed_member(self):
        d, server, before, after, out = self.run_update("changed")
        self.assertEqual(out, "trio: updated process group\n")
        self.assertEqual(after["a"], before["a"])
        self.assertEqual(after["c"], before["c"])
        self.assertNotEqual(after["b"], before["b"])
        self.assertIn("updated trio in place: 1 of its processes replaced (update_restarts=changed)", d.messages())
        self.assertEqual(d.stop(), 0)
        self.assertEqual(d.leftovers(), [])

    def test_group_the_default_restarts_the_whole_group(self):
        d, _server, before, after, out = self.run_update("group")
        self.assertEqual(out, "trio: stopped\ntrio: updated process group\n")
        for name in "abc":
            self.assertNotEqual(after[name], before[name], name)
        self.assertEqual(d.stop(), 0)


if __name__ == "__main__":
    main()
