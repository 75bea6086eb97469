#ifndef TESTS_TESTING_TEMP_PATH_H_
#define TESTS_TESTING_TEMP_PATH_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <string>

namespace testing_util {

// A path in the test temp dir that no other test process uses: ctest runs
// each discovered test in its own process, in parallel, so fixed names race.
inline std::string UniqueTempPath(const std::string& name) {
  static std::atomic<int> counter{0};
  return ::testing::TempDir() + "/" + name + "." + std::to_string(getpid()) +
         "." + std::to_string(counter++);
}

}  // namespace testing_util

#endif  // TESTS_TESTING_TEMP_PATH_H_
