"""How children are started: command splitting, PATH search, environment,
directory, umask, user, process group, closed descriptors, and spawn
failures that follow BACKOFF/FATAL without taking the daemon down."""

import os
import time
import unittest

from harness import SUPERVISORD_SECTION, Supervisord, conf, main, wait_until

HEADER = SUPERVISORD_SECTION + """\
environment=FROM_SUPERVISORD="global value"
[unix_http_server]
file={dir}/supervisor.sock
"""


def once(name, command, extra=""):
    return """
[program:%s]
command=%s
stdout_logfile={dir}/%s.out
stderr_logfile={dir}/%s.err
startsecs=0
autorestart=false
startretries=0
%s
""" % (name, command, name, name, extra)


class Spawn(unittest.TestCase):
    def run_once(self, *programs):
        d = Supervisord(self, conf(HEADER, *programs)).start()
        return d

    def test_environment(self):
        d = self.run_once(once("env", "/usr/bin/env", "environment=MINE=\"a b\",PATH=\"/usr/bin:/bin\""))
        d.wait_log("exited: env")
        env = dict(line.split("=", 1) for line in d.read("env.out").splitlines())
        self.assertEqual(env["SUPERVISOR_ENABLED"], "1")
        self.assertEqual(env["SUPERVISOR_PROCESS_NAME"], "env")
        self.assertEqual(env["SUPERVISOR_GROUP_NAME"], "env")
        self.assertEqual(env["SUPERVISOR_SERVER_URL"], "unix://" + d.path("supervisor.sock"))
        self.assertEqual(env["FROM_SUPERVISORD"], "global value")
        self.assertEqual(env["MINE"], "a b")
        self.assertEqual(env["HOME"], os.environ["HOME"], "supervisord's own environment is inherited")
        d.stop()

    def test_quoting_and_path_search(self):
        d = Supervisord(self, conf(HEADER, once("q", "tool 'one two' \"three\\\" four\"",
                                               "environment=PATH=\"{dir}/bin:/usr/bin:/bin\"")))
        d.script("bin/tool", 'for a in "$@"; do echo "[$a]"; done\n')
        d.start()
        d.wait_log("exited: q")
        self.assertEqual(d.read("q.out"), "[one two]\n[three\" four]\n")
        d.stop()

    def test_directory_umask_and_process_group(self):
        d = self.run_once(once("where", "/bin/sh -c 'pwd; umask; ps -o pgid= -p $$; echo $$'",
                               "directory=/tmp\numask=077"))
        d.wait_log("exited: where")
        lines = d.read("where.out").split()
        self.assertEqual(lines[0:2], ["/tmp", "0077"])
        self.assertEqual(lines[2], lines[3], "the child leads its own process group")
        d.stop()

    def test_only_standard_descriptors_are_inherited(self):
        d = self.run_once(once("fds", "/bin/ls /proc/self/fd"))
        d.wait_log("exited: fds")
        self.assertEqual(sorted(int(x) for x in d.read("fds.out").split()), [0, 1, 2, 3])  # 3: ls's own dir
        d.stop()

    @unittest.skipUnless(os.getuid() == 0, "needs root")
    def test_user_switch(self):
        d = self.run_once(once("who", "/usr/bin/id", "user=nobody"))
        d.wait_log("exited: who")
        out = d.read("who.out")
        self.assertIn("uid=65534(nobody)", out)
        self.assertIn("gid=65534(nogroup)", out)
        d.stop()

    def test_missing_command_is_fatal_but_harmless(self):
        d = self.run_once(once("ghost", "/nonexistent/ghost", "startretries=1"),
                          once("alive", "/bin/sleep 60", "autorestart=true"))
        d.wait_log("gave up: ghost entered FATAL state", timeout=5)
        msgs = d.messages()
        self.assertIn("spawnerr: can't find command '/nonexistent/ghost'", msgs)
        self.assertIn("success: alive entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)",
                      msgs)
        self.assertEqual(d.stop(), 0)

    def test_not_executable(self):
        d = Supervisord(self, conf(HEADER, once("plain", "{dir}/plain.txt")))
        d.write("plain.txt", "not a program")
        d.start()
        d.wait_log("gave up: plain")
        self.assertIn("spawnerr: command at '%s' is not executable" % d.path("plain.txt"), d.messages())
        d.stop()

    def test_bad_directory_is_reported_in_the_stderr_log(self):
        d = self.run_once(once("lost", "/bin/true", "directory=/nonexistent"))
        d.wait_log("exited: lost")
        self.assertEqual(d.read("lost.err"),
                         "supervisor: couldn't chdir to /nonexistent: ENOENT\nsupervisor: child process was not spawned\n")
        self.assertIn("exited: lost (exit status 127; not expected)", d.messages())
        d.stop()

    def limited_daemon(self, nofile, programs):
        """A supervisord started under RLIMIT_NOFILE `nofile` ("soft:hard"), with `programs` sleepers."""
        many = "".join("""
[program:p%03d]
command=/bin/sh -c "ulimit -n > {dir}/p%03d.nofile; exec sleep 1000"
startsecs=0
autorestart=false
""" % (i, i) for i in range(programs))
        d = Supervisord(self, conf(HEADER, "[supervisord]\nminfds=256\n", many))
        script = d.script("limited", "exec prlimit --nofile=%s -- %s \"$@\"\n" % (nofile, d.binary))
        d.args[0] = script
        return d.start()

    def test_the_descriptor_limit_is_raised_for_many_programs_but_not_theirs(self):
        import resource
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        if hard != resource.RLIM_INFINITY and hard < 4000:
            self.skipTest("open files hard limit too low")
        d = self.limited_daemon("1024:%d" % min(hard, 1 << 20), 300)
        d.wait_log(r"Increased RLIMIT_NOFILE limit to \d+ for 300 processes")
        wait_until(lambda: all(os.path.exists(d.path("p%03d.nofile" % i)) for i in range(300)), timeout=30,
                   what="every program running")
        with open("/proc/%d/limits" % d.pid) as f:
            soft = int([l for l in f if l.startswith("Max open files")][0].split()[3])
        self.assertGreaterEqual(soft, 300 * 6)
        self.assertEqual(d.read("p299.nofile"), "1024\n")  # programs keep what minfds gives, as under Python
        self.assertNotIn("too many open files", d.read("supervisord.log"))

    def test_a_limit_too_low_for_the_programs_is_said_plainly_at_load(self):
        d = self.limited_daemon("512:512", 200)
        d.wait_log("The configuration's 200 processes need about")
        line = [m for lvl, m in d.log_lines() if "processes need about" in m][0]
        self.assertIn("RLIMIT_NOFILE allows 512 (its hard limit): only about 64 of them can run at once", line)
        self.assertEqual([lvl for lvl, m in d.log_lines() if "processes need about" in m], ["WARN"])

    def test_many_crashing_programs_leave_the_daemon_responsive(self):
        body = "".join(once("c%02d" % i, "/bin/false", "startretries=2\nstartsecs=1") for i in range(20))
        d = self.run_once(body)
        # exits are acted on in the order they happen, not in the config's
        d.wait_log(r"^gave up: c\d\d entered FATAL state", timeout=15, count=20)
        for i in range(20):
            self.assertIn("gave up: c%02d entered FATAL state, too many start retries too quickly" % i, d.messages())
        self.assertEqual(d.stop(), 0)


if __name__ == "__main__":
    main()
