"""No periodic wakeups: with 100 idle RUNNING children supervisord uses no
CPU and is not scheduled at all over a minute (SN_IDLE_SECONDS shortens it)."""

import os
import unittest

from harness import SUPERVISORD_SECTION, Supervisord, conf, main, proc_stat

HEADER = SUPERVISORD_SECTION

SECONDS = float(os.environ.get("SN_IDLE_SECONDS", "60"))


def context_switches(pid):
    total = 0
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                total += int(line.split()[1])
    return total


class Idle(unittest.TestCase):
    def test_hundred_idle_children_cost_nothing(self):
        body = "".join("[program:p%03d]\ncommand=/bin/sleep 100000\nstartsecs=1\n" % i for i in range(100))
        d = Supervisord(self, conf(HEADER, body)).start()
        d.wait_log("success: p099", timeout=20)
        import time
        time.sleep(0.5)  # let the last transitions settle
        stat0, switches0 = proc_stat(d.pid), context_switches(d.pid)
        time.sleep(SECONDS)
        stat1, switches1 = proc_stat(d.pid), context_switches(d.pid)
        ticks = (int(stat1[11]) + int(stat1[12])) - (int(stat0[11]) + int(stat0[12]))
        self.assertEqual(ticks, 0, "CPU ticks used while idle")
        self.assertEqual(switches1 - switches0, 0, "wakeups while idle")
        self.assertEqual(len(d.children()), 100)
        self.assertEqual(d.stop(), 0)
        self.assertEqual(d.leftovers(), [])


if __name__ == "__main__":
    main()
