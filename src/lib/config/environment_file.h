// environment_file=: files of KEY=VALUE lines in systemd's EnvironmentFile=
// syntax, read at each spawn. Blank lines and lines starting with # or ;
// are skipped, "export " before a key is allowed; a value may be quoted with
// '...' (taken as written) or "..." (where \", \\, \$ and \` are escapes),
// outside quotes a backslash escapes the next character and a backslash at
// the end of a line continues the value on the next one; unquoted trailing
// blanks are dropped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sn {

// One name in environment_file=: "-PATH" marks a file that may be missing.
struct EnvironmentFileRef {
  std::string path;
  bool optional = false;

  bool operator==(const EnvironmentFileRef&) const = default;
};

// "PATH, -OPTIONAL_PATH": absolute paths. Throws ValueError.
std::vector<EnvironmentFileRef> parse_environment_file_list(std::string_view v);

struct EnvironmentFileContent {
  std::vector<std::pair<std::string, std::string>> variables;  // in file order
  std::vector<std::string> problems;                           // "line 3: ...", for the main log
};
EnvironmentFileContent parse_environment_file(std::string_view text);

}  // namespace sn
