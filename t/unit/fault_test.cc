#include "lib/xmlrpc/fault.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(Fault, SupervisorNamesAndStrings) {
  EXPECT_EQ(Fault::of(FaultCode::kBadName, "foo"), (Fault{10, "BAD_NAME: foo"}));
  EXPECT_EQ(Fault::of(FaultCode::kUnknownMethod), (Fault{1, "UNKNOWN_METHOD"}));
  EXPECT_EQ(fault_name(92), "CANT_REREAD");
  EXPECT_EQ(fault_name(5), "UNKNOWN");
  EXPECT_EQ(fault_name(80), "SUCCESS");
}

}  // namespace
}  // namespace sn
