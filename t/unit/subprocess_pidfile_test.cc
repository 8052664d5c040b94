#include "supervisord/process/subprocess_pidfile.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace sn {
namespace {

TEST(SubprocessPidfile, WrittenAndReadBack) {
  std::vector<SubprocessEntry> entries{{"zk--dptst--zk", 1234, 1700000000, 98765}, {"web:web_1", 42, 5, std::nullopt}};
  std::string text = format_subprocess_entries(entries);
  EXPECT_EQ(text, "zk--dptst--zk 1234 1700000000 98765\nweb:web_1 42 5\n");
  int bad = -1;
  auto back = parse_subprocess_entries(text, &bad);
  EXPECT_EQ(bad, 0);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].name, "zk--dptst--zk");
  EXPECT_EQ(back[0].pid, 1234);
  EXPECT_EQ(back[0].laststart, 1700000000);
  EXPECT_EQ(back[0].start_ticks, 98765u);
  EXPECT_FALSE(back[1].start_ticks);
}

TEST(SubprocessPidfile, TheForksLinesAreReadAndJunkIsSkipped) {
  int bad = 0;
  auto entries =
      parse_subprocess_entries("a 10 100\n\n  \nb x 1\nc 0 1\nd 5\ne 1 2 3 4\nf 7 8 z\ng 99999999999 1\nh 3 4\n", &bad);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "a");
  EXPECT_EQ(entries[1].name, "h");
  EXPECT_EQ(bad, 6);
}

TEST(SubprocessPidfile, ProcStatIsReadFromTheLastParenthesis) {
  std::string rest = " 1 1 0 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 777123 1000 10";
  auto k = parse_proc_stat("4321 (a) b (c)) S" + rest);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->start_ticks, 777123u);
  EXPECT_FALSE(k->zombie);
  EXPECT_TRUE(parse_proc_stat("4321 (x) Z" + rest)->zombie);
  EXPECT_FALSE(parse_proc_stat("4321 (x) S 1 2"));
  EXPECT_FALSE(parse_proc_stat("no parenthesis"));
}

TEST(SubprocessPidfile, OurOwnProcessIsFoundInProc) {
  auto k = read_kernel_process(::getpid());
  ASSERT_TRUE(k);
  EXPECT_FALSE(k->zombie);
  auto boot = boot_time();
  ASSERT_TRUE(boot);
  long hz = ::sysconf(_SC_CLK_TCK);
  int64_t started = *boot + static_cast<int64_t>(k->start_ticks / static_cast<uint64_t>(hz));
  EXPECT_LE(started, ::time(nullptr) + 1);
  EXPECT_GT(started, ::time(nullptr) - 3600);  // a test run is not that old
}

TEST(SubprocessPidfile, ARecycledPidIsNotTheSameProcess) {
  // With the kernel's start time recorded: it must match exactly.
  EXPECT_TRUE(is_same_process({"p", 5, 1000, 700}, 700, 990, 100));
  EXPECT_FALSE(is_same_process({"p", 5, 1000, 700}, 701, 990, 100));
  // A line of the fork's: laststart within two seconds of the kernel's.
  EXPECT_TRUE(is_same_process({"p", 5, 1000, std::nullopt}, 1000, 990, 100));  // 990 + 10 s
  EXPECT_TRUE(is_same_process({"p", 5, 1001, std::nullopt}, 1000, 990, 100));
  EXPECT_FALSE(is_same_process({"p", 5, 1000, std::nullopt}, 2000, 990, 100));  // started 10 s later
  EXPECT_FALSE(is_same_process({"p", 5, 1000, std::nullopt}, 1000, 990, 0));
}

}  // namespace
}  // namespace sn
