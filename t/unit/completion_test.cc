#include "supervisorctl/completion.h"

#include <gtest/gtest.h>

#include "fake_server_connection.h"

namespace sn {
namespace {

XmlRpcValue infos() {
  return XmlRpcValue::array({test::info("grp", "a", "RUNNING", 20), test::info("grp", "b", "RUNNING", 20),
                             test::info("web", "web", "RUNNING", 20)});
}

TEST(Completion, CommandNamesFirst) {
  int fetched = 0;
  XmlRpcValue all = infos();
  auto fetch = [&]() -> const XmlRpcValue& {
    ++fetched;
    return all;
  };
  EXPECT_EQ(completions("sta", "sta", fetch), (std::vector<std::string>{"start", "status"}));
  EXPECT_EQ(completions("", "", fetch).size(), 22u);  // help and the 21 listed
  EXPECT_EQ(completions("help re", "re", fetch), (std::vector<std::string>{"reload", "remove", "reread", "restart"}));
  EXPECT_EQ(fetched, 0);
}

TEST(Completion, ProcessAndGroupNames) {
  XmlRpcValue all = infos();
  auto fetch = [&]() -> const XmlRpcValue& { return all; };
  EXPECT_EQ(completions("stop ", "", fetch), (std::vector<std::string>{"grp:a", "grp:*", "grp:b", "web"}));
  EXPECT_EQ(completions("stop w", "w", fetch), (std::vector<std::string>{"web"}));
  EXPECT_EQ(completions("stop web:", "web:", fetch), (std::vector<std::string>{"web:web", "web:*"}));
  EXPECT_EQ(completions("update ", "", fetch), (std::vector<std::string>{"grp", "web"}));
  EXPECT_TRUE(completions("version ", "", fetch).empty());
}

}  // namespace
}  // namespace sn
