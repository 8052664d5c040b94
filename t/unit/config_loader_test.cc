#include "lib/config/config_loader.h"

#include <gtest/gtest.h>

#include "config_test_fixture.h"

namespace sn {
namespace {

using test::ConfigTest;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---------------------------------------------------------------- [supervisord]

TEST_F(ConfigTest, SupervisordDefaults) {
  SupervisordConfig c = load("[supervisord]\n");
  EXPECT_EQ(c.config_file, conf_path());
  EXPECT_EQ(c.here, dir.path());
  EXPECT_EQ(c.logfile, dir.file("supervisord.log"));
  EXPECT_EQ(c.logfile_maxbytes, 50 * 1024 * 1024);
  EXPECT_EQ(c.logfile_backups, 10);
  EXPECT_EQ(c.loglevel, LogLevel::kInfo);
  EXPECT_EQ(c.pidfile, dir.file("supervisord.pid"));
  EXPECT_EQ(c.subprocpidfile, "");  // off
  EXPECT_EQ(c.umask, 022u);
  EXPECT_FALSE(c.nodaemon);
  EXPECT_FALSE(c.silent);
  EXPECT_EQ(c.minfds, 1024);
  EXPECT_EQ(c.minprocs, 200);
  EXPECT_FALSE(c.nocleanup);
  EXPECT_EQ(c.childlogdir, dir.path());
  EXPECT_FALSE(c.user);
  EXPECT_FALSE(c.directory);
  EXPECT_FALSE(c.strip_ansi);
  EXPECT_TRUE(c.environment.empty());
  EXPECT_EQ(c.identifier, "supervisor");
  EXPECT_TRUE(c.groups.empty());
  EXPECT_TRUE(c.servers.empty());
  EXPECT_EQ(c.default_server_url(), "");
}

TEST_F(ConfigTest, SupervisordOptionsAreRead) {
  SupervisordConfig c = load(
      "[supervisord]\n"
      "logfile=%(here)s/main.log\nlogfile_maxbytes=1KB\nlogfile_backups=2\nloglevel=debug\n"
      "pidfile=run.pid\nsubprocpidfile=%(here)s/"
      "sub.pids\numask=077\nnodaemon=true\nsilent=yes\nminfds=2048\nminprocs=300\n"
      "nocleanup=on\nchildlogdir=" +
      dir.path() +
      "\nuser=root\ndirectory=/\nstrip_ansi=1\n"
      "environment=A=\"1\",B=%(ENV_FOO)s\nidentifier=sup-%(ENV_FOO)s\n");
  EXPECT_EQ(c.logfile, dir.file("main.log"));
  EXPECT_EQ(c.logfile_maxbytes, 1024);
  EXPECT_EQ(c.logfile_backups, 2);
  EXPECT_EQ(c.loglevel, LogLevel::kDebug);
  EXPECT_EQ(c.pidfile, dir.file("run.pid"));
  EXPECT_EQ(c.subprocpidfile, dir.file("sub.pids"));
  EXPECT_EQ(c.umask, 077u);
  EXPECT_TRUE(c.nodaemon);
  EXPECT_TRUE(c.silent);
  EXPECT_EQ(c.minfds, 2048);
  EXPECT_EQ(c.minprocs, 300);
  EXPECT_TRUE(c.nocleanup);
  EXPECT_EQ(c.user, "root");
  EXPECT_EQ(c.directory, "/");
  EXPECT_TRUE(c.strip_ansi);
  EXPECT_EQ(c.environment, (EnvironmentList{{"A", "1"}, {"B", "bar"}}));
  EXPECT_EQ(c.identifier, "sup-bar");
}

TEST_F(ConfigTest, SupervisordLogfileSyslogIsKept) {
  EXPECT_EQ(load("[supervisord]\nlogfile=syslog\n").logfile, "syslog");
}

TEST_F(ConfigTest, SupervisordErrorsNameFileLineSectionAndOption) {
  EXPECT_EQ(error("[supervisord]\n\nloglevel=warning\n"),
            conf_path() +
                ":3: [supervisord] loglevel: expected a log level: critical, error, warn, info, debug, "
                "trace or blather, got 'warning'");
  EXPECT_EQ(error("[supervisord]\nminfds=lots\n"),
            conf_path() + ":2: [supervisord] minfds: expected an integer, got 'lots'");
  EXPECT_TRUE(contains(error("[supervisord]\numask=999\n"), ":2: [supervisord] umask: expected an octal"));
  EXPECT_TRUE(contains(error("[supervisord]\nnodaemon=perhaps\n"), "[supervisord] nodaemon: expected a boolean"));
  EXPECT_TRUE(contains(error("[supervisord]\nlogfile=/nonexistent/x.log\n"),
                       "[supervisord] logfile: the directory /nonexistent named in the path"));
  EXPECT_TRUE(contains(error("[supervisord]\npidfile=/nonexistent/x.pid\n"), "[supervisord] pidfile:"));
  EXPECT_TRUE(contains(error("[supervisord]\nsubprocpidfile=/nonexistent/x.pids\n"), "[supervisord] subprocpidfile:"));
  EXPECT_TRUE(contains(error("[supervisord]\nchildlogdir=/nonexistent\n"),
                       "[supervisord] childlogdir: '/nonexistent' is not an existing directory"));
  EXPECT_TRUE(contains(error("[supervisord]\ndirectory=/nonexistent\n"), "[supervisord] directory:"));
  EXPECT_TRUE(contains(error("[supervisord]\nuser=no-such-user-xyz\n"),
                       "[supervisord] user: no user named 'no-such-user-xyz'"));
  EXPECT_TRUE(contains(error("[supervisord]\nlogfile_maxbytes=big\n"), "[supervisord] logfile_maxbytes:"));
  EXPECT_TRUE(contains(error("[supervisord]\nlogfile_backups=x\n"), "[supervisord] logfile_backups:"));
  EXPECT_TRUE(contains(error("[supervisord]\nminprocs=x\n"), "[supervisord] minprocs:"));
  EXPECT_TRUE(contains(error("[supervisord]\nsilent=x\n"), "[supervisord] silent:"));
  EXPECT_TRUE(contains(error("[supervisord]\nnocleanup=x\n"), "[supervisord] nocleanup:"));
  EXPECT_TRUE(contains(error("[supervisord]\nstrip_ansi=x\n"), "[supervisord] strip_ansi:"));
  EXPECT_TRUE(contains(error("[supervisord]\nenvironment=A\n"), "[supervisord] environment: expected KEY=value"));
  EXPECT_TRUE(contains(error("[supervisord]\nidentifier=%(nope)s\n"), "[supervisord] identifier: Format string"));
}

TEST_F(ConfigTest, MissingSupervisordSection) {
  EXPECT_EQ(error("[program:x]\ncommand=/bin/cat\n"),
            conf_path() + ": the file has no [supervisord] section (it is required)");
}

TEST_F(ConfigTest, MissingFile) {
  try {
    load_supervisord_config(dir.file("missing.conf"), env());
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "could not find config file " + dir.file("missing.conf"));
  }
}

// ---------------------------------------------------------------- servers

TEST_F(ConfigTest, HttpServers) {
  SupervisordConfig c = load(
      "[supervisord]\n[inet_http_server]\nport=127.0.0.1:9001\nusername=user\npassword={SHA}abc\n"
      "[unix_http_server]\nfile=%(here)s/s.sock\nchmod=0770\nchown=root:root\n");
  ASSERT_EQ(c.servers.size(), 2u);
  const HttpServerConfig& inet = c.servers[0];
  EXPECT_EQ(inet.family, HttpServerConfig::Family::kInet);
  EXPECT_EQ(inet.host, "127.0.0.1");
  EXPECT_EQ(inet.port, 9001);
  EXPECT_EQ(inet.username, "user");
  EXPECT_EQ(inet.password, "{SHA}abc");
  const HttpServerConfig& unix_server = c.servers[1];
  EXPECT_EQ(unix_server.family, HttpServerConfig::Family::kUnix);
  EXPECT_EQ(unix_server.file, dir.file("s.sock"));
  EXPECT_EQ(unix_server.chmod, 0770u);
  EXPECT_EQ(unix_server.chown_uid, 0u);
  EXPECT_EQ(unix_server.chown_gid, 0u);
  EXPECT_FALSE(unix_server.username);
  EXPECT_EQ(c.default_server_url(), "unix://" + dir.file("s.sock"));
}

TEST_F(ConfigTest, UnixServerDefaults) {
  SupervisordConfig c = load("[supervisord]\n[unix_http_server]\nfile=s.sock\n");
  EXPECT_EQ(c.servers.at(0).file, dir.file("s.sock"));
  EXPECT_EQ(c.servers.at(0).chmod, 0700u);
  EXPECT_EQ(c.servers.at(0).chown_uid, static_cast<uid_t>(-1));
}

TEST_F(ConfigTest, InetServerUrlForChildren) {
  EXPECT_EQ(load("[supervisord]\n[inet_http_server]\nport=*:9001\n").default_server_url(), "http://localhost:9001");
  EXPECT_EQ(load("[supervisord]\n[inet_http_server]\nport=[::1]:9001\n").default_server_url(), "http://[::1]:9001");
}

TEST_F(ConfigTest, ServerErrors) {
  EXPECT_TRUE(
      contains(error("[supervisord]\n[inet_http_server]\n"), "[inet_http_server] port: the section has no port"));
  EXPECT_TRUE(contains(error("[supervisord]\n[inet_http_server]\nport=99999\n"), ":3: [inet_http_server] port:"));
  EXPECT_TRUE(contains(error("[supervisord]\n[inet_http_server]\nport=9001\nusername=u\n"),
                       "[inet_http_server] password: incomplete authentication"));
  EXPECT_TRUE(
      contains(error("[supervisord]\n[unix_http_server]\n"), "[unix_http_server] file: the section has no file"));
  EXPECT_TRUE(contains(error("[supervisord]\n[unix_http_server]\nfile=/tmp/x.sock\nchmod=99\n"),
                       "[unix_http_server] chmod: expected an octal"));
  EXPECT_TRUE(contains(error("[supervisord]\n[unix_http_server]\nfile=/tmp/x.sock\nchown=nobody-xyz\n"),
                       "[unix_http_server] chown: no user named"));
}

// ---------------------------------------------------------------- rpcinterface, supervisorctl

TEST_F(ConfigTest, RpcInterfaces) {
  SupervisordConfig c = load(
      "[supervisord]\n[rpcinterface:supervisor]\n"
      "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\nextra=1\n");
  ASSERT_EQ(c.rpcinterfaces.size(), 1u);
  EXPECT_EQ(c.rpcinterfaces[0].name, "supervisor");
  EXPECT_EQ(c.rpcinterfaces[0].options, (std::vector<std::pair<std::string, std::string>>{{"extra", "1"}}));
  EXPECT_TRUE(contains(error("[supervisord]\n[rpcinterface:x]\na=1\n"),
                       "[rpcinterface:x] supervisor.rpcinterface_factory: the section does not specify"));
  EXPECT_TRUE(contains(error("[supervisord]\n[rpcinterface:x]\nsupervisor.rpcinterface_factory=my:factory\n"),
                       "'my:factory' cannot be resolved"));
}

TEST_F(ConfigTest, DeploymentSection) {
  const std::string factory = "supervisor.rpcinterface_factory = deployment.rpcinterface:deployment_rpcinterface\n";
  SupervisordConfig c = load(
      "[supervisord]\n[rpcinterface:deployment]\npackage_server=http://10.2.201.24:8000\n"
      "download_package_uri=packages\nget_latest_package_info_uri=get_latest_package_info\n"
      "package_root=/home/work/packages/\napp_root=/srv/app\nlog_root=/srv/log\n"
      "data_dirs=/d1, /d2/\n" +
      factory);
  ASSERT_TRUE(c.deployment);
  EXPECT_EQ(c.deployment->name_space, "deployment");
  EXPECT_EQ(c.deployment->package_server, "http://10.2.201.24:8000");
  EXPECT_EQ(c.deployment->package_root, "/home/work/packages");
  EXPECT_EQ(c.deployment->app_root, "/srv/app");
  EXPECT_EQ(c.deployment->data_dirs, (std::vector<std::string>{"/d1", "/d2"}));
  EXPECT_EQ(c.deployment->download_timeout, 30);
  EXPECT_EQ(c.deployment->script_timeout, 600);
  EXPECT_FALSE(load("[supervisord]\n").deployment);
  const std::string base =
      "[supervisord]\n[rpcinterface:deployment]\npackage_server=http://h\n"
      "download_package_uri=p\nget_latest_package_info_uri=g\n";
  EXPECT_EQ(load(base + factory).deployment->log_root, "/home/work/log");  // the fork's defaults
  EXPECT_TRUE(contains(error("[supervisord]\n[rpcinterface:deployment]\n" + factory),
                       "[rpcinterface:deployment] package_server: required by deployment.rpcinterface"));
  EXPECT_TRUE(contains(error(base + "app_root=app\n" + factory), "app_root: expected an absolute path, got 'app'"));
  EXPECT_TRUE(contains(error(base + "data_dirs=,\n" + factory), "data_dirs: expected at least one directory"));
  EXPECT_TRUE(contains(error(base + "script_timeout=0\n" + factory), "script_timeout: expected a positive"));
}

TEST_F(ConfigTest, SupervisorctlSection) {
  SupervisordConfig c = load(
      "[supervisord]\n[supervisorctl]\nserverurl=unix://%(here)s/x/../s.sock\nusername=u\npassword=p\n"
      "prompt=mysup\nhistory_file=~/.hist\n");
  ASSERT_TRUE(c.ctl);
  EXPECT_EQ(c.ctl->serverurl, "unix://" + dir.file("s.sock"));
  EXPECT_EQ(c.ctl->username, "u");
  EXPECT_EQ(c.ctl->password, "p");
  EXPECT_EQ(c.ctl->prompt, "mysup");
  EXPECT_EQ(c.ctl->history_file, expand_user("~/.hist"));
}

TEST_F(ConfigTest, SupervisorctlDefaultsAndProblemsAreNotFatalForTheDaemon) {
  SupervisordConfig c = load("[supervisord]\n[supervisorctl]\n");
  ASSERT_TRUE(c.ctl);
  EXPECT_EQ(c.ctl->serverurl, "http://localhost:9001");
  EXPECT_EQ(c.ctl->prompt, "supervisor");
  SupervisordConfig bad = load("[supervisord]\n[supervisorctl]\nserverurl=nonsense\n");
  EXPECT_FALSE(bad.ctl);
  ASSERT_EQ(bad.parse_warnings.size(), 1u);
  EXPECT_TRUE(contains(bad.parse_warnings[0], "[supervisorctl] serverurl: expected a URL"));
}

// ---------------------------------------------------------------- [include]

TEST_F(ConfigTest, IncludesAreReadInSortedOrderWithTheirOwnHere) {
  dir.write("conf.d/b.conf", "[program:b]\ncommand=/bin/echo %(here)s\n");
  dir.write("conf.d/a.conf", "[program:a]\ncommand=/bin/cat\n");
  dir.write("other/c.ini", "[program:c]\ncommand=/bin/cat\n");
  SupervisordConfig c = load("[supervisord]\n[include]\nfiles = conf.d/*.conf\n  %(here)s/other/*.ini nothing/*.x\n");
  ASSERT_EQ(c.groups.size(), 3u);
  EXPECT_EQ(c.groups[1].processes[0].command, "/bin/echo " + dir.file("conf.d"));
  EXPECT_EQ(c.parse_infos,
            (std::vector<std::string>{"Included extra file \"" + dir.file("conf.d/a.conf") + "\" during parsing",
                                      "Included extra file \"" + dir.file("conf.d/b.conf") + "\" during parsing",
                                      "Included extra file \"" + dir.file("other/c.ini") + "\" during parsing"}));
  EXPECT_EQ(c.parse_warnings,
            (std::vector<std::string>{conf_path() + ":3: [include] files: No file matches via include \"" +
                                      dir.file("nothing/*.x") + "\""}));
}

TEST_F(ConfigTest, ErrorsInIncludedFilesNameThatFile) {
  dir.write("conf.d/bad.conf", "[program:bad]\ncommand=/bin/cat\nstartsecs=soon\n");
  EXPECT_EQ(error("[supervisord]\n[include]\nfiles=conf.d/*.conf\n"),
            dir.file("conf.d/bad.conf") + ":3: [program:bad] startsecs: expected an integer, got 'soon'");
}

TEST_F(ConfigTest, IncludeWithoutFiles) {
  EXPECT_TRUE(
      contains(error("[supervisord]\n[include]\n"), "[include] files: an [include] section needs a files= line"));
}

TEST_F(ConfigTest, ParseErrorsInIncludedFiles) {
  dir.write("conf.d/broken.conf", "[program:x]\ncommand=/bin/cat\nthis is not an option\n");
  EXPECT_EQ(error("[supervisord]\n[include]\nfiles=conf.d/*.conf\n"),
            dir.file("conf.d/broken.conf") +
                ":3: expected 'name = value', a [section] header or a comment, got 'this is not an option'");
}

TEST_F(ConfigTest, LongCommandLinesSurvive) {
  std::string command = "/usr/bin/java";
  for (int i = 0; i < 300; ++i) command += " -Dsome.property" + std::to_string(i) + "=value";
  EXPECT_EQ(only_process(load("[supervisord]\n[program:j]\ncommand=" + command + "\n")).command, command);
}

TEST_F(ConfigTest, UnknownOptionsAndSectionsAreIgnored) {
  SupervisordConfig c =
      load("[supervisord]\nfrobnicate=1\n[whatever]\nx=1\n[program:web]\ncommand=/bin/cat\nhttp_url=x\n");
  EXPECT_EQ(c.groups.size(), 1u);
}

}  // namespace
}  // namespace sn
