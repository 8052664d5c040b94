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

// Sets *info, to nullopt for anything that does not start with '{' (no
// package); false for a dict that is malformed or lacks a key.
bool parse_package_info(std::string_view text, std::optional<PackageInfo>* info, std::string* error);

// The literal itself: {'k': 'v', "k2": 3, u'k3': u'v'}.
bool parse_python_dict(std::string_view text, std::map<std::string, std::string>* dict, std::string* error);

}  // namespace sn
