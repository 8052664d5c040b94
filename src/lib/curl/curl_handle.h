// Owning handles for libcurl objects, and the one-time global init.
#pragma once

#include <curl/curl.h>

#include <memory>

namespace sn {

struct CurlEasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* h) const { curl_multi_cleanup(h); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// A new easy handle; calls curl_global_init once per process first.
CurlEasy new_curl_easy();
// Appends to an owned header list.
void append_header(CurlSlist* list, const char* header);

}  // namespace sn
