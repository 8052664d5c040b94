// Where a child's bytes go besides its log files: the one answer to "who
// hears what a process writes". The supervisor hands its sink to every
// spawn; the spawner wires the child's output channels to it.
#pragma once

#include <string_view>

namespace sn {

class Process;

class ChildOutputSink {
 public:
  virtual ~ChildOutputSink() = default;
  // What an event listener wrote on stdout: its side of the protocol.
  virtual void listener_output(Process& listener, std::string_view data) = 0;
  // Output of a process whose <channel>_events_enabled is set, as logged.
  virtual void process_output(Process& process, std::string_view channel, std::string_view data) = 0;
  // A finished capture (<channel>_capture_maxbytes > 0).
  virtual void process_communication(Process& process, std::string_view channel, std::string_view data) = 0;
};

}  // namespace sn
