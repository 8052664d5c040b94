// Tested by t/integration/test_supervisorctl.py (tail -f ended by SIGINT).
#include "supervisorctl/interrupt_watch.h"

#include <sys/signalfd.h>

#include <system_error>

namespace sn {

InterruptWatch::InterruptWatch() {
  sigset_t interrupt;
  sigemptyset(&interrupt);
  sigaddset(&interrupt, SIGINT);
  if (sigprocmask(SIG_BLOCK, &interrupt, &old_mask_) != 0) throw std::system_error(errno, std::generic_category());
  fd_.reset(signalfd(-1, &interrupt, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!fd_) {
    int saved = errno;
    sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
    throw std::system_error(saved, std::generic_category(), "signalfd");
  }
}

InterruptWatch::~InterruptWatch() {
  signalfd_siginfo info;
  while (::read(fd_.get(), &info, sizeof info) == sizeof info) {
  }
  sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
}

}  // namespace sn
