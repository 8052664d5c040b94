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

Listener* ListenerSet::acquire(const HttpServerConfig& config, ListenFailure* failure) {
  std::string address = address_of(config);
  for (auto it = slots_.begin(); it != slots_.end(); ++it) {
    if (it->address != address) continue;
    switch (it->listener->apply_ownership(config, &failure->message)) {
      case Ownership::kApplied: it->acquired = true; return it->listener.get();
      case Ownership::kFailed: return nullptr;
      case Ownership::kSocketFileGone: break;
    }
    slots_.erase(it);  // its socket file is gone or replaced: make a new one
    break;
  }
  std::optional<Listener> opened = Listener::open(config, failure);
  // The same port on another host ("127.0.0.1:9001" become "*:9001"):
  // the old socket holds it until it is let go.
  if (!opened && failure->in_use && release_unacquired_port(config)) {
    *failure = {};
    opened = Listener::open(config, failure);
  }
  if (!opened) return nullptr;
  slots_.push_back({address, std::make_unique<Listener>(std::move(*opened)), true});
  return slots_.back().listener.get();
}

bool ListenerSet::release_unacquired_port(const HttpServerConfig& config) {
  if (config.family != HttpServerConfig::Family::kInet) return false;
  std::string port = " " + std::to_string(config.port);
  size_t before = slots_.size();
  std::erase_if(slots_, [&](const Slot& s) {
    return !s.acquired && s.address.starts_with("inet ") && s.address.ends_with(port);
  });
  return slots_.size() != before;
}

void ListenerSet::release_unacquired() {
  std::erase_if(slots_, [](const Slot& s) { return !s.acquired; });
  for (Slot& slot : slots_) slot.acquired = false;
}

}  // namespace sn
