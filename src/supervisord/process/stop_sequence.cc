// Tested by t/unit/supervisor_test.cc and t/integration/test_daemon.py.
#include "supervisord/process/stop_sequence.h"

#include "lib/util/strings.h"

namespace sn {
namespace {

constexpr int64_t kWaitingReportInterval = 3 * kNanosPerSecond;

}  // namespace

void StopSequence::begin(std::vector<ProcessGroup*> groups, Unstopped unstopped, std::function<void()> done) {
  running_ = true;
  queue_ = std::move(groups);
  unstopped_ = std::move(unstopped);
  done_ = std::move(done);
  report();
  step();
}

void StopSequence::changed() {
  if (running_ && !step_timer_.armed()) step_timer_.arm_at(loop_.clock().monotonic_ns());
}

void StopSequence::step() {
  while (!queue_.empty()) {
    ProcessGroup* group = queue_.back();
    group->stop_all();
    if (!group->unstopped().empty()) return;  // continue when they have stopped
    queue_.pop_back();
  }
  if (!unstopped_().empty()) return;
  report_timer_.cancel();
  if (done_) done_();
}

void StopSequence::report() {
  std::vector<Process*> waiting = unstopped_();
  if (waiting.empty()) return;
  std::vector<std::string> names;
  for (Process* p : waiting) names.push_back(p->name());
  logger_.info("waiting for " + join(names, ", ") + " to die");
  for (Process* p : waiting) logger_.blather(p->name() + " state: " + std::string(process_state_name(p->state())));
  report_timer_.arm_at(loop_.clock().monotonic_ns() + kWaitingReportInterval);
}

}  // namespace sn
