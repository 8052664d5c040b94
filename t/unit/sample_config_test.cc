#include "supervisord/sample_config.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>

#include "config.h"
#include "config_test_fixture.h"

namespace sn {
namespace {

// Applies `edit` to every line of `text`.
template <class Edit>
std::string each_line(const std::string& text, Edit edit) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) out += edit(line) + "\n";
  return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

const std::regex kHeader(R"(^;(\[[^\]]+\].*)$)");
const std::regex kOption(R"(^;([a-z_.]+ ?=.*)$)");
const std::regex kRequired(R"(^;([a-z_.]+=.*;.*\brequired\b.*)$)");
// "name=value ... ; ... default value": the comment says the value is the default.
const std::regex kDefaulted(R"(^;?(([a-z_.]+)=(\S+)\s+;.*\bdefault (\S+))$)");

bool states_its_default(const std::string& line, std::smatch* m) {
  return std::regex_match(line, *m, kDefaulted) && (*m)[3] == (*m)[4];
}

// The sample with its example sections switched on: headers and required
// options uncommented; options that show their default set (`with_defaults`)
// or commented out.
std::string examples_on(bool with_defaults) {
  std::string text = each_line(sample_config_text(), [&](const std::string& line) {
    std::smatch m;
    if (states_its_default(line, &m)) return with_defaults ? m[1].str() : ";" + m[1].str();
    if (std::regex_match(line, m, kHeader) || std::regex_match(line, m, kRequired)) return m[1].str();
    return line;
  });
  return replace_all(text, "progname1,progname2", "theprogramname");
}

class SampleConfig : public test::ConfigTest {};

TEST_F(SampleConfig, StartsWithItsVersionAndLoadsAsPrinted) {
  std::string text = sample_config_text();
  EXPECT_EQ(text.rfind("; Sample supervisord.conf", 0), 0u);
  EXPECT_NE(text.find("(supervisor-native " PACKAGE_VERSION ")"), std::string::npos);
  SupervisordConfig c = load(text);
  EXPECT_EQ(c.logfile, "/tmp/supervisord.log");
  EXPECT_EQ(c.pidfile, "/tmp/supervisord.pid");
  ASSERT_EQ(c.servers.size(), 1u);
  EXPECT_EQ(c.servers[0].file, "/tmp/supervisor.sock");
  ASSERT_EQ(c.rpcinterfaces.size(), 1u);
  EXPECT_EQ(c.rpcinterfaces[0].name, "supervisor");
  ASSERT_TRUE(c.ctl.has_value());
  EXPECT_EQ(c.ctl->serverurl, "unix:///tmp/supervisor.sock");
  EXPECT_TRUE(c.groups.empty());
  EXPECT_FALSE(c.deployment.has_value());
}

TEST_F(SampleConfig, EveryCommentedOptionIsAcceptedWhenUncommented) {
  int uncommented = 0;
  std::string text = each_line(sample_config_text(), [&](const std::string& line) {
    std::smatch m;
    if (!std::regex_match(line, m, kHeader) && !std::regex_match(line, m, kOption)) return line;
    ++uncommented;
    return m[1].str();
  });
  text = replace_all(text, "progname1,progname2", "theprogramname");
  // What the depends_on examples name.
  text += "[program:db]\ncommand=/bin/cat\n[program:memcached]\ncommand=/bin/cat\n[group:cache]\nprograms=memcached\n";
  EXPECT_GT(uncommented, 90);
  EXPECT_EQ(error(text), "<no error>");
  SupervisordConfig c = load(text);
  EXPECT_EQ(c.servers.size(), 2u);
  // thegroupname (holding theprogramname), the listener pool, the fcgi program, db and cache.
  EXPECT_EQ(c.groups.size(), 5u);
  EXPECT_TRUE(c.deployment.has_value());
  EXPECT_EQ(c.subprocpidfile, "/tmp/supervisord.children");
}

TEST_F(SampleConfig, AListenerExampleRunsAListener) {
  std::string text = sample_config_text();
  size_t program = text.find(";[program:theprogramname]"), pool = text.find(";[eventlistener:theeventlistenername]");
  ASSERT_NE(program, std::string::npos);
  ASSERT_NE(pool, std::string::npos);
  EXPECT_NE(text.find(";command=/bin/cat ", program), std::string::npos);
  size_t command = text.find(";command=", pool);
  EXPECT_EQ(text.substr(command, text.find(';', command + 1) - command), ";command=crashmail -m root@localhost ");
}

TEST_F(SampleConfig, CommentedValuesAreTheRealDefaults) {
  int stated = 0;
  std::smatch m;
  for (std::istringstream in(sample_config_text()); !in.eof();) {
    std::string line;
    std::getline(in, line);
    if (states_its_default(line, &m)) ++stated;
  }
  EXPECT_GT(stated, 50);
  SupervisordConfig bare = load(examples_on(false));
  SupervisordConfig full = load(examples_on(true));
  // As in supervisor, a pool's priority defaults to -1 but its processes'
  // to 999 (which only orders them within the pool), and priority=-1 sets
  // both: compare the pool's.
  for (GroupConfig& g : bare.groups)
    if (g.kind == GroupConfig::Kind::kEventListenerPool)
      for (ProcessConfig& p : g.processes) p.priority = g.priority;
  EXPECT_EQ(bare.groups, full.groups);
  ASSERT_EQ(bare.groups.size(), 3u);  // a program, a listener pool, an fcgi program
  EXPECT_EQ(bare.servers, full.servers);
  EXPECT_EQ(bare.deployment, full.deployment);
  ASSERT_TRUE(bare.deployment.has_value());
  EXPECT_EQ(bare.logfile_maxbytes, full.logfile_maxbytes);
  EXPECT_EQ(bare.logfile_backups, full.logfile_backups);
  EXPECT_EQ(bare.loglevel, full.loglevel);
  EXPECT_EQ(bare.umask, full.umask);
  EXPECT_EQ(bare.nodaemon, full.nodaemon);
  EXPECT_EQ(bare.silent, full.silent);
  EXPECT_EQ(bare.minfds, full.minfds);
  EXPECT_EQ(bare.minprocs, full.minprocs);
  EXPECT_EQ(bare.nocleanup, full.nocleanup);
  EXPECT_EQ(bare.strip_ansi, full.strip_ansi);
  EXPECT_EQ(bare.identifier, full.identifier);
}

TEST(SampleConfigLink, RecognisesEchoSupervisordConfUnderAnyPrefix) {
  EXPECT_TRUE(called_as_echo_supervisord_conf("echo_supervisord_conf"));
  EXPECT_TRUE(called_as_echo_supervisord_conf("/usr/bin/echo_supervisord_conf"));
  EXPECT_TRUE(called_as_echo_supervisord_conf("/usr/local/bin/sn-echo_supervisord_conf"));
  EXPECT_TRUE(called_as_echo_supervisord_conf("/usr/local/bin/echo_supervisord_conf-native"));
  EXPECT_FALSE(called_as_echo_supervisord_conf("/usr/bin/supervisord"));
  EXPECT_FALSE(called_as_echo_supervisord_conf("/opt/echo_supervisord_conf/supervisord"));
}

}  // namespace
}  // namespace sn
