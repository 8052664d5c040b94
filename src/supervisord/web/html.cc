#include "supervisord/web/html.h"

#include "lib/xmlrpc/xml_writer.h"

namespace sn {

std::string html_escape(std::string_view text) {
  // XML character data rules are HTML's too; quotes are added for attributes.
  std::string xml;
  append_xml_text(&xml, text);
  std::string out;
  out.reserve(xml.size());
  for (char c : xml) {
    if (c == '"') out += "&quot;";
    else if (c == '\'') out += "&#39;";
    else out += c;
  }
  return out;
}

}  // namespace sn
