#include "crashmail/mail_message.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <regex>

#include "test_util.h"

namespace sn {
namespace {

using test::InZone;

constexpr double kWhen = 1764072000.5;  // Tue, 25 Nov 2025 12:00:00 UTC

TEST(MailMessage, Rfc5322DateInLocalTime) {
  {
    InZone utc("UTC0");
    EXPECT_EQ(rfc5322_date(kWhen), "Tue, 25 Nov 2025 12:00:00 +0000");
  }
  {
    InZone east("XST-5:30");
    EXPECT_EQ(rfc5322_date(kWhen), "Tue, 25 Nov 2025 17:30:00 +0530");
  }
  {
    InZone west("XST8");
    EXPECT_EQ(rfc5322_date(kWhen), "Tue, 25 Nov 2025 04:00:00 -0800");
  }
}

TEST(MailMessage, MessageIdsAreUniqueAndWellFormed) {
  std::string a = make_message_id(kWhen, "host1");
  std::string b = make_message_id(kWhen, "host1");
  EXPECT_NE(a, b);
  EXPECT_TRUE(std::regex_match(a, std::regex(R"(<1764072000\.500000\.\d+\.\d+@host1>)"))) << a;
  EXPECT_TRUE(make_message_id(kWhen, "").ends_with("@localhost>"));
}

TEST(MailMessage, HeaderTextStaysOnOneLine) {
  EXPECT_EQ(header_text("plain subject"), "plain subject");
  EXPECT_EQ(header_text("evil\r\nBcc: x@y"), "evil  Bcc: x@y");
  EXPECT_EQ(header_text("caf\xc3\xa9"), "=?utf-8?b?Y2Fmw6k=?=");
}

TEST(MailMessage, ComposesHeadersAndCrlfBody) {
  InZone utc("UTC0");
  OutgoingMail m =
      compose_mail("robot@x.org", {"a@x.org", "b@x.org"}, "web crashed", "line one\nline two\n", kWhen, "host1");
  EXPECT_EQ(m.from, "robot@x.org");
  EXPECT_EQ(m.to.size(), 2u);
  EXPECT_EQ(m.subject, "web crashed");
  std::string expected =
      "Date: Tue, 25 Nov 2025 12:00:00 +0000\r\n"
      "From: robot@x.org\r\n"
      "To: a@x.org, b@x.org\r\n"
      "Subject: web crashed\r\n"
      "Message-ID: " +
      m.message_id +
      "\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=\"us-ascii\"\r\n"
      "Content-Transfer-Encoding: 7bit\r\n"
      "\r\n"
      "line one\r\nline two\r\n";
  EXPECT_EQ(m.text, expected);
  OutgoingMail u = compose_mail("r@x", {"a@x"}, "s", "h\xc3\xa9", kWhen, "h");
  EXPECT_NE(u.text.find("charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n"), std::string::npos);
  EXPECT_TRUE(u.text.ends_with("h\xc3\xa9\r\n"));
}

TEST(MailMessage, LfLineEndsForSendmail) { EXPECT_EQ(with_lf_line_ends("a\r\nb\r\n\r\nc\rd"), "a\nb\n\nc\rd"); }

}  // namespace
}  // namespace sn
