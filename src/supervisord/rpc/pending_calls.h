// Calls that answer later: each is a step run now and again after every
// process state change (or an explicit wake-up) until it reports it is done.
// Event driven where supervisor re-polls deferred calls every 50 ms.
#pragma once

#include <functional>
#include <list>

#include "lib/util/event_loop.h"

namespace sn {

class PendingCalls {
 public:
  explicit PendingCalls(EventLoop& loop);

  // `step` returns true when finished (it has answered its caller).
  void add(std::function<bool()> step);
  // Something changed: run the steps on the next loop round.
  void wake();
  size_t size() const { return steps_.size(); }

 private:
  void run();

  EventLoop& loop_;
  std::list<std::function<bool()>> steps_;
  Timer timer_;
};

}  // namespace sn
