// Tested by t/integration/test_supervisorctl.py (Ctrl-C during a shell
// command and at the password prompt).
#include "supervisorctl/interruption.h"

#include <signal.h>

namespace sn {
namespace {

volatile sig_atomic_t g_interrupted = 0;

void on_interrupt(int) { g_interrupted = 1; }

}  // namespace

void catch_interrupts() {
  struct sigaction sa = {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocked read returns
  sigaction(SIGINT, &sa, nullptr);
}

bool interrupted() { return g_interrupted != 0; }

}  // namespace sn
