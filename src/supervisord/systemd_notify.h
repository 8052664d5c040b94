// sd_notify(3) without libsystemd: datagrams such as "READY=1" or
// "STATUS=..." to $NOTIFY_SOCKET, when systemd set one.
#pragma once

#include <string>
#include <string_view>

#include "lib/util/unique_fd.h"

namespace sn {

class SystemdNotifier {
 public:
  // Reads NOTIFY_SOCKET and removes it from the environment, so children
  // do not inherit a socket that is not theirs.
  SystemdNotifier();
  bool enabled() const { return !address_.empty(); }
  // Sends one datagram of newline-separated assignments. Best effort.
  void notify(std::string_view state);

 private:
  std::string address_;
  UniqueFd socket_;
};

}  // namespace sn
