"""Every supervisor.* and system.* method, driven by Python's own
xmlrpc.client over TCP and over the unix socket. The same script runs
against Python supervisord (Debian's supervisor package) on the same
configuration when it is installed, and the answers must match; values that
cannot match (pids, times, random AUTO log names) are compared by type."""

import os
import re
import sys
import time
import unittest
import xmlrpc.client

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from harness import (PYTHON_SUPERVISORD, SUPERVISORD_SECTION, Supervisord, conf, free_port, main,  # noqa: E402
                     rpc, wait_until)

CONFIG = SUPERVISORD_SECTION + """\
identifier=compat
[unix_http_server]
file={dir}/supervisor.sock
[inet_http_server]
port=127.0.0.1:%(port)d
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[program:sleeper]
command=/bin/sleep 1000
startsecs=0
priority=10
[program:quick]
command=/bin/sh -c "echo out; echo err >&2; sleep 0.2"
startsecs=0
autostart=false
autorestart=false
[program:fail]
command=/bin/false
autostart=false
; long enough that Python's 1 s poll cannot mistake the exit for a run
startsecs=10
startretries=0
[program:cat]
command=/bin/cat
startsecs=0
stdout_logfile={dir}/cat.log
stderr_logfile=NONE
[program:ghost]
command=/nonexistent/ghost
autostart=false
[group:grp]
programs=g1,g2
priority=20
[program:g1]
command=/bin/sleep 1000
startsecs=0
[program:g2]
command=/bin/sleep 1000
startsecs=0
[program:multi]
command=/bin/sleep 1000
process_name=%%(program_name)s_%%(process_num)d
numprocs=2
autostart=false
startsecs=0
"""

LATE = """
[program:late]
command=/bin/sleep 1000
startsecs=0
"""

INT_KEYS = {"pid", "start", "stop", "now"}


def normalize(value):
    """Makes answers of two daemons comparable."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in INT_KEYS and isinstance(v, int):
                out[k] = "int>0" if v > 0 else v
            elif k == "description" and isinstance(v, str):
                v = re.sub(r"pid \d+, uptime \d+:\d\d:\d\d", "pid N, uptime U", v)
                out[k] = re.sub(r"^\w{3} \d\d \d\d:\d\d [AP]M$", "DATE", v)
            elif k == "faultString" and isinstance(v, str):
                out[k] = v
            else:
                out[k] = normalize(v)
        return out
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if isinstance(value, str):
        # AUTO log names: <name>-<channel>---compat-<random>.log
        return re.sub(r"(---compat-)[A-Za-z0-9_]+(\.log)", r"\1RANDOM\2", re.sub(r"/tmp/sn-it-[^/]+", "DIR", value))
    return value


def by_name(results):
    return sorted(results, key=lambda r: (r.get("group", ""), r.get("name", "")))


class Scenario:
    """Runs the script against one daemon, recording each step's answer."""

    def __init__(self, daemon, url):
        self.d = daemon
        self.url = url
        self.steps = []

    def call(self, label, method, *params, transform=None):
        proxy = rpc(self.url)
        try:
            result = getattr(proxy, method)(*params)
            if transform:
                result = transform(result)
        except xmlrpc.client.Fault as f:
            result = {"faultCode": f.faultCode, "faultString": f.faultString}
        self.steps.append((label, normalize(result)))
        return result

    def wait_state(self, name, states, timeout=15):
        proxy = rpc(self.url)
        wait_until(lambda: proxy.supervisor.getProcessInfo(name)["statename"] in states, timeout,
                   what="%s in %s" % (name, states))

    def run(self):
        c = self.call
        for name in ("sleeper", "cat", "grp:g1", "grp:g2"):
            self.wait_state(name, ("RUNNING",))
        c("api version", "supervisor.getAPIVersion")
        c("version alias", "supervisor.getVersion")
        c("identification", "supervisor.getIdentification")
        c("state", "supervisor.getState")
        c("pid is an int", "supervisor.getPID", transform=lambda p: isinstance(p, int) and p > 0)
        c("info sleeper", "supervisor.getProcessInfo", "sleeper")
        c("info in group", "supervisor.getProcessInfo", "grp:g1")
        c("info group name alone", "supervisor.getProcessInfo", "grp")
        c("info whole group", "supervisor.getProcessInfo", "grp:*")
        c("info unknown", "supervisor.getProcessInfo", "nope")
        c("all info", "supervisor.getAllProcessInfo")
        c("config info", "supervisor.getAllConfigInfo")
        c("start quick", "supervisor.startProcess", "quick")
        self.wait_state("quick", ("EXITED",))
        time.sleep(0.3)
        c("quick stdout", "supervisor.readProcessStdoutLog", "quick", 0, 0)
        c("quick stderr", "supervisor.readProcessStderrLog", "quick", 0, 0)
        c("quick read alias", "supervisor.readProcessLog", "quick", 0, 2)
        c("quick read from 1", "supervisor.readProcessStdoutLog", "quick", 1, 0)
        c("quick read last 2", "supervisor.readProcessStdoutLog", "quick", -2, 0)
        c("quick read bad args", "supervisor.readProcessStdoutLog", "quick", -2, 1)
        c("quick read negative length", "supervisor.readProcessStdoutLog", "quick", 0, -1)
        c("quick tail", "supervisor.tailProcessStdoutLog", "quick", 0, 100)
        c("quick tail overflow", "supervisor.tailProcessStdoutLog", "quick", 0, 2)
        c("quick tail past end", "supervisor.tailProcessStdoutLog", "quick", 10, 5)
        c("quick tail alias", "supervisor.tailProcessLog", "quick", 2, 100)
        c("quick stderr tail", "supervisor.tailProcessStderrLog", "quick", 0, 100)
        c("quick info exited", "supervisor.getProcessInfo", "quick")
        c("cat no stderr log", "supervisor.readProcessStderrLog", "cat", 0, 0)
        c("cat no stderr tail", "supervisor.tailProcessStderrLog", "cat", 0, 10)
        c("read unknown", "supervisor.readProcessStdoutLog", "nope", 0, 0)
        c("read group", "supervisor.readProcessStdoutLog", "grp:*", 0, 0)
        c("start fail", "supervisor.startProcess", "fail")
        c("fail info", "supervisor.getProcessInfo", "fail")
        c("start ghost", "supervisor.startProcess", "ghost")
        c("start running", "supervisor.startProcess", "sleeper")
        c("start unknown", "supervisor.startProcess", "nope")
        c("stop sleeper", "supervisor.stopProcess", "sleeper")
        c("stop stopped", "supervisor.stopProcess", "sleeper")
        c("info stopped", "supervisor.getProcessInfo", "sleeper")
        c("start no wait", "supervisor.startProcess", "sleeper", False)
        self.wait_state("sleeper", ("RUNNING",))
        c("stop group", "supervisor.stopProcessGroup", "grp", transform=by_name)
        c("stop group again", "supervisor.stopProcessGroup", "grp")
        c("start group", "supervisor.startProcessGroup", "grp", transform=by_name)
        c("start group running", "supervisor.startProcessGroup", "grp")
        c("stop via group spec", "supervisor.stopProcess", "grp:*", transform=by_name)
        c("start via group spec", "supervisor.startProcess", "grp:", transform=by_name)
        c("start unknown group", "supervisor.startProcessGroup", "nope")
        c("start multi", "supervisor.startProcessGroup", "multi", transform=by_name)
        c("signal", "supervisor.signalProcess", "sleeper", "CONT")
        c("signal number", "supervisor.signalProcess", "sleeper", 18)
        c("signal bad", "supervisor.signalProcess", "sleeper", "BOGUS")
        c("signal not running", "supervisor.signalProcess", "quick", "CONT")
        c("signal group", "supervisor.signalProcessGroup", "grp", "CONT", transform=by_name)
        c("signal group spec", "supervisor.signalProcess", "grp:*", "CONT", transform=by_name)
        c("signal group bad", "supervisor.signalProcessGroup", "grp", "BOGUS", transform=by_name)
        c("signal unknown group", "supervisor.signalProcessGroup", "nope", "CONT")
        c("signal all", "supervisor.signalAllProcesses", "CONT", transform=by_name)
        c("stdin", "supervisor.sendProcessStdin", "cat", "hello\n")
        wait_until(lambda: "hello" in self.d.read("cat.log"))
        c("stdin echoed", "supervisor.readProcessStdoutLog", "cat", 0, 0)
        c("stdin not running", "supervisor.sendProcessStdin", "quick", "x")
        c("stdin not a string", "supervisor.sendProcessStdin", "cat", 5)
        c("stdin unknown", "supervisor.sendProcessStdin", "nope", "x")
        c("clear running", "supervisor.clearProcessLogs", "cat")
        c("cleared", "supervisor.readProcessStdoutLog", "cat", 0, 0)
        c("clear alias", "supervisor.clearProcessLog", "cat")
        c("clear unknown", "supervisor.clearProcessLogs", "nope")
        c("clear all", "supervisor.clearAllProcessLogs", transform=by_name)
        c("remote comm", "supervisor.sendRemoteCommEvent", "type", "data")
        c("main log is text", "supervisor.readLog", 0, 0, transform=lambda s: "supervisord started" in s)
        c("main log alias", "supervisor.readMainLog", -20, 0, transform=lambda s: isinstance(s, str) and len(s) == 20)
        c("main log bad args", "supervisor.readLog", -1, 1)
        c("clear main log", "supervisor.clearLog")
        c("reread unchanged", "supervisor.reloadConfig")
        with open(self.d.conf, "a") as f:
            f.write(LATE)
        c("reread added", "supervisor.reloadConfig")
        c("config info after reread", "supervisor.getAllConfigInfo")
        c("add late", "supervisor.addProcessGroup", "late")
        self.wait_state("late", ("RUNNING",))
        c("add late again", "supervisor.addProcessGroup", "late")
        c("add unknown", "supervisor.addProcessGroup", "nope")
        c("remove running", "supervisor.removeProcessGroup", "late")
        c("stop late", "supervisor.stopProcess", "late")
        c("remove late", "supervisor.removeProcessGroup", "late")
        c("remove unknown", "supervisor.removeProcessGroup", "nope")
        c("list methods", "system.listMethods")
        c("help", "system.methodHelp", "supervisor.getState", transform=lambda s: isinstance(s, str) and "@return" in s)
        c("help unknown", "system.methodHelp", "nope.nope")
        for method in rpc(self.url).system.listMethods():
            c("signature " + method, "system.methodSignature", method)
        c("signature unknown", "system.methodSignature", "nope.nope")
        c("multicall", "system.multicall", [
            {"methodName": "supervisor.getAPIVersion"},
            {"methodName": "supervisor.getProcessInfo", "params": ["nope"]},
            {"methodName": "nope.nope"},
            {"params": []},
            {"methodName": "system.multicall", "params": [[]]},
            {"methodName": "supervisor.stopProcess", "params": ["sleeper"]},
            {"methodName": "supervisor.startProcess", "params": ["sleeper"]},
            {"methodName": "supervisor.getState"},
        ])
        c("unknown namespace", "nope.getState")
        c("no dot", "supervisor")
        c("private", "supervisor._update", "x")
        c("traversal", "supervisor.supervisord.options.identifier")
        c("too many params", "supervisor.getState", 1)
        c("too few params", "supervisor.getProcessInfo")
        c("stop all", "supervisor.stopAllProcesses", transform=by_name)
        c("start all", "supervisor.startAllProcesses", transform=by_name)
        return self.steps


def start(testcase, binary=None):
    port = free_port()
    d = Supervisord(testcase, conf(CONFIG % {"port": port}), binary=binary).start()
    d.wait_log("supervisord started")
    return d, port


class Compatibility(unittest.TestCase):
    def test_every_method_over_tcp(self):
        d, port = start(self)
        steps = dict(Scenario(d, "http://127.0.0.1:%d" % port).run())
        expect = {
            "api version": "3.0",
            "identification": "compat",
            "state": {"statecode": 1, "statename": "RUNNING"},
            "pid is an int": True,
            "info group name alone": {"faultCode": 10, "faultString": "BAD_NAME: grp"},
            "info whole group": {"faultCode": 10, "faultString": "BAD_NAME: grp:*"},
            "info unknown": {"faultCode": 10, "faultString": "BAD_NAME: nope"},
            "start quick": True,
            "quick stdout": "out\n",
            "quick stderr": "err\n",
            "quick read alias": "ou",
            "quick read from 1": "ut\n",
            "quick read last 2": "t\n",
            "quick read bad args": {"faultCode": 3, "faultString": "BAD_ARGUMENTS"},
            "quick read negative length": {"faultCode": 3, "faultString": "BAD_ARGUMENTS"},
            "quick tail": ["out\n", 4, False],
            "quick tail overflow": ["t\n", 4, True],
            "quick tail past end": ["", 4, False],
            "cat no stderr log": {"faultCode": 20, "faultString": "NO_FILE"},
            "cat no stderr tail": ["", 0, False],
            "start fail": {"faultCode": 50, "faultString": "SPAWN_ERROR: fail"},
            "start ghost": {"faultCode": 20, "faultString": "NO_FILE: can't find command '/nonexistent/ghost'"},
            "start running": {"faultCode": 60, "faultString": "ALREADY_STARTED: sleeper"},
            "start unknown": {"faultCode": 10, "faultString": "BAD_NAME: nope"},
            "stop sleeper": True,
            "stop stopped": {"faultCode": 70, "faultString": "NOT_RUNNING: sleeper"},
            "stop group again": [],
            "start group running": [],
            "signal bad": {"faultCode": 11, "faultString": "BAD_SIGNAL: BOGUS"},
            "signal not running": {"faultCode": 70, "faultString": "NOT_RUNNING: quick"},
            "stdin": True,
            "stdin echoed": "hello\n",
            "stdin not running": {"faultCode": 70, "faultString": "NOT_RUNNING: quick"},
            "stdin not a string": {"faultCode": 2, "faultString": "INCORRECT_PARAMETERS: 5"},
            "cleared": "",
            "remote comm": True,
            "main log is text": True,
            "main log bad args": {"faultCode": 3, "faultString": "BAD_ARGUMENTS"},
            "reread unchanged": [[[], [], []]],
            "reread added": [[["late"], [], []]],
            "add late": True,
            "add late again": {"faultCode": 90, "faultString": "ALREADY_ADDED: late"},
            "add unknown": {"faultCode": 10, "faultString": "BAD_NAME: nope"},
            "remove running": {"faultCode": 91, "faultString": "STILL_RUNNING: late"},
            "remove late": True,
            "help unknown": {"faultCode": 4, "faultString": "SIGNATURE_UNSUPPORTED"},
            "signature supervisor.startProcess": ["boolean", "string", "boolean"],
            "signature system.multicall": ["array", "array"],
            "unknown namespace": {"faultCode": 1, "faultString": "UNKNOWN_METHOD"},
            "no dot": {"faultCode": 1, "faultString": "UNKNOWN_METHOD"},
            "private": {"faultCode": 1, "faultString": "UNKNOWN_METHOD"},
            "traversal": {"faultCode": 1, "faultString": "UNKNOWN_METHOD"},
            "too many params": {"faultCode": 2, "faultString": "INCORRECT_PARAMETERS"},
            "too few params": {"faultCode": 2, "faultString": "INCORRECT_PARAMETERS"},
        }
        for label, value in expect.items():
            self.assertEqual(steps[label], value, label)
        self.assertEqual(steps["multicall"], [
            "3.0", {"faultCode": 10, "faultString": "BAD_NAME: nope"},
            {"faultCode": 1, "faultString": "UNKNOWN_METHOD"},
            {"faultCode": 2, "faultString": "INCORRECT_PARAMETERS: No methodName"},
            {"faultCode": 2, "faultString": "INCORRECT_PARAMETERS: Recursive system.multicall forbidden"},
            True, True, {"statecode": 1, "statename": "RUNNING"}])
        self.assertEqual(len(steps["list methods"]), 41)
        info = steps["info sleeper"]
        self.assertEqual(sorted(info), sorted(["name", "group", "start", "stop", "now", "state", "statename",
                                               "spawnerr", "exitstatus", "logfile", "stdout_logfile",
                                               "stderr_logfile", "pid", "description"]))
        self.assertEqual(info["description"], "pid N, uptime U")
        self.assertEqual(steps["info stopped"]["description"], "DATE")
        self.assertEqual(steps["fail info"]["statename"], "FATAL")
        self.assertEqual(steps["fail info"]["description"], "Exited too quickly (process log may have details)")
        self.assertEqual([r["name"] for r in steps["stop group"]], ["g1", "g2"])
        self.assertTrue(all(r["status"] == 80 and r["description"] == "OK" for r in steps["stop group"]))
        self.assertEqual({(r["name"], r["status"]) for r in steps["signal group bad"]}, {("g1", 11), ("g2", 11)})
        self.assertEqual(len(steps["config info"]), 9)
        self.assertEqual(steps["config info"][0]["name"], "cat")
        self.assertEqual([r["stdout_logfile"] for r in steps["config info after reread"] if r["name"] == "sleeper"],
                         ["auto"])
        self.assertEqual([r["inuse"] for r in steps["config info after reread"] if r["name"] == "late"], [False])
        d.stop()

    def test_unix_socket_answers_like_tcp(self):
        d, port = start(self)
        proxies = [rpc("http://127.0.0.1:%d" % port), rpc("unix://" + d.path("supervisor.sock"))]
        for method, params in (("supervisor.getState", ()), ("supervisor.getIdentification", ()),
                               ("system.listMethods", ()), ("supervisor.getProcessInfo", ("nope",))):
            answers = []
            for p in proxies:
                try:
                    answers.append(getattr(p, method)(*params))
                except xmlrpc.client.Fault as f:
                    answers.append((f.faultCode, f.faultString))
            self.assertEqual(answers[0], answers[1], method)
        d.stop()

    @unittest.skipUnless(os.path.exists(PYTHON_SUPERVISORD), "Debian's supervisor package is not installed")
    def test_same_answers_as_python_supervisord(self):
        ours, our_port = start(self)
        theirs, their_port = start(self, binary=PYTHON_SUPERVISORD)
        a = Scenario(ours, "http://127.0.0.1:%d" % our_port).run()
        b = Scenario(theirs, "unix://" + theirs.path("supervisor.sock")).run()
        self.assertEqual([label for label, _ in a], [label for label, _ in b])
        mismatches = ["%s:\n  ours:   %r\n  python: %r" % (label, mine, python)
                      for (label, mine), (_, python) in zip(a, b) if mine != python]
        self.assertEqual(mismatches, [], "\n".join(mismatches))
        ours.stop()
        theirs.stop()


if __name__ == "__main__":
    main()
