"""Limits and environment files with real children: rlimit_*, nice,
oom_score_adj and cpu_affinity read back from /proc; what cannot be
granted is a spawn error saying why; environment_file's syntax forms,
its order against environment=, optional and missing files."""

import os
import unittest

from harness import SUPERVISORD_SECTION, UNIX_SERVER, Supervisord, conf, main, rpc, wait_until

HEADER = SUPERVISORD_SECTION + "identifier=it\n" + UNIX_SERVER


def server_of(d):
    d.wait_log("supervisord started")
    return rpc("unix://" + d.path("supervisor.sock"))


def running_pid(server, name):
    wait_until(lambda: server.supervisor.getProcessInfo(name)["statename"] == "RUNNING", what=name + " RUNNING")
    return server.supervisor.getProcessInfo(name)["pid"]


def proc_limits(pid):
    """{'Max open files': ('512', '1024'), ...} from /proc/PID/limits."""
    out = {}
    with open("/proc/%d/limits" % pid) as f:
        next(f)
        for line in f:
            name, soft, hard = line[:26].strip(), line[26:47].strip(), line[47:68].strip()
            out[name] = (soft, hard)
    return out


def proc_environ(pid):
    with open("/proc/%d/environ" % pid, "rb") as f:
        items = [x.decode() for x in f.read().split(b"\0") if x]
    return dict(x.split("=", 1) for x in items)


class Limits(unittest.TestCase):
    def test_limits_are_set_in_the_child(self):
        d = Supervisord(self, conf(HEADER, """
            [program:limited]
            command=/bin/sleep 1000
            startsecs=0
            rlimit_nofile=512:1024
            rlimit_core=0
            rlimit_as=4GB:infinity
            rlimit_memlock=64KB
            nice=7
            oom_score_adj=500
            cpu_affinity=0
            [program:plain]
            command=/bin/sleep 1000
            startsecs=0
            """)).start()
        server = server_of(d)
        pid = running_pid(server, "limited")
        limits = proc_limits(pid)
        self.assertEqual(limits["Max open files"], ("512", "1024"))
        self.assertEqual(limits["Max core file size"], ("0", "0"))
        self.assertEqual(limits["Max address space"], (str(4 << 30), "unlimited"))
        self.assertEqual(limits["Max locked memory"], (str(64 << 10), str(64 << 10)))
        with open("/proc/%d/stat" % pid) as f:
            self.assertEqual(int(f.read().rsplit(")", 1)[1].split()[16]), 7)  # field 19: nice
        with open("/proc/%d/oom_score_adj" % pid) as f:
            self.assertEqual(f.read().strip(), "500")
        self.assertEqual(os.sched_getaffinity(pid), {0})

        plain = running_pid(server, "plain")
        self.assertEqual(proc_limits(plain)["Max open files"], proc_limits(os.getpid())["Max open files"])
        with open("/proc/%d/oom_score_adj" % plain) as f:
            self.assertEqual(f.read().strip(), open("/proc/self/oom_score_adj").read().strip())
        self.assertEqual(d.stop(), 0)

    def test_a_limit_that_cannot_be_granted_is_a_spawn_error(self):
        with open("/proc/sys/fs/nr_open") as f:
            too_many = int(f.read()) * 2
        d = Supervisord(self, conf(HEADER, """
            [program:greedy]
            command=/bin/sleep 1000
            startretries=0
            rlimit_nofile=%d
            """ % too_many)).start()
        server = server_of(d)
        d.wait_log("gave up: greedy entered FATAL state")
        info = server.supervisor.getProcessInfo("greedy")
        self.assertEqual(info["statename"], "FATAL")
        self.assertIn("rlimit_nofile: the hard limit %d is above the kernel's fs.nr_open" % too_many,
                      info["spawnerr"])
        self.assertTrue(any(m.startswith("spawnerr: rlimit_nofile: the hard limit") for m in d.messages()))
        self.assertEqual(d.stop(), 0)


ENV_FILE = r"""# comments and blank lines

; another comment
PLAIN=value
export EXPORTED=yes
SINGLE='single $HOME \n'
DOUBLE="say \"hi\" \$HOME"
CONTINUED=first \
second
OVERRIDDEN=from the file
LATER=first file
not a variable line
SECRET=s3cr3t
"""


class EnvironmentFiles(unittest.TestCase):
    def test_every_syntax_form_reaches_the_child_before_environment(self):
        d = Supervisord(self, conf(HEADER, """
            [program:envy]
            command=/bin/sleep 1000
            startsecs=0
            environment_file={dir}/app.env, -{dir}/missing.env, {dir}/later.env
            environment=OVERRIDDEN="from environment"
            """))
        d.write("app.env", ENV_FILE)
        d.write("later.env", "LATER=second file\n")
        d.start()
        server = server_of(d)
        env = proc_environ(running_pid(server, "envy"))
        self.assertEqual(env["PLAIN"], "value")
        self.assertEqual(env["EXPORTED"], "yes")
        self.assertEqual(env["SINGLE"], "single $HOME \\n")
        self.assertEqual(env["DOUBLE"], 'say "hi" $HOME')
        self.assertEqual(env["CONTINUED"], "first second")
        self.assertEqual(env["OVERRIDDEN"], "from environment")
        self.assertEqual(env["LATER"], "second file")
        self.assertEqual(env["SUPERVISOR_PROCESS_NAME"], "envy")
        self.assertIn("environment_file %s line 12: no '=' in it: ignored" % d.path("app.env"), d.messages())
        config = [c for c in server.supervisor.getAllConfigInfo() if c["name"] == "envy"][0]
        self.assertEqual(env["SECRET"], "s3cr3t")
        self.assertNotIn("s3cr3t", repr(config))

        d.write("app.env", "PLAIN=edited\n")
        server.supervisor.stopProcess("envy")
        server.supervisor.startProcess("envy")
        self.assertEqual(proc_environ(running_pid(server, "envy"))["PLAIN"], "edited", "read at each spawn")
        self.assertEqual(d.stop(), 0)

    def test_a_missing_required_file_is_a_spawn_error_naming_it(self):
        d = Supervisord(self, conf(HEADER, """
            [program:envy]
            command=/bin/sleep 1000
            startretries=0
            environment_file={dir}/secrets.env
            """)).start()
        server = server_of(d)
        d.wait_log("gave up: envy entered FATAL state")
        self.assertEqual(server.supervisor.getProcessInfo("envy")["spawnerr"],
                         "environment_file %s for 'envy' does not exist" % d.path("secrets.env"))
        self.assertEqual(d.stop(), 0)


if __name__ == "__main__":
    main()
