#include "lib/util/memory_trimmer.h"

#include <malloc.h>

namespace sn {

MemoryTrimmer::MemoryTrimmer(TimerQueue& timers, const Clock& clock, int64_t delay_ns)
    : clock_(clock), delay_ns_(delay_ns), timer_(timers, [this] { trim(); }) {}

void MemoryTrimmer::take_over_trimming() {
  ::mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
  ::mallopt(M_TRIM_THRESHOLD, 16 * 1024 * 1024);
}

void MemoryTrimmer::soon() {
  if (!timer_.armed()) timer_.arm_at(clock_.monotonic_ns() + delay_ns_);
}

void MemoryTrimmer::trim() {
  ::malloc_trim(0);
  ++trims_;
}

}  // namespace sn
