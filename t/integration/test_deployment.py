"""The Minos `deployment` namespace, driven the way Minos' deploy client
drives it with Python's xmlrpc.client and
Basic auth, against the real daemon and a package server on 127.0.0.1 (a
small Python HTTP server with the latest-package endpoint and tarballs):
bootstrap, start, show, stop, show, cleanup for a single-instance and a
multi-instance job, the disk layout after each step, every error string of
the fork provoked once, hostile names, paths and tarballs refused, and the
daemon answering while a slow bootstrap runs."""

import io
import os
import signal
import tarfile
import threading
import time
import unittest
import urllib.parse
import xmlrpc.client
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import SUPERVISORD_SECTION, Supervisord, conf, free_port, main, rpc, wait_until

REVISION, TIMESTAMP = "r42", "20140101-120000"


def tarball(top, files, extra=None):
    """A .tar.gz with `files` ({relative path: text}) under directory `top`."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        info = tarfile.TarInfo(top)
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
        tar.addfile(info)
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(top + "/" + name)
            info.size = len(data)
            info.mode = 0o755
            tar.addfile(info, io.BytesIO(data))
        for info, data in (extra or []):
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


class PackageServer:
    """tank's two endpoints: /get_latest_package_info/?artifact=A and
    /packages/<artifact>/<revision>-<timestamp>/<package_name>."""

    def __init__(self, testcase):
        self.packages = {}   # artifact -> (package_name, bytes)
        self.truncate = set()  # package names served with a body cut short
        self.stall = set()  # artifacts whose lookup answers only after 10 s
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append(self.path)
                url = urllib.parse.urlparse(self.path)
                if url.path == "/get_latest_package_info/":
                    artifact = urllib.parse.parse_qs(url.query).get("artifact", [""])[0]
                    if artifact in server.stall:
                        time.sleep(10)
                    if artifact in server.packages:
                        name = server.packages[artifact][0]
                        body = ("{'artifact': '%s','package_name': '%s','revision': '%s','timestamp': '%s',"
                                "'checksum': 'abc'}" % (artifact, name, REVISION, TIMESTAMP))
                    else:
                        body = "Package Not Found"
                    return self.answer(200, body.encode())
                parts = url.path.split("/")
                if len(parts) == 5 and parts[1] == "packages" and parts[2] in server.packages:
                    name, data = server.packages[parts[2]]
                    if parts[3] == REVISION + "-" + TIMESTAMP and parts[4] == name:
                        if name in server.truncate:
                            self.send_response(200)
                            self.send_header("Content-Length", str(len(data)))
                            self.end_headers()
                            self.wfile.write(data[: len(data) // 2])
                            return
                        return self.answer(200, data)
                self.answer(404, b"not here")

            def answer(self, status, body):
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        testcase.addCleanup(self.httpd.server_close)
        testcase.addCleanup(self.httpd.shutdown)


CONFIG = SUPERVISORD_SECTION + """\
[inet_http_server]
port=127.0.0.1:{port}
username=minosuser
password=123456
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[rpcinterface:deployment]
package_server=http://127.0.0.1:{pkgport}
download_package_uri=packages
get_latest_package_info_uri=get_latest_package_info
package_root={dir}/packages
app_root={dir}/app
log_root={dir}/log
data_dirs={dir}/data1,{dir}/data2
script_timeout=20
supervisor.rpcinterface_factory = deployment.rpcinterface:deployment_rpcinterface
[include]
files = ./conf/*.cfg
"""

ZK = ("zookeeper", "dptst", "zookeeper")


def bootstrap_dict(**over):
    d = {"artifact": "zookeeper", "force_update": False, "package_name": "", "revision": "", "timestamp": "",
         "cleanup_token": "s3cret", "bootstrap.sh": "", "data_dir_indexes": "0", "config_files": {}}
    d.update(over)
    return d


def start_dict(**over):
    d = {"start.sh": "#!/usr/bin/env bash\nexec sleep 1000\n", "artifact": "zookeeper",
         "config_files": {"zoo.cfg": "tickTime=2000\n"}, "http_url": "", "force_update": False,
         "package_name": "", "revision": "", "timestamp": ""}
    d.update(over)
    return d


class DeploymentTest(unittest.TestCase):

    config = CONFIG

    def setUp(self):
        self.pkg = PackageServer(self)
        self.pkg.packages["zookeeper"] = ("zookeeper-3.4.5.tar.gz",
                                          tarball("zookeeper-3.4.5", {"bin/zkServer.sh": "#!/bin/sh\n"}))
        self.pkg.packages["hadoop"] = ("hadoop-2.0.tar.gz", tarball("hadoop-2.0", {"bin/hdfs": "#!/bin/sh\n"}))
        self.port = free_port()
        self.d = Supervisord(self, self.config.replace("{port}", str(self.port)).replace("{pkgport}",
                                                                                         str(self.pkg.port)))
        for data in ("data1", "data2"):
            os.makedirs(self.d.path(data))
        self.d.start()
        self.d.wait_log("supervisord started")
        self.p = self.proxy()

    def proxy(self):
        return xmlrpc.client.ServerProxy("http://minosuser:123456@127.0.0.1:%d" % self.port)

    def path(self, *parts):
        return self.d.path(os.path.join(*parts))

    def wait_state(self, job, states, instance=None, timeout=15):
        args = list(job) + [{}] + ([instance] if instance is not None else [])
        return wait_until(lambda: self.p.deployment.show(*args) in states, timeout, interval=0.1,
                          what="%s in %s" % (job, states))

    def test_single_instance_job_life_cycle(self):
        p, d = self.p, self.d
        run_dir = self.path("app/zookeeper/dptst/zookeeper")
        self.assertEqual(p.deployment.get_available_data_dirs(*ZK),
                         [self.path("data1/zookeeper/dptst/zookeeper"), self.path("data2/zookeeper/dptst/zookeeper")])
        self.assertEqual(p.deployment.get_run_dir(*ZK), run_dir)
        self.assertEqual(p.deployment.get_log_dir(*ZK), self.path("log/zookeeper/dptst/zookeeper"))
        self.assertEqual(p.deployment.get_stdout_dir(*ZK), run_dir + "/stdout")
        self.assertEqual(p.deployment.get_package_dir(*ZK), run_dir + "/package")
        self.assertEqual(p.deployment.get_current_package_dir("zookeeper", "dptst"),
                         self.path("packages/zookeeper/dptst/current"))
        # not bootstrapped yet
        self.assertEqual(p.deployment.get_data_dirs(*ZK), "You should bootstrapped the job first")
        self.assertEqual(p.deployment.get_cleanup_token(*ZK), "You should bootstrap the job first")
        self.assertEqual(p.deployment.start(*ZK, start_dict()), "You should bootstrap the job first")

        script = "#!/bin/sh\necho booted > %s\n" % self.path("booted.txt")
        self.assertEqual(p.deployment.bootstrap(*ZK, bootstrap_dict(**{"bootstrap.sh": script,
                                                                       "config_files": {"zoo.cfg": "a=1\n"}})), "OK")
        package_dir = self.path("packages/zookeeper/dptst/%s-%s/zookeeper-3.4.5" % (REVISION, TIMESTAMP))
        self.assertTrue(os.path.isfile(package_dir + ".tar.gz"))
        self.assertTrue(os.path.isfile(package_dir + "/bin/zkServer.sh"))
        self.assertEqual(os.readlink(run_dir + "/package"), package_dir)
        self.assertEqual(os.readlink(self.path("packages/zookeeper/dptst/current")), package_dir)
        self.assertEqual(os.readlink(run_dir + "/log"), self.path("log/zookeeper/dptst/zookeeper"))
        self.assertEqual(os.readlink(run_dir + "/data1"), self.path("data1/zookeeper/dptst/zookeeper"))
        self.assertFalse(os.path.lexists(run_dir + "/data2"))
        self.assertTrue(os.path.isdir(run_dir + "/stdout"))
        self.assertTrue(os.path.isdir(self.path("data1/zookeeper/dptst/zookeeper")))
        with open(run_dir + "/zoo.cfg") as f:
            self.assertEqual(f.read(), "a=1\n")
        with open(self.path("booted.txt")) as f:
            self.assertEqual(f.read(), "booted\n")
        with open(run_dir + "/run.cfg") as f:
            run_cfg = f.read()
        for line in ("[run_info]", "cleanup_token = s3cret", "data_dir_indexes = 0", "run_dir = " + run_dir,
                     "log_dir = " + self.path("log/zookeeper/dptst/zookeeper"), "package_dir = " + package_dir):
            self.assertIn(line + "\n", run_cfg)
        self.assertEqual(p.deployment.get_cleanup_token(*ZK), "s3cret")
        self.assertEqual(p.deployment.get_data_dirs(*ZK), [self.path("data1/zookeeper/dptst/zookeeper")])
        self.assertEqual(p.deployment.get_real_package_dir(*ZK), package_dir)

        self.assertEqual(p.deployment.start(*ZK, start_dict(http_url="http://127.0.0.1:11201")), "OK")
        with open(self.path("conf/zookeeper--dptst--zookeeper.cfg")) as f:
            section = f.read()
        for line in ("[program:zookeeper--dptst--zookeeper]", "command = /bin/bash %s/start.sh" % run_dir,
                     "process_name = zookeeper--dptst--zookeeper", "directory = " + run_dir,
                     "http_url = http://127.0.0.1:11201", "autorestart = true", "exitcodes = 999",
                     "autostart = false"):
            self.assertIn(line + "\n", section)
        self.assertEqual(p.deployment.show(*ZK, {}), "STARTING")
        self.wait_state(ZK, ("RUNNING",))
        info = p.supervisor.getProcessInfo("zookeeper--dptst--zookeeper")
        self.assertEqual(info["group"], "zookeeper--dptst--zookeeper")
        self.assertEqual(os.readlink("/proc/%d/cwd" % info["pid"]), run_dir)
        # the status page links the name to http_url
        import urllib.request
        req = urllib.request.Request("http://127.0.0.1:%d/" % self.port,
                                     headers={"Authorization": "Basic bWlub3N1c2VyOjEyMzQ1Ng=="})
        self.assertIn('href="http://127.0.0.1:11201"', urllib.request.urlopen(req, timeout=10).read().decode())
        # faults of the supervisor namespace pass through
        with self.assertRaises(xmlrpc.client.Fault) as e:
            p.deployment.start(*ZK, start_dict())
        self.assertEqual(e.exception.faultCode, 60)
        self.assertEqual(p.deployment.cleanup(*ZK, {"cleanup_token": "s3cret", "cleanup.sh": ""}),
                         "You should stop the job first")

        self.assertEqual(p.deployment.stop(*ZK, {}), "OK")
        self.wait_state(ZK, ("STOPPED",))
        with self.assertRaises(xmlrpc.client.Fault) as e:
            p.deployment.stop(*ZK, {})
        self.assertEqual(e.exception.faultCode, 70)
        self.assertEqual(p.deployment.cleanup(*ZK, {"cleanup_token": "wrong", "cleanup.sh": ""}),
                         "Cleanup token is invalid")
        # restart reusing the start.sh on disk (empty start.sh) with the latest package,
        # which the fork also kept under the artifact's name; then stop again
        artifact_copy = self.path("packages/zookeeper/%s-%s/zookeeper-3.4.5.tar.gz" % (REVISION, TIMESTAMP))
        self.assertFalse(os.path.exists(artifact_copy))
        self.assertEqual(p.deployment.start(*ZK, start_dict(**{"start.sh": "", "force_update": True})), "OK")
        with open(artifact_copy, "rb") as copy, open(package_dir + ".tar.gz", "rb") as tarball:
            self.assertEqual(copy.read(), tarball.read())
        self.wait_state(ZK, ("RUNNING",))
        self.assertEqual(p.deployment.stop(*ZK, {}), "OK")
        self.wait_state(ZK, ("STOPPED",))

        with open(self.path("log/zookeeper/dptst/zookeeper/zk.log"), "w") as f:
            f.write("log\n")
        with open(self.path("data1/zookeeper/dptst/zookeeper/myid"), "w") as f:
            f.write("1\n")
        cleanup = "#!/bin/sh\necho cleaned > %s\n" % self.path("cleaned.txt")
        self.assertEqual(p.deployment.cleanup(*ZK, {"cleanup_token": "s3cret", "cleanup.sh": cleanup}), "OK")
        self.assertTrue(os.path.exists(self.path("cleaned.txt")))
        self.assertFalse(os.path.lexists(self.path("log/zookeeper/dptst/zookeeper")))
        self.assertFalse(os.path.lexists(self.path("data1/zookeeper/dptst/zookeeper")))
        self.assertFalse(os.path.exists(self.path("conf/zookeeper--dptst--zookeeper.cfg")))
        self.assertTrue(os.path.isdir(self.path("data1")))
        self.assertTrue(os.path.exists(run_dir + "/run.cfg"))  # cleanup leaves the run dir, as the fork did
        with self.assertRaises(xmlrpc.client.Fault) as e:
            p.deployment.show(*ZK, {})
        self.assertEqual(e.exception.faultCode, 10)
        # and the job can be bootstrapped again
        self.assertEqual(p.deployment.bootstrap(*ZK, bootstrap_dict()), "OK")

    def test_multi_instance_job(self):
        p = self.p
        dn = ("hdfs", "dptst", "datanode")
        boot = bootstrap_dict(artifact="hadoop", data_dir_indexes="0,1")
        for instance in (0, 1):
            self.assertEqual(p.deployment.bootstrap(*dn, boot, instance), "OK")
            run_dir = self.path("app/hdfs/dptst/datanode/%d" % instance)
            self.assertEqual(p.deployment.get_run_dir(*dn, instance), run_dir)
            self.assertEqual(os.readlink(run_dir + "/data1"), self.path("data1/hdfs/dptst/datanode/%d" % instance))
            self.assertEqual(os.readlink(run_dir + "/data2"), self.path("data2/hdfs/dptst/datanode/%d" % instance))
            self.assertEqual(p.deployment.get_data_dirs(*dn, instance),
                             [self.path("data1/hdfs/dptst/datanode/%d" % instance),
                              self.path("data2/hdfs/dptst/datanode/%d" % instance)])
        # the older client's order (instance_id before config_dict) is read too
        self.assertEqual(p.deployment.start(*dn, 1, start_dict(artifact="hadoop")), "OK")
        self.assertEqual(p.deployment.start(*dn, start_dict(artifact="hadoop"), 0), "OK")
        self.wait_state(dn, ("RUNNING",), instance=1)
        self.wait_state(dn, ("RUNNING",), instance=0)
        names = sorted(i["name"] for i in p.supervisor.getAllProcessInfo())
        self.assertEqual(names, ["hdfs--dptst--datanode0", "hdfs--dptst--datanode1"])
        for instance in (0, 1):
            self.assertEqual(p.deployment.stop(*dn, {}, instance), "OK")
            self.wait_state(dn, ("STOPPED",), instance=instance)
            self.assertEqual(p.deployment.cleanup(*dn, {"cleanup_token": "s3cret", "cleanup.sh": ""}, instance), "OK")
            self.assertFalse(os.path.lexists(self.path("data2/hdfs/dptst/datanode/%d" % instance)))

    def test_error_strings(self):
        p = self.p
        self.assertEqual(p.deployment.bootstrap(*ZK, bootstrap_dict(artifact="")),
                         "Invalid config_dict: can't find artifact")
        self.assertEqual(p.deployment.start(*ZK, start_dict(artifact="")), "Inval config_dict: can't find artifact")
        self.assertEqual(p.deployment.bootstrap("x", "y", "z", bootstrap_dict(artifact="nothere")),
                         "No package found on package server of nothere")
        reply = p.deployment.bootstrap("x", "y", "w", bootstrap_dict(package_name="zookeeper-9.tar.gz",
                                                                      revision="r1", timestamp="t1"))
        self.assertTrue(reply.endswith(". There may be an error about your package information."), reply)
        self.assertIn("404", reply)
        os.makedirs(self.path("log/zookeeper/dptst/zookeeper"))
        with open(self.path("log/zookeeper/dptst/zookeeper/old.log"), "w") as f:
            f.write("x")
        self.assertEqual(p.deployment.bootstrap(*ZK, bootstrap_dict()),
                         "The log dir %s is not empty, please do cleanup first" % self.path("log/zookeeper/dptst/zookeeper"))
        os.makedirs(self.path("data2/a/b/c"))
        with open(self.path("data2/a/b/c/old"), "w") as f:
            f.write("x")
        self.assertEqual(p.deployment.bootstrap("a", "b", "c", bootstrap_dict(data_dir_indexes="1")),
                         "The data dir %s is not empty, please do cleanup first" % self.path("data2/a/b/c"))
        self.assertIn("data_dir_indexes", p.deployment.bootstrap("a", "b", "d", bootstrap_dict(data_dir_indexes="7")))
        self.assertEqual(p.deployment.bootstrap("a", "b", "e", bootstrap_dict()), "OK")
        self.assertEqual(p.deployment.start("a", "b", "e", start_dict(**{"start.sh": ""})), "No start script found")
        self.assertEqual(p.deployment.cleanup("never", "bootstrapped", "job", {"cleanup_token": "t", "cleanup.sh": ""}),
                         "Cleanup token is invalid")
        self.assertEqual(p.deployment.bootstrap("a", "b", "f", bootstrap_dict()), "OK")
        self.assertEqual(p.deployment.cleanup("a", "b", "f", {"cleanup_token": "s3cret", "cleanup.sh": "exit 3"}),
                         "Execute cleanup.sh failed")
        self.assertFalse(os.path.lexists(self.path("log/a/b/f")))
        self.assertTrue(os.path.isdir(self.path("data1/a/b/f")))  # a failed cleanup.sh leaves the data
        with self.assertRaises(xmlrpc.client.Fault) as e:
            p.deployment.show("no", "such", "job", {})
        self.assertEqual(e.exception.faultCode, 10)

    def test_hostile_names_paths_and_packages(self):
        p = self.p
        for args in (("..", "c", "j"), ("s", "a/b", "j"), ("s", "c", ".hidden"), ("s", "", "j"), ("s", "c", "j" * 300)):
            with self.assertRaises(xmlrpc.client.Fault) as e:
                p.deployment.bootstrap(*args, bootstrap_dict())
            self.assertEqual(e.exception.faultCode, 3, args)
        # A NUL is not XML: the request itself is refused, as supervisor does.
        with self.assertRaises(xmlrpc.client.ProtocolError) as e:
            p.deployment.bootstrap("s", "c", "j\x00", bootstrap_dict())
        self.assertEqual(e.exception.errcode, 400)
        with self.assertRaises(xmlrpc.client.Fault):
            p.deployment.get_run_dir("../../etc", "c", "j")
        with self.assertRaises(xmlrpc.client.Fault):
            p.deployment.bootstrap(*ZK, bootstrap_dict(config_files={"../../../evil": "x"}))
        self.assertFalse(os.path.exists(self.path("evil")))
        with self.assertRaises(xmlrpc.client.Fault):
            p.deployment.bootstrap(*ZK, bootstrap_dict(artifact="zoo/../../x"))
        # the file methods stay under the roots
        for path in ("/etc/passwd", self.path("supervisord.conf"), self.path("app/../supervisord.conf"), "relative"):
            with self.assertRaises(xmlrpc.client.Fault) as e:
                p.deployment.read_file(path)
            self.assertEqual(e.exception.faultCode, 3, path)
            with self.assertRaises(xmlrpc.client.Fault):
                p.deployment.write_text_to_file(path, "x")
        os.symlink("/etc", self.path("app/etc-link"))
        with self.assertRaises(xmlrpc.client.Fault):
            p.deployment.read_file(self.path("app/etc-link/passwd"))
        target = self.path("app/notes.txt")
        self.assertEqual(p.deployment.write_text_to_file(target, "one\n"), "OK")
        self.assertEqual(p.deployment.append_text_to_file(target, "two\n"), "OK")
        self.assertEqual(p.deployment.read_file(target), "one\ntwo\n")
        # a tarball whose members try to leave the package dir
        evil = []
        up = tarfile.TarInfo("../../../../escaped.txt"); up.size = 1; evil.append((up, b"x"))
        ab = tarfile.TarInfo(self.path("absolute.txt")); ab.size = 1; evil.append((ab, b"x"))
        link = tarfile.TarInfo("evil-1.0/link"); link.type = tarfile.SYMTYPE; link.linkname = self.d.dir
        evil.append((link, None))
        through = tarfile.TarInfo("evil-1.0/link/through.txt"); through.size = 1; evil.append((through, b"x"))
        hard = tarfile.TarInfo("evil-1.0/hard"); hard.type = tarfile.LNKTYPE; hard.linkname = self.path("supervisord.conf")
        evil.append((hard, None))
        self.pkg.packages["evil"] = ("evil-1.0.tar.gz", tarball("evil-1.0", {"ok.txt": "fine"}, evil))
        reply = p.deployment.bootstrap("e", "v", "il", bootstrap_dict(artifact="evil"))
        self.assertTrue(reply == "OK" or reply.startswith("Error: tar"), reply)
        for name in ("escaped.txt", "absolute.txt", "through.txt"):
            found = [os.path.join(r, f) for r, _, fs in os.walk(self.d.dir) for f in fs if f == name]
            outside = [f for f in found if "/packages/e/v/" not in f]
            self.assertEqual(outside, [], name)
        self.assertFalse(os.path.exists("/escaped.txt"))
        # a download cut short never becomes a package
        self.pkg.packages["cut"] = ("cut-1.0.tar.gz", tarball("cut-1.0", {"big": "y" * 100000}))
        self.pkg.truncate.add("cut-1.0.tar.gz")
        reply = p.deployment.bootstrap("c", "u", "t", bootstrap_dict(artifact="cut"))
        self.assertIn("There may be an error about your package information", reply)
        version_dir = self.path("packages/c/u/%s-%s" % (REVISION, TIMESTAMP))
        self.assertEqual(os.listdir(version_dir), [])
        self.assertFalse(os.path.lexists(self.path("packages/c/u/current")))

    def timed_proxy(self, seconds=5):
        """A proxy whose calls fail after `seconds` instead of waiting on a stuck daemon."""
        class Timed(xmlrpc.client.Transport):
            def make_connection(self, host):
                conn = super().make_connection(host)
                conn.timeout = seconds
                return conn
        return xmlrpc.client.ServerProxy("http://minosuser:123456@127.0.0.1:%d" % self.port, transport=Timed())

    def test_file_methods_never_block_and_never_follow_links(self):
        p = self.timed_proxy()
        os.mkfifo(self.path("app/fifo"))
        for call in (lambda: p.deployment.read_file(self.path("app/fifo")),
                     lambda: p.deployment.append_text_to_file(self.path("app/fifo"), "x")):
            t0 = time.monotonic()
            with self.assertRaises(xmlrpc.client.Fault) as e:
                call()
            self.assertLess(time.monotonic() - t0, 2)
            self.assertEqual(e.exception.faultCode, 30)
            self.assertIn("is a FIFO, not a regular file", e.exception.faultString)
        self.assertEqual(p.supervisor.getState()["statename"], "RUNNING")
        # A device reached through a link inside the roots is outside them.
        os.symlink("/dev/zero", self.path("app/zero"))
        with self.assertRaises(xmlrpc.client.Fault) as e:
            p.deployment.read_file(self.path("app/zero"))
        self.assertEqual(e.exception.faultCode, 3)
        # A dangling link does not make a file where it points.
        outside = self.path("outside.txt")
        os.symlink(outside, self.path("app/dangling"))
        with self.assertRaises(xmlrpc.client.Fault) as e:
            p.deployment.append_text_to_file(self.path("app/dangling"), "x")
        self.assertIn("symbolic link", e.exception.faultString)
        self.assertFalse(os.path.lexists(outside))
        # A job's own run.cfg turned into a FIFO (its programs write there).
        self.assertEqual(p.deployment.bootstrap(*ZK, bootstrap_dict()), "OK")
        run_cfg = self.path("app/zookeeper/dptst/zookeeper/run.cfg")
        os.unlink(run_cfg)
        os.mkfifo(run_cfg)
        with self.assertRaises(xmlrpc.client.Fault) as e:
            p.deployment.get_cleanup_token(*ZK)
        self.assertIn("is a FIFO", e.exception.faultString)
        self.assertIn("is a FIFO", p.deployment.start(*ZK, start_dict()))
        self.assertEqual(p.supervisor.getState()["statename"], "RUNNING")

    def test_a_package_holding_a_fifo_or_device_is_refused(self):
        def fifo(info):
            info.type = tarfile.FIFOTYPE

        def device(info):
            info.type, info.devmajor, info.devminor = tarfile.CHRTYPE, 1, 3
        for job, kind, make in (("fifo", "a FIFO", fifo), ("device", "a character device", device)):
            special = tarfile.TarInfo(job + "-1.0/special")
            make(special)
            self.pkg.packages[job] = (job + "-1.0.tar.gz", tarball(job + "-1.0", {"ok.txt": "fine"}, [(special, None)]))
            reply = self.p.deployment.bootstrap("od", "d", job, bootstrap_dict(artifact=job))
            self.assertTrue(reply.startswith("Error: tar "), reply)
            self.assertIn("the package holds %s, which is never unpacked" % kind, reply)
            made = [os.path.join(r, f) for r, ds, fs in os.walk(self.path("packages")) for f in fs + ds
                    if f in ("special", "ok.txt")]
            self.assertEqual(made, [])  # nothing of it was unpacked
            self.assertFalse(os.path.lexists(self.path("packages/od/d/current")))

    def test_http_url_reads_back_as_sent_or_is_refused(self):
        p = self.p
        self.assertEqual(p.deployment.bootstrap(*ZK, bootstrap_dict()), "OK")
        import html
        import urllib.request
        # Every character class a URL (or a mistake) can hold.
        for url in ("http://h/a%20b", "http://h/%(here)s", "http://h/100%%", "http://h/a;b#frag", "http://h/x=y:z",
                    "http://h/[v6]/'q'\"d\"", "http://h/caf\u00e9", "http://h/~!$&*()+,", ""):
            self.assertEqual(p.deployment.start(*ZK, start_dict(http_url=url)), "OK", url)
            # A loaded group keeps its config: take it out, and back in as the file says.
            p.supervisor.stopProcess("zookeeper--dptst--zookeeper")
            p.supervisor.removeProcessGroup("zookeeper--dptst--zookeeper")
            p.supervisor.reloadConfig()  # the section written reads back: no CANT_REREAD
            p.supervisor.addProcessGroup("zookeeper--dptst--zookeeper")
            req = urllib.request.Request("http://127.0.0.1:%d/" % self.port,
                                         headers={"Authorization": "Basic bWlub3N1c2VyOjEyMzQ1Ng=="})
            page = urllib.request.urlopen(req, timeout=10).read().decode()
            if url:
                self.assertIn('href="%s"' % html.escape(url, quote=True).replace("&#x27;", "&#39;"), page)
        for url, why in (("http://h/a b ;c", "would begin a comment"), ("http://h/a\nb", "control character"),
                         ("http://h/a #b", "would begin a comment")):
            reply = p.deployment.start(*ZK, start_dict(http_url=url))
            self.assertTrue(reply.startswith("Error: http_url "), reply)
            self.assertIn(why, reply)
        p.supervisor.reloadConfig()
        # and the next daemon start reads every file it wrote
        self.d.send_signal(signal.SIGHUP)
        self.d.wait_log("supervisord started", count=2, timeout=20)
        self.assertEqual(self.proxy().supervisor.getState()["statename"], "RUNNING")

    def test_a_token_set_at_bootstrap_must_be_given(self):
        p = self.p
        self.assertEqual(p.deployment.bootstrap(*ZK, bootstrap_dict()), "OK")
        for given in ({"cleanup_token": ""}, {}, {"cleanup_token": "wrong"}):
            self.assertEqual(p.deployment.cleanup(*ZK, dict(given, **{"cleanup.sh": ""})), "Cleanup token is invalid")
            self.assertTrue(os.path.isdir(self.path("data1/zookeeper/dptst/zookeeper")))
        self.assertEqual(p.deployment.cleanup(*ZK, {"cleanup_token": "s3cret", "cleanup.sh": ""}), "OK")
        # A job bootstrapped without a token needs none.
        self.assertEqual(p.deployment.bootstrap("a", "b", "c", bootstrap_dict(cleanup_token="")), "OK")
        self.assertEqual(p.deployment.cleanup("a", "b", "c", {"cleanup.sh": ""}), "OK")

    def test_names_whose_process_names_would_meet_are_refused(self):
        p = self.p
        self.assertEqual(p.deployment.bootstrap("a", "b", "job", bootstrap_dict()), "OK")
        for args in (("a--b", "c", "job"), ("a", "b--c", "job"), ("a-", "b", "job"), ("s", "c", "datanode1")):
            with self.assertRaises(xmlrpc.client.Fault) as e:
                p.deployment.bootstrap(*args, bootstrap_dict())
            self.assertEqual(e.exception.faultCode, 3, args)
            self.assertIn("the process name would not say which job it is", e.exception.faultString)
            with self.assertRaises(xmlrpc.client.Fault):
                p.deployment.show(*args, {})
        self.assertFalse(os.path.exists(self.path("app/a--b")))
        # A job bootstrapped before the rule (its run dir exists) is still reached.
        os.makedirs(self.path("app/s/c/datanode1"))
        with self.assertRaises(xmlrpc.client.Fault) as e:
            p.deployment.show("s", "c", "datanode1", {})
        self.assertEqual(e.exception.faultCode, 10)  # BAD_NAME from supervisor: no such process, but asked

    def test_daemon_answers_while_a_slow_bootstrap_runs(self):
        result = {}

        def slow():
            result["reply"] = self.proxy().deployment.bootstrap(*ZK, bootstrap_dict(**{"bootstrap.sh": "sleep 3\n"}))
        t = threading.Thread(target=slow)
        start = time.monotonic()
        t.start()
        time.sleep(0.8)
        self.assertNotIn("reply", result)
        worst = 0
        for _ in range(10):
            t0 = time.monotonic()
            self.assertEqual(self.p.supervisor.getState()["statename"], "RUNNING")
            worst = max(worst, time.monotonic() - t0)
        self.assertLess(worst, 0.1)
        # the same job is refused while busy; another job is not
        self.assertIn("still running", self.proxy().deployment.bootstrap(*ZK, bootstrap_dict()))
        t.join(20)
        self.assertEqual(result["reply"], "OK")
        self.assertGreaterEqual(time.monotonic() - start, 3)


class DeploymentTimeoutTest(unittest.TestCase):
    """script_timeout and download_timeout: a script or a package server that
    takes too long is given up on, with an answer, and nothing waits on it."""

    config = CONFIG.replace("script_timeout=20", "script_timeout=1\ndownload_timeout=2")
    setUp = DeploymentTest.setUp
    proxy = DeploymentTest.proxy
    path = DeploymentTest.path

    def test_a_slow_script_and_a_stalled_package_server_time_out(self):
        start = time.monotonic()
        reply = self.p.deployment.bootstrap(*ZK, bootstrap_dict(**{"bootstrap.sh": "exec sleep 30\n"}))
        self.assertEqual(reply, "OK")  # as the fork: bootstrap.sh's fate does not decide the answer
        self.assertLess(time.monotonic() - start, 8)
        self.d.wait_log(r"bootstrap\.sh .*1 s")
        self.assertFalse([p for p in self.d.children() if "sleep" in open("/proc/%d/cmdline" % p).read()])
        self.pkg.stall.add("hadoop")
        start = time.monotonic()
        reply = self.p.deployment.bootstrap("hdfs", "dptst", "namenode", bootstrap_dict(artifact="hadoop"))
        self.assertLess(time.monotonic() - start, 8)
        self.assertIn("timed out", reply)
        self.assertIn("There may be an error about your package information", reply)
        self.assertEqual(self.p.supervisor.getState()["statename"], "RUNNING")


class DeploymentConfigTest(unittest.TestCase):

    def test_missing_data_dir_refuses_to_start_and_roots_are_created(self):
        d = Supervisord(self, CONFIG.replace("{port}", str(free_port())).replace("{pkgport}", "1"))
        os.makedirs(d.path("data1"))
        rc, out, err = d.run_to_exit()
        self.assertEqual(rc, 2)
        self.assertIn("data dir %s must be created before starting supervisord" % d.path("data2"), err)
        for root in ("app", "log", "packages"):
            self.assertTrue(os.path.isdir(d.path(root)), root)

    def test_without_the_section_there_is_no_deployment_namespace(self):
        port = free_port()
        d = Supervisord(self, SUPERVISORD_SECTION + "[inet_http_server]\nport=127.0.0.1:%d\n" % port +
                        "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = "
                        "supervisor.rpcinterface:make_main_rpcinterface\n")
        d.start()
        d.wait_log("supervisord started")
        methods = rpc("http://127.0.0.1:%d" % port).system.listMethods()
        self.assertFalse([m for m in methods if m.startswith("deployment.")])

    def test_bad_deployment_options_are_named(self):
        for old, bad, text in (("package_root={dir}/packages", "package_root=relative",
                                "package_root: expected an absolute path"),
                               ("package_server=http://127.0.0.1:1", "package_server=ftp://x",
                                "package_server: expected an http:// URL")):
            d = Supervisord(self, CONFIG.replace("{port}", str(free_port())).replace("{pkgport}", "1")
                            .replace(old, bad))
            rc, out, err = d.run_to_exit()
            self.assertEqual(rc, 2, err)
            self.assertIn(text, err)
            self.assertIn("supervisord.conf", err)


if __name__ == "__main__":
    main()
