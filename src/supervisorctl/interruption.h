// Ctrl-C in supervisorctl. A SIGINT handler (installed for the whole run)
// only raises a flag; a request in flight sees it through libcurl's
// progress callback and ends with Interrupted, a blocked read of standard
// input returns. Streams and the line editor read SIGINT from a signalfd
// instead (InterruptWatch), so no signal slips past them.
#pragma once

#include "lib/rpc/rpc_client.h"

namespace sn {

// Ctrl-C ended what supervisorctl waited for: a request (through
// CallOptions::cancelled = interrupted) or a read of standard input.
using Interrupted = CallCancelled;

void catch_interrupts();
bool interrupted();

}  // namespace sn
