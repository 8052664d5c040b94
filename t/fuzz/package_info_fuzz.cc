// libFuzzer target: the package server's latest-package reply (a Python
// dict literal, parsed, never evaluated) on arbitrary bytes must never
// crash, overrun or loop; what it accepts has the three required fields,
// and what it refuses says why.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "supervisord/deployment/package_info.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<sn::PackageInfo> info;
  std::string error;
  if (sn::parse_package_info(text, &info, &error)) {
    if (info && (info->package_name.empty() || info->revision.empty() || info->timestamp.empty())) __builtin_trap();
  } else if (error.empty()) {
    __builtin_trap();
  }
  std::map<std::string, std::string> dict;
  error.clear();
  if (!sn::parse_python_dict(text, &dict, &error) && error.empty()) __builtin_trap();
  return 0;
}
