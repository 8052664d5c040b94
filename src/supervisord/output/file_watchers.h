// Who wants to know when a log file grows: supervisord writes every log
// itself, so it tells the /logtail streams directly instead of polling
// files (supervisor re-reads them every 0.1 s).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>

namespace sn {

class FileWatchers {
 public:
  class Subscription {
   public:
    Subscription() = default;
    Subscription(FileWatchers* owner, uint64_t id) : owner_(owner), id_(id) {}
    Subscription(Subscription&& o) noexcept : owner_(std::exchange(o.owner_, nullptr)), id_(o.id_) {}
    Subscription& operator=(Subscription&& o) noexcept {
      reset();
      owner_ = std::exchange(o.owner_, nullptr);
      id_ = o.id_;
      return *this;
    }
    ~Subscription() { reset(); }
    void reset() {
      if (owner_) owner_->watchers_.erase(id_);
      owner_ = nullptr;
    }

   private:
    FileWatchers* owner_ = nullptr;
    uint64_t id_ = 0;
  };

  [[nodiscard]] Subscription watch(const std::string& path, std::function<void()> on_change);
  // Called by writers after writing to `path`.
  void changed(const std::string& path);
  bool empty() const { return watchers_.empty(); }

 private:
  std::map<uint64_t, std::pair<std::string, std::function<void()>>> watchers_;
  uint64_t next_id_ = 1;
};

}  // namespace sn
