#include "supervisord/http/listener_set.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

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

// The listener `set` has for `config`; the test fails when it has none.
Listener& acquired(ListenerSet& set, const HttpServerConfig& config) {
  ListenFailure failure;
  Listener* l = set.acquire(config, &failure);
  EXPECT_NE(l, nullptr) << failure.message;
  if (!l) throw std::runtime_error(failure.message);  // ends the test: nothing to look at
  return *l;
}

TEST(ListenerSet, KeepsTheSocketOfAnAddressStillConfiguredAndClosesTheRest) {
  test::TempDir dir;
  ListenerSet set;
  Listener& a = acquired(set, unix_server(dir.file("a.sock")));
  Listener& b = acquired(set, unix_server(dir.file("b.sock")));
  int a_fd = a.fd();
  set.release_unacquired();
  EXPECT_EQ(set.size(), 2u);
  (void)b;
  // A reload that keeps a.sock (with another mode) and drops b.sock.
  Listener& again = acquired(set, unix_server(dir.file("a.sock"), 0770));
  EXPECT_EQ(&again, &a);
  EXPECT_EQ(again.fd(), a_fd);  // the very same socket: nobody was refused
  EXPECT_EQ(mode_of(dir.file("a.sock")), 0770u);
  set.release_unacquired();
  EXPECT_EQ(set.size(), 1u);
  EXPECT_EQ(::access(dir.file("b.sock").c_str(), F_OK), -1);  // closed, its file removed
  EXPECT_EQ(::access(dir.file("a.sock").c_str(), F_OK), 0);
}

TEST(ListenerSet, AReplacedSocketFileIsNeverChmoddedThroughButMadeAgain) {
  test::TempDir dir;
  std::string target = dir.write("precious", "do not touch");
  ASSERT_EQ(::chmod(target.c_str(), 0600), 0);
  ListenerSet set;
  acquired(set, unix_server(dir.file("s.sock")));
  set.release_unacquired();
  // Someone removes the socket file and puts a link in its place.
  ASSERT_EQ(::unlink(dir.file("s.sock").c_str()), 0);
  ASSERT_EQ(::symlink(target.c_str(), dir.file("s.sock").c_str()), 0);
  Listener& again = acquired(set, unix_server(dir.file("s.sock"), 0777));
  set.release_unacquired();
  EXPECT_EQ(mode_of(target), 0600u);  // the link was not followed
  struct stat st;
  ASSERT_EQ(::lstat(dir.file("s.sock").c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));  // a socket of ours stands there again
  EXPECT_EQ(st.st_mode & 0777, 0777u);
  EXPECT_GE(again.fd(), 0);
}

TEST(ListenerSet, TheSamePortOnAnotherHostTakesOverTheOldSocket) {
  HttpServerConfig loopback;
  loopback.section = "inet_http_server";
  loopback.host = "127.0.0.1";
  loopback.port = 0;
  // A port of our own first: bind 127.0.0.1:0 would give a new one each time.
  UniqueFd probe(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(probe.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(probe.get(), reinterpret_cast<sockaddr*>(&addr), &len), 0);
  loopback.port = ntohs(addr.sin_port);
  probe.reset();
  ListenerSet set;
  acquired(set, loopback);
  set.release_unacquired();
  HttpServerConfig named = loopback;
  named.host = "127.1";  // another address text, the same socket address
  Listener& taken = acquired(set, named);
  set.release_unacquired();
  EXPECT_GE(taken.fd(), 0);
  EXPECT_EQ(set.size(), 1u);
}

TEST(ListenerSet, ALiveSocketOfAnotherDaemonIsInUseNotReplaced) {
  test::TempDir dir;
  ListenerSet first, second;
  acquired(first, unix_server(dir.file("s.sock")));
  ListenFailure failure;
  EXPECT_EQ(second.acquire(unix_server(dir.file("s.sock")), &failure), nullptr);
  EXPECT_TRUE(failure.in_use);
  EXPECT_NE(failure.message.find("Another program is already listening"), std::string::npos) << failure.message;
  EXPECT_EQ(second.size(), 0u);
  failure = {};
  EXPECT_EQ(second.acquire(unix_server(dir.file(std::string(120, 'x') + ".sock")), &failure), nullptr);
  EXPECT_FALSE(failure.in_use);
  EXPECT_NE(failure.message.find("socket path too long: "), std::string::npos) << failure.message;
}

}  // namespace
}  // namespace sn
