// Tested by t/unit/operator_state_file_test.cc and t/integration/test_restart_policy.py.
#include "supervisord/process/operator_state_file.h"

#include <utility>

#include "lib/util/file_ops.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

constexpr std::string_view kHeader = "# supervisor-native statefile 1: what operators last did, one process a line";
constexpr size_t kMaxBytes = 16 * 1024 * 1024;

}  // namespace

OperatorStateFile::OperatorStateFile(std::string path, const Clock& clock, TimerQueue& timers, Logger& logger)
    : path_(std::move(path)), clock_(clock), logger_(logger), write_timer_(timers, [this] { flush(); }) {
  load();
}

OperatorStateFile::~OperatorStateFile() { flush(); }

void OperatorStateFile::load() {
  std::optional<std::string> content;
  std::string error;
  if (!read_regular_file(path_, kMaxBytes, SymlinksOnTheWay::kFollowed, &content, &error)) {
    // Unreadable is not ours to replace either: it may be a mistake in the path.
    logger_.error("statefile " + error + ": nothing remembered, and the file is left as it is");
    writable_ = false;
    return;
  }
  if (!content || content->empty()) return;
  std::string_view text = *content;
  size_t eol = text.find('\n');
  if (text.substr(0, eol) != kHeader) {
    logger_.error("statefile " + path_ +
                  " is not a supervisor-native state file (its first line is not ours): ignored, and it will not be "
                  "overwritten; point statefile= at a file of its own");
    writable_ = false;
    return;
  }
  int line_number = 1;
  while (eol != std::string_view::npos) {
    text.remove_prefix(eol + 1);
    eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    ++line_number;
    if (trim(line).empty()) continue;
    size_t space = line.find(' ');
    std::string_view word = line.substr(0, space);
    std::string name(space == std::string_view::npos ? "" : trim(line.substr(space + 1)));
    if ((word == "started" || word == "stopped") && !name.empty() && name.find(' ') == std::string::npos) {
      intents_[name] = word == "started" ? Intent::kStarted : Intent::kStopped;
    } else {
      logger_.warn("statefile " + path_ + " line " + std::to_string(line_number) +
                   ": expected 'started NAME' or 'stopped NAME', got " + py_repr(line) + ": ignored");
    }
  }
}

std::optional<OperatorStateFile::Intent> OperatorStateFile::intent(const std::string& namespec) const {
  auto it = intents_.find(namespec);
  if (it == intents_.end()) return std::nullopt;
  return it->second;
}

bool OperatorStateFile::wants_autostart(const std::string& namespec, bool autostart) const {
  std::optional<Intent> i = intent(namespec);
  return i ? *i == Intent::kStarted : autostart;
}

void OperatorStateFile::remember(const std::string& namespec, Intent intent) {
  auto [it, added] = intents_.try_emplace(namespec, intent);
  if (!added && it->second == intent) return;
  it->second = intent;
  dirty_ = true;
  if (!write_timer_.armed()) write_timer_.arm_at(clock_.monotonic_ns());
}

std::string OperatorStateFile::render(const std::map<std::string, Intent>& intents) {
  std::string out(kHeader);
  out += '\n';
  for (const auto& [name, intent] : intents)
    out += (intent == Intent::kStarted ? "started " : "stopped ") + name + "\n";
  return out;
}

void OperatorStateFile::flush() {
  write_timer_.cancel();
  if (!dirty_ || !writable_) return;
  dirty_ = false;
  std::string error;
  if (replace_file(path_, render(intents_), 0644, &error)) {
    last_error_.clear();
  } else if (error != last_error_) {
    logger_.error("cannot write the statefile: " + error);
    last_error_ = error;
  }
}

}  // namespace sn
