// How many connections one listener keeps, and which one goes when a new
// one arrives and there is no room: so that peers that never authenticate
// can never lock out one that does. A connection is "unproven" until a
// request of its has passed authentication (on a listener without
// credentials: until its first request's headers are in). Unproven
// connections count against a cap per peer address as well as the
// listener's; when either is full, the longest idle unproven one (of that
// peer, or of anyone) is dropped to make room. Only a listener full of
// proven connections refuses a newcomer. Pure bookkeeping, no sockets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

namespace sn {

struct ConnectionBudgetLimits {
  size_t max_connections = 1024;  // per listener, proven or not
  size_t max_unproven_per_peer = 128;
};

class ConnectionBudget {
 public:
  using Id = uint64_t;

  explicit ConnectionBudget(ConnectionBudgetLimits limits = {}) : limits_(limits) {}

  struct Admission {
    bool admit = false;
    std::optional<Id> evict;  // close this one first
  };
  // What to do with a new connection from `peer`.
  Admission on_arrival(const std::string& peer) const;

  void add(Id id, const std::string& peer);  // a new, unproven connection
  void prove(Id id);                         // it passed authentication
  void touch(Id id);                         // it sent something: no longer the most idle
  void remove(Id id);

  bool is_unproven(Id id) const { return unproven_.count(id) != 0; }
  size_t size() const { return size_; }
  size_t unproven() const { return order_.size(); }
  // The unproven connection that has been idle longest, if any.
  std::optional<Id> most_idle_unproven() const;

 private:
  struct Entry {
    Id id;
    std::string peer;
  };
  std::optional<Id> most_idle_unproven_of(const std::string& peer) const;

  ConnectionBudgetLimits limits_;
  size_t size_ = 0;
  std::list<Entry> order_;  // unproven, most idle first
  std::unordered_map<Id, std::list<Entry>::iterator> unproven_;
  std::unordered_map<std::string, size_t> unproven_per_peer_;
};

}  // namespace sn
