#include "crashmail/alert_recipients.h"

#include <sys/stat.h>

#include "lib/config/config_error.h"
#include "lib/config/ini_document.h"

namespace sn {

std::optional<std::string> minos_cluster_of(const std::string& group) {
  std::vector<std::string> parts;
  size_t pos = 0;
  for (;;) {
    size_t sep = group.find("--", pos);
    parts.push_back(group.substr(pos, sep == std::string::npos ? std::string::npos : sep - pos));
    if (sep == std::string::npos) break;
    pos = sep + 2;
  }
  if (parts.size() != 3) return std::nullopt;
  for (const std::string& p : parts)
    if (p.empty()) return std::nullopt;
  return parts[0] + "--" + parts[1];
}

std::vector<std::string> cluster_recipients(const std::string& path, const std::string& group, std::string* error) {
  error->clear();
  std::optional<std::string> cluster = minos_cluster_of(group);
  struct stat st;
  if (!cluster || ::stat(path.c_str(), &st) != 0) return {};
  IniDocument doc;
  try {
    doc.read_file(path);
  } catch (const ConfigError& e) {
    *error = e.what();
    return {};
  }
  const IniValue* value = doc.has_section(*cluster) ? doc.get(*cluster, "to_emails") : nullptr;
  if (!value) return {};
  std::vector<std::string> out;
  size_t pos = 0;
  const std::string& text = value->value;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(pos, comma - pos);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) {
      if (item.find_first_of("<>\r\n ") != std::string::npos || item.find('@') == std::string::npos) {
        *error = value->file + ":" + std::to_string(value->line) + ": to_emails: not a mail address: '" + item + "'";
        return {};
      }
      out.push_back(item);
    }
    pos = comma + 1;
  }
  return out;
}

}  // namespace sn
