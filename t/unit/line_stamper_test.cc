#include "supervisord/output/line_stamper.h"

#include <gtest/gtest.h>

#include <string>

namespace sn {
namespace {

constexpr timespec kFirst{1700000000, 100000000};
constexpr timespec kSecond{1700000001, 200000000};
const std::string kA = "2023-11-14T22:13:20.100Z ";
const std::string kB = "2023-11-14T22:13:21.200Z ";

LineStamper utc() { return LineStamper({TimestampStyle::Kind::kUtc, ""}); }

TEST(LineStamper, EveryLineGetsTheTimeOfItsRead) {
  LineStamper s = utc();
  LineStamper::Stamped out = s.stamp("one\ntwo\n", kFirst);
  EXPECT_EQ(out.text, kA + "one\n" + kA + "two\n");
  EXPECT_EQ(out.complete, out.text.size());
}

TEST(LineStamper, ALineReadInTwoPiecesHasOneStampFromItsFirstByte) {
  LineStamper s = utc();
  LineStamper::Stamped out = s.stamp("par", kFirst);
  EXPECT_EQ(out.text, kA + "par");
  EXPECT_EQ(out.complete, 0u);
  out = s.stamp("tial\nnext", kSecond);
  EXPECT_EQ(out.text, "tial\n" + kB + "next");
  EXPECT_EQ(out.complete, 5u);
}

TEST(LineStamper, EmptyLinesAreStampedToo) {
  LineStamper s = utc();
  EXPECT_EQ(s.stamp("\n\n", kFirst).text, kA + "\n" + kA + "\n");
}

TEST(LineStamper, ALongLineIsCutAndGoesOnStamped) {
  LineStamper s = utc();
  std::string line(LineStamper::kMaxLine + 10, 'x');
  LineStamper::Stamped out = s.stamp(line.substr(0, 40000), kFirst);
  EXPECT_EQ(out.complete, 0u);
  std::string text(out.text);
  out = s.stamp(line.substr(40000) + "\n", kSecond);
  text += out.text;
  EXPECT_EQ(text, kA + std::string(LineStamper::kMaxLine, 'x') + "\n" + kB + std::string(10, 'x') + "\n");
  EXPECT_EQ(out.complete, out.text.size());
}

TEST(LineStamper, ARestartedLineGetsAStamp) {
  LineStamper s = utc();
  s.stamp("half", kFirst);
  s.restart_line();
  EXPECT_EQ(s.stamp("rest\n", kSecond).text, kB + "rest\n");
}

}  // namespace
}  // namespace sn
