#include "lib/xmlrpc/xmlrpc_answer.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>

#include "lib/xmlrpc/xml_writer.h"

namespace sn {
namespace {

// Text that pretends to live elsewhere; it can be made to shrink.
class FakeDeferred : public DeferredText {
 public:
  explicit FakeDeferred(std::string text) : text_(std::move(text)) {}
  uint64_t size() const override { return size_; }
  bool read(uint64_t offset, size_t max, std::string* out) const override {
    ++reads;
    if (offset > text_.size()) return false;
    out->append(text_, static_cast<size_t>(offset), max);
    return true;
  }
  void shrink(size_t to) { text_.resize(to); }
  void replace(std::string text) { text_ = std::move(text); }
  mutable int reads = 0;

 private:
  std::string text_;
  uint64_t size_ = text_.size();
};

std::string drain(XmlRpcAnswer& answer, size_t piece) {
  std::string out;
  while (answer.read(&out, piece)) {
  }
  return out;
}

// Text that makes the escaper work: markup, multi-byte characters, bytes
// that are not UTF-8, control bytes, all at every alignment.
std::string awkward_text(size_t size, unsigned seed) {
  const char* parts[] = {"a",    "<",    "&",    ">",       "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                         "\xff", "\x80", "\xc3", "\x1b[0m", "\n",          "\xed\xa0\x80", "]]>"};
  std::mt19937 rng(seed);
  std::string s;
  while (s.size() < size) s += parts[rng() % (sizeof parts / sizeof *parts)];
  return s;
}

TEST(XmlRpcAnswer, IsByteForByteTheResponseInPiecesOfAnySize) {
  std::string big = awkward_text(3 * kTextPieceBytes + 17, 1);
  XmlRpcValue value(
      XmlRpcValue::Array{XmlRpcValue("small <b>"), XmlRpcValue(big), XmlRpcValue(42),
                         XmlRpcValue(XmlRpcValue::Struct{{"name", XmlRpcValue("x")},
                                                         {"log", XmlRpcValue(awkward_text(kTextPieceBytes, 2))}}),
                         XmlRpcValue(true)});
  std::string expected = xmlrpc_response(value);
  for (size_t piece : {1u, 3u, 7u, 4096u, 65536u, 1u << 20}) {
    XmlRpcAnswer answer{XmlRpcValue(value)};
    EXPECT_EQ(answer.size(), expected.size()) << piece;
    std::string out = drain(answer, piece);
    EXPECT_EQ(out, expected) << piece;
    EXPECT_FALSE(answer.failed()) << piece;
  }
}

TEST(XmlRpcAnswer, DeferredTextIsReadOnlyAsItIsSent) {
  std::string text = awkward_text(5 * kTextPieceBytes + 3, 3);
  auto deferred = std::make_shared<FakeDeferred>(text);
  XmlRpcAnswer answer(XmlRpcValue(XmlRpcValue::Array{XmlRpcValue::deferred(deferred), XmlRpcValue(7)}));
  std::string expected = xmlrpc_response(XmlRpcValue(XmlRpcValue::Array{XmlRpcValue(text), XmlRpcValue(7)}));
  EXPECT_EQ(answer.size(), expected.size());
  int counted = deferred->reads;  // counting its escaped size read it once
  std::string out;
  ASSERT_TRUE(answer.read(&out, 4096));
  EXPECT_LT(out.size(), 3 * 4096u + 64);  // a piece, not the whole
  while (answer.read(&out, 4096)) {
  }
  EXPECT_EQ(out, expected);
  EXPECT_GT(deferred->reads, counted + 10);
  EXPECT_FALSE(answer.failed());
}

TEST(XmlRpcAnswer, ATextThatShrinksWhileSentIsAFailure) {
  auto deferred = std::make_shared<FakeDeferred>(std::string(4 * kTextPieceBytes, 'x'));
  XmlRpcAnswer answer(XmlRpcValue::deferred(deferred));
  ASSERT_TRUE(answer.readable());
  std::string out;
  answer.read(&out, 1000);
  deferred->shrink(1000);
  while (answer.read(&out, 1000)) {
  }
  EXPECT_TRUE(answer.failed());
  EXPECT_LT(out.size(), answer.size());
}

TEST(XmlRpcAnswer, TextRewrittenWhileSentNeverRunsPastTheSize) {
  auto deferred = std::make_shared<FakeDeferred>(std::string(4 * kTextPieceBytes, 'x'));
  XmlRpcAnswer answer(XmlRpcValue::deferred(deferred));
  std::string out;
  answer.read(&out, 1000);
  deferred->replace(std::string(4 * kTextPieceBytes, '&'));  // escapes five times longer
  while (answer.read(&out, 1000)) {
  }
  EXPECT_EQ(out.size(), answer.size());
  EXPECT_TRUE(answer.failed());
}

TEST(XmlRpcAnswer, UnreadableDeferredTextIsSaidAtOnce) {
  auto deferred = std::make_shared<FakeDeferred>(std::string(kTextPieceBytes, 'x'));
  deferred->shrink(0);
  XmlRpcAnswer answer(XmlRpcValue::deferred(deferred));
  EXPECT_FALSE(answer.readable());
}

TEST(XmlRpcAnswer, Utf8SafeCutNeverSplitsACharacter) {
  std::string s = "ab\xe2\x82\xac";  // "ab€"
  EXPECT_EQ(utf8_safe_cut(s, 5), 5u);
  EXPECT_EQ(utf8_safe_cut("ab\xe2\x82", 4), 2u);  // the end of what was read, not of the text
  EXPECT_EQ(utf8_safe_cut(s, 4), 2u);
  EXPECT_EQ(utf8_safe_cut(s, 3), 2u);
  EXPECT_EQ(utf8_safe_cut(s, 2), 2u);
  EXPECT_EQ(utf8_safe_cut("a\x80\x80\x80\x80", 3), 3u);  // stray continuation bytes: anywhere
}

TEST(XmlRpcAnswer, ADeferredStringReadsAsAPlainOneWhereNeeded) {
  XmlRpcValue v = XmlRpcValue::deferred(std::make_shared<FakeDeferred>("hello"));
  EXPECT_TRUE(v.is(XmlRpcValue::Type::kString));
  EXPECT_EQ(v.as_string(), "hello");
  EXPECT_NE(v.deferred_text(), nullptr);
  EXPECT_EQ(xmlrpc_response(v), xmlrpc_response(XmlRpcValue("hello")));
}

}  // namespace
}  // namespace sn
