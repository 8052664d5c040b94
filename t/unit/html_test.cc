#include "supervisord/web/html.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(Html, EscapesMarkupQuotesAndControlBytes) {
  EXPECT_EQ(html_escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(html_escape("caf\xC3\xA9\n"), "caf\xC3\xA9\n");
  EXPECT_EQ(html_escape("\x1b[31m"), "\xEF\xBF\xBD[31m");
  EXPECT_EQ(html_escape("\xff"), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace sn
