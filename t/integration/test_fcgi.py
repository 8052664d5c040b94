"""[fcgi-program:x]: the daemon binds the socket and hands it to each
process as fd 0, as Python supervisord does (compared on the same
configuration); ours keeps it bound across restarts and closes it when the
group is removed."""

import os
import socket
import unittest
import xmlrpc.client

from harness import (PYTHON_SUPERVISORD, SUPERVISORD_SECTION, UNIX_SERVER, Supervisord, conf, free_port, main, rpc,
                     wait_until)

HEADER = SUPERVISORD_SECTION + "identifier=it\n" + UNIX_SERVER

# Says what its fd 0 is, then answers each connection with its pid.
CHILD = """\
import os, socket, sys
s = socket.socket(fileno=0)
with open(sys.argv[1] + "/seen.%d" % os.getpid(), "w") as f:
    f.write("%s %s %s %s" % (s.family.name, s.type.name, s.getblocking(), s.getsockname()))
while True:
    c, _ = s.accept()
    c.sendall(b"pid %d\\n" % os.getpid())
    c.close()
"""


def server_of(d):
    d.wait_log("supervisord started")
    return rpc("unix://" + d.path("supervisor.sock"))


def ask(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
        return c.recv(100).decode()


class Fcgi(unittest.TestCase):
    def daemon(self, binary=None, numprocs=2, port=None):
        self.port = port or free_port()
        d = Supervisord(self, conf(HEADER, """
            [fcgi-program:web]
            command={python} {dir}/child.py {dir}
            socket=tcp://127.0.0.1:%d
            numprocs=%d
            process_name=web_%%(process_num)d
            startsecs=0
            """ % (self.port, numprocs)), binary=binary)
        d.write("child.py", CHILD)
        return d

    def observe(self, binary):
        """What the children and a client see, under one daemon."""
        d = self.daemon(binary).start()
        server = server_of(d)
        wait_until(lambda: len([f for f in os.listdir(d.dir) if f.startswith("seen.")]) == 2, 10, what="two children")
        seen = sorted(open(os.path.join(d.dir, f)).read() for f in os.listdir(d.dir) if f.startswith("seen."))
        answers = {ask(self.port).split()[0] for _ in range(4)}
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            server.supervisor.sendProcessStdin("web:web_0", "x")
        created = [m for m in d.messages() if m.startswith("Creating socket")]
        d.stop()
        return {"seen": [s.replace(str(self.port), "PORT") for s in seen], "answers": answers,
                "stdin_fault": caught.exception.faultCode,
                "created": [m.replace(str(self.port), "PORT") for m in created][:1]}

    @unittest.skipUnless(os.path.exists(PYTHON_SUPERVISORD), "Debian's supervisor not installed")
    def test_children_see_what_python_supervisords_children_see(self):
        ours = self.observe(None)
        theirs = self.observe(PYTHON_SUPERVISORD)
        self.assertEqual(ours["seen"], ["AF_INET SOCK_STREAM True ('127.0.0.1', PORT)"] * 2)
        self.assertEqual(ours, theirs)

    def test_the_socket_stays_bound_across_a_restart(self):
        d = self.daemon(numprocs=1).start()
        server = server_of(d)
        self.assertTrue(ask(self.port).startswith("pid "))
        server.supervisor.stopProcess("web:web_0")
        # Nobody accepts, but the socket is still listening: the client waits in the backlog.
        client = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        server.supervisor.startProcess("web:web_0")
        self.assertTrue(client.recv(100).startswith(b"pid "))
        client.close()
        self.assertEqual(sum(1 for m in d.messages() if m.startswith("Creating socket")), 1)
        d.stop()

    def test_removing_the_group_closes_the_socket(self):
        d = self.daemon(numprocs=1).start()
        server = server_of(d)
        server.supervisor.stopProcessGroup("web")
        self.assertTrue(server.supervisor.removeProcessGroup("web"))
        d.wait_log(r"Closing socket tcp://127.0.0.1:%d" % self.port)
        with self.assertRaises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", self.port), timeout=5)
        d.stop()

    def test_a_unix_socket_with_its_mode(self):
        d = Supervisord(self, conf(HEADER, """
            [fcgi-program:app]
            command={python} {dir}/child.py {dir}
            socket=unix://{dir}/app.sock
            socket_mode=0660
            startsecs=0
            """))
        d.write("child.py", CHILD)
        d.write("app.sock", "stale file\n")  # removed before the bind
        d.start()
        server = server_of(d)
        wait_until(lambda: [f for f in os.listdir(d.dir) if f.startswith("seen.")], 10, what="the child")
        self.assertEqual(os.stat(d.path("app.sock")).st_mode & 0o777, 0o660)
        inode = os.stat(d.path("app.sock")).st_ino
        with socket.socket(socket.AF_UNIX) as c:
            c.settimeout(5)
            c.connect(d.path("app.sock"))
            self.assertTrue(c.recv(100).startswith(b"pid "))
        server.supervisor.stopProcess("app")
        server.supervisor.startProcess("app")
        self.assertEqual(os.stat(d.path("app.sock")).st_ino, inode)  # the same socket
        d.stop()

    def test_a_socket_that_cannot_be_bound_stops_the_start(self):
        taken = socket.socket()
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        self.addCleanup(taken.close)
        d = self.daemon(port=taken.getsockname()[1])
        rc, out, err = d.run_to_exit()
        self.assertEqual(rc, 2)
        self.assertIn("[fcgi-program:web] could not create the socket tcp://127.0.0.1:%d: Address already in use"
                      % self.port, out + err)


if __name__ == "__main__":
    main()
