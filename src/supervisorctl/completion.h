// What Tab completes to in the shell, by supervisorctl's rules: command
// names first, then group names (add, remove, update) or process names
// (clear fg pid restart signal start status stop tail).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "lib/xmlrpc/value.h"

namespace sn {

// `line` is the text before the cursor, `word` the part being completed;
// `process_infos` fetches getAllProcessInfo (only called when needed).
std::vector<std::string> completions(const std::string& line, const std::string& word,
                                     const std::function<const XmlRpcValue&()>& process_infos);

}  // namespace sn
