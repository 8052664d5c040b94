// Tested by t/unit/rpc_client_test.cc (HTTP, a local fake server),
// t/integration/test_supervisorctl.py (tail -f) and test_crashmail.py (SMTP).
#include "lib/curl/curl_handle.h"

#include <stdexcept>

namespace sn {

CurlEasy new_curl_easy() {
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (init != CURLE_OK) throw std::runtime_error(std::string("libcurl: ") + curl_easy_strerror(init));
  CurlEasy h(curl_easy_init());
  if (!h) throw std::runtime_error("libcurl: cannot create a handle");
  return h;
}

void append_header(CurlSlist* list, const char* header) {
  curl_slist* grown = curl_slist_append(list->get(), header);
  if (!grown) throw std::bad_alloc();
  (void)list->release();
  list->reset(grown);
}

}  // namespace sn
