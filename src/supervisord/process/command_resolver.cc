#include "supervisord/process/command_resolver.h"

#include <sys/stat.h>
#include <unistd.h>

#include "lib/util/shell_words.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

std::vector<std::string> search_path(const ProcessConfig& config, const std::string& inherited_path) {
  for (const auto& [k, v] : config.environment)
    if (k == "PATH") return split(v, ':');
  if (!inherited_path.empty()) return split(inherited_path, ':');
  return {"/bin", "/usr/bin", "/usr/local/bin"};
}

ResolvedCommand problem(ResolvedCommand::Problem kind, std::string text) {
  ResolvedCommand r;
  r.problem = kind;
  r.error = std::move(text);
  return r;
}

}  // namespace

ResolvedCommand resolve_command(const ProcessConfig& config, const std::string& inherited_path) {
  ResolvedCommand r;
  std::string error;
  if (!split_shell_words(config.command, &r.argv, &error))
    return problem(ResolvedCommand::Problem::kNotExecutable,
                   "can't parse command " + py_repr(config.command) + ": " + error);
  if (r.argv.empty()) return problem(ResolvedCommand::Problem::kNotExecutable, "command is empty");

  const std::string& program = r.argv[0];
  struct stat st;
  bool found = false;
  if (program.find('/') != std::string::npos) {
    r.filename = program;
    found = ::stat(program.c_str(), &st) == 0;
  } else {
    r.filename = program;
    for (const std::string& dir : search_path(config, inherited_path)) {
      std::string candidate = (dir.empty() || dir.back() == '/') ? dir + program : dir + "/" + program;
      if (::stat(candidate.c_str(), &st) == 0) {
        r.filename = candidate;
        found = true;
        break;
      }
    }
  }
  if (!found) return problem(ResolvedCommand::Problem::kNotFound, "can't find command " + py_repr(r.filename));
  if (S_ISDIR(st.st_mode)) {
    return problem(ResolvedCommand::Problem::kNotExecutable, "command at " + py_repr(r.filename) + " is a directory");
  }
  if (!(st.st_mode & 0111)) {
    return problem(ResolvedCommand::Problem::kNotExecutable,
                   "command at " + py_repr(r.filename) + " is not executable");
  }
  if (::access(r.filename.c_str(), X_OK) != 0) {
    return problem(ResolvedCommand::Problem::kNotExecutable, "no permission to run command " + py_repr(r.filename));
  }
  return r;
}

}  // namespace sn
