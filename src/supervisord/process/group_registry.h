// The active process groups, by name, and the orders supervisor lists,
// starts and stops them in.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "supervisord/process/process_group.h"

namespace sn {

class GroupRegistry {
 public:
  // The group, now active; null (and `group` dropped) when one of that
  // name is active already.
  ProcessGroup* add(std::unique_ptr<ProcessGroup> group);
  // The group, taken out; null when there is none of that name.
  std::unique_ptr<ProcessGroup> take(std::string_view name);
  ProcessGroup* find(std::string_view name) const;
  bool empty() const { return groups_.empty(); }

  // Active groups by priority; equal priorities in the order they were
  // added (the configuration's (priority, name) order at start, then
  // addProcessGroup order), as supervisor starts, stops and lists them.
  std::vector<ProcessGroup*> by_priority() const;
  const std::vector<ProcessGroup*>& as_added() const { return added_order_; }
  // Groups by name.
  std::vector<ProcessGroup*> by_name() const;
  // Every process, groups by priority and processes by (priority, name).
  std::vector<Process*> processes_by_priority() const;
  // Every process, groups and processes sorted by name.
  std::vector<Process*> processes_by_name() const;

 private:
  std::map<std::string, std::unique_ptr<ProcessGroup>, std::less<>> groups_;
  std::vector<ProcessGroup*> added_order_;
};

}  // namespace sn
