#include "lib/util/send_buffer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/util/unique_fd.h"

namespace sn {
namespace {

struct SocketPair {
  UniqueFd a, b;
  SocketPair() {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
    a.reset(fds[0]);
    b.reset(fds[1]);
  }
  std::string drain() {
    std::string out;
    char buf[65536];
    ssize_t n;
    while ((n = ::read(b.get(), buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }
};

TEST(SendBuffer, SendsPiecesInOrder) {
  SocketPair s;
  SendBuffer buf;
  buf.append("GET ");
  buf.append(std::string(10000, 'x'));
  buf.append("");
  buf.append(" end");
  EXPECT_EQ(buf.size(), 10008u);
  EXPECT_EQ(buf.send_to(s.a.get()), SendBuffer::Result::kAllSent);
  EXPECT_TRUE(buf.empty());
  EXPECT_EQ(s.drain(), "GET " + std::string(10000, 'x') + " end");
}

TEST(SendBuffer, PartialSendsKeepEveryByteInOrder) {
  SocketPair s;
  int small = 4096;
  ::setsockopt(s.a.get(), SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
  std::string expected;
  SendBuffer buf;
  for (int i = 0; i < 40; ++i) {
    std::string piece(i % 3 == 0 ? 10 : 5000 + i, static_cast<char>('a' + i % 26));
    expected += piece;
    buf.append(std::move(piece));
  }
  std::string got;
  bool blocked_once = false;
  for (int rounds = 0; rounds < 100000 && !buf.empty(); ++rounds) {
    SendBuffer::Result r = buf.send_to(s.a.get());
    ASSERT_NE(r, SendBuffer::Result::kError);
    blocked_once = blocked_once || r == SendBuffer::Result::kWouldBlock;
    got += s.drain();
  }
  got += s.drain();
  EXPECT_TRUE(blocked_once);
  EXPECT_EQ(got, expected);
}

TEST(SendBuffer, AppendingABufferMovesWhatIsLeftOfIt) {
  SendBuffer a, b;
  b.append("hello ");
  b.append("world");
  b.consume(3);
  a.append("> ");
  a.append(std::move(b));
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(a.size(), 10u);
  SocketPair s;
  EXPECT_EQ(a.send_to(s.a.get()), SendBuffer::Result::kAllSent);
  EXPECT_EQ(s.drain(), "> lo world");
}

TEST(SendBuffer, ConsumeAcrossPieces) {
  SendBuffer buf;
  buf.append(std::string(5000, 'a'));
  buf.append(std::string(5000, 'b'));
  buf.consume(7000);
  EXPECT_EQ(buf.size(), 3000u);
  SocketPair s;
  EXPECT_EQ(buf.send_to(s.a.get()), SendBuffer::Result::kAllSent);
  EXPECT_EQ(s.drain(), std::string(3000, 'b'));
}

TEST(SendBuffer, ClosedPeerIsAnError) {
  SocketPair s;
  s.b.reset();
  SendBuffer buf;
  buf.append("x");
  EXPECT_EQ(buf.send_to(s.a.get()), SendBuffer::Result::kError);
  EXPECT_EQ(errno, EPIPE);
}

}  // namespace
}  // namespace sn
