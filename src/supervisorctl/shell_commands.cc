// help, quit, exit and EOF: the shell's own commands.
// Tested by t/unit/controller_test.cc.
#include <algorithm>
#include <string>
#include <vector>

#include "supervisorctl/answer_fields.h"
#include "supervisorctl/commands.h"
#include "supervisorctl/controller.h"

namespace sn {
namespace {

constexpr std::string_view kHelpHelp =
    "help\t\tPrint a list of available actions\nhelp <action>\tPrint help for <action>";
constexpr std::string_view kQuitHelp = "quit\tExit the supervisor shell.";
constexpr std::string_view kExitHelp = "exit\tExit the supervisor shell.";
constexpr std::string_view kTableHeader = "default commands (type help <topic>):";
constexpr size_t kDisplayWidth = 79;

// Python's cmd.Cmd.columnize: as few rows as fit `width`, filled column by
// column, two spaces between columns.
void columnize(Controller& ctl, const std::vector<std::string>& items, size_t width) {
  size_t size = items.size();
  size_t rows = size;
  std::vector<size_t> widths{0};
  for (size_t nrows = 1; nrows < size; ++nrows) {
    size_t ncols = (size + nrows - 1) / nrows;
    std::vector<size_t> colwidths;
    long total = -2;
    for (size_t col = 0; col < ncols; ++col) {
      size_t w = 0;
      for (size_t row = 0; row < nrows && row + nrows * col < size; ++row) {
        w = std::max(w, items[row + nrows * col].size());
      }
      colwidths.push_back(w);
      total += static_cast<long>(w) + 2;
      if (total > static_cast<long>(width)) break;
    }
    if (total <= static_cast<long>(width)) {
      rows = nrows;
      widths = colwidths;
      break;
    }
  }
  for (size_t row = 0; row < rows; ++row) {
    std::vector<std::string> texts;
    for (size_t col = 0; col < widths.size(); ++col) {
      size_t i = row + rows * col;
      texts.push_back(i < size ? items[i] : "");
    }
    while (!texts.empty() && texts.back().empty()) texts.pop_back();
    std::string line;
    for (size_t col = 0; col < texts.size(); ++col) {
      if (col) line += "  ";
      line += pad_right(texts[col], widths[col]);
    }
    ctl.output(line);
  }
}

void run_help(Controller& ctl, std::string_view arg) {
  if (arg == "help") return ctl.output(kHelpHelp);
  if (!arg.empty()) {
    const Command* c = find_command(arg);
    if (!c || !c->listed) return ctl.output("*** No help on " + std::string(arg));
    return ctl.output(c->help);
  }
  ctl.output("");
  ctl.output(kTableHeader);
  ctl.output(std::string(kTableHeader.size(), '='));
  columnize(ctl, listed_command_names(), kDisplayWidth);
  ctl.output("");
}

void run_quit(Controller& ctl, std::string_view) {
  ctl.output("");
  ctl.leave();
}

constexpr Command kCommands[] = {
    {"help", run_help, kHelpHelp, false},
    {"quit", run_quit, kQuitHelp},
    {"exit", run_quit, kExitHelp},
    {"EOF", run_quit, "", false},
};

}  // namespace

std::span<const Command> shell_commands() { return kCommands; }

}  // namespace sn
