// main() for the unit tests: GoogleTest's usual output plus one TAP line per
// test, which automake's tap-driver.sh counts (so the summary and CI see
// every test, not one result per binary).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

class TapPrinter : public testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const testing::TestInfo& info) override {
    ++count_;
    const testing::TestResult& r = *info.result();
    std::printf("%s %d - %s.%s%s\n", r.Failed() ? "not ok" : "ok", count_, info.test_suite_name(), info.name(),
                r.Skipped() ? " # SKIP" : "");
    std::fflush(stdout);
  }
  void OnTestProgramEnd(const testing::UnitTest&) override {
    std::printf("1..%d\n", count_);
    std::fflush(stdout);
  }

 private:
  int count_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  // An illegal process state change aborts the run instead of being logged.
  setenv("SN_STRICT_TRANSITIONS", "1", 0);
  testing::InitGoogleTest(&argc, argv);
  // GoogleTest takes ownership of listeners it is given.
  testing::UnitTest::GetInstance()->listeners().Append(std::make_unique<TapPrinter>().release());
  return RUN_ALL_TESTS();
}
