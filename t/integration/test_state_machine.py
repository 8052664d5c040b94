"""supervisor 4.2's process state machine, observed through the main log:
crashers, slow starters, programs ignoring SIGTERM, autorestart, exitcodes,
numprocs, groups and priorities."""

import signal
import time
import unittest

from harness import SUPERVISORD_SECTION, Supervisord, conf, main

HEADER = SUPERVISORD_SECTION


def without_noise(messages):
    """The state-machine messages, pids replaced by N."""
    import re
    keep = ("spawned:", "success:", "exited:", "gave up:", "stopped:", "killing", "spawnerr:")
    return [re.sub(r"pid \d+|\(\d+\)", "N", m) for m in messages if m.startswith(keep)]


class StateMachine(unittest.TestCase):
    def test_crasher_backs_off_then_is_fatal(self):
        d = Supervisord(self, conf(HEADER, """
            [program:crash]
            command=/bin/sh -c "exit 1"
            startretries=2
            """)).start()
        d.wait_log("gave up: crash entered FATAL state", timeout=15)
        self.assertEqual(without_noise(d.messages()), [
            "spawned: 'crash' with N",
            "exited: crash (exit status 1; not expected)",
            "spawned: 'crash' with N",
            "exited: crash (exit status 1; not expected)",
            "spawned: 'crash' with N",
            "exited: crash (exit status 1; not expected)",
            "gave up: crash entered FATAL state, too many start retries too quickly",
        ])
        self.assertEqual(d.stop(), 0)

    def test_backoff_waits_one_then_two_seconds(self):
        d = Supervisord(self, conf(HEADER, """
            [program:crash]
            command=/bin/false
            startretries=2
            """)).start()
        t0 = time.monotonic()
        d.wait_log("spawned: 'crash'", count=2, timeout=5)
        t1 = time.monotonic()
        d.wait_log("spawned: 'crash'", count=3, timeout=5)
        t2 = time.monotonic()
        self.assertGreater(t1 - t0, 0.9)
        self.assertGreater(t2 - t1, 1.9)
        self.assertLess(t2 - t1, 2.5)
        d.stop()

    def test_slow_starter_is_running_only_after_startsecs(self):
        d = Supervisord(self, conf(HEADER, """
            [program:slow]
            command=/bin/sleep 30
            startsecs=2
            """)).start()
        d.wait_log("spawned: 'slow'")
        t0 = time.monotonic()
        d.wait_log("success: slow entered RUNNING state, process has stayed up for > than 2 seconds", timeout=5)
        self.assertGreater(time.monotonic() - t0, 1.8)
        self.assertEqual(d.stop(), 0)
        self.assertEqual(d.leftovers(), [])

    def test_exit_before_startsecs_is_backoff_not_exited(self):
        d = Supervisord(self, conf(HEADER, """
            [program:quick]
            command=/bin/sh -c "sleep 0.3; exit 0"
            startsecs=2
            startretries=0
            """)).start()
        d.wait_log("gave up: quick", timeout=5)
        self.assertNotIn("success: quick", " ".join(d.messages()))
        d.stop()

    def test_program_ignoring_sigterm_is_killed_after_stopwaitsecs(self):
        d = Supervisord(self, conf(HEADER, """
            [program:stubborn]
            command=/bin/sh -c "trap '' TERM; while :; do sleep 0.1; done"
            stopwaitsecs=1
            startsecs=0
            """)).start()
        d.wait_log("success: stubborn")
        time.sleep(0.3)
        t0 = time.monotonic()
        self.assertEqual(d.stop(), 0)
        elapsed = time.monotonic() - t0
        self.assertGreater(elapsed, 0.9)
        self.assertLess(elapsed, 3)
        msgs = d.messages()
        self.assertTrue(any(m.startswith("killing 'stubborn' (") and m.endswith(") with SIGKILL") for m in msgs), msgs)
        self.assertIn("stopped: stubborn (terminated by SIGKILL)", msgs)
        self.assertEqual(d.leftovers(), [])

    def test_autorestart_unexpected_restarts_only_bad_exits(self):
        d = Supervisord(self, conf(HEADER, """
            [program:good]
            command=/bin/sh -c "sleep 0.2; exit 0"
            startsecs=0
            [program:bad]
            command=/bin/sh -c "sleep 0.2; exit 7"
            startsecs=0
            startretries=0
            """)).start()
        d.wait_log("spawned: 'bad'", count=3, timeout=5)
        msgs = d.messages()
        self.assertIn("exited: good (exit status 0; expected)", msgs)
        self.assertEqual(sum(1 for m in msgs if m.startswith("spawned: 'good'")), 1)
        self.assertIn("exited: bad (exit status 7; not expected)", msgs)
        d.stop()

    def test_autorestart_true_and_false(self):
        d = Supervisord(self, conf(HEADER, """
            [program:always]
            command=/bin/sh -c "sleep 0.2; exit 0"
            startsecs=0
            autorestart=true
            [program:never]
            command=/bin/sh -c "sleep 0.2; exit 3"
            startsecs=0
            autorestart=false
            """)).start()
        d.wait_log("spawned: 'always'", count=3, timeout=5)
        self.assertEqual(sum(1 for m in d.messages() if m.startswith("spawned: 'never'")), 1)
        d.stop()

    def test_exitcodes_decide_what_is_expected(self):
        d = Supervisord(self, conf(HEADER, """
            [program:two]
            command=/bin/sh -c "sleep 0.2; exit 2"
            startsecs=0
            exitcodes=0,2
            """)).start()
        d.wait_log("exited: two \\(exit status 2; expected\\)")
        time.sleep(0.5)
        self.assertEqual(sum(1 for m in d.messages() if m.startswith("spawned: 'two'")), 1)
        d.stop()

    def test_signal_death_is_unexpected(self):
        d = Supervisord(self, conf(HEADER, """
            [program:selfkill]
            command=/bin/sh -c "sleep 0.2; kill -9 $$"
            startsecs=0
            autorestart=false
            """)).start()
        d.wait_log("exited: selfkill \\(terminated by SIGKILL; not expected\\)")
        d.stop()

    def test_numprocs_start_each_process(self):
        d = Supervisord(self, conf(HEADER, """
            [program:worker]
            command=/bin/sleep 30
            process_name=%(program_name)s_%(process_num)02d
            numprocs=3
            startsecs=0
            """)).start()
        for n in ("worker_00", "worker_01", "worker_02"):
            d.wait_log("success: %s entered RUNNING" % n)
        self.assertEqual(len(d.children()), 3)
        self.assertEqual(d.stop(), 0)
        self.assertEqual(d.leftovers(), [])

    def test_priorities_start_ascending_and_stop_descending(self):
        d = Supervisord(self, conf(HEADER, """
            loglevel=debug
            [program:c]
            command=/bin/sleep 30
            priority=300
            startsecs=0
            [program:a]
            command=/bin/sleep 30
            priority=100
            startsecs=0
            [group:g]
            programs=b1,b2
            priority=200
            [program:b1]
            command=/bin/sleep 30
            priority=2
            startsecs=0
            [program:b2]
            command=/bin/sleep 30
            priority=1
            startsecs=0
            """)).start()
        d.wait_log("success: c entered RUNNING")
        spawned = [m.split("'")[1] for m in d.messages() if m.startswith("spawned:")]
        self.assertEqual(spawned, ["a", "b2", "b1", "c"])
        self.assertEqual(d.stop(), 0)
        signalled = [m.split()[1] for m in d.messages() if m.startswith("killing ") and "SIGTERM" in m]
        self.assertEqual(signalled, ["c", "b1", "b2", "a"])
        stopped = [m.split()[1] for m in d.messages() if m.startswith("stopped:")]
        self.assertEqual(stopped[0], "c")
        self.assertEqual(sorted(stopped[1:3]), ["b1", "b2"])
        self.assertEqual(stopped[3], "a")

    def test_autostart_false_is_not_started(self):
        d = Supervisord(self, conf(HEADER, """
            [program:manual]
            command=/bin/sleep 30
            autostart=false
            [program:auto]
            command=/bin/sleep 30
            startsecs=0
            """)).start()
        d.wait_log("success: auto")
        self.assertNotIn("manual", " ".join(d.messages()))
        d.stop()

    @unittest.skipUnless(__import__("os").path.exists("/usr/bin/supervisord"), "Debian's supervisor not installed")
    def test_same_message_sequence_as_python_supervisord(self):
        config = conf(HEADER, """
            [program:crash]
            command=/bin/sh -c "exit 4"
            startretries=1
            ; Python notices exits on its 1 s poll: under load a quick exit could
            ; look like a run longer than startsecs=1 there.
            startsecs=10
            [program:once]
            command=/bin/sh -c "sleep 0.3; exit 5"
            startsecs=0
            autorestart=false
            """)
        runs = []
        for binary in (None, "/usr/bin/supervisord"):
            d = Supervisord(self, config, binary=binary).start()
            d.wait_log("gave up: crash", timeout=15)
            d.wait_log("exited: once", timeout=5)
            d.stop()
            runs.append(sorted(without_noise(d.messages())))
        self.assertEqual(runs[0], runs[1])


if __name__ == "__main__":
    main()
