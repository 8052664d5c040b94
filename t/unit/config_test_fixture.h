// A fixture for configuration tests: writes supervisord.conf into a scratch
// directory and loads it with a fixed environment.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "lib/config/config_error.h"
#include "lib/config/config_loader.h"
#include "test_util.h"

namespace sn::test {

class ConfigTest : public ::testing::Test {
 protected:
  LoaderEnvironment env() const {
    LoaderEnvironment e;
    e.environ = {{"HOME", "/home/u"}, {"FOO", "bar"}, {"PATH", "/usr/bin:/bin"}};
    e.host_node_name = "node1";
    e.cwd = dir.path();
    e.tmpdir = dir.path();
    return e;
  }
  std::string conf_path() const { return dir.file("supervisord.conf"); }
  SupervisordConfig load(const std::string& text) const {
    return load_supervisord_config(dir.write("supervisord.conf", text), env());
  }
  // The error message loading `text` gives, or "<no error>".
  std::string error(const std::string& text) const {
    try {
      load(text);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "<no error>";
  }
  // A config with one program section holding `options`.
  static std::string program(const std::string& options, const std::string& name = "web") {
    return "[supervisord]\n[program:" + name + "]\ncommand=/bin/cat\n" + options;
  }
  const ProcessConfig& only_process(const SupervisordConfig& c) const {
    EXPECT_EQ(c.groups.size(), 1u);
    EXPECT_EQ(c.groups.at(0).processes.size(), 1u);
    return c.groups.at(0).processes.at(0);
  }
  // A copy when the config is a temporary, which a reference would outlive.
  ProcessConfig only_process(SupervisordConfig&& c) const {
    return only_process(static_cast<const SupervisordConfig&>(c));
  }

  TempDir dir;
};

}  // namespace sn::test
