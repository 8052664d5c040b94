// libFuzzer target: the package server's HTTP answer, as the deployment
// fetch helper reads it (read_http_answer), on arbitrary bytes arriving in
// arbitrary pieces: it must never crash, overrun, loop, or write more than
// the size limit.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lib/http/http_fetch.h"

namespace {

constexpr uint64_t kMaxBody = 4096;

// Hands the input over in pieces whose sizes come from its first byte.
class PiecesSource : public sn::ResponseSource {
 public:
  PiecesSource(std::string_view data, size_t piece) : data_(data), piece_(piece) {}
  bool fill(std::string& buffer, std::string*) override {
    if (data_.empty()) return false;
    size_t take = std::min(piece_, data_.size());
    buffer.append(data_.substr(0, take));
    data_.remove_prefix(take);
    return true;
  }

 private:
  std::string_view data_;
  size_t piece_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static int body_fd = ::memfd_create("body", 0);
  if (body_fd < 0) __builtin_trap();  // a target that silently does nothing is worse
  ::ftruncate(body_fd, 0);
  ::lseek(body_fd, 0, SEEK_SET);
  PiecesSource source(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), 1 + data[0] % 64);
  std::string error;
  if (!sn::read_http_answer(source, body_fd, kMaxBody, &error) && error.empty()) __builtin_trap();  // refused unsaid
  if (::lseek(body_fd, 0, SEEK_END) > static_cast<off_t>(kMaxBody)) __builtin_trap();
  return 0;
}
