// supervisord: entry point. Everything else is in Daemon.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string_view>

#include "config.h"
#include "lib/util/memory_trimmer.h"
#include "lib/util/version.h"
#include "supervisord/command_line.h"
#include "supervisord/config_check.h"
#include "supervisord/daemon.h"
#include "supervisord/daemonize.h"
#include "supervisord/deployment/fetch_helper.h"
#include "supervisord/deployment/unpack_helper.h"
#include "supervisord/sample_config.h"

namespace {

// 0, or 1 with the reason on stderr when standard output fails (a full disk).
int print_sample_config() {
  if (std::fputs(sn::sample_config_text().c_str(), stdout) >= 0 && std::fflush(stdout) == 0 && !std::ferror(stdout))
    return 0;
  std::fprintf(stderr, "supervisord: cannot write the sample configuration: %s\n", std::strerror(errno));
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  sn::ensure_standard_fds();
  if (argc > 1 && std::string_view(argv[1]) == sn::kDeploymentFetchFlag) return sn::deployment_fetch_main(argc, argv);
  if (argc > 1 && std::string_view(argv[1]) == sn::kDeploymentUnpackFlag) return sn::deployment_unpack_main(argc, argv);
  sn::MemoryTrimmer::take_over_trimming();
  std::string program = argc > 0 ? argv[0] : "supervisord";
  // Debian's supervisor package ships echo_supervisord_conf; ours is a link.
  if (sn::called_as_echo_supervisord_conf(program)) return print_sample_config();
  try {
    sn::CommandLine cl = sn::parse_command_line(argc, argv);
    if (cl.action == sn::CommandLine::Action::kHelp) {
      std::fputs((sn::usage_text(program) + "\n" + sn::version_line("supervisord")).c_str(), stdout);
      return 0;
    }
    if (cl.action == sn::CommandLine::Action::kSampleConfig) return print_sample_config();
    if (cl.action == sn::CommandLine::Action::kCheckConfig) return sn::check_config(cl);
    if (cl.action == sn::CommandLine::Action::kVersion) {
      std::puts(PACKAGE_VERSION);
      return 0;
    }
    return sn::Daemon(std::move(cl)).run();
  } catch (const sn::UsageError& e) {
    std::fprintf(stderr, "Error: %s\nFor help, use %s -h\n", e.what(), program.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "supervisord: fatal error: %s\n", e.what());
    return 1;
  }
}
