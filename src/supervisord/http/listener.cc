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

UniqueFd fail(const std::string& what, int err, ListenFailure* failure) {
  failure->message = what + ": " + std::strerror(err);
  return UniqueFd();
}

// supervisor's words, then the address they are about.
UniqueFd in_use(const std::string& address, const HttpServerConfig& c, ListenFailure* failure) {
  *failure = ListenFailure{std::string(kInUse) + " (" + address + " of [" + c.section + "] is in use)", true};
  return UniqueFd();
}

UniqueFd open_inet(const HttpServerConfig& c, ListenFailure* failure) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  hints.ai_family = c.host.empty() ? AF_INET : AF_UNSPEC;  // "*": every IPv4 interface, as supervisor
  addrinfo* found = nullptr;
  std::string port = std::to_string(c.port);
  int rc = ::getaddrinfo(c.host.empty() ? nullptr : c.host.c_str(), port.c_str(), &hints, &found);
  if (rc != 0) {
    failure->message = "cannot resolve " + c.host + " for [" + c.section + "] port: " + gai_strerror(rc);
    return UniqueFd();
  }
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> guard(found, ::freeaddrinfo);
  UniqueFd fd(::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) return fail("socket", errno, failure);
  int one = 1;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd.get(), found->ai_addr, found->ai_addrlen) != 0) {
    if (errno == EADDRINUSE) {
      std::string host = c.host.empty() ? "*" : c.host.find(':') != std::string::npos ? "[" + c.host + "]" : c.host;
      return in_use(host + ":" + port, c, failure);
    }
    return fail("cannot listen on " + c.host + ":" + port + " for [" + c.section + "]", errno, failure);
  }
  if (::listen(fd.get(), kBacklog) != 0) return fail("listen", errno, failure);
  return fd;
}

// False when `path` does not fit a socket address.
bool unix_address(const std::string& path, sockaddr_un* addr) {
  *addr = sockaddr_un{};
  addr->sun_family = AF_UNIX;
  if (path.size() >= sizeof addr->sun_path) return false;
  std::memcpy(addr->sun_path, path.c_str(), path.size() + 1);
  return true;
}

// True when something accepts connections on the socket file at `path`.
bool socket_alive(const std::string& path) {
  UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un addr;
  return probe && unix_address(path, &addr) &&
         ::connect(probe.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

UniqueFd open_unix(const HttpServerConfig& c, ListenFailure* failure) {
  std::string temp = c.file + "." + std::to_string(::getpid());
  sockaddr_un addr;
  if (!unix_address(temp, &addr)) {
    failure->message = "socket path too long: " + temp;
    return UniqueFd();
  }
  ::unlink(temp.c_str());
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) return fail("socket", errno, failure);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return fail("cannot create the socket " + temp + " for [" + c.section + "]", errno, failure);
  struct TempName {
    std::string path;
    ~TempName() { ::unlink(path.c_str()); }
  } cleanup{temp};
  if (::chmod(temp.c_str(), c.chmod) != 0) return fail("cannot chmod " + temp, errno, failure);
  if (::link(temp.c_str(), c.file.c_str()) != 0) {
    if (errno != EEXIST) return fail("cannot create the socket " + c.file + " for [" + c.section + "]", errno, failure);
    if (socket_alive(c.file)) return in_use(c.file, c, failure);
    ::unlink(c.file.c_str());  // stale: left by a supervisord that died
    if (::link(temp.c_str(), c.file.c_str()) != 0) return fail("cannot create the socket " + c.file, errno, failure);
  }
  if ((c.chown_uid != static_cast<uid_t>(-1) || c.chown_gid != static_cast<gid_t>(-1)) &&
      ::chown(c.file.c_str(), c.chown_uid, c.chown_gid) != 0) {
    int err = errno;
    ::unlink(c.file.c_str());
    return fail("cannot chown the socket " + c.file + " as [" + c.section + "] chown asks", err, failure);
  }
  if (::listen(fd.get(), kBacklog) != 0) return fail("listen", errno, failure);
  return fd;
}

}  // namespace

std::optional<Listener> Listener::open(const HttpServerConfig& c, ListenFailure* failure) {
  Listener l;
  if (c.family == HttpServerConfig::Family::kInet) {
    l.fd_ = open_inet(c, failure);
    if (!l.fd_) return std::nullopt;
    l.description_ = (c.host.empty() ? std::string("*") : c.host) + ":" + std::to_string(c.port);
  } else {
    l.fd_ = open_unix(c, failure);
    if (!l.fd_) return std::nullopt;
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

Ownership Listener::apply_ownership(const HttpServerConfig& c, std::string* error) const {
  if (unix_path_.empty()) return Ownership::kApplied;
  UniqueFd at = own_socket_file();
  if (!at) return Ownership::kSocketFileGone;
  auto failed = [&](const std::string& what) {
    *error = what + ": " + std::strerror(errno);
    return Ownership::kFailed;
  };
  // Through the handle of our own file: a link swapped in meanwhile is not followed.
  std::string self = "/proc/self/fd/" + std::to_string(at.get());
  if (::chmod(self.c_str(), c.chmod) != 0) return failed("cannot chmod " + unix_path_);
  if ((c.chown_uid != static_cast<uid_t>(-1) || c.chown_gid != static_cast<gid_t>(-1)) &&
      ::fchownat(at.get(), "", c.chown_uid, c.chown_gid, AT_EMPTY_PATH) != 0)
    return failed("cannot chown the socket " + unix_path_ + " as [" + c.section + "] chown asks");
  return Ownership::kApplied;
}

Listener::~Listener() {
  if (fd_ && !unix_path_.empty() && own_socket_file()) ::unlink(unix_path_.c_str());
}

}  // namespace sn
