#include "supervisord/rpc/pending_calls.h"

namespace sn {

PendingCalls::PendingCalls(EventLoop& loop) : loop_(loop), timer_(loop.timers(), [this] { run(); }) {}

void PendingCalls::add(std::function<bool()> step) {
  if (step()) return;
  steps_.push_back(std::move(step));
}

void PendingCalls::wake() {
  if (!steps_.empty() && !timer_.armed()) timer_.arm_at(loop_.clock().monotonic_ns());
}

void PendingCalls::run() {
  // Steps may add new steps (multicall): walk a snapshot of the current ones.
  size_t n = steps_.size();
  auto it = steps_.begin();
  for (size_t i = 0; i < n && it != steps_.end(); ++i) {
    if ((*it)()) {
      it = steps_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace sn
