// supervisor's namespecs: "name" (group and process of that name),
// "group:name", and "group:" or "group:*" for a whole group.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sn {

struct Namespec {
  std::string group;
  std::optional<std::string> process;  // nullopt: the whole group
};

Namespec split_namespec(std::string_view name);
// "name" when the process is alone in a group of its name, else "group:name".
std::string make_namespec(std::string_view group, std::string_view process);

}  // namespace sn
