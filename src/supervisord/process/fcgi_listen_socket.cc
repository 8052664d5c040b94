// Tested by t/integration/test_fcgi.py (against Python supervisord).
#include "supervisord/process/fcgi_listen_socket.h"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sn {
namespace {

UniqueFd fail(std::string* error, const FcgiSocketConfig& c, const std::string& why) {
  *error = "could not create the socket " + c.url + ": " + why;
  return UniqueFd();
}

UniqueFd bind_tcp(const FcgiSocketConfig& c, std::string* error) {
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(c.host.c_str(), nullptr, &hints, &found); rc != 0) return fail(error, c, gai_strerror(rc));
  sockaddr_in address = *reinterpret_cast<sockaddr_in*>(found->ai_addr);
  ::freeaddrinfo(found);
  address.sin_port = htons(static_cast<uint16_t>(c.port));
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return fail(error, c, std::strerror(errno));
  int on = 1;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    return fail(error, c, std::strerror(errno));
  return fd;
}

UniqueFd bind_unix(const FcgiSocketConfig& c, std::string* error) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (c.path.size() >= sizeof address.sun_path) return fail(error, c, "the path is too long for a unix socket");
  std::memcpy(address.sun_path, c.path.data(), c.path.size());
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return fail(error, c, std::strerror(errno));
  ::unlink(c.path.c_str());
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    return fail(error, c, std::strerror(errno));
  std::string problem;
  if (c.owner_uid != static_cast<uid_t>(-1) && ::chown(c.path.c_str(), c.owner_uid, c.owner_gid) != 0)
    problem = std::string("could not change the socket file's owner: ") + std::strerror(errno);
  else if (::chmod(c.path.c_str(), c.mode) != 0)
    problem = std::string("could not change the socket file's mode: ") + std::strerror(errno);
  if (!problem.empty()) {
    ::unlink(c.path.c_str());
    return fail(error, c, problem);
  }
  return fd;
}

}  // namespace

UniqueFd bind_fcgi_socket(const FcgiSocketConfig& config, std::string* error) {
  UniqueFd fd = config.is_unix ? bind_unix(config, error) : bind_tcp(config, error);
  if (!fd) return fd;
  if (::listen(fd.get(), config.backlog > 0 ? config.backlog : SOMAXCONN) != 0) {
    if (config.is_unix) ::unlink(config.path.c_str());
    return fail(error, config, std::strerror(errno));
  }
  return fd;
}

}  // namespace sn
