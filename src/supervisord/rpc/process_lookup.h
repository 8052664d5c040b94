// Finds the group or process a namespec names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lib/util/namespec.h"
#include "supervisord/supervisor.h"

namespace sn {

struct Lookup {
  ProcessGroup* group = nullptr;
  Process* process = nullptr;  // null for a whole-group namespec
};

// Throws RpcError(BAD_NAME: name) for an unknown group or process.
Lookup lookup(const Supervisor& supervisor, const std::string& name);
// The same, but a whole-group namespec is a BAD_NAME too.
Process& lookup_process(const Supervisor& supervisor, const std::string& name);

}  // namespace sn
