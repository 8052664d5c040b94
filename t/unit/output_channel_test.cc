#include "supervisord/output/output_channel.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

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

}  // namespace
}  // namespace sn
