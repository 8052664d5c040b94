#include "supervisord/systemd_notify.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "lib/util/unique_fd.h"
#include "test_util.h"

namespace sn {
namespace {

TEST(SystemdNotifier, DisabledWithoutNotifySocket) {
  ::unsetenv("NOTIFY_SOCKET");
  SystemdNotifier n;
  EXPECT_FALSE(n.enabled());
  n.notify("READY=1");
}

TEST(SystemdNotifier, SendsDatagramsAndHidesTheSocketFromChildren) {
  test::TempDir dir;
  std::string path = dir.file("notify.sock");
  UniqueFd server(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  ASSERT_EQ(::bind(server.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  SystemdNotifier n;
  EXPECT_TRUE(n.enabled());
  EXPECT_EQ(std::getenv("NOTIFY_SOCKET"), nullptr);
  n.notify("READY=1\nSTATUS=ok");
  char buf[64] = {};
  ssize_t got = ::recv(server.get(), buf, sizeof buf - 1, MSG_DONTWAIT);
  ASSERT_GT(got, 0);
  EXPECT_STREQ(buf, "READY=1\nSTATUS=ok");
}

TEST(SystemdNotifier, AbstractSockets) {
  std::string name = "sn-test-" + std::to_string(::getpid());
  UniqueFd server(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path + 1, name.data(), name.size());
  socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
  ASSERT_EQ(::bind(server.get(), reinterpret_cast<sockaddr*>(&addr), len), 0);
  ::setenv("NOTIFY_SOCKET", ("@" + name).c_str(), 1);
  SystemdNotifier n;
  n.notify("STOPPING=1");
  char buf[32] = {};
  ASSERT_GT(::recv(server.get(), buf, sizeof buf - 1, MSG_DONTWAIT), 0);
  EXPECT_STREQ(buf, "STOPPING=1");
}

}  // namespace
}  // namespace sn
