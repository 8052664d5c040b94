#include "lib/config/program_sections.h"

#include <gtest/gtest.h>

#include "config_test_fixture.h"

namespace sn {
namespace {

using test::ConfigTest;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---------------------------------------------------------------- [program:x]

TEST_F(ConfigTest, ProgramDefaults) {
  SupervisordConfig c = load(program(""));
  ASSERT_EQ(c.groups.size(), 1u);
  const GroupConfig& g = c.groups[0];
  EXPECT_EQ(g.name, "web");
  EXPECT_EQ(g.kind, GroupConfig::Kind::kProgram);
  EXPECT_EQ(g.priority, 999);
  const ProcessConfig& p = only_process(c);
  EXPECT_EQ(p.name, "web");
  EXPECT_EQ(p.program_name, "web");
  EXPECT_EQ(p.command, "/bin/cat");
  EXPECT_FALSE(p.directory);
  EXPECT_FALSE(p.umask);
  EXPECT_EQ(p.priority, 999);
  EXPECT_TRUE(p.autostart);
  EXPECT_EQ(p.autorestart, AutoRestart::kUnexpected);
  EXPECT_EQ(p.startsecs, 1);
  EXPECT_EQ(p.startretries, 3);
  EXPECT_FALSE(p.uid);
  EXPECT_EQ(p.stdout_channel.logfile.kind, LogTarget::Kind::kAuto);
  EXPECT_EQ(p.stdout_channel.logfile_maxbytes, 50 * 1024 * 1024);
  EXPECT_EQ(p.stdout_channel.logfile_backups, 10);
  EXPECT_EQ(p.stdout_channel.capture_maxbytes, 0);
  EXPECT_FALSE(p.stdout_channel.events_enabled);
  EXPECT_FALSE(p.stdout_channel.syslog);
  EXPECT_EQ(p.stderr_channel, p.stdout_channel);
  EXPECT_EQ(p.stopsignal, 15);
  EXPECT_EQ(p.stopwaitsecs, 10);
  EXPECT_FALSE(p.stopasgroup);
  EXPECT_FALSE(p.killasgroup);
  EXPECT_EQ(p.exitcodes, (std::vector<int>{0}));
  EXPECT_FALSE(p.redirect_stderr);
  EXPECT_TRUE(p.environment.empty());
  EXPECT_FALSE(p.serverurl);
  EXPECT_FALSE(p.event_listener);
}

TEST_F(ConfigTest, ProgramOptionsAreRead) {
  SupervisordConfig c = load(
      program("directory=/tmp\numask=022\npriority=5\nautostart=false\nautorestart=true\nstartsecs=0\n"
              "startretries=7\nuser=root\nstdout_logfile=" +
              dir.file("out.log") +
              "\nstdout_logfile_maxbytes=1MB\n"
              "stdout_logfile_backups=2\nstdout_capture_maxbytes=1KB\nstdout_events_enabled=true\nstdout_syslog=true\n"
              "stderr_logfile=NONE\nstderr_logfile_maxbytes=0\nstderr_logfile_backups=0\nstderr_capture_maxbytes=2KB\n"
              "stderr_events_enabled=1\nstderr_syslog=yes\nstopsignal=INT\nstopwaitsecs=30\nstopasgroup=true\n"
              "exitcodes=0,2\nenvironment=A=1,B=\"two words\"\nserverurl=http://127.0.0.1:9002\n"));
  const ProcessConfig& p = only_process(c);
  EXPECT_EQ(p.directory, "/tmp");
  EXPECT_EQ(p.umask, 022u);
  EXPECT_EQ(p.priority, 5);
  EXPECT_EQ(c.groups[0].priority, 5);
  EXPECT_FALSE(p.autostart);
  EXPECT_EQ(p.autorestart, AutoRestart::kAlways);
  EXPECT_EQ(p.startsecs, 0);
  EXPECT_EQ(p.startretries, 7);
  EXPECT_EQ(p.uid, 0u);
  EXPECT_EQ(p.user, "root");
  EXPECT_EQ(p.stdout_channel.logfile.kind, LogTarget::Kind::kPath);
  EXPECT_EQ(p.stdout_channel.logfile.path, dir.file("out.log"));
  EXPECT_EQ(p.stdout_channel.logfile_maxbytes, 1024 * 1024);
  EXPECT_EQ(p.stdout_channel.logfile_backups, 2);
  EXPECT_EQ(p.stdout_channel.capture_maxbytes, 1024);
  EXPECT_TRUE(p.stdout_channel.events_enabled);
  EXPECT_TRUE(p.stdout_channel.syslog);
  EXPECT_EQ(p.stderr_channel.logfile.kind, LogTarget::Kind::kNone);
  EXPECT_EQ(p.stderr_channel.logfile_maxbytes, 0);
  EXPECT_EQ(p.stderr_channel.logfile_backups, 0);
  EXPECT_EQ(p.stderr_channel.capture_maxbytes, 2048);
  EXPECT_TRUE(p.stderr_channel.events_enabled);
  EXPECT_TRUE(p.stderr_channel.syslog);
  EXPECT_EQ(p.stopsignal, 2);
  EXPECT_EQ(p.stopwaitsecs, 30);
  EXPECT_TRUE(p.stopasgroup);
  EXPECT_TRUE(p.killasgroup);  // follows stopasgroup
  EXPECT_EQ(p.exitcodes, (std::vector<int>{0, 2}));
  EXPECT_EQ(p.environment, (EnvironmentList{{"A", "1"}, {"B", "two words"}}));
  EXPECT_EQ(p.serverurl, "http://127.0.0.1:9002");
}

TEST_F(ConfigTest, ServerurlAutoMeansDefault) {
  EXPECT_FALSE(only_process(load(program("serverurl=AUTO\n"))).serverurl);
}

TEST_F(ConfigTest, LogfileOffAndAutoSpellings) {
  SupervisordConfig c = load(program("stdout_logfile=off\nstderr_logfile=auto\n"));
  const ProcessConfig& p = only_process(c);
  EXPECT_EQ(p.stdout_channel.logfile.kind, LogTarget::Kind::kNone);
  EXPECT_EQ(p.stderr_channel.logfile.kind, LogTarget::Kind::kAuto);
}

TEST_F(ConfigTest, SyslogLogfileIsRewrittenWithAWarning) {
  SupervisordConfig c = load(program("stdout_logfile=syslog\n"));
  const ProcessConfig& p = only_process(c);
  EXPECT_EQ(p.stdout_channel.logfile.kind, LogTarget::Kind::kNone);
  EXPECT_TRUE(p.stdout_channel.syslog);
  ASSERT_FALSE(c.parse_warnings.empty());
  EXPECT_TRUE(contains(c.parse_warnings[0], "stdout_logfile=syslog but this is deprecated"));
}

TEST_F(ConfigTest, LogTimestampsAreReadWithoutExpansion) {
  const ProcessConfig& none = only_process(load(program("")));
  EXPECT_EQ(none.stdout_channel.timestamps.kind, TimestampStyle::Kind::kNone);
  EXPECT_EQ(none.stderr_channel.timestamps.kind, TimestampStyle::Kind::kNone);
  SupervisordConfig c = load(program("stdout_log_timestamps = %Y-%m-%d %H:%M:%S.%3N\nstderr_log_timestamps=TAI64N\n"));
  const ProcessConfig& p = only_process(c);
  EXPECT_EQ(p.stdout_channel.timestamps, (TimestampStyle{TimestampStyle::Kind::kPattern, "%Y-%m-%d %H:%M:%S.%3N"}));
  EXPECT_EQ(p.stderr_channel.timestamps.kind, TimestampStyle::Kind::kTai64n);
  EXPECT_TRUE(c.parse_warnings.empty());
}

TEST_F(ConfigTest, AutoLogWithoutRolloverWarns) {
  SupervisordConfig c = load(program("stdout_logfile_maxbytes=0\n"));
  ASSERT_EQ(c.parse_warnings.size(), 1u);
  EXPECT_EQ(c.parse_warnings[0],
            "For [program:web], AUTO logging used for stdout_logfile without rollover, set maxbytes > 0 to avoid "
            "filling up filesystem unintentionally");
}

TEST_F(ConfigTest, RedirectStderrDropsTheStderrLog) {
  SupervisordConfig c = load(program("redirect_stderr=true\nstderr_logfile=" + dir.file("err.log") + "\n"));
  const ProcessConfig& p = only_process(c);
  EXPECT_TRUE(p.redirect_stderr);
  EXPECT_EQ(p.stderr_channel.logfile.kind, LogTarget::Kind::kNone);
  ASSERT_EQ(c.parse_warnings.size(), 1u);
  EXPECT_TRUE(contains(c.parse_warnings[0], "redirect_stderr=true but stderr_logfile has also been set"));
}

TEST_F(ConfigTest, KillasgroupMayBeSetAlone) {
  SupervisordConfig c = load(program("killasgroup=true\n"));
  const ProcessConfig& p = only_process(c);
  EXPECT_FALSE(p.stopasgroup);
  EXPECT_TRUE(p.killasgroup);
  EXPECT_EQ(p.stop_scope(), SignalScope::kProcess);
  EXPECT_EQ(p.kill_scope(), SignalScope::kProcessGroup);
}

TEST_F(ConfigTest, EmptyExitcodesMeansNoneExpected) {
  EXPECT_TRUE(only_process(load(program("exitcodes=\n"))).exitcodes.empty());
  // The Minos fork's "no exit is expected", and its http_url.
  EXPECT_EQ(only_process(load(program("exitcodes=999\n"))).exitcodes, (std::vector<int>{999}));
  EXPECT_EQ(only_process(load(program("http_url=http://10.0.0.1:11201\n"))).http_url, "http://10.0.0.1:11201");
  EXPECT_FALSE(only_process(load(program("http_url=\n"))).http_url);
  EXPECT_FALSE(only_process(load(program(""))).http_url);
}

struct BadOption {
  const char* line;
  const char* option;
  const char* message;
};

class ProgramOptionErrors : public ConfigTest, public ::testing::WithParamInterface<BadOption> {};

TEST_P(ProgramOptionErrors, NameFileLineSectionAndOption) {
  const BadOption& bad = GetParam();
  std::string msg = error(program(std::string("\n") + bad.line + "\n"));
  EXPECT_TRUE(contains(msg, conf_path() + ":5: [program:web] " + bad.option + ": " + bad.message)) << msg;
}

INSTANTIATE_TEST_SUITE_P(
    AllOptions, ProgramOptionErrors,
    ::testing::Values(BadOption{"priority=high", "priority", "expected an integer, got 'high'"},
                      BadOption{"autostart=sometimes", "autostart", "expected a boolean"},
                      BadOption{"autorestart=maybe", "autorestart", "expected true, false or unexpected, got 'maybe'"},
                      BadOption{"startsecs=1.5", "startsecs", "expected an integer, got '1.5'"},
                      BadOption{"startretries=x", "startretries", "expected an integer"},
                      BadOption{"stopsignal=NOPE", "stopsignal", "expected a signal name"},
                      BadOption{"stopwaitsecs=x", "stopwaitsecs", "expected an integer"},
                      BadOption{"stopasgroup=x", "stopasgroup", "expected a boolean"},
                      BadOption{"killasgroup=x", "killasgroup", "expected a boolean"},
                      BadOption{"exitcodes=0,256", "exitcodes", "expected a comma-separated list of exit codes"},
                      BadOption{"redirect_stderr=x", "redirect_stderr", "expected a boolean"},
                      BadOption{"numprocs=x", "numprocs", "expected an integer"},
                      BadOption{"numprocs_start=x", "numprocs_start", "expected an integer"},
                      BadOption{"environment=A=1,B", "environment", "expected KEY=value pairs"},
                      BadOption{"stdout_capture_maxbytes=x", "stdout_capture_maxbytes", "expected a byte size"},
                      BadOption{"stdout_events_enabled=x", "stdout_events_enabled", "expected a boolean"},
                      BadOption{"stderr_capture_maxbytes=x", "stderr_capture_maxbytes", "expected a byte size"},
                      BadOption{"stderr_events_enabled=x", "stderr_events_enabled", "expected a boolean"},
                      BadOption{"user=no-such-user-xyz", "user", "no user named 'no-such-user-xyz'"},
                      BadOption{"umask=9", "umask", "expected an octal number"},
                      BadOption{"stdout_logfile=/nonexistent/out.log", "stdout_logfile", "the directory /nonexistent"},
                      BadOption{"stdout_logfile_maxbytes=1TB", "stdout_logfile_maxbytes", "expected a byte size"},
                      BadOption{"stdout_logfile_backups=x", "stdout_logfile_backups", "expected an integer"},
                      BadOption{"stdout_syslog=x", "stdout_syslog", "expected a boolean"},
                      BadOption{"stdout_log_timestamps=sometimes", "stdout_log_timestamps",
                                "expected none, iso8601, utc, tai64n or a strftime pattern, got 'sometimes'"},
                      BadOption{"stderr_log_timestamps=%H%n", "stderr_log_timestamps",
                                "the strftime pattern '%H%n' is not usable: a stamp may not hold a newline"},
                      BadOption{"stderr_logfile=/nonexistent/err.log", "stderr_logfile", "the directory /nonexistent"},
                      BadOption{"stderr_logfile_maxbytes=x", "stderr_logfile_maxbytes", "expected a byte size"},
                      BadOption{"stderr_logfile_backups=x", "stderr_logfile_backups", "expected an integer"},
                      BadOption{"stderr_syslog=x", "stderr_syslog", "expected a boolean"},
                      BadOption{"process_name=a b", "process_name", "invalid name 'a b'"},
                      BadOption{"directory=%(nope)s", "directory",
                                "Format string '%(nope)s' for 'program:web.directory' contains "
                                "names ('nope') which cannot be expanded"},
                      BadOption{"priority=%(process_num)d", "priority",
                                "Format string '%(process_num)d' for 'program:web.priority' contains names "
                                "('process_num') which cannot be expanded"},
                      BadOption{"killasgroup=false\nstopasgroup=true", "killasgroup",
                                "cannot set stopasgroup=true and killasgroup=false"}));

TEST_F(ConfigTest, MissingCommand) {
  EXPECT_EQ(error("[supervisord]\n[program:web]\nautostart=true\n"),
            conf_path() + ":2: [program:web] command: the section does not specify a command (command= is required)");
}

TEST_F(ConfigTest, InvalidProgramName) {
  EXPECT_TRUE(contains(error("[supervisord]\n[program:a b]\ncommand=/bin/cat\n"),
                       ":2: [program:a b]: invalid name 'a b' because of character: ' '"));
}

TEST_F(ConfigTest, FcgiProgramsGetTheirSocket) {
  SupervisordConfig c = load(
      "[supervisord]\n[fcgi-program:f]\ncommand=/bin/cat\nsocket=unix://%(here)s/%(program_name)s.sock\n"
      "socket_mode=0660\nsocket_backlog=64\nnumprocs=2\nprocess_name=f_%(process_num)d\n");
  ASSERT_EQ(c.groups.size(), 1u);
  const GroupConfig& g = c.groups[0];
  EXPECT_EQ(g.kind, GroupConfig::Kind::kProgram);
  EXPECT_EQ(g.processes.size(), 2u);
  ASSERT_TRUE(g.fcgi_socket);
  EXPECT_TRUE(g.fcgi_socket->is_unix);
  EXPECT_EQ(g.fcgi_socket->path, dir.file("f.sock"));
  EXPECT_EQ(g.fcgi_socket->url, "unix://" + dir.file("f.sock"));
  EXPECT_EQ(g.fcgi_socket->mode, 0660u);
  EXPECT_EQ(g.fcgi_socket->backlog, 64);
  SupervisordConfig tcp = load("[supervisord]\n[fcgi-program:t]\ncommand=/bin/cat\nsocket=tcp://LocalHost:9000\n");
  EXPECT_EQ(tcp.groups[0].fcgi_socket->url, "tcp://localhost:9000");
  EXPECT_EQ(tcp.groups[0].fcgi_socket->backlog, 0);  // SOMAXCONN
}

TEST_F(ConfigTest, FcgiProgramErrorsNameTheOption) {
  auto fcgi = [](const std::string& options) {
    return "[supervisord]\n[fcgi-program:f]\ncommand=/bin/cat\n" + options;
  };
  EXPECT_TRUE(
      contains(error(fcgi("")), "[fcgi-program:f] socket: an [fcgi-program:x] section requires a socket= line"));
  EXPECT_TRUE(contains(error(fcgi("socket=foo\n")), "socket: expected tcp://HOST:PORT or unix:///PATH, got 'foo'"));
  EXPECT_TRUE(contains(error(fcgi("socket=unix://rel/x\n")), "socket: unix socket path 'rel/x' is not absolute"));
  EXPECT_TRUE(contains(error(fcgi("socket=tcp://h:99999\n")), "99999 is not a port"));
  EXPECT_TRUE(contains(error(fcgi("socket=tcp://h:1\nsocket_mode=0600\n")),
                       "socket_mode: socket_owner and socket_mode are for unix sockets only"));
  EXPECT_TRUE(contains(error(fcgi("socket=tcp://h:1\nsocket_backlog=0\n")), "socket_backlog: expected a number"));
  EXPECT_TRUE(contains(error(fcgi("socket=tcp://h:%(process_num)d\n")), "socket"));
}

TEST_F(ConfigTest, AnFcgiProgramInAGroupIsAPlainProgram) {
  SupervisordConfig c =
      load("[supervisord]\n[fcgi-program:f]\ncommand=/bin/cat\nsocket=tcp://127.0.0.1:9000\n[group:g]\nprograms=f\n");
  ASSERT_EQ(c.groups.size(), 1u);
  EXPECT_FALSE(c.groups[0].fcgi_socket);
  ASSERT_EQ(c.parse_warnings.size(), 1u);
  EXPECT_TRUE(contains(c.parse_warnings[0], "it runs as a plain program, without its socket"));
  EXPECT_TRUE(contains(error("[supervisord]\n[fcgi-program:f]\ncommand=/bin/cat\nsocket=tcp://h:1\n"
                             "[program:f]\ncommand=/bin/cat\n[group:g]\nprograms=f\n"),
                       "name 'f' is ambiguous (exists as program and fcgi-program)"));
}

// ---------------------------------------------------------------- expansions

TEST_F(ConfigTest, ProgramExpansions) {
  SupervisordConfig c = load(
      "[supervisord]\n[program:web]\n"
      "command=/bin/echo %(program_name)s %(group_name)s %(host_node_name)s %(ENV_FOO)s %(here)s\n"
      "directory=%(here)s/%(process_num)d\n");
  const ProcessConfig& p = only_process(c);
  EXPECT_EQ(p.command, "/bin/echo web web node1 bar " + dir.path());
  EXPECT_EQ(p.directory, dir.path() + "/0");
}

TEST_F(ConfigTest, NumprocsAndProcessName) {
  SupervisordConfig c = load(
      "[supervisord]\n[program:w]\ncommand=/bin/echo %(process_num)d of %(numprocs)d\n"
      "process_name=%(program_name)s_%(process_num)02d\nnumprocs=3\nnumprocs_start=1\n"
      "stdout_logfile=" +
      dir.path() + "/w-%(process_num)d.log\n");
  ASSERT_EQ(c.groups.size(), 1u);
  const auto& procs = c.groups[0].processes;
  ASSERT_EQ(procs.size(), 3u);
  EXPECT_EQ(procs[0].name, "w_01");
  EXPECT_EQ(procs[2].name, "w_03");
  EXPECT_EQ(procs[1].command, "/bin/echo 2 of 3");
  EXPECT_EQ(procs[1].process_num, 2);
  EXPECT_EQ(procs[1].stdout_channel.logfile.path, dir.path() + "/w-2.log");
}

TEST_F(ConfigTest, NumprocsNeedsProcessNumInTheName) {
  EXPECT_TRUE(contains(error(program("numprocs=2\n")),
                       "[program:web] process_name: %(process_num) must be present within process_name when "
                       "numprocs > 1"));
}

TEST_F(ConfigTest, ProgramEnvironmentIsVisibleToLaterOptions) {
  SupervisordConfig c =
      load("[supervisord]\n[program:web]\nenvironment=PORT=80%(process_num)d\ncommand=/bin/serve %(ENV_PORT)s\n");
  const ProcessConfig& p = only_process(c);
  EXPECT_EQ(p.command, "/bin/serve 800");
}

TEST_F(ConfigTest, SupervisordEnvironmentIsMergedUnderPrograms) {
  SupervisordConfig c = load(
      "[supervisord]\nenvironment=A=global,B=global\n"
      "[program:web]\ncommand=/bin/cat %(ENV_A)s\nenvironment=B=mine,C=mine\n");
  const ProcessConfig& p = only_process(c);
  EXPECT_EQ(p.command, "/bin/cat global");
  EXPECT_EQ(p.environment, (EnvironmentList{{"A", "global"}, {"B", "mine"}, {"C", "mine"}}));
}

TEST_F(ConfigTest, PercentPercentIsALiteralPercent) {
  EXPECT_EQ(only_process(load(program("environment=X=\"100%%\"\n"))).environment, (EnvironmentList{{"X", "100%"}}));
  EXPECT_EQ(only_process(load("[supervisord]\n[program:d]\ncommand=date +%%s\n")).command, "date +%s");
}

TEST_F(ConfigTest, StrayPercentIsAClearError) {
  EXPECT_TRUE(contains(error("[supervisord]\n[program:d]\ncommand=date +%s\n"),
                       "[program:d] command: Format string 'date +%s' for 'program:d.command' is badly formatted"));
}

// ---------------------------------------------------------------- ordering and groups

TEST_F(ConfigTest, GroupsSortByPriorityThenName) {
  SupervisordConfig c = load(
      "[supervisord]\n[program:b]\ncommand=/bin/cat\n[program:a]\ncommand=/bin/cat\n"
      "[program:z]\ncommand=/bin/cat\npriority=1\n");
  ASSERT_EQ(c.groups.size(), 3u);
  EXPECT_EQ(c.groups[0].name, "z");
  EXPECT_EQ(c.groups[1].name, "a");
  EXPECT_EQ(c.groups[2].name, "b");
}

TEST_F(ConfigTest, HeterogeneousGroupTakesItsPrograms) {
  SupervisordConfig c = load(
      "[supervisord]\n[group:g]\nprograms=one,two\npriority=7\n"
      "[program:one]\ncommand=/bin/echo %(group_name)s\npriority=2\n"
      "[program:two]\ncommand=/bin/cat\npriority=1\n[program:solo]\ncommand=/bin/cat\n");
  ASSERT_EQ(c.groups.size(), 2u);
  const GroupConfig& g = c.groups[0];
  EXPECT_EQ(g.name, "g");
  EXPECT_EQ(g.kind, GroupConfig::Kind::kHeterogeneous);
  EXPECT_EQ(g.priority, 7);
  ASSERT_EQ(g.processes.size(), 2u);
  EXPECT_EQ(g.processes[0].name, "two");
  EXPECT_EQ(g.processes[1].name, "one");
  EXPECT_EQ(g.processes[1].command, "/bin/echo g");
  EXPECT_EQ(c.groups[1].name, "solo");
}

TEST_F(ConfigTest, GroupErrors) {
  EXPECT_TRUE(contains(error("[supervisord]\n[group:g]\nprograms=ghost\n"),
                       ":3: [group:g] programs: names unknown program 'ghost'"));
  EXPECT_TRUE(contains(error("[supervisord]\n[group:g]\npriority=1\n"), "[group:g] programs:"));
  EXPECT_TRUE(contains(error("[supervisord]\n[group:g]\nprograms=a\npriority=x\n[program:a]\ncommand=/bin/cat\n"),
                       "[group:g] priority: expected an integer"));
}

// ---------------------------------------------------------------- [eventlistener:x]

TEST_F(ConfigTest, EventListenerPool) {
  SupervisordConfig c = load("[supervisord]\n[eventlistener:mon]\ncommand=/bin/cat\nevents=process_state,TICK_5\n");
  ASSERT_EQ(c.groups.size(), 1u);
  const GroupConfig& g = c.groups[0];
  EXPECT_EQ(g.kind, GroupConfig::Kind::kEventListenerPool);
  EXPECT_EQ(g.priority, -1);
  EXPECT_EQ(g.buffer_size, 10);
  EXPECT_EQ(g.events, (std::vector<std::string>{"PROCESS_STATE", "TICK_5"}));
  EXPECT_EQ(g.result_handler, "supervisor.dispatchers:default_handler");
  EXPECT_TRUE(g.processes.at(0).event_listener);
  EXPECT_EQ(g.processes.at(0).priority, 999);
}

TEST_F(ConfigTest, EventListenerErrors) {
  std::string base = "[supervisord]\n[eventlistener:mon]\ncommand=/bin/cat\n";
  EXPECT_TRUE(
      contains(error(base), "[eventlistener:mon] events: an [eventlistener:x] section requires an events= line"));
  EXPECT_TRUE(
      contains(error(base + "events=PROCESS_STATE,NOPE\n"), "[eventlistener:mon] events: unknown event type 'NOPE'"));
  EXPECT_TRUE(
      contains(error(base + "events=TICK_5\nbuffer_size=0\n"), "[eventlistener:mon] buffer_size: must be 1 or more"));
  EXPECT_TRUE(contains(error(base + "events=TICK_5\nredirect_stderr=true\n"),
                       "[eventlistener:mon] redirect_stderr: redirect_stderr=true is not allowed"));
  EXPECT_TRUE(contains(error(base + "events=TICK_5\nresult_handler=my.module:handler\n"),
                       "[eventlistener:mon] result_handler: 'my.module:handler' cannot be resolved"));
}

}  // namespace
}  // namespace sn
