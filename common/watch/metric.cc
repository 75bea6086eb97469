#include "common/watch/metric.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace watch {
namespace {

constexpr std::string_view kNames[kMetricCount] = {"goroutines", "threads",
                                                   "rss", "cpu", "heap"};

// A plain non-negative decimal number ("12", "0.5"); false for anything else.
bool ParseNumber(std::string_view text, double* out) {
  if (text.empty() || text[0] == '-' || text[0] == '+') return false;
  const char* end = text.data() + text.size();
  auto [p, ec] =
      std::from_chars(text.data(), end, *out, std::chars_format::fixed);
  return ec == std::errc() && p == end && std::isfinite(*out);
}

// The multiplier of a byte suffix, 0 when unknown.
double ByteSuffix(std::string_view s) {
  struct Suffix {
    std::string_view name;
    double factor;
  };
  static const Suffix kSuffixes[] = {{"", 1},
                                     {"B", 1},
                                     {"K", 1024.0},
                                     {"KiB", 1024.0},
                                     {"k", 1024.0},
                                     {"kB", 1e3},
                                     {"KB", 1e3},
                                     {"M", 1048576.0},
                                     {"MiB", 1048576.0},
                                     {"MB", 1e6},
                                     {"G", 1073741824.0},
                                     {"GiB", 1073741824.0},
                                     {"GB", 1e9},
                                     {"T", 1099511627776.0},
                                     {"TiB", 1099511627776.0},
                                     {"TB", 1e12}};
  for (const Suffix& x : kSuffixes) {
    if (x.name == s) return x.factor;
  }
  return 0;
}

}  // namespace

std::string_view MetricName(Metric m) { return kNames[static_cast<int>(m)]; }

bool ParseMetric(std::string_view name, Metric* out) {
  for (int i = 0; i < kMetricCount; ++i) {
    if (kNames[i] == name) {
      *out = static_cast<Metric>(i);
      return true;
    }
  }
  return false;
}

std::string MetricList() {
  std::string s;
  for (int i = 0; i < kMetricCount; ++i) {
    if (i > 0) s += ", ";
    s += kNames[i];
  }
  return s;
}

Unit MetricUnit(Metric m) {
  switch (m) {
    case Metric::kGoroutines:
    case Metric::kThreads:
      return Unit::kCount;
    case Metric::kCpu:
      return Unit::kPercent;
    case Metric::kRss:
    case Metric::kHeap:
      return Unit::kBytes;
  }
  return Unit::kCount;
}

bool ParseValue(Metric m, std::string_view text, double* out) {
  switch (MetricUnit(m)) {
    case Unit::kCount:
      return ParseNumber(text, out);
    case Unit::kPercent:
      if (!text.empty() && text.back() == '%') text.remove_suffix(1);
      return ParseNumber(text, out);
    case Unit::kBytes: {
      size_t digits = 0;
      while (digits < text.size() &&
             ((text[digits] >= '0' && text[digits] <= '9') ||
              text[digits] == '.')) {
        ++digits;
      }
      const double factor = ByteSuffix(text.substr(digits));
      if (factor == 0 || !ParseNumber(text.substr(0, digits), out)) {
        return false;
      }
      *out *= factor;
      return true;
    }
  }
  return false;
}

std::string FormatValue(Metric m, double value) {
  char buf[64];
  switch (MetricUnit(m)) {
    case Unit::kCount:
      if (value == std::floor(value) && value < 1e15) {
        std::snprintf(buf, sizeof buf, "%.0f", value);
      } else {
        std::snprintf(buf, sizeof buf, "%.1f", value);
      }
      break;
    case Unit::kPercent:
      std::snprintf(buf, sizeof buf, "%.1f%%", value);
      break;
    case Unit::kBytes: {
      static const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
      int u = 0;
      while (u < 4 && value >= 1024) {
        value /= 1024;
        ++u;
      }
      if (u == 0) {
        std::snprintf(buf, sizeof buf, "%.0fB", value);
      } else {
        std::snprintf(buf, sizeof buf, "%.1f%s", value, kUnits[u]);
      }
      break;
    }
  }
  return buf;
}

}  // namespace watch
