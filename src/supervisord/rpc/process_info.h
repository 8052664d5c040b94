// getProcessInfo's struct and its "description" text, exactly as
// supervisor builds them ("pid 1234, uptime 0:01:05", "Nov 25 02:26 AM",
// "Not started", the spawn error...).
#pragma once

#include <cstdint>
#include <string>

#include "lib/xmlrpc/value.h"
#include "supervisord/process/process.h"

namespace sn {

XmlRpcValue process_info(const Process& process, double now);
std::string process_description(const Process& process, double now);
// Python's str(timedelta) for whole seconds: "0:00:05", "1 day, 2:03:04".
std::string format_uptime(int64_t seconds);
// An XML-RPC int of a time: truncated and clamped to 32 bits.
int64_t capped_time(double t);

}  // namespace sn
