// Reading log files for XML-RPC with supervisor's offset rules. A stretch
// longer than a piece is not read here: the answer carries it as deferred
// text (an open descriptor, an offset and a length) that is read as the
// answer is sent, so a read of any size costs the daemon one piece at a
// time. Only regular files are opened, without waiting (a FIFO configured
// as a log would otherwise stall the loop).
#pragma once

#include <cstdint>
#include <string>

#include "lib/xmlrpc/value.h"

namespace sn {

// How a log's file behaves when it rotates: renamed away (the bytes stay
// with the descriptor), or, with no backups, emptied in place as supervisor
// does (then a stretch is read at once, into memory).
enum class Rotation { kRenames, kTruncatesInPlace };
Rotation rotation_of(int64_t maxbytes, int backups);

// readLog / readProcess*Log: offset >= 0 reads `length` bytes from offset
// (0: to the end); offset < 0 with length 0 reads the last -offset bytes.
// Throws RpcError BAD_ARGUMENTS for a negative offset with a length or a
// negative length, FAILED when the file cannot be read.
XmlRpcValue read_log_range(const std::string& path, int64_t offset, int64_t length, Rotation rotation);

struct TailResult {
  XmlRpcValue data = XmlRpcValue("");
  int64_t offset = 0;  // the file size: where the next tail starts
  bool overflow = false;
};
// tailProcess*Log: at most `length` bytes ending at the end of the file
// (which may start before `offset`); overflow when more than that was new.
TailResult tail_log(const std::string& path, int64_t offset, int64_t length, Rotation rotation);

}  // namespace sn
