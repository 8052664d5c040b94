#include "lib/util/timestamp_format.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace sn {
namespace {

using K = TimestampStyle::Kind;
using test::InZone;

// Tue, 14 Nov 2023 22:13:20.123456789 UTC
constexpr timespec kWhen{1700000000, 123456789};

std::string stamp(TimestampStyle style, timespec when = kWhen) {
  TimestampFormat f(std::move(style));
  return std::string(f.format(when));
}

TEST(TimestampFormat, UtcIsRfc3339WithMillisecondsAndZ) {
  EXPECT_EQ(stamp({K::kUtc, ""}), "2023-11-14T22:13:20.123Z ");
}

TEST(TimestampFormat, Iso8601IsLocalTimeWithItsOffset) {
  {
    InZone zone("XYZ-2");  // two hours east of UTC
    EXPECT_EQ(stamp({K::kIso8601, ""}), "2023-11-15T00:13:20.123+02:00 ");
  }
  {
    InZone zone("XYZ+5:30");
    EXPECT_EQ(stamp({K::kIso8601, ""}), "2023-11-14T16:43:20.123-05:30 ");
  }
}

TEST(TimestampFormat, Tai64nAsDaemontoolsWritesIt) {
  // 2^62 + 10 + 1700000000 seconds, then the nanoseconds.
  EXPECT_EQ(stamp({K::kTai64n, ""}), "@400000006553f10a075bcd15 ");
}

TEST(TimestampFormat, PatternInLocalTimeWithFractions) {
  InZone zone("UTC0");
  EXPECT_EQ(stamp({K::kPattern, "%H:%M:%S.%3N"}), "22:13:20.123 ");
  EXPECT_EQ(stamp({K::kPattern, "%s.%6N|%9N|%N"}), "1700000000.123456|123456789|123456789 ");
  EXPECT_EQ(stamp({K::kPattern, "100%% %%N %Y"}), "100% %N 2023 ");
}

TEST(TimestampFormat, TheCachedSecondMovesOn) {
  TimestampFormat f({K::kUtc, ""});
  EXPECT_EQ(f.format(kWhen), "2023-11-14T22:13:20.123Z ");
  EXPECT_EQ(f.format({1700000000, 999000000}), "2023-11-14T22:13:20.999Z ");
  EXPECT_EQ(f.format({1700000001, 0}), "2023-11-14T22:13:21.000Z ");
}

TEST(TimestampFormat, PatternsAreChecked) {
  EXPECT_EQ(check_timestamp_pattern("%F %T"), "");
  EXPECT_NE(check_timestamp_pattern("no directive"), "");
  EXPECT_EQ(check_timestamp_pattern("%H%n"), "a stamp may not hold a newline");
  EXPECT_EQ(check_timestamp_pattern(std::string(195, '-') + "%A"), "its stamps would be longer than 200 bytes");
}

}  // namespace
}  // namespace sn
