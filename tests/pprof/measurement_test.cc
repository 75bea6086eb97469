#include "common/pprof/measurement.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace pprof {
namespace {

// INT64_MIN cannot be negated; a hostile profile can hold it (found by the
// pprof_profile fuzz target, UBSan "negation of -9223372036854775808").
TEST(ScaledLabel, MostNegativeValue) {
  std::string unit;
  EXPECT_EQ(ScaleValue(INT64_MIN, "bytes", "minimum", &unit),
            static_cast<double>(INT64_MIN));
  EXPECT_EQ(unit, "B");
  EXPECT_EQ(ScaleValue(-2048, "bytes", "minimum", &unit), -2.0);
  EXPECT_EQ(unit, "kB");
}

TEST(ScaledLabel, BytesInAFixedUnit) {
  EXPECT_EQ(ScaledLabel(871680, "bytes", "kB"), "851.25kB");
  EXPECT_EQ(ScaledLabel(634880, "bytes", "kB"), "620kB");
  EXPECT_EQ(ScaledLabel(1073741824, "bytes", "MB"), "1024MB");
  EXPECT_EQ(ScaledLabel(-8396, "bytes", "kB"), "-8.20kB");
  EXPECT_EQ(ScaledLabel(0, "bytes", "kB"), "0");
  EXPECT_EQ(ScaledLabel(1, "bytes", "GB"), "0");  // rounds to 0.00
}

TEST(ScaledLabel, AutoPicksTheLargestUnitReached) {
  EXPECT_EQ(ScaledLabel(1023, "bytes", "auto"), "1023B");
  EXPECT_EQ(ScaledLabel(1024, "bytes", "auto"), "1kB");
  EXPECT_EQ(ScaledLabel(5140000000, "nanoseconds", "auto"), "5.14s");
  EXPECT_EQ(ScaledLabel(20000000, "nanoseconds", "auto"), "20ms");
}

TEST(ScaledLabel, CountsHaveNoUnit) {
  EXPECT_EQ(ScaledLabel(5017, "count", "count"), "5017");
  EXPECT_EQ(ScaledLabel(-15, "count", "count"), "-15");
  std::string unit = "x";
  EXPECT_EQ(ScaleValue(12, "count", "minimum", &unit), 12);
  EXPECT_EQ(unit, "");
}

TEST(ScaleValue, MinimumUnit) {
  std::string unit;
  EXPECT_DOUBLE_EQ(ScaleValue(2048, "bytes", "minimum", &unit), 2);
  EXPECT_EQ(unit, "kB");
  EXPECT_DOUBLE_EQ(ScaleValue(0, "bytes", "minimum", &unit), 0);
  EXPECT_EQ(unit, "B");
  EXPECT_DOUBLE_EQ(ScaleValue(2000000000, "nanoseconds", "minimum", &unit), 2);
  EXPECT_EQ(unit, "s");
}

TEST(Percentage, PprofFormats) {
  EXPECT_EQ(Percentage(50, 100), "50.00%");
  EXPECT_EQ(Percentage(5, 100), " 5.00%");
  EXPECT_EQ(Percentage(100, 100), "  100%");
  EXPECT_EQ(Percentage(9996, 10000), "  100%");
  EXPECT_EQ(Percentage(0, 100), "    0%");
  EXPECT_EQ(Percentage(78, 100000), "0.078%");
  EXPECT_EQ(Percentage(-8, 37), "21.62%");  // absolute value
  EXPECT_EQ(Percentage(1, 100000000), "1e-06%");
  EXPECT_EQ(Percentage(3, 0), "    0%");
}

}  // namespace
}  // namespace pprof
