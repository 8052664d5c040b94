"""crashmail, the real program, as supervisord's event listener, mailing a
real SMTP server (Debian's aiosmtpd, started by the test on 127.0.0.1):
an unexpected exit is mailed with the right headers and body, an expected
one is not; crashmailbatch's options batch several crashes into one mail
per interval; a mail server that is down gets the alert later; a refused
login is reported on stderr while everything else goes on; the sendmail
command of superlance's crashmail works; and under Python supervisord the
same crashmail sends the same mail."""

import email.utils
import os
import re
import socket
import subprocess
import time
import unittest

from harness import PYTHON_SUPERVISORD, SUPERVISORD_SECTION, Supervisord, conf, free_port, main, rpc, wait_until
from smtp_peer import SmtpPeer, have_aiosmtpd

CRASHMAIL = os.environ.get("CRASHMAIL") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "src", "crashmail", "crashmail")
HOST = socket.gethostname()

BASE = SUPERVISORD_SECTION + """\
[unix_http_server]
file={dir}/supervisor.sock
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
"""


def listener(name, args, events="PROCESS_STATE"):
    return """
[eventlistener:%s]
command=%s %s
events=%s
startsecs=0
stderr_logfile={dir}/%s.err
""" % (name, CRASHMAIL, args, events, name)


def program(name, command, autostart=True):
    return """
[program:%s]
command=/bin/sh -c "%s"
startsecs=0
autorestart=false
autostart=%s
""" % (name, command, "true" if autostart else "false")


def body_of(message):
    return message.get_payload(decode=True).decode()


@unittest.skipUnless(have_aiosmtpd(), "Debian's python3-aiosmtpd is not installed")
class CrashmailTest(unittest.TestCase):

    def start(self, config, binary=None):
        d = Supervisord(self, conf(BASE + config), binary=binary)
        d.start()
        d.wait_log("supervisord started")
        return d

    def crash_config(self, port):
        return (listener("crashmail", "-p crasher -p other:quiet -m ops@example.com,dev@example.com -o [prod] "
                         "--smtp=127.0.0.1:%d --from=robot@example.com" % port)
                + program("clean", "sleep 0.1; exit 0")
                + program("other", "sleep 0.1; exit 3")
                + program("crasher", "sleep 0.6; exit 3"))

    def check_crash_mail(self, m, pid):
        self.assertRegex(m["Subject"], r"^\[prod\]: crasher crashed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}$")
        self.assertEqual(m["From"], "robot@example.com")
        self.assertEqual(m["To"], "ops@example.com, dev@example.com")
        self.assertEqual(m["X-MailFrom"], "robot@example.com")
        self.assertEqual(m["X-RcptTo"], "ops@example.com, dev@example.com")
        self.assertIsNotNone(email.utils.parsedate_to_datetime(m["Date"]))
        self.assertRegex(m["Message-ID"], r"^<[^<>@\s]+@[^<>@\s]+>$")
        body = body_of(m)
        self.assertIn("Process crasher in group crasher exited unexpectedly (pid %d) from state RUNNING" % pid, body)
        self.assertIn("Host: %s\n" % HOST, body)
        self.assertIn("Process: crasher\n", body)
        self.assertIn("Group: crasher\n", body)
        self.assertIn("PID: %d\n" % pid, body)
        self.assertIn("Exit: unexpected", body)
        self.assertRegex(body, r"Time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\n")

    def test_unexpected_exit_is_mailed_and_expected_exit_is_not(self):
        port = free_port()
        d = Supervisord(self, SUPERVISORD_SECTION)  # scratch directory for the server
        smtp = SmtpPeer(self, d.dir, port)
        d = self.start(self.crash_config(port))
        server = rpc("unix://" + d.path("supervisor.sock"))
        wait_until(lambda: server.supervisor.getProcessInfo("crasher")["statename"] == "EXITED", 10,
                   what="crasher exited")
        pid = server.supervisor.getProcessInfo("crasher")["pid"] or None
        [m] = smtp.wait_messages(1)
        # the clean exit (expected) and 'other' (not chosen) came first and were not mailed
        time.sleep(0.5)
        self.assertEqual(len(smtp.messages()), 1)
        pid = int(re.search(r"\(pid (\d+)\)", body_of(m)).group(1))
        self.assertGreater(pid, 0)
        self.check_crash_mail(m, pid)
        self.assertIn("unexpected exit of crasher:crasher (pid %d)" % pid, d.read("crashmail.err"))
        self.assertIn("Mailed 1 alert(s) to ops@example.com, dev@example.com", d.read("crashmail.err"))

    def test_batch_mode_sends_one_mail_for_several_crashes(self):
        port = free_port()
        d = Supervisord(self, SUPERVISORD_SECTION)
        smtp = SmtpPeer(self, d.dir, port)
        # called crashmailbatch, it reads crashmailbatch's short options
        os.symlink(os.path.abspath(CRASHMAIL), d.path("crashmailbatch"))
        config = listener("batch", "-t ops@example.com -f robot@example.com -H 127.0.0.1:%d -e TICK_5 -i 0.08 "
                          "-s 'Crashes here'" % port, "PROCESS_STATE,TICK_5").replace(
                              CRASHMAIL, d.path("crashmailbatch"))
        for name in ("a", "b", "c"):
            config += program(name, "exit 3", autostart=False)
        d = self.start(config)
        server = rpc("unix://" + d.path("supervisor.sock"))
        # start the three right after a tick so all crash within one 5 s batch
        wait_until(lambda: time.time() % 5 < 2.5, 6, interval=0.05, what="the start of a tick period")
        for name in ("a", "b", "c"):
            server.supervisor.startProcess(name, False)
        [m] = smtp.wait_messages(1, timeout=15)
        self.assertEqual(m["Subject"], "Crashes here")
        self.assertEqual(m["To"], "ops@example.com")
        self.assertEqual(m["From"], "robot@example.com")
        lines = body_of(m).splitlines()
        crashed = sorted(re.search(r"Process (\S+) \(pid \d+\) died unexpectedly$", l).group(1)
                         for l in lines if "died unexpectedly" in l)
        self.assertEqual(crashed, ["a:a", "b:b", "c:c"])
        for line in lines[:3]:
            self.assertRegex(line, r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} -- Process \w:\w \(pid \d+\) died unexpectedly$")
        self.assertIn("Host: %s" % HOST, lines)
        # the next ticks have nothing to send
        time.sleep(6)
        self.assertEqual(len(smtp.messages()), 1)

    def test_batch_still_queued_goes_out_when_supervisord_stops(self):
        port = free_port()
        d = Supervisord(self, SUPERVISORD_SECTION)
        smtp = SmtpPeer(self, d.dir, port)
        config = (listener("batch", "--toEmail=ops@example.com --fromEmail=robot@example.com "
                           "--smtpHost=127.0.0.1:%d --interval=60" % port, "PROCESS_STATE,TICK_60")
                  + program("crasher", "sleep 0.2; exit 3"))
        d = self.start(config)
        wait_until(lambda: "crasher:crasher" in d.read("batch.err"), 10, what="the crash heard")
        self.assertEqual(smtp.messages(), [])  # an hour's batch: nothing yet
        self.assertEqual(d.stop(), 0)
        [m] = smtp.wait_messages(1, timeout=5)
        self.assertIn("Process crasher:crasher", body_of(m))

    def test_alert_waits_while_the_mail_server_is_down(self):
        port = free_port()
        config = (listener("crashmail", "-m ops@example.com --smtp=127.0.0.1:%d --retry=3600 --timeout=5" % port,
                           "PROCESS_STATE_EXITED,TICK_5")
                  + program("crasher", "sleep 0.2; exit 3"))
        d = self.start(config)
        wait_until(lambda: "Error sending email" in d.read("crashmail.err"), 15, what="the failed send")
        err = d.read("crashmail.err")
        self.assertIn("127.0.0.1:%d" % port, err)
        self.assertIn("1 alert(s) kept", err)
        smtp = SmtpPeer(self, d.dir, port)
        # --retry=3600: only the next TICK_5 can have sent it
        [m] = smtp.wait_messages(1, timeout=15)
        self.assertRegex(m["Subject"], r"^crasher crashed at ")
        self.assertIn("Mailed 1 alert(s)", d.read("crashmail.err"))

    def test_starttls_and_auth_and_a_refused_login(self):
        port = free_port()
        d = Supervisord(self, SUPERVISORD_SECTION)
        cert, key = d.path("cert.pem"), d.path("key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True, timeout=60)
        smtp = SmtpPeer(self, d.dir, port, auth=("robot", "s3cret-pw"), tls=(cert, key))
        common = "--toEmail=ops@example.com --smtpHost=127.0.0.1:%d --tls --cafile=%s --tickEvent=TICK_5 --interval=0.01" % (port, cert)
        config = (listener("good", common + " --fromEmail=robot@example.com --password=s3cret-pw", "PROCESS_STATE,TICK_5")
                  + listener("bad", common + " --fromEmail=robot@example.com -u robot -p wrong-pw-42",
                             "PROCESS_STATE,TICK_5")
                  + program("crasher", "sleep 0.2; exit 3"))
        d = self.start(config)
        [m] = smtp.wait_messages(1, timeout=15)
        self.assertIn("Process crasher:crasher", body_of(m))
        wait_until(lambda: "Error sending email" in d.read("bad.err"), 15, what="the refused login")
        err = d.read("bad.err")
        self.assertRegex(err, r"Login denied|535")
        for name in ("good.err", "bad.err", "supervisord.log", "daemon.out"):
            self.assertNotIn("wrong-pw-42", d.read(name))
            self.assertNotIn("s3cret-pw", d.read(name))
        server = rpc("unix://" + d.path("supervisor.sock"))
        self.assertEqual(server.supervisor.getState()["statename"], "RUNNING")
        states = {p["name"]: p["statename"] for p in server.supervisor.getAllProcessInfo()}
        self.assertEqual(states["bad"], "RUNNING")
        self.assertEqual(states["good"], "RUNNING")
        time.sleep(1)
        self.assertEqual(len(smtp.messages()), 1)

    def test_minos_crashmailbatch(self):
        # Minos' template line (plain SMTP, the password logging in as the
        # sender's local part) with -l and the alert.cfg beside the config.
        port = free_port()
        d = Supervisord(self, SUPERVISORD_SECTION)
        smtp = SmtpPeer(self, d.dir, port, auth=("robot", "123456"))
        config = (listener("minos", "--toEmail=ops@example.com --fromEmail=robot@example.com --password=123456 "
                           "--smtpHost=127.0.0.1:%d --tickEvent=TICK_5 --interval=0.01 -l 9101 "
                           "--alertConfig=%%(here)s/alert.cfg" % port, "PROCESS_STATE,TICK_5")
                  + program("hdfs--dptst--datanode1", "exit 0", autostart=False)  # Minos: exitcodes=999
                  .replace("autorestart=false", "autorestart=false\nexitcodes=999")
                  + program("web", "exit 3", autostart=False))  # not a Minos name: mailed, no extra recipients
        d = self.start(config)
        d.write("alert.cfg", "[hdfs--dptst]\nto_emails = hdfs-team@example.com, ops@example.com\n")
        server = rpc("unix://" + d.path("supervisor.sock"))
        wanted = ("hdfs--dptst--datanode1:hdfs--dptst--datanode1", "web:web")
        listener_pid = server.supervisor.getProcessInfo("minos")["pid"]
        for name in wanted:
            server.supervisor.startProcess(name, False)

        def both_mailed():
            bodies = "".join(body_of(m) for m in smtp.messages())
            return all(w in bodies for w in wanted)
        wait_until(both_mailed, 20, what="both crashes mailed")
        ip = socket.gethostbyname(HOST)
        for m in smtp.messages():
            self.assertEqual(m["Subject"], "Crash alert from supervisord on %s" % HOST)
            self.assertEqual(m["From"], "robot@example.com")
            for line in body_of(m).splitlines():
                self.assertRegex(line, r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} -- http://%s:9101 -- "
                                       r"Process (%s) \(pid \d+\) died unexpectedly$"
                                 % (re.escape(ip), "|".join(wanted)))
            if "hdfs--dptst" in body_of(m):
                self.assertEqual(m["To"], "ops@example.com, hdfs-team@example.com")
                self.assertEqual(m["X-RcptTo"], "ops@example.com, hdfs-team@example.com")
            else:
                self.assertEqual(m["To"], "ops@example.com")
        # the listener lived through both (Minos' died on the name outside its form)
        self.assertEqual(server.supervisor.getProcessInfo("minos")["statename"], "RUNNING")
        self.assertEqual(server.supervisor.getProcessInfo("minos")["pid"], listener_pid)
        err = d.read("minos.err")
        self.assertIn("-- http://%s:9101 -- Process web:web" % ip, err)
        self.assertNotIn("123456", err)

    def test_a_silent_mail_server_does_not_hold_up_events(self):
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections complete in the backlog; nothing ever answers
        self.addCleanup(silent.close)
        port = silent.getsockname()[1]
        config = (listener("crashmail", "-m ops@example.com --smtp=127.0.0.1:%d --timeout=3" % port,
                           "PROCESS_STATE_EXITED")
                  + program("first", "sleep 0.2; exit 3")
                  + program("second", "sleep 1; exit 3"))
        d = self.start(config)
        # the second crash is taken while the first mail is still waiting on the server
        wait_until(lambda: "unexpected exit of second:second" in d.read("crashmail.err"), 10,
                   what="the second crash heard")
        self.assertNotIn("Error sending email", d.read("crashmail.err"))
        wait_until(lambda: "Error sending email" in d.read("crashmail.err"), 15, what="the timeout")
        self.assertRegex(d.read("crashmail.err"), r"Timeout|timed out|no answer")
        server = rpc("unix://" + d.path("supervisor.sock"))
        self.assertEqual(server.supervisor.getProcessInfo("crashmail")["statename"], "RUNNING")

    def test_idle_listener_never_wakes(self):
        config = listener("crashmail", "-m ops@example.com --smtp=127.0.0.1:9", "PROCESS_STATE_EXITED")
        d = self.start(config)
        server = rpc("unix://" + d.path("supervisor.sock"))
        wait_until(lambda: server.supervisor.getProcessInfo("crashmail")["statename"] == "RUNNING", 10,
                   what="crashmail running")
        pid = server.supervisor.getProcessInfo("crashmail")["pid"]

        def switches():
            with open("/proc/%d/status" % pid) as f:
                fields = dict(line.split(":", 1) for line in f if "ctxt_switches" in line)
            return sum(int(v) for v in fields.values())
        time.sleep(0.5)  # let it settle after READY
        before = switches()
        time.sleep(3)
        self.assertEqual(switches(), before, "crashmail woke up while nothing happened")

    def test_sendmail_command(self):
        config = (listener("crashmail", "-m ops@example.com -s 'cat > {dir}/sent.txt'", "PROCESS_STATE_EXITED")
                  + listener("broken", "-m ops@example.com -s 'echo no relay >&2; exit 75'", "PROCESS_STATE_EXITED")
                  + program("crasher", "sleep 0.2; exit 3"))
        d = self.start(config)
        wait_until(lambda: "Subject:" in d.read("sent.txt") and d.read("sent.txt").endswith("\n"), 10,
                   what="the message piped to the sendmail command")
        sent = d.read("sent.txt")
        self.assertNotIn("\r", sent)
        self.assertIn("To: ops@example.com\n", sent)
        self.assertRegex(sent, r"Subject: crasher crashed at ")
        self.assertIn("\n\nProcess crasher in group crasher exited unexpectedly", sent)
        wait_until(lambda: "Error sending email" in d.read("broken.err"), 10, what="the failing sendmail")
        self.assertIn("exited with status 75: no relay", d.read("broken.err"))

    @unittest.skipUnless(os.path.exists(PYTHON_SUPERVISORD), "Python supervisord is not installed")
    def test_same_mail_under_python_supervisord(self):
        mails = []
        for binary in (None, PYTHON_SUPERVISORD):
            port = free_port()
            scratch = Supervisord(self, SUPERVISORD_SECTION)
            smtp = SmtpPeer(self, scratch.dir, port)
            d = self.start(self.crash_config(port), binary=binary)
            [m] = smtp.wait_messages(1, timeout=15)
            time.sleep(0.5)
            self.assertEqual(len(smtp.messages()), 1)
            pid = int(re.search(r"\(pid (\d+)\)", body_of(m)).group(1))
            self.check_crash_mail(m, pid)
            mails.append(m)
            d.stop()

        def normal(m):
            text = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}", "TIME", body_of(m))
            return re.sub(r"\bpid \d+|PID: \d+", "PID", text), re.sub(r"at .*", "", m["Subject"])
        self.assertEqual(normal(mails[0]), normal(mails[1]))

    def test_refuses_to_run_outside_supervisord_and_names_bad_options(self):
        env = {k: v for k, v in os.environ.items() if k != "SUPERVISOR_SERVER_URL"}
        r = subprocess.run([CRASHMAIL, "-m", "ops@example.com"], env=env, capture_output=True, text=True, timeout=10)
        self.assertEqual(r.returncode, 1)
        self.assertIn("must run as a supervisor event listener", r.stderr)
        for args, text in ((["--email=ops@example.com", "--tickEvent=TICK_7"], "--tickEvent: supervisor sends"),
                           (["-m", "ops@example.com", "--interval=1"], "-m is not an option of crashmailbatch's "
                            "reading, chosen by --interval"),
                           (["-a"], "-m/--email is required"),
                           (["--toEmail=ops@example.com"], "--fromEmail is required"),
                           (["-m", "x@y", "-z"], "no such option: -z"),
                           (["-m", "x@y", "--smtp=127.0.0.1:99999"], "--smtp")):
            r = subprocess.run([CRASHMAIL] + args, env=env, capture_output=True, text=True, timeout=10)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn(text, r.stderr, args)
        r = subprocess.run([CRASHMAIL, "--help"], env=env, capture_output=True, text=True, timeout=10)
        self.assertEqual(r.returncode, 0)
        self.assertIn("usage: crashmail", r.stdout)


if __name__ == "__main__":
    main()
