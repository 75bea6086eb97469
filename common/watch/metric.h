#ifndef COMMON_WATCH_METRIC_H_
#define COMMON_WATCH_METRIC_H_

// The metrics spikewatch samples, and how each one's values are written:
// counts (goroutines, threads), percent of one core (cpu), bytes (rss,
// heap).

#include <string>
#include <string_view>

namespace watch {

enum class Metric { kGoroutines, kThreads, kRss, kCpu, kHeap };
constexpr int kMetricCount = 5;

// "goroutines", "threads", "rss", "cpu", "heap".
std::string_view MetricName(Metric m);
bool ParseMetric(std::string_view name, Metric* out);
// "goroutines, threads, rss, cpu, heap" (help and messages).
std::string MetricList();

enum class Unit { kCount, kPercent, kBytes };
Unit MetricUnit(Metric m);

// Parses a value of `m`'s unit: "1500" (count), "80" or "80%" (cpu),
// "512MiB", "2G", "1.5GiB", "4096" (bytes; K/M/G/T and KiB... are powers of
// 1024, kB/MB/GB/TB of 1000). Returns false for anything else.
bool ParseValue(Metric m, std::string_view text, double* out);

// The value as spikewatch prints it: "1500", "85.3%", "512.0MiB".
std::string FormatValue(Metric m, double value);

}  // namespace watch

#endif  // COMMON_WATCH_METRIC_H_
