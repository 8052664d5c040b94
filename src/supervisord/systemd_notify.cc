#include "supervisord/systemd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace sn {

SystemdNotifier::SystemdNotifier() {
  const char* env = std::getenv("NOTIFY_SOCKET");
  if (!env || !*env) return;
  address_ = env;
  ::unsetenv("NOTIFY_SOCKET");
  if (address_[0] != '/' && address_[0] != '@') {
    address_.clear();  // only unix sockets are supported
    return;
  }
  socket_.reset(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
}

void SystemdNotifier::notify(std::string_view state) {
  if (address_.empty() || !socket_) return;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (address_.size() >= sizeof addr.sun_path) return;
  std::memcpy(addr.sun_path, address_.data(), address_.size());
  if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';  // abstract namespace
  socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address_.size());
  ::sendto(socket_.get(), state.data(), state.size(), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&addr), len);
}

}  // namespace sn
