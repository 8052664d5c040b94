// Tested by t/integration/test_readiness.py (notify, fd, tcp, http and
// command readiness with real children).
#include "supervisord/process/readiness_watch.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "lib/util/strings.h"

namespace sn {
namespace {

constexpr int64_t kFirstProbeGapNs = 100'000'000;
constexpr int64_t kLongestProbeGapNs = 1'000'000'000;
constexpr int kConnectProbeTimeoutMs = 1000;
constexpr size_t kMaxNotification = 4096;

std::string random_hex() {
  uint64_t bits = 0;
  if (::getrandom(&bits, sizeof bits, GRND_NONBLOCK) != sizeof bits) bits = static_cast<uint64_t>(::getpid()) << 32;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(bits));
  return text;
}

std::string make_notify_socket(ReadinessSetup* out) {
  out->notify_socket.reset(::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!out->notify_socket) return std::string("cannot make the notify socket: ") + std::strerror(errno);
  int on = 1;
  ::setsockopt(out->notify_socket.get(), SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
  // Abstract: nothing to clean up on disk; the sender's uid is checked.
  std::string name = "supervisor-native/" + std::to_string(::getpid()) + "/" + random_hex();
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path + 1, name.data(), name.size());
  socklen_t length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
  if (::bind(out->notify_socket.get(), reinterpret_cast<sockaddr*>(&address), length) != 0)
    return std::string("cannot bind the notify socket: ") + std::strerror(errno);
  out->notify_address = "@" + name;
  return "";
}

std::string make_ready_pipe(const ReadyCheck& ready, ReadinessSetup* out) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return std::string("cannot make the readiness pipe: ") + std::strerror(errno);
  out->ready_pipe.reset(fds[0]);
  out->child_end.reset(fds[1]);
  ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
  out->child_fd = ready.fd;
  return "";
}

}  // namespace

std::string prepare_readiness(const ReadyCheck& ready, ReadinessSetup* out) {
  if (ready.kind == ReadyCheck::Kind::kNotify) return make_notify_socket(out);
  if (ready.kind == ReadyCheck::Kind::kFd) return make_ready_pipe(ready, out);
  return "";
}

ReadinessWatch::ReadinessWatch(EventLoop& loop, LaunchPad& pad, const ReadyCheck& check, int timeout_secs,
                               ReadinessSetup setup, uid_t child_uid, Events events)
    : loop_(loop),
      pad_(pad),
      check_(check),
      timeout_secs_(timeout_secs),
      child_uid_(child_uid),
      events_(std::move(events)),
      notify_socket_(std::move(setup.notify_socket)),
      ready_pipe_(std::move(setup.ready_pipe)),
      probe_gap_ns_(kFirstProbeGapNs),
      next_probe_(loop.timers(), [this] { try_probe(); }) {
  switch (check.kind) {
    case ReadyCheck::Kind::kNotify:
      watch_ = loop.watch(notify_socket_.get(), EPOLLIN, [this](uint32_t) { read_notifications(); });
      break;
    case ReadyCheck::Kind::kFd:
      watch_ = loop.watch(ready_pipe_.get(), EPOLLIN, [this](uint32_t) { read_pipe(); });
      break;
    case ReadyCheck::Kind::kProbe: next_probe_.arm_at(loop.clock().monotonic_ns()); break;
    case ReadyCheck::Kind::kStartsecs: break;
  }
}

void ReadinessWatch::became_ready() {
  if (ready_) return;
  ready_ = true;
  if (events_.ready) events_.ready();  // may destroy this watch
}

// Datagrams of "KEY=VALUE" lines, from the program's user (or root) only.
void ReadinessWatch::read_notifications() {
  for (int i = 0; i < 16; ++i) {
    char data[kMaxNotification];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
    iovec iov{data, sizeof data};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n = ::recvmsg(notify_socket_.get(), &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    if (n < 0) return;
    const ucred* sender = nullptr;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS)
        sender = reinterpret_cast<ucred*>(CMSG_DATA(c));
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
        // Descriptors are not wanted (systemd's FDSTORE): close them.
        int count = static_cast<int>((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        for (int k = 0; k < count; ++k) ::close(reinterpret_cast<int*>(CMSG_DATA(c))[k]);
      }
    }
    if (!sender || (sender->uid != child_uid_ && sender->uid != 0)) continue;
    bool ready = false;
    for (const std::string& line : split(std::string_view(data, static_cast<size_t>(n)), '\n')) {
      if (line == "READY=1") ready = true;
      if (line.rfind("STATUS=", 0) == 0 && events_.status) events_.status(line.substr(7));
    }
    if (ready) return became_ready();
  }
}

// s6: a newline on the descriptor; then it is closed.
void ReadinessWatch::read_pipe() {
  char buf[512];
  ssize_t n = ::read(ready_pipe_.get(), buf, sizeof buf);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n > 0 && std::memchr(buf, '\n', static_cast<size_t>(n)) == nullptr) return;
  watch_.reset();
  ready_pipe_.reset();
  if (n > 0) became_ready();  // at EOF without a newline it never is: ready_timeout decides
}

void ReadinessWatch::try_probe() {
  int timeout_ms = check_.probe.kind == Probe::Kind::kCommand ? timeout_secs_ * 1000 : kConnectProbeTimeoutMs;
  probe_ = std::make_unique<ProbeRun>(loop_, pad_, check_.probe, timeout_ms,
                                      [this](bool ok, const std::string& why) { probe_done(ok, why); });
}

void ReadinessWatch::probe_done(bool ok, const std::string&) {
  if (ok) return became_ready();
  next_probe_.arm_at(loop_.clock().monotonic_ns() + probe_gap_ns_);
  probe_gap_ns_ = std::min(kLongestProbeGapNs, probe_gap_ns_ * 3 / 2);
}

}  // namespace sn
