// Ctrl-C in supervisorctl. A SIGINT handler (installed for the whole run)
// only raises a flag; a request in flight sees it through libcurl's
// progress callback and ends with Interrupted, a blocked read of standard
// input returns. Streams and the line editor read SIGINT from a signalfd
// instead (InterruptWatch), so no signal slips past them.
#pragma once

#include <exception>

namespace sn {

class Interrupted : public std::exception {
 public:
  const char* what() const noexcept override { return "interrupted"; }
};

void catch_interrupts();
bool interrupted();

}  // namespace sn
