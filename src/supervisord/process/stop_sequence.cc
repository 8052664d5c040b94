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
  // The first group's stop comes before the first report: a process in
  // BACKOFF is given up there, not waited for.
  step();
  if (running_) report();
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
  running_ = false;
  if (done_) done_();
}

void StopSequence::report() {
  std::vector<Process*> waiting;
  // A BACKOFF process of a group not yet reached is given up, not signalled,
  // when its turn comes: nothing to wait for.
  for (Process* p : unstopped_())
    if (p->state() != ProcessState::kBackoff) waiting.push_back(p);
  if (!waiting.empty()) {
    std::vector<std::string> names;
    for (Process* p : waiting) names.push_back(p->name());
    logger_.info("waiting for " + join(names, ", ") + " to die");
    for (Process* p : waiting) logger_.blather(p->name() + " state: " + std::string(process_state_name(p->state())));
  }
  report_timer_.arm_at(loop_.clock().monotonic_ns() + kWaitingReportInterval);
}

}  // namespace sn
