#ifndef COMMON_WATCH_SAMPLER_H_
#define COMMON_WATCH_SAMPLER_H_

// One sample of the target: only what the rules need. From the service's
// pprof index (goroutines, and threads when there is no --pid), its heap
// (expvar /debug/vars, else heap?debug=1 read in constant memory) and
// /proc/PID (threads, rss, cpu).

#include <cstdint>
#include <string>

#include "common/watch/config.h"
#include "common/watch/http_client.h"
#include "common/watch/metric.h"
#include "common/watch/proc_stats.h"

namespace watch {

struct SampleResult {
  bool has[kMetricCount] = {};
  double value[kMetricCount] = {};
  std::string url_error;  // the service did not answer (empty: it did)
  std::string pid_error;  // /proc/PID could not be read
  uint64_t requests = 0;  // what this sample cost: HTTP requests,
  uint64_t bytes = 0;     // bytes read (HTTP bodies and /proc files)
  uint64_t proc_reads = 0;
};

class Sampler {
 public:
  Sampler(const WatchConfig& config, HttpClient* http);

  // Takes a sample at `seconds` (a monotonic clock; cpu needs two samples).
  SampleResult Take(double seconds);

  // Forget the previous CPU reading (the process was restarted).
  void Reset() { has_prev_cpu_ = false; }

 private:
  void SampleService(SampleResult* r);
  void SampleHeap(SampleResult* r);
  void SampleProc(double seconds, SampleResult* r);
  bool Wants(Metric m) const { return wants_[static_cast<int>(m)]; }

  const WatchConfig& config_;
  HttpClient* http_;
  bool wants_[kMetricCount] = {};
  enum class HeapSource {
    kUnknown,
    kExpvar,
    kDebugHeap
  } heap_source_ = HeapSource::kUnknown;
  bool has_prev_cpu_ = false;
  uint64_t prev_ticks_ = 0;
  double prev_seconds_ = 0;
};

}  // namespace watch

#endif  // COMMON_WATCH_SAMPLER_H_
