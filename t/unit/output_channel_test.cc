#include "supervisord/output/output_channel.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "fake_process_host.h"
#include "test_util.h"

namespace sn {
namespace {

struct PipePair {
  PipePair() {
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
  }
  void write(const std::string& s) { ASSERT_EQ(::write(write_end.get(), s.data(), s.size()), (ssize_t)s.size()); }
  UniqueFd read_end, write_end;
};

OutputChannelOptions web_options(const char* channel, bool strip_ansi, Logger* main_log) {
  OutputChannelOptions options;
  options.process_name = "web";
  options.channel = channel;
  options.strip_ansi = strip_ansi;
  options.main_log = main_log;
  return options;
}

TEST(OutputChannel, WritesOutputToTheLogWhenReadable) {
  test::TempDir dir;
  EventLoop loop;
  PipePair p;
  auto log = std::make_unique<RotatingFile>(dir.file("out.log"), 0, 0);
  ASSERT_EQ(log->open(), 0);
  OutputChannel ch(loop, std::move(p.read_end), std::move(log), web_options("stdout", false, nullptr));
  p.write("hello\n");
  loop.run_once(100);
  EXPECT_EQ(test::read_file(dir.file("out.log")), "hello\n");
  p.write_end.reset();
  loop.run_once(100);
  EXPECT_TRUE(ch.closed());
}

TEST(OutputChannel, DrainReadsEverythingBuffered) {
  test::TempDir dir;
  EventLoop loop;
  PipePair p;
  auto log = std::make_unique<RotatingFile>(dir.file("out.log"), 0, 0);
  ASSERT_EQ(log->open(), 0);
  OutputChannel ch(loop, std::move(p.read_end), std::move(log), web_options("stdout", false, nullptr));
  std::string big(60000, 'x');
  p.write(big);
  p.write("tail");
  ch.drain();
  EXPECT_EQ(test::read_file(dir.file("out.log")), big + "tail");
}

TEST(OutputChannel, AChildThatFillsItsPipeGetsABiggerOne) {
  test::TempDir dir;
  EventLoop loop;
  PipePair p;
  int writer_fd = p.write_end.get();
  auto log = std::make_unique<RotatingFile>(dir.file("out.log"), 0, 0);
  ASSERT_EQ(log->open(), 0);
  OutputChannel ch(loop, std::move(p.read_end), std::move(log), web_options("stdout", false, nullptr));
  p.write("a little");
  ch.drain();
  EXPECT_EQ(::fcntl(writer_fd, F_GETPIPE_SZ), 64 * 1024);  // quiet writers keep the default
  p.write(std::string(64 * 1024, 'x'));
  ch.drain();
  EXPECT_EQ(::fcntl(writer_fd, F_GETPIPE_SZ), 1024 * 1024);
  EXPECT_EQ(test::read_file(dir.file("out.log")).size(), 8u + 64 * 1024);
}

TEST(OutputChannel, StripsAnsiAndCopiesToMainLogAtDebug) {
  test::TempDir dir;
  EventLoop loop;
  PipePair p;
  std::vector<std::string> lines;
  Logger main_log;
  main_log.set_level(LogLevel::kDebug);
  main_log.add_sink(std::make_unique<test::CaptureLogSink>(&lines));
  auto log = std::make_unique<RotatingFile>(dir.file("err.log"), 0, 0);
  ASSERT_EQ(log->open(), 0);
  OutputChannel ch(loop, std::move(p.read_end), std::move(log), web_options("stderr", true, &main_log));
  p.write("\x1b[31mred\x1b[0m\n");
  ch.drain();
  EXPECT_EQ(test::read_file(dir.file("err.log")), "red\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "DEBG 'web' stderr output:\nred\n");
}

TEST(OutputChannel, WithoutALogOutputIsDropped) {
  EventLoop loop;
  PipePair p;
  OutputChannel ch(loop, std::move(p.read_end), nullptr, web_options("stdout", false, nullptr));
  p.write("gone");
  ch.drain();
  EXPECT_FALSE(ch.closed());
}

// A utc stamp: "2023-11-14T22:13:20.123Z " is 25 bytes.
constexpr size_t kUtcStampBytes = 25;

// Each line of `text` without its stamp; fails when a line has none.
std::string unstamped(const std::string& text) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    size_t end = nl == std::string::npos ? text.size() : nl + 1;
    std::string line = text.substr(at, end - at);
    EXPECT_TRUE(line.size() >= kUtcStampBytes && line[4] == '-' && line[kUtcStampBytes - 2] == 'Z') << line;
    out += line.substr(std::min(kUtcStampBytes, line.size()));
    at = end;
  }
  return out;
}

TEST(OutputChannel, TimestampsGoInTheLogAndRawBytesToEvents) {
  test::TempDir dir;
  EventLoop loop;
  PipePair p;
  auto log = std::make_unique<RotatingFile>(dir.file("out.log"), 0, 0);
  ASSERT_EQ(log->open(), 0);
  OutputChannelOptions options = web_options("stdout", false, nullptr);
  options.stamper = std::make_unique<LineStamper>(TimestampStyle{TimestampStyle::Kind::kUtc, ""});
  std::string events;
  options.on_logged = [&](std::string_view data) { events += data; };
  OutputChannel ch(loop, std::move(p.read_end), std::move(log), std::move(options));
  p.write("one\ntw");
  ch.drain();
  p.write("o\nthree\n");
  ch.drain();
  std::string text = test::read_file(dir.file("out.log"));
  EXPECT_EQ(unstamped(text), "one\ntwo\nthree\n");
  EXPECT_EQ(events, "one\ntwo\nthree\n");
}

TEST(OutputChannel, AStampedLogRotatesOnlyAtALineBoundary) {
  test::TempDir dir;
  EventLoop loop;
  PipePair p;
  auto log = std::make_unique<RotatingFile>(dir.file("out.log"), 100, 2);
  ASSERT_EQ(log->open(), 0);
  OutputChannelOptions options = web_options("stdout", false, nullptr);
  options.stamper = std::make_unique<LineStamper>(TimestampStyle{TimestampStyle::Kind::kUtc, ""});
  OutputChannel ch(loop, std::move(p.read_end), std::move(log), std::move(options));
  // The first read passes maxbytes in the middle of a line: no rotation yet.
  p.write(std::string(10, 'a') + "\n" + std::string(80, 'b'));
  ch.drain();
  EXPECT_FALSE(test::file_exists(dir.file("out.log.1")));
  p.write(std::string(5, 'b'));  // still inside that line
  ch.drain();
  EXPECT_FALSE(test::file_exists(dir.file("out.log.1")));
  p.write(std::string(5, 'b') + "\nc\n");
  ch.drain();
  EXPECT_EQ(unstamped(test::read_file(dir.file("out.log.1"))),
            std::string(10, 'a') + "\n" + std::string(90, 'b') + "\nc\n");
  EXPECT_EQ(test::read_file(dir.file("out.log")), "");
  p.write("d\n");
  ch.drain();
  EXPECT_EQ(unstamped(test::read_file(dir.file("out.log"))), "d\n");
}

TEST(OutputChannel, EachLineAlsoGoesToSyslogAfterTheName) {
  test::TempDir dir;
  test::DatagramReceiver receiver(dir.file("log"));
  SyslogSocket syslog(dir.file("log"), "supervisord");
  EventLoop loop;
  PipePair p;
  OutputChannelOptions options = web_options("stderr", true, nullptr);
  options.syslog = &syslog;
  OutputChannel ch(loop, std::move(p.read_end), nullptr, std::move(options));  // stderr_logfile=NONE
  p.write("\x1b[31mred\x1b[0m\nsecond\n");
  ch.drain();
  std::vector<std::string> got;
  for (std::string d; !(d = receiver.next()).empty();) got.push_back(d);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].substr(0, 4), "<14>");
  EXPECT_EQ(got[0].substr(got[0].find(": ")), ": web red");
  EXPECT_EQ(got[1].substr(got[1].find(": ")), ": web second");
}

}  // namespace
}  // namespace sn
