// Tested by t/integration/test_deployment.py (downloads from a Python
// package server: a 404, a truncated download, a stalled server).
#include "supervisord/deployment/fetch_helper.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "lib/http/http_fetch.h"
#include "lib/util/unique_fd.h"

namespace sn {

namespace {

constexpr uint64_t kMaxPackageBytes = 16ULL * 1024 * 1024 * 1024;
constexpr uint64_t kMaxInfoBytes = 64 * 1024;

}  // namespace

int deployment_fetch_main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: supervisord %s URL DEST TIMEOUT\n", kDeploymentFetchFlag);
    return 2;
  }
  std::string url = argv[2], dest = argv[3];
  int timeout = std::atoi(argv[4]);
  if (timeout <= 0) timeout = 30;
  if (dest == "-") {
    std::string error;
    if (http_get(url, STDOUT_FILENO, timeout, kMaxInfoBytes, &error)) return 0;
    std::fprintf(stderr, "%s", error.c_str());
    return 1;
  }
  std::string part = dest + ".part";
  UniqueFd fd(::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) {
    std::fprintf(stderr, "cannot write %s: %s", part.c_str(), std::strerror(errno));
    return 1;
  }
  std::string error;
  bool fetched = http_get(url, fd.get(), timeout, kMaxPackageBytes, &error);
  if (fetched && ::fsync(fd.get()) != 0) error = std::string("cannot write ") + part + ": " + std::strerror(errno);
  fd.reset();
  if (error.empty() && ::rename(part.c_str(), dest.c_str()) != 0)
    error = std::string("cannot rename ") + part + ": " + std::strerror(errno);
  if (error.empty()) return 0;
  ::unlink(part.c_str());
  std::fprintf(stderr, "%s", error.c_str());
  return 1;
}

}  // namespace sn
