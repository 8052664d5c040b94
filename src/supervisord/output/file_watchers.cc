#include "supervisord/output/file_watchers.h"

#include <vector>

namespace sn {

FileWatchers::Subscription FileWatchers::watch(const std::string& path, std::function<void()> on_change) {
  uint64_t id = next_id_++;
  watchers_.emplace(id, std::make_pair(path, std::move(on_change)));
  return Subscription(this, id);
}

void FileWatchers::changed(const std::string& path) {
  // Callbacks may unsubscribe: collect first.
  std::vector<std::function<void()>> due;
  for (const auto& [id, entry] : watchers_)
    if (entry.first == path) due.push_back(entry.second);
  for (auto& f : due) f();
}

}  // namespace sn
