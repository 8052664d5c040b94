// supervisor-deploy: installs and starts supervisord on groups of hosts
// over SSH. See supervisor-deploy(1).
// Tested by t/integration/test_deploy.py (against real sshd's on loopback).
#include <getopt.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "config.h"
#include "lib/config/config_error.h"
#include "lib/util/read_file.h"
#include "lib/util/version.h"
#include "supervisor-deploy/deploy_runner.h"

namespace {

const char kUsage[] =
    "usage: supervisor-deploy [options] CONFIG\n"
    "Installs supervisord (with crashmail and the deployment namespace) on every host\n"
    "of CONFIG's [group_N] sections over SSH, starts it and checks it over XML-RPC.\n"
    "  -j, --jobs N         hosts deployed at once (default 8)\n"
    "  -g, --group NAME     only this group (repeatable)\n"
    "      --from DIR       the programs: a build tree or an install prefix\n"
    "      --template FILE  the supervisord.conf template (@NAME@ marks)\n"
    "      --accept-new     add unknown host keys to known_hosts (a changed key is\n"
    "                       always refused)\n"
    "      --timeout SECS   per step (default 30)\n"
    "  -n, --dry-run        show what would be done; contact nothing\n"
    "  -h, --help           this text;  -v, --version\n";

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "supervisor-deploy: %s\n%s", message.c_str(), kUsage);
  std::exit(2);
}

std::string executable_dir() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  std::string path(buf, static_cast<size_t>(n));
  return path.substr(0, path.rfind('/'));
}

std::string home_dir() {
  if (const char* h = std::getenv("HOME"); h && *h) return h;
  passwd* pw = ::getpwuid(::getuid());
  return pw ? pw->pw_dir : "/";
}

int parse_number(const char* option, const char* text, int max) {
  char* end = nullptr;
  long v = std::strtol(text, &end, 10);
  if (!*text || *end || v < 1 || v > max)
    usage_error(std::string(option) + ": expected a number from 1 to " + std::to_string(max) + ", got '" + text + "'");
  return static_cast<int>(v);
}

}  // namespace

int main(int argc, char** argv) {
  enum { kFrom = 1000, kTemplate, kAcceptNew, kTimeout };
  static const option kLong[] = {
      {"jobs", required_argument, nullptr, 'j'},        {"group", required_argument, nullptr, 'g'},
      {"from", required_argument, nullptr, kFrom},      {"template", required_argument, nullptr, kTemplate},
      {"accept-new", no_argument, nullptr, kAcceptNew}, {"timeout", required_argument, nullptr, kTimeout},
      {"dry-run", no_argument, nullptr, 'n'},           {"help", no_argument, nullptr, 'h'},
      {"version", no_argument, nullptr, 'v'},           {nullptr, 0, nullptr, 0},
  };
  int parallel = 8;
  bool dry_run = false;
  std::vector<std::string> only_groups;
  std::string from, template_path;
  sn::DeployOptions options;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":j:g:nhv", kLong, nullptr)) != -1) {
    switch (c) {
      case 'j': parallel = parse_number("-j", optarg, 1000); break;
      case 'g': only_groups.push_back(optarg); break;
      case kFrom: from = optarg; break;
      case kTemplate: template_path = optarg; break;
      case kAcceptNew: options.accept_new = true; break;
      case kTimeout: options.timeout_seconds = parse_number("--timeout", optarg, 3600); break;
      case 'n': dry_run = true; break;
      case 'h': std::printf("%s%s", kUsage, sn::version_line("supervisor-deploy").c_str()); return 0;
      case 'v': std::printf("%s", sn::version_line("supervisor-deploy").c_str()); return 0;
      case ':': usage_error(std::string("option ") + argv[optind - 1] + " requires a value");
      default: usage_error(std::string("no such option: ") + argv[optind - 1]);
    }
  }
  if (optind + 1 != argc) usage_error("expected one CONFIG file");

  sn::DeployConfig config;
  try {
    config = sn::load_deploy_config(argv[optind], home_dir());
  } catch (const sn::ConfigError& e) {
    std::fprintf(stderr, "supervisor-deploy: %s\n", e.what());
    return 2;
  }
  std::vector<sn::DeployGroup> groups;
  for (const auto& name : only_groups) {
    auto it = std::find_if(config.groups.begin(), config.groups.end(), [&](const auto& g) { return g.name == name; });
    if (it == config.groups.end()) usage_error("no group [" + name + "] in " + config.file);
  }
  for (const auto& g : config.groups)
    if (only_groups.empty() || std::find(only_groups.begin(), only_groups.end(), g.name) != only_groups.end())
      groups.push_back(g);

  std::string exe = executable_dir();
  try {
    if (!from.empty()) {
      options.programs = sn::find_programs(from, SN_INSTALLED_PREFIX);
    } else {
      try {
        options.programs = sn::find_programs(exe + "/../..");  // a build tree
      } catch (const std::runtime_error&) {
        options.programs = sn::find_programs(exe + "/..", SN_INSTALLED_PREFIX);  // an install prefix
      }
    }
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "supervisor-deploy: %s\n", e.what());
    return 2;
  }
  std::vector<std::string> templates = template_path.empty()
                                           ? std::vector<std::string>{SN_DEPLOY_TEMPLATE, SN_SOURCE_TEMPLATE}
                                           : std::vector<std::string>{template_path};
  std::string template_problem;  // why the first candidate could not be used
  for (const auto& t : templates) {
    int error = 0;
    std::optional<std::string> text = sn::read_whole_file(t, &error);
    if (text && !text->empty()) {
      options.template_text = *text;
      break;
    }
    if (template_problem.empty()) template_problem = t + ": " + (text ? "it is empty" : std::strerror(error));
  }
  if (options.template_text.empty()) {
    std::fprintf(stderr, "supervisor-deploy: cannot read the template %s\n", template_problem.c_str());
    return 2;
  }

  if (dry_run) {
    for (const auto& g : groups)
      for (const auto& h : g.hosts) {
        std::printf("[%s] %s:\n", g.name.c_str(), h.address.c_str());
        for (const auto& line : sn::describe_deployment(g, h, options)) std::printf("  %s\n", line.c_str());
      }
    return 0;
  }
  std::vector<sn::HostReport> reports = sn::run_deployments(groups, options, parallel, [](const sn::HostReport& r) {
    std::printf("%s (%s): %s in %.1f s%s%s\n", r.host.c_str(), r.group.c_str(), sn::outcome_word(r.outcome.kind),
                r.seconds, r.outcome.message.empty() ? "" : ": ", r.outcome.message.c_str());
    std::fflush(stdout);
  });
  std::printf("\n%s", sn::format_report_table(reports).c_str());
  for (const auto& r : reports)
    if (r.outcome.kind == sn::HostOutcome::Kind::kFailed) return 1;
  return 0;
}
