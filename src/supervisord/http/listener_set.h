// The daemon's listening sockets across restarts. A SIGHUP closes and
// opens everything else, but a socket whose address is still configured
// stays open the whole time: a client connecting during a reload waits in
// its backlog instead of being refused, and a unix socket file never goes
// missing. Sockets no longer configured are closed.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lib/config/config_model.h"
#include "supervisord/http/listener.h"

namespace sn {

class ListenerSet {
 public:
  // The listener for `config`: the one already open at its address (a unix
  // socket gets the configured mode and owner again), or a new one; null
  // when it can be neither.
  Listener* acquire(const HttpServerConfig& config, ListenFailure* failure);
  // Closes every listener not acquired since the last call.
  void release_unacquired();
  size_t size() const { return slots_.size(); }

 private:
  // Closes the not yet acquired TCP listeners on `config`'s port; false if none.
  bool release_unacquired_port(const HttpServerConfig& config);

  struct Slot {
    std::string address;
    std::unique_ptr<Listener> listener;
    bool acquired = true;
  };
  std::vector<Slot> slots_;
};

}  // namespace sn
