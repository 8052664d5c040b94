// Time sources. Deadlines run on the monotonic clock; what users see
// (start/stop times, log timestamps, uptimes) uses the wall clock.
#pragma once

#include <cstdint>

namespace sn {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kNanosPerMilli = 1'000'000;

constexpr int64_t seconds_to_ns(int64_t s) { return s * kNanosPerSecond; }

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t monotonic_ns() const = 0;
  virtual double wall_seconds() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t monotonic_ns() const override;
  double wall_seconds() const override;
  static const SystemClock& instance();
};

// A clock that moves only when told to: for tests of timing behaviour.
class ManualClock final : public Clock {
 public:
  int64_t monotonic_ns() const override { return mono_; }
  double wall_seconds() const override { return wall_; }
  void advance_ns(int64_t ns) {
    mono_ += ns;
    wall_ += static_cast<double>(ns) / kNanosPerSecond;
  }
  void advance_seconds(double s) { advance_ns(static_cast<int64_t>(s * kNanosPerSecond)); }
  void set_wall(double w) { wall_ = w; }

 private:
  int64_t mono_ = 1'000 * kNanosPerSecond;
  double wall_ = 1'700'000'000.0;
};

}  // namespace sn
