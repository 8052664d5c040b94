#!/usr/bin/env python3
"""The fork's [supervisord] subprocpidfile:
programs outlive supervisord and are adopted again at the next start, a
recycled pid is never adopted, and without the option nothing changes."""
import os
import signal
import subprocess
import time
import unittest

from harness import SUPERVISORCTL, SUPERVISORD_SECTION, Supervisord, alive, conf, free_port, main, proc_stat, rpc, wait_until

# The 4.2 keys of getProcessInfo; the fork adds "resumed" only with its option.
KEYS_42 = {"name", "group", "start", "stop", "now", "state", "statename", "spawnerr", "exitstatus", "logfile",
           "stdout_logfile", "stderr_logfile", "pid", "description"}


def config(port, pidfile=True):
    return conf(SUPERVISORD_SECTION, """
        subprocpidfile={dir}/subprocess.pids
        """ if pidfile else "", """
        [inet_http_server]
        port=127.0.0.1:%d

        [rpcinterface:supervisor]
        supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

        [program:job]
        command=sleep 1000
        startsecs=1
        autorestart=true
        exitcodes=999

        [program:other]
        command=sleep 1001
        startsecs=0

        [program:plain]
        command=sleep 1004
        startsecs=0

        [eventlistener:listener]
        command=sh -c 'printf "READY\\n"; exec cat >/dev/null'
        events=TICK_3600
        """ % port)


class SubprocPidfileTest(unittest.TestCase):

    def setUp(self):
        self.port = free_port()
        self.extra = []  # processes this test starts itself

    def tearDown(self):
        for p in self.extra:
            p.kill()
            p.wait(5)

    def daemon(self, text):
        d = Supervisord(self, text)
        d.start()
        self.p = rpc("http://127.0.0.1:%d/RPC2" % self.port)
        wait_until(lambda: self.answers(), what="supervisord answering")
        return d

    def answers(self):
        try:
            return self.p.supervisor.getState()["statename"] == "RUNNING"
        except OSError:
            return False

    def info(self, name):
        return self.p.supervisor.getProcessInfo(name)

    def wait_running(self, name, other_than=0):
        return wait_until(lambda: (lambda i: i if i["statename"] == "RUNNING" and i["pid"] != other_than else None)(
            self.info(name)), timeout=15, what="%s RUNNING" % name)

    def restart_daemon(self, d):
        """Starts the same configuration again, in a new supervisord."""
        d.start()
        wait_until(lambda: self.answers(), what="supervisord answering again")

    def test_programs_survive_a_stop_and_are_resumed(self):
        d = self.daemon(config(self.port))
        job = self.wait_running("job")
        other = self.wait_running("other")
        listener = self.wait_running("listener")
        self.assertEqual(set(job), KEYS_42 | {"resumed"})
        self.assertIs(job["resumed"], False)
        self.assertNotIn("[resumed]", job["description"])
        wait_until(lambda: "job %d %d " % (job["pid"], job["start"]) in d.read("subprocess.pids"),
                   what="the pid file listing job")
        self.assertIn("other %d %d " % (other["pid"], other["start"]), d.read("subprocess.pids"))
        self.assertNotIn("listener", d.read("subprocess.pids"))

        self.assertEqual(d.stop(), 0)
        self.assertIn("exiting without killing managed sub-processes", d.read("daemon.out"))
        self.assertTrue(alive(job["pid"]) and alive(other["pid"]))
        wait_until(lambda: not alive(listener["pid"]), what="the listener stopped")  # its pipes ended

        self.restart_daemon(d)
        resumed = self.info("job")
        self.assertEqual(resumed["statename"], "RUNNING")
        self.assertEqual(resumed["pid"], job["pid"])
        self.assertEqual(resumed["start"], job["start"])
        self.assertIs(resumed["resumed"], True)
        self.assertTrue(resumed["description"].startswith("pid %d, uptime " % job["pid"]), resumed["description"])
        self.assertTrue(resumed["description"].endswith(" [resumed]"), resumed["description"])
        self.assertNotEqual(self.wait_running("listener")["pid"], listener["pid"])
        status = subprocess.run([SUPERVISORCTL, "-s",
                                 "http://127.0.0.1:%d" % self.port, "status", "job"],
                                capture_output=True, text=True, timeout=30)
        self.assertIn("[resumed]", status.stdout)

        # a restart (SIGHUP) leaves them running too, and adopts them again
        d.send_signal(signal.SIGHUP)
        d.wait_log("resumed: 'job' with pid %d" % job["pid"], count=2, timeout=15)
        wait_until(lambda: self.answers(), what="supervisord answering after SIGHUP")
        self.assertEqual(self.info("job")["pid"], job["pid"])

        # a stop reaches the adopted process
        self.assertTrue(self.p.supervisor.stopProcess("other"))
        self.assertEqual(self.info("other")["statename"], "STOPPED")
        wait_until(lambda: not alive(other["pid"]), what="other's sleep killed")

        # its end is seen though it is not our child; autorestart spawns a new one
        os.kill(job["pid"], signal.SIGKILL)
        again = self.wait_running("job", other_than=job["pid"])
        self.assertIs(again["resumed"], False)
        self.assertIn("exited: job (exit status unknown (adopted); not expected)", d.read("daemon.out"))
        # How it ended is unknown, so it is never "expected": a program with
        # the default exitcodes and autorestart=unexpected is restarted too.
        plain = self.info("plain")
        self.assertIs(plain["resumed"], True)
        os.kill(plain["pid"], signal.SIGKILL)
        restarted = self.wait_running("plain", other_than=plain["pid"])
        self.assertIs(restarted["resumed"], False)
        self.assertIn("exited: plain (exit status unknown (adopted); not expected)", d.read("daemon.out"))
        wait_until(lambda: "job %d " % again["pid"] in d.read("subprocess.pids"), what="the pid file updated")
        self.assertNotIn("other ", d.read("subprocess.pids"))

    def test_a_pid_now_belonging_to_another_process_is_not_adopted(self):
        # The fork's three-field lines are read: a process started when the
        # line says is adopted, one started long after is not.
        same = subprocess.Popen(["sleep", "1002"])
        later = subprocess.Popen(["sleep", "1003"])
        self.extra += [same, later]
        now = int(time.time())
        d = Supervisord(self, config(self.port))
        d.write("subprocess.pids", "job %d %d\nother %d %d\nnosuch 1 %d\n"
                % (same.pid, now, later.pid, now - 600, now))
        d.start()
        self.p = rpc("http://127.0.0.1:%d/RPC2" % self.port)
        wait_until(lambda: self.answers(), what="supervisord answering")
        self.assertEqual(self.info("job")["pid"], same.pid)
        self.assertIs(self.info("job")["resumed"], True)
        other = self.wait_running("other")
        self.assertNotEqual(other["pid"], later.pid)
        self.assertIs(other["resumed"], False)
        self.assertIsNone(later.poll())  # never signalled
        log = d.read("daemon.out")
        self.assertIn("not resuming pid %d of other: the pid now belongs to another process" % later.pid, log)
        self.assertIn("not resuming pid 1 of nosuch: no such process in the configuration", log)
        # our own line for job, with the kernel's start time, replaces the fork's
        ticks = proc_stat(same.pid)[19]
        wait_until(lambda: "job %d %d %s\n" % (same.pid, now, ticks) in d.read("subprocess.pids"),
                   what="the pid file rewritten")

    def test_without_the_option_nothing_changes(self):
        d = self.daemon(config(self.port, pidfile=False))
        job = self.wait_running("job")
        self.assertEqual(set(job), KEYS_42)
        self.assertEqual(d.stop(), 0)
        self.assertFalse(alive(job["pid"]))
        self.assertNotIn("exiting without killing", d.read("daemon.out"))
        self.assertFalse(os.path.exists(d.path("subprocess.pids")))


if __name__ == "__main__":
    main()
