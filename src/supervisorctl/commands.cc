// Tested by t/unit/controller_test.cc (lookup, help table).
#include "supervisorctl/commands.h"

#include <algorithm>

#include "lib/util/strings.h"
#include "supervisorctl/controller.h"

namespace sn {
namespace {

std::vector<std::span<const Command>> families() {
  return {process_commands(), status_commands(), log_commands(),  config_commands(),
          server_commands(),  fg_commands(),     shell_commands()};
}

}  // namespace

const Command* find_command(std::string_view name) {
  for (std::span<const Command> family : families()) {
    for (const Command& c : family) {
      if (c.name == name) return &c;
    }
  }
  return nullptr;
}

std::vector<std::string> listed_command_names() {
  std::vector<std::string> names;
  for (std::span<const Command> family : families()) {
    for (const Command& c : family) {
      if (c.listed) names.emplace_back(c.name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> words(std::string_view arg) { return split_whitespace(arg); }

bool includes_all(const std::vector<std::string>& names) {
  return std::find(names.begin(), names.end(), "all") != names.end();
}

void report_error(Controller& ctl, const std::string& message) {
  ctl.output(message);
  ctl.set_exit_status(exit_code::kGeneric);
}

bool refuse_arguments(Controller& ctl, std::string_view name, std::string_view arg, std::string_view help) {
  if (arg.empty()) return false;
  report_error(ctl, "Error: " + std::string(name) + " accepts no arguments");
  ctl.output(help);
  return true;
}

}  // namespace sn
