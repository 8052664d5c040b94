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

// A channel reading a fresh pipe into `file` in a scratch folder.
class OutputChannelTest : public ::testing::Test {
 protected:
  OutputChannel& open(const char* file, OutputChannelOptions options, int64_t maxbytes = 0, int backups = 0) {
    std::unique_ptr<RotatingFile> log;
    if (file) {
      log = std::make_unique<RotatingFile>(dir.file(file), maxbytes, backups);
      EXPECT_EQ(log->open(), 0);
    }
    channel = std::make_unique<OutputChannel>(loop, std::move(pipe.read_end), std::move(log), std::move(options));
    return *channel;
  }
  OutputChannel& open(const char* file, const char* stream = "stdout") {
    return open(file, web_options(stream, false, nullptr));
  }
  OutputChannelOptions stamped_options() {
    OutputChannelOptions options = web_options("stdout", false, nullptr);
    options.stamper = std::make_unique<LineStamper>(TimestampStyle{TimestampStyle::Kind::kUtc, ""});
    return options;
  }
  std::string log_text(const char* file) { return test::read_file(dir.file(file)); }

  test::TempDir dir;
  EventLoop loop;
  PipePair pipe;
  std::unique_ptr<OutputChannel> channel;
};

TEST_F(OutputChannelTest, WritesOutputToTheLogWhenReadable) {
  OutputChannel& ch = open("out.log");
  pipe.write("hello\n");
  loop.run_once(100);
  EXPECT_EQ(log_text("out.log"), "hello\n");
  pipe.write_end.reset();
  loop.run_once(100);
  EXPECT_TRUE(ch.closed());
}

TEST_F(OutputChannelTest, DrainReadsEverythingBuffered) {
  OutputChannel& ch = open("out.log");
  std::string big(60000, 'x');
  pipe.write(big);
  pipe.write("tail");
  ch.drain();
  EXPECT_EQ(log_text("out.log"), big + "tail");
}

TEST_F(OutputChannelTest, AChildThatFillsItsPipeGetsABiggerOne) {
  int writer_fd = pipe.write_end.get();
  OutputChannel& ch = open("out.log");
  pipe.write("a little");
  ch.drain();
  EXPECT_EQ(::fcntl(writer_fd, F_GETPIPE_SZ), 64 * 1024);  // quiet writers keep the default
  pipe.write(std::string(64 * 1024, 'x'));
  ch.drain();
  EXPECT_EQ(::fcntl(writer_fd, F_GETPIPE_SZ), 1024 * 1024);
  EXPECT_EQ(log_text("out.log").size(), 8u + 64 * 1024);
}

TEST_F(OutputChannelTest, StripsAnsiAndCopiesToMainLogAtDebug) {
  std::vector<std::string> lines;
  Logger main_log;
  main_log.set_level(LogLevel::kDebug);
  main_log.add_sink(std::make_unique<test::CaptureLogSink>(&lines));
  OutputChannel& ch = open("err.log", web_options("stderr", true, &main_log));
  pipe.write("\x1b[31mred\x1b[0m\n");
  ch.drain();
  EXPECT_EQ(log_text("err.log"), "red\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "DEBG 'web' stderr output:\nred\n");
}

TEST_F(OutputChannelTest, WithoutALogOutputIsDropped) {
  OutputChannel& ch = open(nullptr);
  pipe.write("gone");
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

TEST_F(OutputChannelTest, TimestampsGoInTheLogAndRawBytesToEvents) {
  OutputChannelOptions options = stamped_options();
  std::string events;
  options.on_logged = [&](std::string_view data) { events += data; };
  OutputChannel& ch = open("out.log", std::move(options));
  pipe.write("one\ntw");
  ch.drain();
  pipe.write("o\nthree\n");
  ch.drain();
  EXPECT_EQ(unstamped(log_text("out.log")), "one\ntwo\nthree\n");
  EXPECT_EQ(events, "one\ntwo\nthree\n");
}

TEST_F(OutputChannelTest, AStampedLogRotatesOnlyAtALineBoundary) {
  OutputChannel& ch = open("out.log", stamped_options(), 100, 2);
  // The first read passes maxbytes in the middle of a line: no rotation yet.
  pipe.write(std::string(10, 'a') + "\n" + std::string(80, 'b'));
  ch.drain();
  EXPECT_FALSE(test::file_exists(dir.file("out.log.1")));
  pipe.write(std::string(5, 'b'));  // still inside that line
  ch.drain();
  EXPECT_FALSE(test::file_exists(dir.file("out.log.1")));
  pipe.write(std::string(5, 'b') + "\nc\n");
  ch.drain();
  EXPECT_EQ(unstamped(log_text("out.log.1")), std::string(10, 'a') + "\n" + std::string(90, 'b') + "\nc\n");
  EXPECT_EQ(log_text("out.log"), "");
  pipe.write("d\n");
  ch.drain();
  EXPECT_EQ(unstamped(log_text("out.log")), "d\n");
}

TEST_F(OutputChannelTest, EachLineAlsoGoesToSyslogAfterTheName) {
  test::DatagramReceiver receiver(dir.file("log"));
  SyslogSocket syslog(dir.file("log"), "supervisord");
  OutputChannelOptions options = web_options("stderr", true, nullptr);
  options.syslog = &syslog;
  OutputChannel& ch = open(nullptr, std::move(options));  // stderr_logfile=NONE
  pipe.write("\x1b[31mred\x1b[0m\nsecond\n");
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
