// libFuzzer target: the package server's latest-package reply (a Python
// dict literal, parsed, never evaluated) on arbitrary bytes must never
// crash, overrun or loop; what it accepts has the three required fields.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "supervisord/deployment/package_info.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    std::optional<sn::PackageInfo> info = sn::parse_package_info(text);
    if (info && (info->package_name.empty() || info->revision.empty() || info->timestamp.empty())) __builtin_trap();
  } catch (const std::runtime_error&) {
  }
  try {
    sn::parse_python_dict(text);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
