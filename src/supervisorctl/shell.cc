// Tested by t/integration/test_supervisorctl.py (through a pipe and a pty).
#include "supervisorctl/shell.h"

#include <editline/readline.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "supervisorctl/completion.h"
#include "supervisorctl/interrupt_watch.h"
#include "supervisorctl/interruption.h"
#include "supervisorctl/stdin_lines.h"

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
  auto infos = []() -> const XmlRpcValue& {
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

// Ctrl-C while a line is edited: SIGINT is blocked and read from a
// signalfd next to the terminal, so no signal can slip in between a check
// and a blocking read (libedit retries a read that a handler interrupted).
InterruptWatch* g_interrupt = nullptr;
bool g_interrupted = false;

int read_key(FILE*) {
  pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {g_interrupt->fd(), POLLIN, 0}};
  for (;;) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (fds[1].revents) {
      g_interrupted = true;
      return -1;  // libedit takes it as end of input
    }
    unsigned char c;
    ssize_t n = ::read(STDIN_FILENO, &c, 1);
    if (n == 1) return c;
    if (n < 0 && errno == EINTR) continue;
    return -1;
  }
}

class TerminalReader {
 public:
  TerminalReader(Controller& ctl, std::optional<std::string> history_file) : history_file_(std::move(history_file)) {
    g_completion.ctl = &ctl;
    rl_readline_name = "supervisorctl";
    // "group:process", "group:*" and names with "-" are one word.
    static char breaks[] = " \t\n\"\\'`@$><=;|&{(";
    rl_completer_word_break_characters = breaks;
    rl_attempted_completion_function = complete;
    rl_catch_signals = 0;
    rl_getc_function = read_key;
    load_history();
  }
  ~TerminalReader() { save_history(); }

  // Ctrl-C at the prompt leaves the shell, as in supervisorctl.
  std::optional<std::string> read(const std::string& prompt) {
    g_completion.infos.reset();
    InterruptWatch interrupt;
    g_interrupt = &interrupt;
    char* raw = readline(prompt.c_str());
    g_interrupt = nullptr;
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
};

std::optional<std::string> read_plain(const std::string& prompt) {
  std::fputs(prompt.c_str(), stdout);
  std::fflush(stdout);
  return read_stdin_line();
}

}  // namespace

void run_shell(Controller& ctl) {
  std::string prompt = ctl.options().prompt + "> ";
  std::optional<TerminalReader> terminal;  // saves the history however the shell ends
  if (::isatty(STDIN_FILENO)) terminal.emplace(ctl, ctl.options().history_file);
  try {
    ctl.run_line("status");
    while (!ctl.leaving()) {
      std::fflush(stdout);
      std::optional<std::string> line = terminal ? terminal->read(prompt) : read_plain(prompt);
      if (!line) {
        ctl.output("");  // end of input or Ctrl-C
        break;
      }
      ctl.run_line(*line);
    }
  } catch (const Interrupted&) {
    ctl.output("");  // Ctrl-C during a command leaves the shell, as in supervisorctl
  }
  std::fflush(stdout);
}

}  // namespace sn
