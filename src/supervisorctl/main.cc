// supervisorctl: entry point. Options, then one command or the shell.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <exception>

#include "lib/config/config_search.h"
#include "lib/util/strings.h"
#include "lib/util/version.h"
#include "supervisorctl/client_options.h"
#include "supervisorctl/controller.h"
#include "supervisorctl/curl_server_connection.h"
#include "supervisorctl/interruption.h"
#include "supervisorctl/shell.h"
#include "supervisorctl/stdin_lines.h"

namespace {

// Reads one line from standard input after `prompt`; with `secret` and a
// terminal, without echo (getpass).
std::optional<std::string> ask_user(const std::string& prompt, bool secret) {
  // Echo goes off before the prompt shows, so nothing typed after it is
  // ever echoed; the terminal comes back as it was.
  termios saved{};
  bool hide = secret && ::isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (hide) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSADRAIN, &quiet);
  }
  std::fputs(prompt.c_str(), stdout);
  std::fflush(stdout);
  std::optional<std::string> line = sn::read_stdin_line();
  if (hide) tcsetattr(STDIN_FILENO, TCSADRAIN, &saved);
  return line;
}

void write_stdout(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }

}  // namespace

int main(int argc, char** argv) {
  std::string program = argc > 0 ? argv[0] : "supervisorctl";
  sn::ClientOptions options;
  try {
    options = sn::parse_client_options(argc, argv, sn::program_path_from_argv0(program));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "Error: %s\nFor help, use %s -h\n", e.what(), program.c_str());
    return 2;
  }
  if (options.help) {
    std::fputs((sn::client_usage_text(program) + "\n" + sn::version_line("supervisorctl")).c_str(), stdout);
    return 0;
  }
  options.may_prompt_for_credentials = options.interactive || ::isatty(STDIN_FILENO);
  sn::catch_interrupts();
  auto connect = [](const sn::ServerUrl& url, const sn::Credentials& credentials) {
    return std::make_unique<sn::CurlServerConnection>(url, credentials);
  };
  try {
    sn::Controller ctl(options, connect, sn::ControllerIo{write_stdout, ask_user});
    if (!options.command.empty()) {
      ctl.run_line(sn::join(options.command, " "));
      std::fflush(stdout);
      return ctl.exit_status();
    }
    sn::run_shell(ctl);
    return 0;  // the shell's exit status is always 0, as supervisorctl's
  } catch (const sn::Interrupted&) {
    std::fputs("\n", stdout);
    std::fflush(stdout);
    return 130;  // a command ended by Ctrl-C, as shells report SIGINT
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "supervisorctl: error: %s\n", e.what());
    return 1;
  }
}
