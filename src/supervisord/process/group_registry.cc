// Tested by t/unit/supervisor_test.cc and group_registry_test.cc.
#include "supervisord/process/group_registry.h"

#include <algorithm>

namespace sn {

ProcessGroup* GroupRegistry::add(std::unique_ptr<ProcessGroup> group) {
  if (groups_.count(group->name())) return nullptr;
  ProcessGroup* added = group.get();
  added_order_.push_back(added);
  groups_.emplace(added->name(), std::move(group));
  return added;
}

std::unique_ptr<ProcessGroup> GroupRegistry::take(std::string_view name) {
  auto it = groups_.find(name);
  if (it == groups_.end()) return nullptr;
  std::unique_ptr<ProcessGroup> group = std::move(it->second);
  groups_.erase(it);
  std::erase(added_order_, group.get());
  return group;
}

ProcessGroup* GroupRegistry::find(std::string_view name) const {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : it->second.get();
}

std::vector<ProcessGroup*> GroupRegistry::by_priority() const {
  std::vector<ProcessGroup*> out = added_order_;
  std::stable_sort(out.begin(), out.end(), [](const ProcessGroup* a, const ProcessGroup* b) {
    return a->config().priority < b->config().priority;
  });
  return out;
}

std::vector<ProcessGroup*> GroupRegistry::by_name() const {
  std::vector<ProcessGroup*> out;
  out.reserve(groups_.size());
  for (const auto& [name, g] : groups_) out.push_back(g.get());
  return out;
}

std::vector<Process*> GroupRegistry::processes_by_priority() const {
  std::vector<Process*> out;
  for (ProcessGroup* g : by_priority())
    for (const auto& p : g->processes()) out.push_back(p.get());
  return out;
}

std::vector<Process*> GroupRegistry::processes_by_name() const {
  std::vector<Process*> out;
  for (const auto& [name, g] : groups_) {
    size_t first = out.size();
    for (const auto& p : g->processes()) out.push_back(p.get());
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
              [](const Process* a, const Process* b) { return a->name() < b->name(); });
  }
  return out;
}

}  // namespace sn
