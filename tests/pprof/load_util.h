#ifndef TESTS_PPROF_LOAD_UTIL_H_
#define TESTS_PPROF_LOAD_UTIL_H_

#include <gtest/gtest.h>

#include <string>

#include "common/io/bad_lines.h"
#include "common/pprof/load.h"

namespace pprof {

// Loads a profile the tools' way; a failure is a test failure.
inline LoadedProfile LoadForTest(const std::string& path) {
  LoadedProfile p;
  io::BadLineSink sink;
  std::string err;
  EXPECT_TRUE(LoadProfile(path, &sink, &p, &err)) << err;
  return p;
}

}  // namespace pprof

#endif  // TESTS_PPROF_LOAD_UTIL_H_
