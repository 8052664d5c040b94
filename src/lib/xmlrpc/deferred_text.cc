// Tested by t/unit/xmlrpc_answer_test.cc.
#include "lib/xmlrpc/deferred_text.h"

namespace sn {

const std::string& DeferredText::whole() const {
  if (!whole_) {
    std::string text;
    if (!read(0, size(), &text) || text.size() != size()) text.clear();
    whole_ = std::move(text);
  }
  return *whole_;
}

}  // namespace sn
