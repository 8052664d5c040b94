// Tested by t/integration/test_crashmail.py against Debian's aiosmtpd
// (plain, STARTTLS with AUTH, a refused login, a server that is down).
#include "crashmail/smtp_delivery.h"

#include <cstring>

#include "lib/curl/curl_handle.h"

namespace sn {

namespace {

struct UploadSource {
  const std::string* text;
  size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* source = static_cast<UploadSource*>(user);
  size_t room = size * count;
  size_t left = source->text->size() - source->offset;
  size_t n = left < room ? left : room;
  std::memcpy(buffer, source->text->data() + source->offset, n);
  source->offset += n;
  return n;
}

curl_usessl use_ssl_of(SmtpSecurity security) {
  switch (security) {
    case SmtpSecurity::kStartTlsTry: return CURLUSESSL_TRY;
    case SmtpSecurity::kStartTlsRequired:
    case SmtpSecurity::kImplicitTls: return CURLUSESSL_ALL;
    case SmtpSecurity::kPlain: break;
  }
  return CURLUSESSL_NONE;
}

}  // namespace

std::string deliver_over_smtp(const OutgoingMail& mail, const SmtpSettings& smtp) {
  CurlEasy curl;
  try {
    curl = new_curl_easy();
  } catch (const std::exception& e) {
    return e.what();
  }
  CURL* h = curl.get();
  std::string url = smtp_url(smtp);
  std::string from = "<" + mail.from + ">";
  CurlSlist recipients;
  for (const auto& to : mail.to) append_header(&recipients, ("<" + to + ">").c_str());
  UploadSource source{&mail.text};
  char error[CURL_ERROR_SIZE] = "";

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &source);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mail.text.size()));
  curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(use_ssl_of(smtp.security)));
  if (!smtp.cafile.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, smtp.cafile.c_str());
  if (!smtp.user.empty() && !smtp.password.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, smtp.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, smtp.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(smtp.timeout_seconds));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(smtp.timeout_seconds));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);

  CURLcode rc = curl_easy_perform(h);
  if (rc == CURLE_OK) return "";
  std::string what = url + ": " + curl_easy_strerror(rc);
  if (error[0] && std::strcmp(error, curl_easy_strerror(rc)) != 0) what += " (" + std::string(error) + ")";
  long code = 0;
  if (curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK && code > 0)
    what += ", server said " + std::to_string(code);
  return what;
}

}  // namespace sn
