#include "lib/util/namespec.h"

namespace sn {

Namespec split_namespec(std::string_view name) {
  size_t colon = name.find(':');
  if (colon == std::string_view::npos) return {std::string(name), std::string(name)};
  Namespec n{std::string(name.substr(0, colon)), std::string(name.substr(colon + 1))};
  if (n.process->empty() || *n.process == "*") n.process.reset();
  return n;
}

std::string make_namespec(std::string_view group, std::string_view process) {
  if (group == process) return std::string(process);
  return std::string(group) + ":" + std::string(process);
}

}  // namespace sn
