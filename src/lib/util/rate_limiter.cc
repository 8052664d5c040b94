// Tested by t/unit/rate_limiter_test.cc.
#include "lib/util/rate_limiter.h"

namespace sn {

bool RateLimiter::allow(uint64_t* held_back) {
  int64_t now = clock_.monotonic_ns();
  if (window_start_ < 0 || now - window_start_ >= interval_ns_) {
    window_start_ = now;
    used_ = 0;
  }
  if (used_ >= burst_) {
    ++held_back_;
    return false;
  }
  ++used_;
  *held_back = held_back_;
  held_back_ = 0;
  return true;
}

}  // namespace sn
