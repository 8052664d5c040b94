#include "supervisord/http/connection_budget.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(ConnectionBudget, AdmitsUntilFullThenOnlyByDroppingTheMostIdleUnproven) {
  ConnectionBudget b({/*max_connections=*/3, /*max_unproven_per_peer=*/10});
  EXPECT_TRUE(b.on_arrival("a").admit);
  b.add(1, "a");
  b.add(2, "b");
  b.add(3, "c");
  ConnectionBudget::Admission full = b.on_arrival("d");
  EXPECT_TRUE(full.admit);
  EXPECT_EQ(full.evict, 1u);  // the oldest unproven
  b.touch(1);                 // it sent something: 2 is idle longest now
  EXPECT_EQ(b.on_arrival("d").evict, 2u);
  b.prove(2);
  b.prove(3);
  EXPECT_EQ(b.on_arrival("d").evict, 1u);  // the only unproven one left
  b.prove(1);
  ConnectionBudget::Admission refused = b.on_arrival("d");
  EXPECT_FALSE(refused.admit);  // full of authenticated clients: 503
  EXPECT_FALSE(refused.evict);
  b.remove(3);
  EXPECT_TRUE(b.on_arrival("d").admit);
  EXPECT_EQ(b.size(), 2u);
}

TEST(ConnectionBudget, OnePeerCannotHoldMoreThanItsShareUnproven) {
  ConnectionBudget b({/*max_connections=*/100, /*max_unproven_per_peer=*/2});
  b.add(1, "flood");
  b.add(2, "other");
  b.add(3, "flood");
  ConnectionBudget::Admission a = b.on_arrival("flood");
  EXPECT_TRUE(a.admit);
  EXPECT_EQ(a.evict, 1u);  // the flood's own oldest, not the other peer's
  EXPECT_FALSE(b.on_arrival("other").evict);
  b.prove(3);  // proven connections do not count against the peer
  EXPECT_FALSE(b.on_arrival("flood").evict);
}

TEST(ConnectionBudget, MostIdleUnprovenIsForRunningOutOfDescriptors) {
  ConnectionBudget b;
  EXPECT_FALSE(b.most_idle_unproven());
  b.add(7, "a");
  b.add(8, "a");
  b.prove(7);
  EXPECT_EQ(b.most_idle_unproven(), 8u);
  b.remove(8);
  EXPECT_FALSE(b.most_idle_unproven());
  EXPECT_EQ(b.unproven(), 0u);
  EXPECT_EQ(b.size(), 1u);
}

}  // namespace
}  // namespace sn
