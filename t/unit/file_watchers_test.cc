#include "supervisord/output/file_watchers.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(FileWatchers, NotifiesWatchersOfThatPathUntilUnsubscribed) {
  FileWatchers w;
  EXPECT_TRUE(w.empty());
  int a = 0, b = 0;
  FileWatchers::Subscription sa = w.watch("/x", [&] { ++a; });
  {
    FileWatchers::Subscription sb = w.watch("/y", [&] { ++b; });
    w.changed("/x");
    w.changed("/y");
    w.changed("/z");
  }
  w.changed("/y");
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 1);
  sa.reset();
  EXPECT_TRUE(w.empty());
}

TEST(FileWatchers, CallbackMayUnsubscribe) {
  FileWatchers w;
  int calls = 0;
  FileWatchers::Subscription s;
  s = w.watch("/x", [&] {
    ++calls;
    s.reset();
  });
  w.changed("/x");
  w.changed("/x");
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace sn
