#include "supervisord/deployment/package_info.h"

namespace sn {

namespace {

// Each step returns false once the text is found wrong; error_ says where.
class DictParser {
 public:
  explicit DictParser(std::string_view text) : s_(text) {}

  bool dict(std::map<std::string, std::string>* out, std::string* error) {
    bool ok = entries(out);
    skip_space();
    if (ok && pos_ != s_.size()) ok = fail("text after the dict");
    if (!ok) *error = error_;
    return ok;
  }

 private:
  bool entries(std::map<std::string, std::string>* out) {
    skip_space();
    if (!expect('{')) return false;
    skip_space();
    if (peek() == '}') return expect('}');
    for (;;) {
      std::string key, value;
      skip_space();
      if (!string_literal(&key)) return false;
      skip_space();
      if (!expect(':')) return false;
      skip_space();
      bool number = peek() == '-' || (peek() >= '0' && peek() <= '9');
      if (!(number ? integer(&value) : string_literal(&value))) return false;
      (*out)[key] = value;
      skip_space();
      if (peek() != ',') return expect('}');
      ++pos_;
      skip_space();
      if (peek() == '}') return expect('}');  // a trailing comma
    }
  }

  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  bool fail(const std::string& what) {
    error_ = "package information is not a dict of strings (" + what + " at offset " + std::to_string(pos_) + ")";
    return false;
  }
  bool expect(char c) {
    if (peek() != c) return fail(std::string("expected '") + c + "'");
    ++pos_;
    return true;
  }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }
  bool integer(std::string* out) {
    size_t start = pos_;
    if (peek() == '-') ++pos_;
    while (peek() >= '0' && peek() <= '9') ++pos_;
    size_t end = pos_;
    if (peek() == 'L') ++pos_;  // Python 2 longs
    if (end == start || (end - start == 1 && s_[start] == '-')) return fail("bad number");
    *out = std::string(s_.substr(start, end - start));
    return true;
  }
  bool string_literal(std::string* out) {
    if (peek() == 'u' || peek() == 'b') ++pos_;
    char quote = peek();
    if (quote != '\'' && quote != '"') return fail("expected a quoted string");
    ++pos_;
    for (;;) {
      if (pos_ >= s_.size()) return fail("unterminated string");
      char c = s_[pos_++];
      if (c == quote) return true;
      if (c == '\n') return fail("newline in a string");
      if (c != '\\') {
        *out += c;
        continue;
      }
      if (pos_ >= s_.size()) return fail("unterminated string");
      char e = s_[pos_++];
      switch (e) {
        case '\\':
        case '\'':
        case '"': *out += e; break;
        case 'n': *out += '\n'; break;
        case 't': *out += '\t'; break;
        case 'r': *out += '\r'; break;
        default: return fail(std::string("unsupported escape \\") + e);
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

bool parse_python_dict(std::string_view text, std::map<std::string, std::string>* dict, std::string* error) {
  return DictParser(text).dict(dict, error);
}

bool parse_package_info(std::string_view text, std::optional<PackageInfo>* info, std::string* error) {
  info->reset();
  if (text.empty() || text.front() != '{') return true;
  if (text.size() > 64 * 1024) {
    *error = "package information is too long";
    return false;
  }
  std::map<std::string, std::string> d;
  if (!parse_python_dict(text, &d, error)) return false;
  PackageInfo found;
  for (auto [key, field] : {std::pair{"package_name", &found.package_name}, std::pair{"revision", &found.revision},
                            std::pair{"timestamp", &found.timestamp}}) {
    auto it = d.find(key);
    if (it == d.end() || it->second.empty()) {
      *error = std::string("package information has no ") + key;
      return false;
    }
    *field = it->second;
  }
  *info = std::move(found);
  return true;
}

}  // namespace sn
