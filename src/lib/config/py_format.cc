#include "lib/config/py_format.h"

#include <cstdio>
#include <vector>

#include "lib/util/strings.h"

namespace sn {
namespace {

struct Spec {
  std::string flags;
  int width = -1;
  int precision = -1;
  char conversion = 0;
};

class Formatter {
 public:
  Formatter(std::string_view format, const Expansions& names, std::string_view what)
      : fmt_(format), names_(names), what_(what) {}

  std::string run() {
    std::string out;
    while (pos_ < fmt_.size()) {
      size_t pct = fmt_.find('%', pos_);
      if (pct == std::string_view::npos) {
        out += fmt_.substr(pos_);
        break;
      }
      out += fmt_.substr(pos_, pct - pos_);
      pos_ = pct + 1;
      if (pos_ < fmt_.size() && fmt_[pos_] == '%') {
        out += '%';
        ++pos_;
        continue;
      }
      out += one_conversion();
    }
    return out;
  }

 private:
  [[noreturn]] void bad(const std::string& why) const {
    throw FormatError("Format string " + py_repr(fmt_) + " for " + py_repr(what_) + " is badly formatted: " + why);
  }

  std::string key() {
    if (pos_ >= fmt_.size() || fmt_[pos_] != '(') {
      bad("a '%' must be followed by '(name)' or '%' (write '%%' for a literal '%')");
    }
    int depth = 1;
    size_t start = ++pos_;
    while (pos_ < fmt_.size() && depth > 0) {
      if (fmt_[pos_] == '(') ++depth;
      if (fmt_[pos_] == ')') --depth;
      ++pos_;
    }
    if (depth > 0) bad("incomplete format key");
    return std::string(fmt_.substr(start, pos_ - 1 - start));
  }

  int number() {
    if (pos_ < fmt_.size() && fmt_[pos_] == '*') bad("* wants int");
    int n = 0;
    bool any = false;
    while (pos_ < fmt_.size() && fmt_[pos_] >= '0' && fmt_[pos_] <= '9') {
      n = n * 10 + (fmt_[pos_++] - '0');
      if (n > 100000) bad("width or precision too big");
      any = true;
    }
    return any ? n : -1;
  }

  Spec spec() {
    Spec s;
    while (pos_ < fmt_.size() && std::string_view("-+ #0").find(fmt_[pos_]) != std::string_view::npos)
      s.flags += fmt_[pos_++];
    s.width = number();
    if (pos_ < fmt_.size() && fmt_[pos_] == '.') {
      ++pos_;
      s.precision = number();
      if (s.precision < 0) s.precision = 0;
    }
    while (pos_ < fmt_.size() && (fmt_[pos_] == 'h' || fmt_[pos_] == 'l' || fmt_[pos_] == 'L')) ++pos_;
    if (pos_ >= fmt_.size()) bad("incomplete format");
    s.conversion = fmt_[pos_++];
    return s;
  }

  std::string one_conversion() {
    std::string name = key();
    Spec s = spec();
    auto it = names_.find(name);
    if (it == names_.end()) {
      std::vector<std::string> available;
      for (const auto& [k, v] : names_) available.push_back(k);
      throw FormatError("Format string " + py_repr(fmt_) + " for " + py_repr(what_) + " contains names (" +
                        py_repr(name) + ") which cannot be expanded. Available names: " + join(available, ", "));
    }
    return convert(it->second, s);
  }

  std::string convert(const ExpansionValue& value, const Spec& s) {
    const std::string* text = std::get_if<std::string>(&value);
    const int64_t* integer = std::get_if<int64_t>(&value);
    switch (s.conversion) {
      case 's':
      case 'r':
      case 'a': {
        std::string str = text ? *text : std::to_string(*integer);
        if (s.conversion != 's' && text) str = py_repr(str);
        if (s.precision >= 0 && static_cast<size_t>(s.precision) < str.size()) str.resize(s.precision);
        return pad(str, s);
      }
      case 'd':
      case 'i':
      case 'u':
      case 'o':
      case 'x':
      case 'X':
      case 'c':
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        if (!integer) bad(std::string("%") + s.conversion + " format: a real number is required, not str");
        return printf_number(*integer, s);
      }
      default: bad(std::string("unsupported format character ") + py_repr(std::string(1, s.conversion)));
    }
  }

  static std::string pad(const std::string& str, const Spec& s) {
    if (s.width < 0 || static_cast<size_t>(s.width) <= str.size()) return str;
    std::string fill(static_cast<size_t>(s.width) - str.size(), ' ');
    return s.flags.find('-') != std::string::npos ? str + fill : fill + str;
  }

  std::string printf_number(int64_t v, const Spec& s) {
    std::string f = "%" + s.flags;
    if (s.width >= 0) f += std::to_string(s.width);
    if (s.precision >= 0) f += "." + std::to_string(s.precision);
    char conv = s.conversion == 'i' || s.conversion == 'u' ? 'd' : s.conversion;
    std::vector<char> buf(static_cast<size_t>(std::max(s.width, 0) + std::max(s.precision, 0)) + 64);
    switch (conv) {
      case 'd':
      case 'o':
      case 'x':
      case 'X':
        f += "ll";
        f += conv;
        std::snprintf(buf.data(), buf.size(), f.c_str(), static_cast<long long>(v));
        break;
      case 'c':
        if (v < 0 || v > 0x10ffff) bad("%c arg not in range(0x110000)");
        f += 'c';
        std::snprintf(buf.data(), buf.size(), f.c_str(), static_cast<int>(v));
        break;
      default: f += conv; std::snprintf(buf.data(), buf.size(), f.c_str(), static_cast<double>(v));
    }
    return buf.data();
  }

  std::string_view fmt_;
  const Expansions& names_;
  std::string_view what_;
  size_t pos_ = 0;
};

}  // namespace

std::string py_format(std::string_view format, const Expansions& names, std::string_view what) {
  return Formatter(format, names, what).run();
}

}  // namespace sn
