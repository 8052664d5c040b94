// crashmail: a supervisor event listener that mails crash alerts. See
// crashmail(1) and crashmail_options.h for its two personalities.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "config.h"
#include "crashmail/crashmail_listener.h"
#include "crashmail/crashmail_options.h"
#include "lib/util/usage_error.h"
#include "lib/util/version.h"

int main(int argc, char** argv) {
  std::string program = argc > 0 ? argv[0] : "crashmail";
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  sn::CrashmailOptions options;
  try {
    options = sn::parse_crashmail_options(program, args);
  } catch (const sn::UsageError& e) {
    std::fprintf(stderr, "crashmail: error: %s\nFor help, use %s --help\n", e.what(), program.c_str());
    return 2;
  }
  if (options.help) {
    std::printf("%s", sn::crashmail_usage(options.batch).c_str());
    std::printf("%s", sn::version_line("crashmail").c_str());
    return 0;
  }
  if (!std::getenv("SUPERVISOR_SERVER_URL")) {
    std::fprintf(stderr, "crashmail: must run as a supervisor event listener (SUPERVISOR_SERVER_URL is not set)\n");
    return 1;
  }
  char host[256] = "";
  if (::gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "localhost");
  sn::CrashmailListener listener(std::move(options), host);
  return listener.run();
}
