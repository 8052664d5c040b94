#include "supervisord/process/group_registry.h"

#include <gtest/gtest.h>

#include "fake_process_host.h"

namespace sn {
namespace {

std::vector<std::string> names(const std::vector<ProcessGroup*>& groups) {
  std::vector<std::string> out;
  for (const ProcessGroup* g : groups) out.push_back(g->name());
  return out;
}

class GroupRegistryTest : public ::testing::Test {
 protected:
  std::unique_ptr<ProcessGroup> group(const std::string& name, int priority, std::vector<std::string> programs) {
    GroupConfig g;
    g.name = name;
    g.priority = priority;
    for (const std::string& p : programs) {  // in the loader's (priority, name) order
      ProcessConfig c;
      c.name = p;
      c.command = "/bin/true";
      g.processes.push_back(c);
    }
    return std::make_unique<ProcessGroup>(std::make_shared<const GroupConfig>(g), host);
  }
  test::FakeProcessHost host;
  GroupRegistry registry;
};

TEST_F(GroupRegistryTest, AddsOnceFindsAndTakes) {
  EXPECT_TRUE(registry.empty());
  ASSERT_NE(registry.add(group("web", 1, {"w"})), nullptr);
  EXPECT_EQ(registry.add(group("web", 2, {"w"})), nullptr);
  EXPECT_EQ(registry.find("web")->config().priority, 1);
  EXPECT_EQ(registry.find("nope"), nullptr);
  std::unique_ptr<ProcessGroup> taken = registry.take("web");
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(registry.find("web"), nullptr);
  EXPECT_TRUE(registry.as_added().empty());
  EXPECT_EQ(registry.take("web"), nullptr);
}

TEST_F(GroupRegistryTest, OrdersByPriorityThenAddedOrderAndByName) {
  registry.add(group("c", 5, {"c1"}));
  registry.add(group("a", 5, {"a1"}));
  registry.add(group("b", 1, {"b1"}));
  EXPECT_EQ(names(registry.by_priority()), (std::vector<std::string>{"b", "c", "a"}));
  EXPECT_EQ(names(registry.as_added()), (std::vector<std::string>{"c", "a", "b"}));
  EXPECT_EQ(names(registry.by_name()), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(GroupRegistryTest, ListsProcessesByPriorityAndByName) {
  registry.add(group("g", 2, {"y", "x"}));
  registry.add(group("f", 1, {"z"}));
  std::vector<std::string> by_priority, by_name;
  for (Process* p : registry.processes_by_priority()) by_priority.push_back(p->name());
  for (Process* p : registry.processes_by_name()) by_name.push_back(p->name());
  EXPECT_EQ(by_priority, (std::vector<std::string>{"z", "y", "x"}));  // each group's own order
  EXPECT_EQ(by_name, (std::vector<std::string>{"z", "x", "y"}));
}

}  // namespace
}  // namespace sn
