// Lets at most `burst` events through per `interval`, and counts the ones
// it held back: so that a client sending junk cannot fill the main log,
// while the first of each burst is still logged, with how many were not.
#pragma once

#include <cstdint>

#include "lib/util/clock.h"

namespace sn {

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, int burst, int64_t interval_ns)
      : clock_(clock), burst_(burst), interval_ns_(interval_ns) {}

  // True when this event may be logged; *held_back is then how many were
  // not since the last one that was.
  bool allow(uint64_t* held_back);

 private:
  const Clock& clock_;
  int burst_;
  int64_t interval_ns_;
  int64_t window_start_ = -1;
  int used_ = 0;
  uint64_t held_back_ = 0;
};

}  // namespace sn
