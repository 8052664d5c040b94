// supervisorctl's commands: a table of names, what runs them and what
// "help <name>" prints. One file per family of commands fills its part.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sn {

class Controller;

struct Command {
  std::string_view name;
  void (*run)(Controller& ctl, std::string_view arg);
  std::string_view help;  // printed, plus a newline, by "help <name>"
  bool listed = true;     // in the "help" table (EOF is not)
};

std::span<const Command> process_commands();  // start stop restart signal clear
std::span<const Command> status_commands();   // status pid
std::span<const Command> log_commands();      // tail maintail
std::span<const Command> config_commands();   // avail reread add remove update
std::span<const Command> server_commands();   // shutdown reload version open
std::span<const Command> fg_commands();       // fg
std::span<const Command> shell_commands();    // help quit exit EOF

const Command* find_command(std::string_view name);
// Sorted names of the commands "help" lists.
std::vector<std::string> listed_command_names();

// The argument split into words, as Python's str.split() does.
std::vector<std::string> words(std::string_view arg);
// True when "all" is among `names`.
bool includes_all(const std::vector<std::string>& names);
// Prints `message` and makes the exit status 1.
void report_error(Controller& ctl, const std::string& message);
// For commands that take no argument: when `arg` is not empty, says so,
// shows `help` and returns true.
bool refuse_arguments(Controller& ctl, std::string_view name, std::string_view arg, std::string_view help);

}  // namespace sn
