// A bad command line: the programs print "Error: <what>" and how to get help.
#pragma once

#include <stdexcept>

namespace sn {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sn
