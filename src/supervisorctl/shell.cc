// Tested by t/integration/test_supervisorctl.py (through a pipe and a pty).
#include "supervisorctl/shell.h"

#include <editline/readline.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "supervisorctl/completion.h"

namespace sn {
namespace {

// Readline's callbacks are plain functions; this is what they complete against.
struct CompletionContext {
  Controller* ctl = nullptr;
  std::optional<XmlRpcValue> infos;  // fetched once per command line
  std::vector<std::string> matches;
};
CompletionContext g_completion;

char* next_match(const char*, int state) {
  auto& m = g_completion.matches;
  if (static_cast<size_t>(state) >= m.size()) return nullptr;
  return strdup(m[static_cast<size_t>(state)].c_str());
}

char** complete(const char* text, int, int end) {
  rl_attempted_completion_over = 1;  // never fall back to file names
  std::string line(rl_line_buffer, static_cast<size_t>(end));
  auto infos = [] {
    if (!g_completion.infos) g_completion.infos = g_completion.ctl->server().call("supervisor.getAllProcessInfo");
    return *g_completion.infos;
  };
  try {
    g_completion.matches = completions(line, text, infos);
  } catch (const std::exception&) {
    g_completion.matches.clear();  // the server is away: nothing to offer
  }
  return rl_completion_matches(text, next_match);
}

volatile sig_atomic_t g_interrupted = 0;
void on_interrupt(int) { g_interrupted = 1; }

class TerminalReader {
 public:
  TerminalReader(Controller& ctl, std::optional<std::string> history_file) : history_file_(std::move(history_file)) {
    g_completion.ctl = &ctl;
    rl_readline_name = "supervisorctl";
    // "group:process", "group:*" and names with "-" are one word.
    static char breaks[] = " \t\n\"\\'`@$><=;|&{(";
    rl_completer_word_break_characters = breaks;
    rl_attempted_completion_function = complete;
    load_history();
    // Ctrl-C at the prompt leaves the shell, as in supervisorctl; without
    // SA_RESTART the read under readline() returns.
    struct sigaction sa = {};
    sa.sa_handler = on_interrupt;
    sigaction(SIGINT, &sa, &old_interrupt_);
  }
  ~TerminalReader() {
    sigaction(SIGINT, &old_interrupt_, nullptr);
    save_history();
  }

  std::optional<std::string> read(const std::string& prompt) {
    g_completion.infos.reset();
    char* raw = readline(prompt.c_str());
    if (!raw || g_interrupted) {
      std::free(raw);
      return std::nullopt;
    }
    std::string line(raw);
    std::free(raw);
    if (!line.empty()) {
      add_history(line.c_str());
      lines_.push_back(line);
    }
    return line;
  }
  bool interrupted() const { return g_interrupted; }

 private:
  // GNU readline's history file is one entry per line, which Python's
  // supervisorctl wrote; libedit's own format would not read it.
  void load_history() {
    if (!history_file_) return;
    std::ifstream in(*history_file_);
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      add_history(line.c_str());
      lines_.push_back(line);
    }
  }
  void save_history() {
    if (!history_file_) return;
    std::ofstream out(*history_file_, std::ios::trunc);
    for (const std::string& line : lines_) out << line << '\n';
  }

  std::optional<std::string> history_file_;
  std::vector<std::string> lines_;
  struct sigaction old_interrupt_ = {};
};

std::optional<std::string> read_plain(const std::string& prompt) {
  std::fputs(prompt.c_str(), stdout);
  std::fflush(stdout);
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  return line;
}

}  // namespace

void run_shell(Controller& ctl) {
  std::string prompt = ctl.options().prompt + "> ";
  ctl.run_line("status");
  std::optional<TerminalReader> terminal;
  if (::isatty(STDIN_FILENO)) terminal.emplace(ctl, ctl.options().history_file);
  while (!ctl.leaving()) {
    std::fflush(stdout);
    std::optional<std::string> line = terminal ? terminal->read(prompt) : read_plain(prompt);
    if (!line) {
      ctl.output("");  // end of input or Ctrl-C
      break;
    }
    ctl.run_line(*line);
  }
  std::fflush(stdout);
}

}  // namespace sn
