#include "common/cli/duration.h"

#include <gtest/gtest.h>

namespace cli {
namespace {

TEST(DurationTest, SuffixesAndPlainNumbersInTheFlagsUnit) {
  double s = -1;
  EXPECT_TRUE(ParseDuration("30s", DurationUnit::kMinutes, &s));
  EXPECT_EQ(s, 30);
  EXPECT_TRUE(ParseDuration("5m", DurationUnit::kSeconds, &s));
  EXPECT_EQ(s, 300);
  EXPECT_TRUE(ParseDuration("1h", DurationUnit::kMinutes, &s));
  EXPECT_EQ(s, 3600);
  EXPECT_TRUE(ParseDuration("1.5m", DurationUnit::kMinutes, &s));
  EXPECT_EQ(s, 90);
  EXPECT_TRUE(ParseDuration("5", DurationUnit::kMinutes, &s));
  EXPECT_EQ(s, 300);
  EXPECT_TRUE(ParseDuration("5", DurationUnit::kSeconds, &s));
  EXPECT_EQ(s, 5);
  EXPECT_TRUE(ParseDuration("0", DurationUnit::kMinutes, &s));
  EXPECT_EQ(s, 0);
}

TEST(DurationTest, AnythingElseIsRefusedWithTheExpectedForms) {
  double s = 7;
  std::string error;
  for (const char* bad : {"", "m", "-5m", "+5", "5x", "5 m", "1e3", "five",
                          "5ms", "inf", "nan"}) {
    EXPECT_FALSE(ParseDuration(bad, DurationUnit::kMinutes, &s, &error)) << bad;
  }
  EXPECT_EQ(s, 7);  // untouched on failure
  EXPECT_FALSE(ParseDuration("5x", DurationUnit::kMinutes, &s, &error));
  EXPECT_EQ(error,
            "'5x' is not a duration (30s, 5m, 1h, or a number of minutes)");
  EXPECT_FALSE(ParseDuration("-1", DurationUnit::kSeconds, &s));  // no error
}

}  // namespace
}  // namespace cli
