// pidproxy: entry point; the proxy is in pid_proxy.cc.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "pidproxy/pid_proxy.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  char cwd[4096];
  std::optional<sn::PidProxyArgs> parsed = sn::parse_pid_proxy_args(args, ::getcwd(cwd, sizeof cwd) ? cwd : "/");
  if (!parsed) {
    std::fputs(sn::pid_proxy_usage(argc > 0 ? argv[0] : "pidproxy").c_str(), stdout);
    return 1;
  }
  return sn::run_pid_proxy(*parsed);
}
