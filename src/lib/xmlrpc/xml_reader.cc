#include "lib/xmlrpc/xml_reader.h"

#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <limits>
#include <memory>
#include <mutex>

#include "lib/http/base64.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

class ParseFailure {
 public:
  ParseFailure(XmlRpcParseError::Kind kind, std::string message) : error{kind, std::move(message)} {}
  XmlRpcParseError error;
};

[[noreturn]] void malformed(const std::string& why) { throw ParseFailure(XmlRpcParseError::Kind::kMalformed, why); }
[[noreturn]] void hostile(const std::string& why) { throw ParseFailure(XmlRpcParseError::Kind::kHostile, why); }

struct ReaderDeleter {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};

// libxml2 reports some problems (a declared encoding the bytes do not
// match) on stderr whatever the parser options say. Its messages are taken
// instead: the first one of a document goes into our error text, printable
// and short; nothing reaches stderr.
constexpr size_t kMaxLibxmlMessage = 160;
thread_local std::string* g_libxml_message = nullptr;

void keep_message(const char* text) {
  if (!g_libxml_message || !g_libxml_message->empty()) return;
  std::string& out = *g_libxml_message;
  for (const char* p = text; *p && out.size() < kMaxLibxmlMessage; ++p) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c == '\n') continue;
    out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  }
}

void on_generic_error(void*, const char* format, ...) {
  char buf[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  keep_message(buf);
}

void on_structured_error(void*, xmlErrorPtr error) {
  if (error && error->message) keep_message(error->message);
}

// While it lives, libxml2's messages for this thread go to `*message`.
class LibxmlMessages {
 public:
  explicit LibxmlMessages(std::string* message) {
    xmlSetGenericErrorFunc(nullptr, on_generic_error);
    xmlSetStructuredErrorFunc(nullptr, on_structured_error);
    g_libxml_message = message;
  }
  ~LibxmlMessages() { g_libxml_message = nullptr; }
  LibxmlMessages(const LibxmlMessages&) = delete;
  LibxmlMessages& operator=(const LibxmlMessages&) = delete;
};

// One node of the document as the pull parser reports it.
struct Node {
  enum Kind { kStart, kEnd, kText, kEndOfDocument };
  Kind kind = kEndOfDocument;
  std::string name;
  std::string text;
  bool empty = false;  // <x/>: no end node follows
};

// Walks the document node by node, skipping comments, processing
// instructions and whitespace-only text, and refusing DTDs and entities.
class Cursor {
 public:
  explicit Cursor(std::string_view body) : messages_(&libxml_message_) {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
    // No NOENT (entities are never substituted), no DTDLOAD, no network.
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    reader_.reset(xmlReaderForMemory(body.data(), static_cast<int>(body.size()), "request.xml", nullptr, options));
    if (!reader_) malformed("cannot read the document");
    xmlTextReaderSetStructuredErrorHandler(reader_.get(), on_reader_error, &libxml_message_);
  }

  Node next() {
    for (;;) {
      int rc = xmlTextReaderRead(reader_.get());
      if (rc < 0)
        malformed(libxml_message_.empty() ? "not well-formed XML" : "not well-formed XML (" + libxml_message_ + ")");
      if (rc == 0) return Node{};
      switch (xmlTextReaderNodeType(reader_.get())) {
        case XML_READER_TYPE_ELEMENT: {
          Node n;
          n.kind = Node::kStart;
          n.name = as_string(xmlTextReaderConstName(reader_.get()));
          n.empty = xmlTextReaderIsEmptyElement(reader_.get()) == 1;
          return n;
        }
        case XML_READER_TYPE_END_ELEMENT: {
          Node n;
          n.kind = Node::kEnd;
          n.name = as_string(xmlTextReaderConstName(reader_.get()));
          return n;
        }
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
          Node n;
          n.kind = Node::kText;
          n.text = as_string(xmlTextReaderConstValue(reader_.get()));
          return n;
        }
        case XML_READER_TYPE_COMMENT:
        case XML_READER_TYPE_PROCESSING_INSTRUCTION:
        case XML_READER_TYPE_XML_DECLARATION: continue;
        case XML_READER_TYPE_DOCUMENT_TYPE: hostile("XML with a document type declaration is not accepted");
        default: hostile("entity references and declarations are not accepted");
      }
    }
  }

  // The next start or end tag; text between tags must be whitespace.
  Node next_tag() {
    for (;;) {
      Node n = next();
      if (n.kind != Node::kText) return n;
      if (!trim(n.text).empty()) malformed("unexpected text " + py_repr(n.text.substr(0, 40)));
    }
  }

  Node expect_start(const char* name) {
    Node n = next_tag();
    if (n.kind != Node::kStart || n.name != name) malformed(std::string("expected <") + name + ">");
    return n;
  }

  void expect_end(const char* name) {
    Node n = next_tag();
    if (n.kind != Node::kEnd || n.name != name) malformed(std::string("expected </") + name + ">");
  }

  // The text content up to the end tag of `start` (which has no child elements).
  std::string text_until_end(const Node& start) {
    if (start.empty) return "";
    std::string text;
    for (;;) {
      Node n = next();
      if (n.kind == Node::kText) {
        text += n.text;
      } else if (n.kind == Node::kEnd && n.name == start.name) {
        return text;
      } else {
        malformed("<" + start.name + "> may hold text only");
      }
    }
  }

 private:
  static std::string as_string(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }
  static void on_reader_error(void*, xmlErrorPtr error) { on_structured_error(nullptr, error); }
  std::string libxml_message_;
  LibxmlMessages messages_;  // before reader_: it outlives the reader's last message
  std::unique_ptr<xmlTextReader, ReaderDeleter> reader_;
};

int64_t parse_int(const std::string& text) {
  auto n = parse_python_int(text);
  if (!n || text.find('_') != std::string::npos) malformed("bad integer " + py_repr(text));
  return *n;
}

XmlRpcValue parse_value_body(Cursor& c, const Node& value_start, int depth);

// After <value>: the value, and its </value> consumed.
XmlRpcValue parse_value(Cursor& c, const Node& value_start, int depth) {
  if (depth > kXmlRpcMaxDepth) hostile("values nested deeper than " + std::to_string(kXmlRpcMaxDepth) + " levels");
  return parse_value_body(c, value_start, depth);
}

XmlRpcValue parse_scalar(Cursor& c, const Node& t) {
  std::string text = c.text_until_end(t);
  const std::string& type = t.name;
  if (type == "string") return XmlRpcValue(std::move(text));
  if (type == "int" || type == "i4" || type == "i8") return XmlRpcValue(parse_int(text));
  if (type == "boolean") {
    std::string b(trim(text));
    if (b == "1" || b == "true") return XmlRpcValue(true);
    if (b == "0" || b == "false") return XmlRpcValue(false);
    malformed("bad boolean " + py_repr(b));
  }
  if (type == "double") {
    std::string d(trim(text));
    double v = 0;
    auto r = std::from_chars(d.data(), d.data() + d.size(), v);
    if (d.empty() || r.ec != std::errc() || r.ptr != d.data() + d.size()) malformed("bad double " + py_repr(d));
    return XmlRpcValue(v);
  }
  if (type == "base64") {
    std::optional<std::string> bytes = base64_decode(text);
    if (!bytes) malformed("bad base64");
    return XmlRpcValue::base64(std::move(*bytes));
  }
  if (type == "dateTime.iso8601") return XmlRpcValue::datetime(std::string(trim(text)));
  if (type == "nil") return XmlRpcValue();
  malformed("unknown type <" + type + ">");
}

XmlRpcValue parse_array(Cursor& c, const Node& t, int depth) {
  XmlRpcValue::Array items;
  if (t.empty) malformed("<array> needs <data>");
  Node data = c.expect_start("data");
  if (!data.empty) {
    for (;;) {
      Node n = c.next_tag();
      if (n.kind == Node::kEnd && n.name == "data") break;
      if (n.kind != Node::kStart || n.name != "value") malformed("<data> may hold <value>s only");
      items.push_back(parse_value(c, n, depth + 1));
    }
  }
  c.expect_end("array");
  return XmlRpcValue(std::move(items));
}

XmlRpcValue parse_struct(Cursor& c, const Node& t, int depth) {
  XmlRpcValue::Struct members;
  if (t.empty) return XmlRpcValue(std::move(members));
  for (;;) {
    Node m = c.next_tag();
    if (m.kind == Node::kEnd && m.name == "struct") break;
    if (m.kind != Node::kStart || m.name != "member" || m.empty) malformed("<struct> may hold <member>s only");
    Node name = c.expect_start("name");
    std::string key = c.text_until_end(name);
    Node value = c.expect_start("value");
    members.emplace_back(std::move(key), parse_value(c, value, depth + 1));
    c.expect_end("member");
  }
  return XmlRpcValue(std::move(members));
}

XmlRpcValue parse_value_body(Cursor& c, const Node& value_start, int depth) {
  if (value_start.empty) return XmlRpcValue(std::string());
  std::string text;
  for (;;) {
    Node n = c.next();
    if (n.kind == Node::kText) {
      text += n.text;
      continue;
    }
    if (n.kind == Node::kEnd && n.name == "value") return XmlRpcValue(std::move(text));  // untyped: a string
    if (n.kind != Node::kStart) malformed("unfinished <value>");
    if (!trim(text).empty()) malformed("<value> mixes text and a type");
    XmlRpcValue v;
    if (n.name == "array") v = parse_array(c, n, depth);
    else if (n.name == "struct") v = parse_struct(c, n, depth);
    else v = parse_scalar(c, n);
    c.expect_end("value");
    return v;
  }
}

void refuse_declarations(std::string_view body) {
  // Cheap refusals first: nothing legitimate in XML-RPC declares a DTD.
  if (body.find("<!DOCTYPE") != std::string_view::npos || body.find("<!ENTITY") != std::string_view::npos) {
    hostile("XML with a document type declaration is not accepted");
  }
  if (body.size() > static_cast<size_t>(std::numeric_limits<int>::max())) malformed("document too large");
}

// After <params>: every <param><value>...</value></param> up to </params>.
std::vector<XmlRpcValue> parse_params(Cursor& c, const Node& params) {
  std::vector<XmlRpcValue> out;
  if (params.empty) return out;
  for (;;) {
    Node p = c.next_tag();
    if (p.kind == Node::kEnd && p.name == "params") return out;
    if (p.kind != Node::kStart || p.name != "param" || p.empty) malformed("<params> may hold <param>s only");
    Node v = c.expect_start("value");
    out.push_back(parse_value(c, v, 1));
    c.expect_end("param");
  }
}

void expect_document_end(Cursor& c) {
  if (c.next_tag().kind != Node::kEndOfDocument) malformed("content after the document");
}

}  // namespace

std::optional<XmlRpcCall> parse_xmlrpc_call(std::string_view body, XmlRpcParseError* error) {
  try {
    refuse_declarations(body);
    Cursor c(body);
    Node root = c.next_tag();
    if (root.kind != Node::kStart || root.name != "methodCall" || root.empty) malformed("not a <methodCall>");
    XmlRpcCall call;
    bool have_name = false;
    for (;;) {
      Node n = c.next_tag();
      if (n.kind == Node::kEnd && n.name == "methodCall") break;
      if (n.kind == Node::kStart && n.name == "methodName") {
        call.method = std::string(trim(c.text_until_end(n)));
        have_name = true;
      } else if (n.kind == Node::kStart && n.name == "params") {
        call.params = parse_params(c, n);
      } else {
        malformed("<methodCall> holds something else than <methodName> and <params>");
      }
    }
    expect_document_end(c);
    if (!have_name || call.method.empty()) malformed("no method name");
    return call;
  } catch (const ParseFailure& f) {
    *error = f.error;
    return std::nullopt;
  }
}

std::optional<XmlRpcResponse> parse_xmlrpc_response(std::string_view body, XmlRpcParseError* error) {
  try {
    refuse_declarations(body);
    Cursor c(body);
    Node root = c.next_tag();
    if (root.kind != Node::kStart || root.name != "methodResponse" || root.empty) malformed("not a <methodResponse>");
    Node part = c.next_tag();
    XmlRpcResponse r;
    if (part.kind == Node::kStart && part.name == "fault" && !part.empty) {
      Node v = c.expect_start("value");
      XmlRpcValue f = parse_value(c, v, 1);
      c.expect_end("fault");
      const XmlRpcValue* code = f.member("faultCode");
      const XmlRpcValue* text = f.member("faultString");
      if (!code || !text || !code->is(XmlRpcValue::Type::kInt) || !text->is(XmlRpcValue::Type::kString))
        malformed("bad fault");
      r.is_fault = true;
      r.fault = Fault{static_cast<int>(code->as_int()), text->as_string()};
    } else if (part.kind == Node::kStart && part.name == "params") {
      std::vector<XmlRpcValue> params = parse_params(c, part);
      if (params.size() != 1) malformed("a response holds one value");
      r.value = std::move(params[0]);
    } else {
      malformed("<methodResponse> needs <params> or <fault>");
    }
    c.expect_end("methodResponse");
    expect_document_end(c);
    return r;
  } catch (const ParseFailure& f) {
    *error = f.error;
    return std::nullopt;
  }
}

}  // namespace sn
