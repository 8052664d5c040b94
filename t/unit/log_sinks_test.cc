#include "lib/util/log_sinks.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "test_util.h"

namespace sn {
namespace {

TEST(FileLogSink, WritesAndRotates) {
  test::TempDir dir;
  std::string path = dir.file("main.log");
  FileLogSink sink(path, 10, 1);
  ASSERT_EQ(sink.open(), 0);
  sink.emit(LogLevel::kInfo, "0123456789\n");
  sink.emit(LogLevel::kInfo, "x\n");
  EXPECT_EQ(test::read_file(path + ".1"), "0123456789\n");
  EXPECT_EQ(test::read_file(path), "x\n");
}

TEST(FdLogSink, WritesWholeLinesToTheDescriptor) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    FdLogSink sink(fds[1]);
    sink.emit(LogLevel::kWarn, "hello\n");
  }
  char buf[16] = {};
  ASSERT_EQ(::read(fds[0], buf, sizeof buf), 6);
  EXPECT_STREQ(buf, "hello\n");
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(FdLogSink, SurvivesAClosedReader) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::close(fds[0]);
  signal(SIGPIPE, SIG_IGN);
  FdLogSink sink(fds[1]);
  sink.emit(LogLevel::kInfo, "nobody reads this\n");
  ::close(fds[1]);
}

TEST(SyslogLogSink, EachLineIsARecordWithTheDateAndLevelAsSupervisorSendsThem) {
  test::TempDir dir;
  test::DatagramReceiver receiver(dir.file("log"));
  SyslogSocket socket(dir.file("log"), "supervisord");
  SyslogLogSink sink(socket);
  sink.emit(LogLevel::kError, "2023-11-14 22:13:20,000 ERRO spawnerr: can't find command 'x'\n");
  sink.emit(LogLevel::kDebug, "2023-11-14 22:13:20,001 DEBG 'web' stdout output:\nhello\n\n");
  auto text = [](const std::string& record) {
    EXPECT_EQ(record.substr(0, 4), "<14>");  // user.info, whatever the level: supervisor's syslog.syslog(msg)
    return record.substr(record.find("supervisord: ") + 13);
  };
  EXPECT_EQ(text(receiver.next()), "2023-11-14 22:13:20,000 ERRO spawnerr: can't find command 'x'\n");
  EXPECT_EQ(text(receiver.next()), "2023-11-14 22:13:20,001 DEBG 'web' stdout output:\n");
  EXPECT_EQ(text(receiver.next()), "2023-11-14 22:13:20,001 DEBG hello\n");
  EXPECT_EQ(receiver.next(), "");
}

}  // namespace
}  // namespace sn
