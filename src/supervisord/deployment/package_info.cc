#include "supervisord/deployment/package_info.h"

#include <stdexcept>

namespace sn {

namespace {

class DictParser {
 public:
  explicit DictParser(std::string_view text) : s_(text) {}

  std::map<std::string, std::string> dict() {
    std::map<std::string, std::string> out;
    skip_space();
    expect('{');
    skip_space();
    if (peek() == '}') {
      ++pos_;
    } else {
      for (;;) {
        skip_space();
        std::string key = string_literal();
        skip_space();
        expect(':');
        skip_space();
        std::string value = peek() == '-' || (peek() >= '0' && peek() <= '9') ? integer() : string_literal();
        out[key] = value;
        skip_space();
        if (peek() == ',') {
          ++pos_;
          skip_space();
          if (peek() == '}') {
            ++pos_;
            break;
          }
          continue;
        }
        expect('}');
        break;
      }
    }
    skip_space();
    if (pos_ != s_.size()) fail("text after the dict");
    return out;
  }

 private:
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("package information is not a dict of strings (" + what + " at offset " +
                             std::to_string(pos_) + ")");
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }
  std::string integer() {
    size_t start = pos_;
    if (peek() == '-') ++pos_;
    while (peek() >= '0' && peek() <= '9') ++pos_;
    size_t end = pos_;
    if (peek() == 'L') ++pos_;  // Python 2 longs
    if (end == start || (end - start == 1 && s_[start] == '-')) fail("bad number");
    return std::string(s_.substr(start, end - start));
  }
  std::string string_literal() {
    if (peek() == 'u' || peek() == 'b') ++pos_;
    char quote = peek();
    if (quote != '\'' && quote != '"') fail("expected a quoted string");
    ++pos_;
    std::string out;
    for (;;) {
      if (pos_ >= s_.size()) fail("unterminated string");
      char c = s_[pos_++];
      if (c == quote) return out;
      if (c == '\n') fail("newline in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated string");
      char e = s_[pos_++];
      switch (e) {
        case '\\':
        case '\'':
        case '"': out += e; break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        default: fail(std::string("unsupported escape \\") + e);
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

std::map<std::string, std::string> parse_python_dict(std::string_view text) { return DictParser(text).dict(); }

std::optional<PackageInfo> parse_package_info(std::string_view text) {
  if (text.empty() || text.front() != '{') return std::nullopt;
  if (text.size() > 64 * 1024) throw std::runtime_error("package information is too long");
  std::map<std::string, std::string> d = parse_python_dict(text);
  PackageInfo info;
  for (auto [key, field] : {std::pair{"package_name", &info.package_name}, std::pair{"revision", &info.revision},
                            std::pair{"timestamp", &info.timestamp}}) {
    auto it = d.find(key);
    if (it == d.end() || it->second.empty()) throw std::runtime_error(std::string("package information has no ") + key);
    *field = it->second;
  }
  return info;
}

}  // namespace sn
