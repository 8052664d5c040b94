// The package server's answer to "latest package of artifact A": either
// "Package Not Found" or a Python dict literal such as
//   {'artifact': 'A','package_name': 'A-1.0.tar.gz','revision': 'r12','timestamp': '20140101-120000','checksum': '...'}
// Minos' Python eval()'d it. Here it is parsed strictly as a flat dict of
// quoted strings (or integers), never evaluated.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sn {

struct PackageInfo {
  std::string package_name;
  std::string revision;
  std::string timestamp;
  std::string version() const { return revision + "-" + timestamp; }  // "r12-20140101-120000"
};

// nullopt for anything that does not start with '{' (no package); throws
// std::runtime_error for a dict that is malformed or lacks a key.
std::optional<PackageInfo> parse_package_info(std::string_view text);

// The literal itself: {'k': 'v', "k2": 3, u'k3': u'v'}.
std::map<std::string, std::string> parse_python_dict(std::string_view text);

}  // namespace sn
