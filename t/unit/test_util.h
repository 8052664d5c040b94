// Helpers shared by the unit tests: scratch directories and files.
#pragma once

#include <string>

#include "lib/util/unique_fd.h"

namespace sn::test {

// A fresh directory under $TMPDIR, removed with everything in it when the
// object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  // Writes `content` to `name` inside the directory and returns its path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

std::string read_file(const std::string& path);

// A syslog daemon's end for tests: a datagram socket bound at `path`.
class DatagramReceiver {
 public:
  explicit DatagramReceiver(const std::string& path, int rcvbuf = 0);
  // The next datagram, or "" when none is waiting.
  std::string next();

 private:
  UniqueFd fd_;
};

// Runs with TZ set so local-time formatting is predictable, then restores it.
class InZone {
 public:
  explicit InZone(const char* zone);
  ~InZone();
  InZone(const InZone&) = delete;
  InZone& operator=(const InZone&) = delete;

 private:
  std::string old_;
  bool had_ = false;
};
bool file_exists(const std::string& path);

}  // namespace sn::test
