// Tested by t/unit/unpack_helper_test.cc (the listing's member kinds) and
// t/integration/test_deployment.py (a package holding a FIFO is refused).
#include "supervisord/deployment/unpack_helper.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "lib/util/unique_fd.h"

namespace sn {

namespace {

const char* tar_program() { return ::access("/bin/tar", X_OK) == 0 ? "/bin/tar" : "/usr/bin/tar"; }

// Starts `tar -tvzf tarball` with its listing on the returned pipe.
pid_t start_listing(const char* tarball, UniqueFd* listing) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return -1;
  listing->reset(fds[0]);
  UniqueFd write_end(fds[1]);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(write_end.get(), STDOUT_FILENO);
    ::setenv("LC_ALL", "C", 1);  // the listing's layout, not the locale's
    ::execl(tar_program(), "tar", "--quoting-style=escape", "-tvzf", tarball, static_cast<char*>(nullptr));
    std::fprintf(stderr, "cannot run tar: %s\n", std::strerror(errno));
    ::_exit(127);
  }
  return pid;
}

// The first refused member's listing line, or "" when there is none.
std::string first_refused_member(int listing, const char** kind) {
  std::string line;
  char buf[8192];
  for (;;) {
    ssize_t n = ::read(listing, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      if (buf[i] != '\n') {
        if (line.size() < 4096) line += buf[i];  // a name is shorter; the type comes first anyway
        continue;
      }
      if ((*kind = refused_member_kind(line))) return line;
      line.clear();
    }
  }
  if (!line.empty() && (*kind = refused_member_kind(line))) return line;
  return "";
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

const char* refused_member_kind(std::string_view line) {
  if (line.empty()) return nullptr;
  switch (line[0]) {
    case '-':  // a file
    case 'd':  // a directory
    case 'l':  // a symbolic link
    case 'h':  // a hard link
      return nullptr;
    case 'p': return "a FIFO";
    case 'c': return "a character device";
    case 'b': return "a block device";
    case 's': return "a socket";
    default: return "a member that is not a file, directory or link";
  }
}

int deployment_unpack_main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: supervisord %s TARBALL DIR\n", kDeploymentUnpackFlag);
    return 2;
  }
  const char* tarball = argv[2];
  const char* dir = argv[3];
  UniqueFd listing;
  pid_t lister = start_listing(tarball, &listing);
  if (lister < 0) {
    std::fprintf(stderr, "cannot list %s: %s", tarball, std::strerror(errno));
    return 1;
  }
  const char* kind = nullptr;
  std::string refused = first_refused_member(listing.get(), &kind);
  if (!refused.empty()) ::kill(lister, SIGKILL);
  listing.reset();
  int listed = wait_for(lister);
  if (!refused.empty()) {
    std::fprintf(stderr, "the package holds %s, which is never unpacked: %s", kind, refused.c_str());
    return 1;
  }
  if (listed != 0) return 1;  // tar said why on stderr
  ::execl(tar_program(), "tar", "--no-same-owner", "-xzf", tarball, "-C", dir, static_cast<char*>(nullptr));
  std::fprintf(stderr, "cannot run tar: %s", std::strerror(errno));
  return 1;
}

}  // namespace sn
