#include "common/flame/count_units.h"

#include <cmath>
#include <cstdio>

namespace flame {
namespace {

struct Step {
  double size;  // in the base unit
  const char* name;
};

constexpr Step kBytes[] = {
    {1, "B"},
    {1024.0, "KiB"},
    {1024.0 * 1024, "MiB"},
    {1024.0 * 1024 * 1024, "GiB"},
    {1024.0 * 1024 * 1024 * 1024, "TiB"},
    {1024.0 * 1024 * 1024 * 1024 * 1024, "PiB"},
};
constexpr Step kTimes[] = {
    {1, "ns"},  {1e3, "us"},   {1e6, "ms"},
    {1e9, "s"}, {60e9, "min"}, {3600e9, "h"},
};

// "1.52", "512", "1.5": two decimals, trailing zeros dropped.
std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  std::string s(buf);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

template <size_t N>
std::string Scale(double v, const Step (&steps)[N]) {
  const double a = std::fabs(v);
  size_t i = 0;
  // The largest unit the value reaches, once rounded ("1023.999 B" is
  // "1 KiB", not "1024 B").
  while (i + 1 < N && a >= steps[i + 1].size * 0.999995) ++i;
  std::string s = Number(a / steps[i].size);
  if (s == "0") return "0 " + std::string(steps[0].name);
  return (v < 0 ? "-" : "") + s + " " + steps[i].name;
}

}  // namespace

CountUnit ParseCountUnit(std::string_view n) {
  if (n == "bytes" || n == "B" || n == "byte") return CountUnit::kBytes;
  if (n == "nanoseconds" || n == "ns") return CountUnit::kNanoseconds;
  if (n == "microseconds" || n == "us") return CountUnit::kMicroseconds;
  if (n == "milliseconds" || n == "ms") return CountUnit::kMilliseconds;
  if (n == "seconds" || n == "s") return CountUnit::kSeconds;
  return CountUnit::kPlain;
}

std::string FormatAmount(double value, CountUnit unit) {
  if (!std::isfinite(value)) return "?";
  switch (unit) {
    case CountUnit::kBytes:
      return Scale(value, kBytes);
    case CountUnit::kMicroseconds:
      return Scale(value * 1e3, kTimes);
    case CountUnit::kMilliseconds:
      return Scale(value * 1e6, kTimes);
    case CountUnit::kSeconds:
      return Scale(value * 1e9, kTimes);
    case CountUnit::kNanoseconds:
    case CountUnit::kPlain:
    default:
      return Scale(value, kTimes);
  }
}

}  // namespace flame
