#include "lib/xmlrpc/xml_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

#include "lib/http/base64.h"

namespace sn {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i] that XML 1.0 allows, or 0.
size_t valid_xml_char(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return c >= 0x20 || c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return 0;
  uint32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;
  return len;
}

// Bytes that go out as they are: printable ASCII but & < >, and tab, LF, CR.
constexpr std::array<bool, 256> kVerbatim = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[c] = c != '&' && c != '<' && c != '>';
  t['\t'] = t['\n'] = t['\r'] = true;
  return t;
}();

// Where append_value leaves large strings, when it is asked to.
class PieceCollector {
 public:
  explicit PieceCollector(std::vector<XmlPiece>* pieces) : pieces_(pieces) {}
  // True when `v` (a string) is left in place as a piece of its own.
  bool take(std::string* out, const XmlRpcValue& v) {
    if (!v.deferred_text() && v.as_string().size() < kTextPieceBytes) return false;
    pieces_->push_back({std::move(*out), nullptr});
    out->clear();
    pieces_->push_back({"", &v});
    return true;
  }

 private:
  std::vector<XmlPiece>* pieces_;
};

void append_value(std::string* out, const XmlRpcValue& v, PieceCollector* pieces = nullptr);

void append_int(std::string* out, int64_t i) {
  bool fits = i >= std::numeric_limits<int32_t>::min() && i <= std::numeric_limits<int32_t>::max();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, i).ptr;
  *out += fits ? "<value><int>" : "<value><i8>";
  out->append(digits, end);
  *out += fits ? "</int></value>" : "</i8></value>";
}

void append_double(std::string* out, double d) {
  char buf[64];
  if (!std::isfinite(d)) d = 0;
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  std::string text(buf, r.ptr);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  *out += "<value><double>" + text + "</double></value>";
}

void append_value(std::string* out, const XmlRpcValue& v, PieceCollector* pieces) {
  switch (v.type()) {
    case XmlRpcValue::Type::kNil: *out += "<value><nil/></value>"sv; break;
    case XmlRpcValue::Type::kBool:
      *out += v.as_bool() ? "<value><boolean>1</boolean></value>"sv : "<value><boolean>0</boolean></value>"sv;
      break;
    case XmlRpcValue::Type::kInt: append_int(out, v.as_int()); break;
    case XmlRpcValue::Type::kDouble: append_double(out, v.as_double()); break;
    case XmlRpcValue::Type::kString:
      *out += "<value><string>"sv;
      if (!pieces || !pieces->take(out, v)) append_xml_text(out, v.as_string());
      *out += "</string></value>"sv;
      break;
    case XmlRpcValue::Type::kBase64:
      *out += "<value><base64>\n" + base64_encode(v.as_string()) + "\n</base64></value>";
      break;
    case XmlRpcValue::Type::kDateTime:
      *out += "<value><dateTime.iso8601>"sv;
      append_xml_text(out, v.as_string());
      *out += "</dateTime.iso8601></value>"sv;
      break;
    case XmlRpcValue::Type::kArray:
      *out += "<value><array><data>\n"sv;
      for (const XmlRpcValue& item : v.as_array()) {
        append_value(out, item, pieces);
        *out += '\n';
      }
      *out += "</data></array></value>"sv;
      break;
    case XmlRpcValue::Type::kStruct:
      *out += "<value><struct>\n"sv;
      for (const auto& [name, item] : v.as_struct()) {
        *out += "<member>\n<name>"sv;
        append_xml_text(out, name);
        *out += "</name>\n"sv;
        append_value(out, item, pieces);
        *out += "\n</member>\n"sv;
      }
      *out += "</struct></value>"sv;
      break;
  }
}

}  // namespace

void append_xml_text(std::string* out, std::string_view text) {
  size_t verbatim_from = 0;  // bytes from here up to i go out as they are
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (kVerbatim[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (size_t len = valid_xml_char(text, i)) {
        i += len;
        continue;
      }
    }
    out->append(text.substr(verbatim_from, i - verbatim_from));
    *out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : kReplacement;
    verbatim_from = ++i;
  }
  out->append(text.substr(verbatim_from));
}

namespace {

constexpr std::string_view kResponseHead = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n";
constexpr std::string_view kResponseTail = "\n</param>\n</params>\n</methodResponse>\n";

}  // namespace

std::string xmlrpc_response(const XmlRpcValue& value) {
  std::string out(kResponseHead);
  append_value(&out, value);
  out += kResponseTail;
  return out;
}

std::vector<XmlPiece> xmlrpc_response_pieces(const XmlRpcValue& value) {
  std::vector<XmlPiece> pieces;
  PieceCollector collector(&pieces);
  std::string out(kResponseHead);
  append_value(&out, value, &collector);
  out += kResponseTail;
  pieces.push_back({std::move(out), nullptr});
  return pieces;
}

std::string xmlrpc_fault_response(const Fault& fault) {
  std::string out = "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n";
  append_value(&out, XmlRpcValue(XmlRpcValue::Struct{{"faultCode", fault.code}, {"faultString", fault.text}}));
  out += "\n</fault>\n</methodResponse>\n";
  return out;
}

std::string xmlrpc_call(std::string_view method, const std::vector<XmlRpcValue>& params) {
  std::string out = "<?xml version='1.0'?>\n<methodCall>\n<methodName>";
  append_xml_text(&out, method);
  out += "</methodName>\n<params>\n";
  for (const XmlRpcValue& p : params) {
    out += "<param>\n";
    append_value(&out, p);
    out += "\n</param>\n";
  }
  out += "</params>\n</methodCall>\n";
  return out;
}

}  // namespace sn
