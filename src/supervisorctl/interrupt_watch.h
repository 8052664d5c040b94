// Ctrl-C as a readable file descriptor while a stream is being followed:
// SIGINT is blocked and read from a signalfd, then the old mask comes back.
#pragma once

#include <signal.h>

#include "lib/util/unique_fd.h"

namespace sn {

class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  int fd() const { return fd_.get(); }

 private:
  sigset_t old_mask_;
  UniqueFd fd_;
};

}  // namespace sn
