"""A real SMTP server for the crashmail tests: Debian's aiosmtpd, run as
its own process on 127.0.0.1 by SmtpPeer, storing what it receives in a
Maildir (with aiosmtpd's X-MailFrom / X-RcptTo envelope headers).
Optional AUTH (one user) and STARTTLS (required when --tls is given).

Run: /usr/bin/python3 smtp_peer.py PORT MAILDIR [--auth USER:PASS] [--tls CERT KEY]
"""

import mailbox
import os
import signal
import subprocess
import sys
import time

PEER_PYTHON = "/usr/bin/python3"  # Debian's, where python3-aiosmtpd lives


def have_aiosmtpd():
    return subprocess.run([PEER_PYTHON, "-c", "import aiosmtpd"], capture_output=True).returncode == 0


class SmtpPeer:
    """The server process; stopped by the test's cleanup."""

    def __init__(self, testcase, directory, port, auth=None, tls=None):
        self.maildir = os.path.join(directory, "maildir-%d" % port)
        self.port = port
        args = [PEER_PYTHON, os.path.abspath(__file__), str(port), self.maildir]
        if auth:
            args += ["--auth", "%s:%s" % auth]
        if tls:
            args += ["--tls", tls[0], tls[1]]
        self.log = open(os.path.join(directory, "smtp-%d.log" % port), "w+")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log, stdin=subprocess.DEVNULL)
        testcase.addCleanup(self.stop)
        line = self.proc.stdout.readline()
        if line.strip() != b"ready":
            self.log.seek(0)
            raise AssertionError("SMTP peer did not start: %r\n%s" % (line, self.log.read()))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.log.close()

    def messages(self):
        if not os.path.isdir(os.path.join(self.maildir, "cur")):
            return []
        box = mailbox.Maildir(self.maildir, create=False)
        return sorted((box[key] for key in box.keys()), key=lambda m: m["Date"] or "")

    def wait_messages(self, count, timeout=20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.messages()
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError("SMTP peer on port %d got %d message(s), not %d, within %.0f s"
                             % (self.port, len(self.messages()), count, timeout))


def serve(argv):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Mailbox
    from aiosmtpd.smtp import AuthResult

    port, maildir = int(argv[0]), argv[1]
    rest = argv[2:]
    kwargs = {}
    if "--auth" in rest:
        user, password = rest[rest.index("--auth") + 1].split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls="--tls" in rest)
    if "--tls" in rest:
        import ssl
        i = rest.index("--tls")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(rest[i + 1], rest[i + 2])
        kwargs.update(tls_context=context, require_starttls=True)
    controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    serve(sys.argv[1:])
