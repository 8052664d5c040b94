#include "supervisord/http/listener_set.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"

namespace sn {
namespace {

HttpServerConfig unix_server(const std::string& path, mode_t mode = 0700) {
  HttpServerConfig c;
  c.family = HttpServerConfig::Family::kUnix;
  c.section = "unix_http_server";
  c.file = path;
  c.chmod = mode;
  return c;
}

mode_t mode_of(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? st.st_mode & 0777 : 0;
}

TEST(ListenerSet, KeepsTheSocketOfAnAddressStillConfiguredAndClosesTheRest) {
  test::TempDir dir;
  ListenerSet set;
  Listener& a = set.acquire(unix_server(dir.file("a.sock")));
  Listener& b = set.acquire(unix_server(dir.file("b.sock")));
  int a_fd = a.fd();
  set.release_unacquired();
  EXPECT_EQ(set.size(), 2u);
  (void)b;
  // A reload that keeps a.sock (with another mode) and drops b.sock.
  Listener& again = set.acquire(unix_server(dir.file("a.sock"), 0770));
  EXPECT_EQ(&again, &a);
  EXPECT_EQ(again.fd(), a_fd);  // the very same socket: nobody was refused
  EXPECT_EQ(mode_of(dir.file("a.sock")), 0770u);
  set.release_unacquired();
  EXPECT_EQ(set.size(), 1u);
  EXPECT_EQ(::access(dir.file("b.sock").c_str(), F_OK), -1);  // closed, its file removed
  EXPECT_EQ(::access(dir.file("a.sock").c_str(), F_OK), 0);
}

}  // namespace
}  // namespace sn
