// The SVG's number printing equals std::to_chars byte for byte, including
// exact ties, negative zero and values past the fast paths.
#include "common/flame/svg_numbers.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace {

std::string ToCharsFixed(double v, int decimals, double* printed) {
  char buf[400];
  auto r = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed,
                         decimals);
  std::from_chars(buf, r.ptr, *printed);
  return std::string(buf, r.ptr);
}

std::string ToCharsShortest(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, r.ptr);
}

// Values on every fast path and its edges.
std::vector<double> Samples() {
  std::vector<double> v = {
      0.0,    -0.0,   0.05,    0.15,  0.25,   0.35,   2.5,       3.5,
      -2.5,   -0.04,  0.125,   0.375, 1.0005, 1.0015, 99999,     100000,
      1e5,    9999.5, 10000.5, 1e12,  -1e12,  1e15,   123456789, 0.1 + 0.2,
      1e-300, 1e300,  -1e300,  4.35,  1.005,  2.675};
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> px(0, 1200);
  std::uniform_int_distribution<int> tenths(0, 20000);
  for (int i = 0; i < 20000; ++i) {
    v.push_back(px(rng));
    v.push_back(-px(rng));
    v.push_back(tenths(rng) / 20.0);  // halves, quarters, ties
    v.push_back(tenths(rng) * 0.05);
    v.push_back(std::ldexp(static_cast<double>(rng() >> 11), -40));
  }
  return v;
}

TEST(SvgNumbersTest, FixedEqualsToChars) {
  for (double v : Samples()) {
    for (int d = 0; d <= 3; ++d) {
      double want = 0;
      const std::string expected = ToCharsFixed(v, d, &want);
      std::string got;
      const double printed = flame::AppendFixed(v, d, &got);
      ASSERT_EQ(got, expected) << v << " with " << d << " decimals";
      ASSERT_EQ(printed, want) << v;
      ASSERT_EQ(std::signbit(printed), std::signbit(want)) << v;
    }
  }
}

TEST(SvgNumbersTest, ShortestEqualsToChars) {
  for (double v : Samples()) {
    std::string got;
    flame::AppendNumber(v, &got);
    ASSERT_EQ(got, ToCharsShortest(v)) << v;
  }
}

TEST(SvgNumbersTest, CountsGetSeparatorsAndShortDecimals) {
  auto count = [](double v) {
    std::string s;
    flame::AppendCount(v, &s);
    return s;
  };
  EXPECT_EQ(count(0), "0");
  EXPECT_EQ(count(1234567), "1,234,567");
  EXPECT_EQ(count(-1234.5), "-1,234.5");
  EXPECT_EQ(count(0.1 + 0.2), "0.3");
  EXPECT_EQ(count(12.0625), "12.062");  // three decimals, ties to even
  EXPECT_EQ(count(2.5e20), "2.5e+20");
  EXPECT_EQ(count(std::numeric_limits<double>::infinity()), "inf");
}

}  // namespace
