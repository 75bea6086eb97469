#include "common/flame/count_units.h"

#include <gtest/gtest.h>

namespace flame {
namespace {

TEST(CountUnitsTest, CountNamesWithUnits) {
  EXPECT_EQ(ParseCountUnit("bytes"), CountUnit::kBytes);
  EXPECT_EQ(ParseCountUnit("nanoseconds"), CountUnit::kNanoseconds);
  EXPECT_EQ(ParseCountUnit("ms"), CountUnit::kMilliseconds);
  EXPECT_EQ(ParseCountUnit("samples"), CountUnit::kPlain);
  EXPECT_EQ(ParseCountUnit("objects"), CountUnit::kPlain);
  EXPECT_EQ(ParseCountUnit("goroutines"), CountUnit::kPlain);
}

TEST(CountUnitsTest, Bytes) {
  EXPECT_EQ(FormatAmount(0, CountUnit::kBytes), "0 B");
  EXPECT_EQ(FormatAmount(512, CountUnit::kBytes), "512 B");
  EXPECT_EQ(FormatAmount(1024, CountUnit::kBytes), "1 KiB");
  EXPECT_EQ(FormatAmount(524288, CountUnit::kBytes), "512 KiB");
  EXPECT_EQ(FormatAmount(1593835, CountUnit::kBytes), "1.52 MiB");
  EXPECT_EQ(FormatAmount(25028565, CountUnit::kBytes), "23.87 MiB");
  EXPECT_EQ(FormatAmount(1073741824, CountUnit::kBytes), "1 GiB");
  EXPECT_EQ(FormatAmount(1048575.9, CountUnit::kBytes), "1 MiB");
  EXPECT_EQ(FormatAmount(-2048, CountUnit::kBytes), "-2 KiB");
  EXPECT_EQ(FormatAmount(1e18, CountUnit::kBytes), "888.18 PiB");
}

TEST(CountUnitsTest, Time) {
  EXPECT_EQ(FormatAmount(5160000000, CountUnit::kNanoseconds), "5.16 s");
  EXPECT_EQ(FormatAmount(10000000, CountUnit::kNanoseconds), "10 ms");
  EXPECT_EQ(FormatAmount(1500, CountUnit::kNanoseconds), "1.5 us");
  EXPECT_EQ(FormatAmount(999, CountUnit::kNanoseconds), "999 ns");
  EXPECT_EQ(FormatAmount(90e9, CountUnit::kNanoseconds), "1.5 min");
  EXPECT_EQ(FormatAmount(7200e9, CountUnit::kNanoseconds), "2 h");
  EXPECT_EQ(FormatAmount(2.5, CountUnit::kSeconds), "2.5 s");
  EXPECT_EQ(FormatAmount(250, CountUnit::kMilliseconds), "250 ms");
  EXPECT_EQ(FormatAmount(1.0 / 0.0, CountUnit::kBytes), "?");
}

}  // namespace
}  // namespace flame
