// Tested by t/unit/section_options_test.cc, config_loader_test.cc and
// sample_config_test.cc.
#include "lib/config/section_options.h"

#include <cstdio>
#include <cstdlib>

namespace sn {
namespace {

using S = OptionSection;

// clang-format off
const SectionOption kOptions[] = {
    {.section = S::kUnixHttpServer, .name = "file", .doc = "the socket supervisorctl talks to",
     .example = "/tmp/supervisor.sock", .required = true, .set_in_sample = true},
    {.section = S::kUnixHttpServer, .name = "chmod", .default_text = "0700", .doc = "the socket's mode, octal"},
    {.section = S::kUnixHttpServer, .name = "chown", .doc = "the socket's user[:group]",
     .default_words = "supervisord's", .example = "nobody:nogroup"},
    {.section = S::kUnixHttpServer, .name = "username", .doc = "with password: every request needs Basic auth",
     .default_words = "none", .example = "user"},
    {.section = S::kUnixHttpServer, .name = "password", .doc = "plain text, or {SHA} and the hex SHA-1 of it",
     .default_words = "none", .example = "123"},
    {.section = S::kInetHttpServer, .name = "port", .doc = "host:port, *:port, [::1]:port or a port",
     .example = "127.0.0.1:9001", .required = true},
    {.section = S::kInetHttpServer, .name = "username", .doc = "with password: every request needs Basic auth",
     .default_words = "none", .example = "user"},
    {.section = S::kInetHttpServer, .name = "password", .doc = "plain text, or {SHA} and the hex SHA-1 of it",
     .default_words = "none", .example = "123"},
    {.section = S::kSupervisorctl, .name = "serverurl", .default_text = "http://localhost:9001",
     .doc = "or http://127.0.0.1:9001 for TCP", .example = "unix:///tmp/supervisor.sock", .set_in_sample = true},
    {.section = S::kSupervisorctl, .name = "username", .doc = "as in the server's section", .default_words = "none",
     .example = "chris"},
    {.section = S::kSupervisorctl, .name = "password", .doc = "as in the server's section", .default_words = "none",
     .example = "123"},
    {.section = S::kSupervisorctl, .name = "prompt", .default_text = "supervisor", .doc = "the shell's prompt"},
    {.section = S::kSupervisorctl, .name = "history_file", .doc = "keep a readline history here",
     .default_words = "none", .example = "~/.sc_history"},
    {.section = S::kGroup, .name = "programs", .doc = "[program:x] names", .example = "progname1,progname2",
     .required = true},
    {.section = S::kGroup, .name = "priority", .default_text = "999", .doc = "lower starts first, stops last"},
    {.section = S::kDeployment, .name = "supervisor.rpcinterface_factory", .doc = "the Minos fork's factory",
     .example = "deployment.rpcinterface:deployment_rpcinterface", .required = true},
    {.section = S::kDeployment, .name = "package_server", .doc = "the package server",
     .example = "http://packages.example.com:8000", .required = true},
    {.section = S::kDeployment, .name = "download_package_uri", .doc = "its download path", .example = "packages",
     .required = true},
    {.section = S::kDeployment, .name = "get_latest_package_info_uri", .doc = "its latest-package path",
     .example = "get_latest_package_info", .required = true},
    {.section = S::kDeployment, .name = "app_root", .default_text = "/home/work/app", .doc = "jobs' run directories"},
    {.section = S::kDeployment, .name = "log_root", .default_text = "/home/work/log", .doc = "jobs' logs"},
    {.section = S::kDeployment, .name = "package_root", .default_text = "/home/work/packages",
     .doc = "their packages"},
    {.section = S::kDeployment, .name = "data_dirs", .default_text = "/home/work/data", .doc = "each must exist"},
    {.section = S::kDeployment, .name = "download_timeout", .default_text = "30", .doc = "seconds per download"},
    {.section = S::kDeployment, .name = "script_timeout", .default_text = "600",
     .doc = "seconds for tar and scripts"},
    {.section = S::kInclude, .name = "files", .doc = "whitespace-separated globs",
     .example = "relative/directory/*.ini", .required = true},
};
// clang-format on

}  // namespace

std::span<const SectionOption> section_options() { return kOptions; }

std::string_view section_default(OptionSection section, std::string_view name) {
  for (const SectionOption& o : kOptions)
    if (o.section == section && o.name == name) return o.default_text;
  std::fprintf(stderr, "supervisord: no option %.*s in the table\n", static_cast<int>(name.size()), name.data());
  std::abort();
}

}  // namespace sn
