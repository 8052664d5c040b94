// Gives freed heap memory back to the system a little after a burst of
// large allocations (a getAllProcessInfo answer for 1000 processes is a
// few megabytes of short-lived values). glibc keeps such memory mapped
// unless it sits at the very top of the heap; malloc_trim releases the
// free pages wherever they are. One timer, armed only after such a burst:
// an idle daemon is never woken for this.
#pragma once

#include <cstdint>

#include "lib/util/clock.h"
#include "lib/util/timer_queue.h"

namespace sn {

class MemoryTrimmer {
 public:
  static constexpr int64_t kDelayNs = 2 * kNanosPerSecond;

  MemoryTrimmer(TimerQueue& timers, const Clock& clock, int64_t delay_ns = kDelayNs);

  // Process-wide, once at start: glibc stops trimming the heap top on
  // every large free() and serves answers of up to a few MiB from the
  // heap instead of fresh mmaps, so a client repeating a big call does not
  // page-fault its answer in each time; trimming is left to MemoryTrimmers.
  static void take_over_trimming();

  // Memory worth returning was freed, or is about to be.
  void soon();
  size_t trims() const { return trims_; }

 private:
  void trim();

  const Clock& clock_;
  int64_t delay_ns_;
  Timer timer_;
  size_t trims_ = 0;
};

}  // namespace sn
