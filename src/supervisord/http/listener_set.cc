// Tested by t/integration/test_http.py (a SIGHUP keeps the listeners: no
// refused connection, the socket file always there) and listener_set_test.cc.
#include "supervisord/http/listener_set.h"

#include <algorithm>

namespace sn {
namespace {

std::string address_of(const HttpServerConfig& c) {
  if (c.family == HttpServerConfig::Family::kUnix) return "unix " + c.file;
  return "inet " + c.host + " " + std::to_string(c.port);
}

}  // namespace

Listener& ListenerSet::acquire(const HttpServerConfig& config) {
  std::string address = address_of(config);
  for (Slot& slot : slots_) {
    if (slot.address != address) continue;
    slot.listener->apply_ownership(config);
    slot.acquired = true;
    return *slot.listener;
  }
  slots_.push_back({address, std::make_unique<Listener>(Listener::open(config)), true});
  return *slots_.back().listener;
}

void ListenerSet::release_unacquired() {
  std::erase_if(slots_, [](const Slot& s) { return !s.acquired; });
  for (Slot& slot : slots_) slot.acquired = false;
}

}  // namespace sn
