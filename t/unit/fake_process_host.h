// A ProcessHost for state-machine tests: a manual clock, fake children that
// record the signals they get, and a log of every transition.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "lib/util/clock.h"
#include "lib/util/logger.h"
#include "lib/util/timer_queue.h"
#include "supervisord/process/process.h"

namespace sn::test {

struct SentSignal {
  pid_t pid;
  int sig;
  SignalScope scope;
};

class FakeChild : public ChildHandle {
 public:
  FakeChild(pid_t pid, std::vector<SentSignal>* sent, int* fail_errno, std::map<pid_t, std::string>* stdin_data)
      : pid_(pid), sent_(sent), fail_(fail_errno), stdin_(stdin_data) {}
  pid_t pid() const override { return pid_; }
  int write_stdin(std::string_view data) override {
    (*stdin_)[pid_] += data;
    return 0;
  }
  int send_signal(int sig, SignalScope scope) override {
    sent_->push_back({pid_, sig, scope});
    return *fail_;
  }

 private:
  pid_t pid_;
  std::vector<SentSignal>* sent_;
  int* fail_;
  std::map<pid_t, std::string>* stdin_;
};

class CaptureLogSink : public LogSink {
 public:
  explicit CaptureLogSink(std::vector<std::string>* lines) : lines_(lines) {}
  void emit(LogLevel, std::string_view line) override {
    // Drop the timestamp: "LEVEL message".
    std::string_view rest = line.substr(24);
    if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
    lines_->emplace_back(rest);
  }

 private:
  std::vector<std::string>* lines_;
};

// Records what reaches a ChildOutputSink, one line per call:
// "listener <name> <data>", "log <name> <channel> <data>", "comm ...".
class RecordingOutputSink : public ChildOutputSink {
 public:
  void listener_output(Process& listener, std::string_view data) override {
    calls.push_back("listener " + listener.name() + " " + std::string(data));
  }
  void process_output(Process& process, std::string_view channel, std::string_view data) override {
    calls.push_back("log " + process.name() + " " + std::string(channel) + " " + std::string(data));
  }
  void process_communication(Process& process, std::string_view channel, std::string_view data) override {
    calls.push_back("comm " + process.name() + " " + std::string(channel) + " " + std::string(data));
  }
  std::vector<std::string> calls;
};

class FakeLauncher : public ChildLauncher {
 public:
  SpawnResult spawn(Process&, ChildOutputSink& output) override {
    ++spawns;
    sinks.push_back(&output);
    if (!next_error.empty()) return {nullptr, next_error};
    return {std::make_unique<FakeChild>(next_pid++, &signals, &signal_errno, &stdin_data), ""};
  }
  int spawns = 0;
  std::vector<ChildOutputSink*> sinks;  // what each spawn was handed
  pid_t next_pid = 100;
  std::string next_error;
  int signal_errno = 0;
  std::vector<SentSignal> signals;
  std::map<pid_t, std::string> stdin_data;  // what each child was sent on stdin
};

class FakeProcessHost : public ProcessHost {
 public:
  FakeProcessHost() : logger_(clock_) {
    logger_.set_level(LogLevel::kBlather);
    logger_.add_sink(std::make_unique<CaptureLogSink>(&log_lines));
  }
  const Clock& clock() const override { return clock_; }
  TimerQueue& timers() override { return timers_; }
  Logger& logger() override { return logger_; }
  SpawnResult spawn(Process& p) override { return launcher.spawn(p, output); }
  bool may_start(const Process&) const override { return accepting; }
  uint32_t random_number() override { return static_cast<uint32_t>(rng()); }
  void state_changed(Process& p, ProcessState from, bool expected) override {
    transitions.push_back({from, p.state()});
    expected_flags.push_back(expected);
    last_expected = expected;
    if (on_state_changed) on_state_changed(p, from, expected);
  }

  void advance(double seconds) {
    clock_.advance_seconds(seconds);
    timers_.run_due(clock_.monotonic_ns());
  }
  // Log lines at or above INFO, for comparing with supervisor's.
  std::vector<std::string> info_lines() const {
    std::vector<std::string> out;
    for (const std::string& l : log_lines)
      if (l.rfind("DEBG", 0) != 0 && l.rfind("BLAT", 0) != 0) out.push_back(l);
    return out;
  }

  ManualClock clock_;
  TimerQueue timers_;
  Logger logger_;
  FakeLauncher launcher;
  RecordingOutputSink output;
  bool accepting = true;
  std::minstd_rand rng{42};  // backoff_jitter, the same in every run
  // Also told of every transition, from inside it (as the daemon is).
  std::function<void(Process&, ProcessState, bool)> on_state_changed;
  bool last_expected = true;
  std::vector<bool> expected_flags;
  std::vector<std::pair<ProcessState, ProcessState>> transitions;
  std::vector<std::string> log_lines;
};

}  // namespace sn::test
