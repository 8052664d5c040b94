// The fork's subprocpidfile: one line per child that is alive, so that a
// later supervisord can adopt the children this one leaves running. The
// fork wrote "<name> <pid> <laststart>"; we add the kernel's start time of
// the pid, so a pid the kernel has since given to another process is never
// adopted. A file without that field (written by the fork) is checked
// against laststart instead.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sn {

struct SubprocessEntry {
  std::string name;  // the process's namespec
  pid_t pid = 0;
  int64_t laststart = 0;                // wall-clock seconds when supervisor spawned it
  std::optional<uint64_t> start_ticks;  // /proc/<pid>/stat starttime
};

std::string format_subprocess_entries(const std::vector<SubprocessEntry>& entries);
// Lines that do not parse are skipped and counted in *bad_lines.
std::vector<SubprocessEntry> parse_subprocess_entries(std::string_view text, int* bad_lines);

// What the kernel says of a pid now: its start time in clock ticks since
// boot, and whether it has already ended (a zombie).
struct KernelProcess {
  uint64_t start_ticks = 0;
  bool zombie = false;
};
std::optional<KernelProcess> read_kernel_process(pid_t pid);
std::optional<KernelProcess> parse_proc_stat(std::string_view stat);

// The machine's boot time in wall-clock seconds (/proc/stat btime).
std::optional<int64_t> boot_time();

// Whether the process now running as entry.pid, started at `now_ticks`, is
// the one the entry recorded.
bool is_same_process(const SubprocessEntry& entry, uint64_t now_ticks, int64_t boot_seconds, long ticks_per_second);

}  // namespace sn
