// supervisor's namespecs: "name" (group and process of that name),
// "group:name", and "group:" or "group:*" for a whole group.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "supervisord/supervisor.h"

namespace sn {

struct Namespec {
  std::string group;
  std::optional<std::string> process;  // nullopt: the whole group
};

Namespec split_namespec(std::string_view name);
std::string make_namespec(std::string_view group, std::string_view process);

struct Lookup {
  ProcessGroup* group = nullptr;
  Process* process = nullptr;  // null for a whole-group namespec
};

// Throws RpcError(BAD_NAME: name) for an unknown group or process.
Lookup lookup(const Supervisor& supervisor, const std::string& name);
// The same, but a whole-group namespec is a BAD_NAME too.
Process& lookup_process(const Supervisor& supervisor, const std::string& name);

}  // namespace sn
