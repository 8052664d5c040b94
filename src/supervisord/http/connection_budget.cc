#include "supervisord/http/connection_budget.h"

namespace sn {

ConnectionBudget::Admission ConnectionBudget::on_arrival(const std::string& peer) const {
  auto per_peer = unproven_per_peer_.find(peer);
  if (per_peer != unproven_per_peer_.end() && per_peer->second >= limits_.max_unproven_per_peer)
    return {true, most_idle_unproven_of(peer)};
  if (size_ < limits_.max_connections) return {true, std::nullopt};
  std::optional<Id> victim = most_idle_unproven();
  return {victim.has_value(), victim};
}

void ConnectionBudget::add(Id id, const std::string& peer) {
  ++size_;
  order_.push_back({id, peer});
  unproven_[id] = std::prev(order_.end());
  ++unproven_per_peer_[peer];
}

void ConnectionBudget::prove(Id id) {
  auto it = unproven_.find(id);
  if (it == unproven_.end()) return;
  auto peer = unproven_per_peer_.find(it->second->peer);
  if (--peer->second == 0) unproven_per_peer_.erase(peer);
  order_.erase(it->second);
  unproven_.erase(it);
}

void ConnectionBudget::touch(Id id) {
  auto it = unproven_.find(id);
  if (it != unproven_.end()) order_.splice(order_.end(), order_, it->second);
}

void ConnectionBudget::remove(Id id) {
  prove(id);  // out of the unproven bookkeeping, if it was there
  --size_;
}

std::optional<ConnectionBudget::Id> ConnectionBudget::most_idle_unproven() const {
  if (order_.empty()) return std::nullopt;
  return order_.front().id;
}

std::optional<ConnectionBudget::Id> ConnectionBudget::most_idle_unproven_of(const std::string& peer) const {
  for (const Entry& e : order_)
    if (e.peer == peer) return e.id;
  return std::nullopt;
}

}  // namespace sn
