#include "lib/util/exit_status.h"

#include "lib/util/signals.h"

namespace sn {

std::string ExitStatus::describe() const {
  if (unknown) return "exit status unknown (adopted)";
  if (!signaled) return "exit status " + std::to_string(code);
  std::string out = "terminated by " + signal_name(signal);
  if (core_dumped) out += " (core dumped)";
  return out;
}

}  // namespace sn
