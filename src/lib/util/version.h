// The one version string every program prints, taken from configure.ac's
// AC_INIT. Tested by t/integration/test_versions.py.
#pragma once

#include <string>
#include <string_view>

#include "config.h"

namespace sn {

// "<program> (supervisor-native) <version>\n": the last line of every --help.
inline std::string version_line(std::string_view program) {
  return std::string(program) + " (" PACKAGE_NAME ") " PACKAGE_VERSION "\n";
}

}  // namespace sn
