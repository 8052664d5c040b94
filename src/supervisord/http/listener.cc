// Tested by t/integration/test_http.py, class Listeners.
#include "supervisord/http/listener.h"

#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace sn {
namespace {

constexpr int kBacklog = 1024;
constexpr const char* kInUse =
    "Another program is already listening on a port that one of our HTTP servers is configured to use.  Shut this "
    "program down first before starting supervisord.";

[[noreturn]] void fail(const std::string& what, int err) { throw ListenError(what + ": " + std::strerror(err)); }

UniqueFd open_inet(const HttpServerConfig& c) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  hints.ai_family = c.host.empty() ? AF_INET : AF_UNSPEC;  // "*": every IPv4 interface, as supervisor
  addrinfo* found = nullptr;
  std::string port = std::to_string(c.port);
  int rc = ::getaddrinfo(c.host.empty() ? nullptr : c.host.c_str(), port.c_str(), &hints, &found);
  if (rc != 0) throw ListenError("cannot resolve " + c.host + " for [" + c.section + "] port: " + gai_strerror(rc));
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> guard(found, ::freeaddrinfo);
  UniqueFd fd(::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) fail("socket", errno);
  int one = 1;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd.get(), found->ai_addr, found->ai_addrlen) != 0) {
    if (errno == EADDRINUSE) throw ListenError(kInUse, true);
    fail("cannot listen on " + c.host + ":" + port + " for [" + c.section + "]", errno);
  }
  if (::listen(fd.get(), kBacklog) != 0) fail("listen", errno);
  return fd;
}

sockaddr_un unix_address(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) throw ListenError("socket path too long: " + path);
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  return addr;
}

// True when something accepts connections on the socket file at `path`.
bool socket_alive(const std::string& path) {
  UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un addr = unix_address(path);
  return probe && ::connect(probe.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

UniqueFd open_unix(const HttpServerConfig& c) {
  std::string temp = c.file + "." + std::to_string(::getpid());
  ::unlink(temp.c_str());
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) fail("socket", errno);
  sockaddr_un addr = unix_address(temp);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    fail("cannot create the socket " + temp + " for [" + c.section + "]", errno);
  }
  struct TempName {
    std::string path;
    ~TempName() { ::unlink(path.c_str()); }
  } cleanup{temp};
  if (::chmod(temp.c_str(), c.chmod) != 0) fail("cannot chmod " + temp, errno);
  if (::link(temp.c_str(), c.file.c_str()) != 0) {
    if (errno != EEXIST) fail("cannot create the socket " + c.file + " for [" + c.section + "]", errno);
    if (socket_alive(c.file)) throw ListenError(kInUse, true);
    ::unlink(c.file.c_str());  // stale: left by a supervisord that died
    if (::link(temp.c_str(), c.file.c_str()) != 0) fail("cannot create the socket " + c.file, errno);
  }
  if ((c.chown_uid != static_cast<uid_t>(-1) || c.chown_gid != static_cast<gid_t>(-1)) &&
      ::chown(c.file.c_str(), c.chown_uid, c.chown_gid) != 0) {
    int err = errno;
    ::unlink(c.file.c_str());
    fail("cannot chown the socket " + c.file + " as [" + c.section + "] chown asks", err);
  }
  if (::listen(fd.get(), kBacklog) != 0) fail("listen", errno);
  return fd;
}

}  // namespace

Listener Listener::open(const HttpServerConfig& c) {
  Listener l;
  if (c.family == HttpServerConfig::Family::kInet) {
    l.fd_ = open_inet(c);
    l.description_ = (c.host.empty() ? std::string("*") : c.host) + ":" + std::to_string(c.port);
  } else {
    l.fd_ = open_unix(c);
    l.unix_path_ = c.file;
    l.description_ = "unix://" + c.file;
    struct stat st;
    if (::lstat(c.file.c_str(), &st) == 0) {
      l.unix_dev_ = st.st_dev;
      l.unix_ino_ = st.st_ino;
    }
  }
  return l;
}

UniqueFd Listener::own_socket_file() const {
  UniqueFd at(::open(unix_path_.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
  struct stat st;
  if (!at || ::fstat(at.get(), &st) != 0 || !S_ISSOCK(st.st_mode) || st.st_dev != unix_dev_ || st.st_ino != unix_ino_)
    return {};
  return at;
}

bool Listener::apply_ownership(const HttpServerConfig& c) const {
  if (unix_path_.empty()) return true;
  UniqueFd at = own_socket_file();
  if (!at) return false;
  // Through the handle of our own file: a link swapped in meanwhile is not followed.
  std::string self = "/proc/self/fd/" + std::to_string(at.get());
  if (::chmod(self.c_str(), c.chmod) != 0) fail("cannot chmod " + unix_path_, errno);
  if ((c.chown_uid != static_cast<uid_t>(-1) || c.chown_gid != static_cast<gid_t>(-1)) &&
      ::fchownat(at.get(), "", c.chown_uid, c.chown_gid, AT_EMPTY_PATH) != 0)
    fail("cannot chown the socket " + unix_path_ + " as [" + c.section + "] chown asks", errno);
  return true;
}

Listener::~Listener() {
  if (fd_ && !unix_path_.empty() && own_socket_file()) ::unlink(unix_path_.c_str());
}

}  // namespace sn
